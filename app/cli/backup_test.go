package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/app/notes"
)

func TestBackupCommands(t *testing.T) {
	dir := t.TempDir()
	for _, text := range []string{"第一条", "第二条"} {
		if code, _, errs := notesCLI(t, dir, "note", "add", "1.1", text); code != 0 {
			t.Fatalf("note add: %s", errs)
		}
	}
	if code, _, errs := notesCLI(t, dir, "bookmark", "add", "2"); code != 0 {
		t.Fatalf("bookmark add: %s", errs)
	}
	code, out, errs := notesCLI(t, dir, "backup", "now")
	if code != 0 || !strings.Contains(out, "已备份到") {
		t.Fatalf("backup now: %d %s %s", code, out, errs)
	}
	code, out, _ = notesCLI(t, dir, "note", "ls", "--json")
	var ls struct{ Notes []notes.Note }
	if code != 0 || json.Unmarshal([]byte(out), &ls) != nil || len(ls.Notes) != 2 {
		t.Fatalf("note ls: %d %s", code, out)
	}
	for _, n := range ls.Notes {
		if code, _, errs := notesCLI(t, dir, "note", "rm", n.ID); code != 0 {
			t.Fatalf("note rm: %s", errs)
		}
	}

	code, out, errs = notesCLI(t, dir, "backup", "ls", "--json")
	var bl struct{ Backups []notes.BackupInfo }
	if code != 0 || json.Unmarshal([]byte(out), &bl) != nil || len(bl.Backups) == 0 {
		t.Fatalf("backup ls --json: %d %s %s", code, out, errs)
	}
	newest := bl.Backups[0]
	if newest.Notes != 2 || newest.Bookmarks != 1 || newest.Time.IsZero() {
		t.Errorf("newest backup %+v, want 2 notes and 1 bookmark", newest)
	}
	code, out, _ = notesCLI(t, dir, "backup", "ls")
	if code != 0 || !strings.Contains(out, newest.Name) || !strings.Contains(out, "笔记 2 条，书签 1 个") {
		t.Errorf("backup ls: %d %s", code, out)
	}

	code, out, errs = notesCLI(t, dir, "backup", "restore", newest.Name)
	if code != 0 || !strings.Contains(out, "笔记 2 条，书签 1 个") || !strings.Contains(out, "另存为") {
		t.Fatalf("backup restore: %d %s %s", code, out, errs)
	}
	if code, out, _ = notesCLI(t, dir, "note", "ls", "--json"); code != 0 || json.Unmarshal([]byte(out), &ls) != nil || len(ls.Notes) != 2 {
		t.Errorf("notes after restore: %s", out)
	}
	if code, _, errs = notesCLI(t, dir, "backup", "restore", "userdata-nonsense.bak.gz"); code != 1 || !strings.Contains(errs, "不是备份文件名") {
		t.Errorf("restore of an unknown name: %d %s", code, errs)
	}
}

// TestBackupFailureWarning: a backup that cannot be written leaves the
// change saved, and the command says so.
func TestBackupFailureWarning(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := notesCLI(t, dir, "info"); code != 0 {
		t.Fatal(errs)
	}
	bdir := filepath.Join(dir, "backups")
	os.RemoveAll(bdir)
	os.WriteFile(bdir, []byte("a file where the backups go"), 0o600)
	code, out, errs := notesCLI(t, dir, "note", "add", "1.1", "备份会失败")
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("note add with failing backups: %d %s %s", code, out, errs)
	}
	if !strings.Contains(errs, "自动备份失败") || !strings.Contains(errs, bdir) {
		t.Errorf("no backup warning: %q", errs)
	}
}

// TestSubcommandHelp: note --help and bookmark --help print help and exit 0.
func TestSubcommandHelp(t *testing.T) {
	for _, cmd := range []string{"note", "bookmark", "backup"} {
		code, out, errs := notesCLI(t, t.TempDir(), cmd, "--help")
		if code != 0 || !strings.Contains(out, "用法：huibian [--data 目录] "+cmd) || errs != "" {
			t.Errorf("%s --help: %d %q %q", cmd, code, out, errs)
		}
	}
}

// TestCommandsBesideWindow: while another holder (the window) has the data
// files open, read commands work and write commands fail within a second
// with a clear message.
func TestCommandsBesideWindow(t *testing.T) {
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	c, _ := lib.Builtin()
	win, err := notes.Open(dir, lib, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer win.Close()
	n, _ := c.ResolveString("5.6")
	if _, err := win.AddNote(c, n, notes.NoteInput{Text: "窗口中的笔记"}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"note", "ls"}, {"bookmark", "ls"}, {"export", "--format", "md"}, {"show", "5.6"},
		{"search", "意识形态"}, {"info"}, {"backup", "ls"},
	} {
		code, out, errs := notesCLI(t, dir, args...)
		if code != 0 {
			t.Errorf("%v beside the window: %d %s", args, code, errs)
		}
		if args[0] == "note" && !strings.Contains(out, "窗口中的笔记") {
			t.Errorf("note ls beside the window misses the window's note: %s", out)
		}
	}
	start := time.Now()
	code, _, errs := notesCLI(t, dir, "note", "add", "1.1", "命令行的笔记")
	if code != 1 || !strings.Contains(errs, "另一个汇编阅读器") || !strings.Contains(errs, "只读的命令") {
		t.Errorf("note add beside the window: %d %s", code, errs)
	}
	// lockTimeout is 800 ms; the bound leaves room for a loaded machine
	// and still fails if the wait were bbolt's (forever).
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refused write took %v, want about lockTimeout (%v)", d, lockTimeout)
	}
}

// TestIsCommand: "huibian FILE" opens the window on FILE unless FILE is a
// command's name.
func TestIsCommand(t *testing.T) {
	for name, want := range map[string]bool{"note": true, "backup": true, "help": true, "通知.txt": false, "": false} {
		if IsCommand(name) != want {
			t.Errorf("IsCommand(%q) = %v", name, !want)
		}
	}
}
