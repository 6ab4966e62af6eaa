package cli

import (
	"fmt"

	"huibian/app/notes"
)

// backupCommand lists and restores the backups of the notes and bookmarks
// (the window's 文件 › 从备份恢复… does the same through notes.Service).
var backupCommand = command{name: "backup", usage: "ls [--json] | restore NAME | now",
	summary: "备份：ls 列出笔记备份（时间、笔记数、书签数） · restore NAME 从备份恢复（当前文件先另存） · now 立即备份",
	noSub:   "backup 需要子命令：ls、restore 或 now", unknownSub: "backup 没有“%s”这个子命令：应为 ls、restore 或 now",
	subs: []command{
		{name: "ls", flags: []flagDef{boolFlag("json")}, argsErr: "用法：backup ls [--json]", needs: needNotes, run: runBackupLs},
		{name: "restore", args: exactArgs(1), argsErr: "用法：backup restore NAME(NAME 见 backup ls)", needs: needWrite, run: runBackupRestore},
		{name: "now", argsErr: "用法：backup now", needs: needWrite, run: runBackupNow},
	}}

func runBackupLs(x *call) error {
	list, err := x.notes.Backups()
	if err != nil {
		return err
	}
	if x.bool("json") {
		out := struct {
			Backups []notes.BackupInfo `json:"backups"`
		}{Backups: list}
		if out.Backups == nil {
			out.Backups = []notes.BackupInfo{}
		}
		return writeJSON(x.Stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(x.Stdout, "还没有备份。")
		return nil
	}
	for _, b := range list {
		line := fmt.Sprintf("%s  %s  笔记 %d 条，书签 %d 个，%s", b.Name, b.Time.Local().Format("2006-01-02 15:04:05"), b.Notes, b.Bookmarks, sizeText(b.Size))
		if b.Problem != "" {
			line = fmt.Sprintf("%s  %s  〔无法读取：%s〕", b.Name, b.Time.Local().Format("2006-01-02 15:04:05"), b.Problem)
		}
		fmt.Fprintln(x.Stdout, line)
	}
	return nil
}

func runBackupRestore(x *call) error {
	kept, err := x.notes.RestoreBackup(x.args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(x.Stdout, "已从备份 %s 恢复：笔记 %d 条，书签 %d 个。恢复前的文件已另存为 %s\n", x.args[0], x.notes.NoteCount(), len(x.notes.Bookmarks(notes.ByTime)), kept)
	return nil
}

func runBackupNow(x *call) error {
	p, err := x.notes.BackupNow()
	if err != nil {
		return err
	}
	fmt.Fprintf(x.Stdout, "已备份到 %s\n", p)
	return nil
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
