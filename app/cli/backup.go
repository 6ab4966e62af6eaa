package cli

import (
	"flag"
	"fmt"

	"huibian/app/notes"
)

// backupCommand lists and restores the backups of the notes and bookmarks
// (the window's 文件 › 从备份恢复… does the same through notes.Service).
var backupCommand = Command{"backup", "ls [--json] | restore NAME | now", "备份:ls 列出笔记备份(时间、笔记数、书签数) · restore NAME 从备份恢复(当前文件先另存) · now 立即备份", cmdBackup}

func cmdBackup(env *Env, args []string) error {
	if len(args) == 0 {
		return usageError{"backup 需要子命令:ls、restore 或 now"}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "ls":
		var asJSON bool
		pos, err := flags("backup ls", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "") })
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageError{"用法:backup ls [--json]"}
		}
		svc, _, err := openNotesRead(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		list, err := svc.Backups()
		if err != nil {
			return err
		}
		if asJSON {
			out := struct {
				Backups []notes.BackupInfo `json:"backups"`
			}{Backups: list}
			if out.Backups == nil {
				out.Backups = []notes.BackupInfo{}
			}
			return writeJSON(env.Stdout, out)
		}
		if len(list) == 0 {
			fmt.Fprintln(env.Stdout, "还没有备份。")
			return nil
		}
		for _, b := range list {
			line := fmt.Sprintf("%s  %s  笔记 %d 条,书签 %d 个,%s", b.Name, b.Time.Local().Format("2006-01-02 15:04:05"), b.Notes, b.Bookmarks, sizeText(b.Size))
			if b.Problem != "" {
				line = fmt.Sprintf("%s  %s  〔无法读取:%s〕", b.Name, b.Time.Local().Format("2006-01-02 15:04:05"), b.Problem)
			}
			fmt.Fprintln(env.Stdout, line)
		}
		return nil
	case "restore":
		pos, err := flags("backup restore", args, func(*flag.FlagSet) {})
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"用法:backup restore NAME(NAME 见 backup ls)"}
		}
		svc, _, err := openNotes(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		kept, err := svc.RestoreBackup(pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "已从备份 %s 恢复:笔记 %d 条,书签 %d 个。恢复前的文件已另存为 %s\n", pos[0], svc.NoteCount(), len(svc.Bookmarks(notes.ByTime)), kept)
		return nil
	case "now":
		if len(args) > 0 {
			return usageError{"用法:backup now"}
		}
		svc, _, err := openNotes(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		p, err := svc.BackupNow()
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "已备份到 %s\n", p)
		return nil
	}
	return usageError{fmt.Sprintf("backup 没有“%s”这个子命令:应为 ls、restore 或 now", sub)}
}

// sizeText words a byte count.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
