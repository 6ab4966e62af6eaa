package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/notes"
	"huibian/app/settings"
)

// overlayLabels is the text of every label in the window's top overlay
// (an open dialog), joined by newlines.
func overlayLabels(w *Window) string {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var out []string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return strings.Join(out, "\n")
}

func TestRestoreBackupFromWindow(t *testing.T) {
	w, u := newNotesWindow(t, "")
	for _, a := range []string{"1.1", "2.3", "3.5"} {
		addr, err := model.ParseAddress(a)
		if err != nil {
			t.Fatal(err)
		}
		n, err := w.comp.Resolve(addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := u.svc.AddNote(w.comp, n, notes.NoteInput{Text: "备份测试 " + a}); err != nil {
			t.Fatal(err)
		}
	}
	action(t, w, actBackupNow)
	if !strings.HasPrefix(w.status.Text, "已备份到 ") {
		t.Fatalf("status after 立即备份笔记 = %q", w.status.Text)
	}
	for _, n := range u.svc.Notes(notes.Filter{}) {
		if _, err := u.svc.DeleteNote(n.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got := u.svc.NoteCount(); got != 0 {
		t.Fatalf("%d notes left after deleting all", got)
	}

	action(t, w, actRestoreBackup)
	shown := overlayLabels(w)
	if !strings.Contains(shown, "当前：笔记 0 条") || !strings.Contains(shown, "笔记 3 条，书签 0 个") {
		t.Fatalf("backups dialog shows:\n%s", shown)
	}

	list, err := u.svc.Backups()
	if err != nil || len(list) == 0 {
		t.Fatalf("backups: %v, %v", list, err)
	}
	var newest notes.BackupInfo
	for _, b := range list {
		if b.Notes == 3 {
			newest = b
			break
		}
	}
	u.restoreBackup(newest)
	if got := u.svc.NoteCount(); got != 3 {
		t.Fatalf("after restore: %d notes, want 3", got)
	}
	if !strings.Contains(w.status.Text, "笔记 3 条") {
		t.Errorf("status after restore = %q", w.status.Text)
	}
	if !strings.Contains(overlayLabels(w), "原来的文件已另存为") {
		t.Errorf("restore does not say where the replaced file went:\n%s", overlayLabels(w))
	}
	if m := u.markers; len(m) == 0 {
		t.Error("tree markers not refreshed after restore")
	}
}

func TestBackupWarningOncePerSession(t *testing.T) {
	test.NewTempApp(t) // fyne.Do needs a running app
	shown := 0
	b := &backupWarner{show: func(string) { shown++ }}
	b.warn("")
	for range 3 {
		b.warn("自动备份失败")
	}
	if shown != 1 {
		t.Errorf("warning shown %d times, want once", shown)
	}
}

func TestSettingsLiveInDataDir(t *testing.T) {
	dir := t.TempDir()
	a := test.NewTempApp(t)
	a.Preferences().SetFloat(prefTextSize, 17) // a version-1 user's Fyne preference
	st, err := settings.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	adoptFynePrefs(st, a.Preferences())
	w := NewWindow(a, seedCompilation(t), Options{DataDir: dir, Prefs: st})
	if got := w.TextSize(); got != 17 {
		t.Errorf("text size from the adopted preference = %v, want 17", got)
	}
	w.StepTextSize(1)
	w.SaveState()
	w.win.Close()
	fi, err := os.Stat(filepath.Join(dir, settings.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("settings.json mode %v, want 0600", fi.Mode().Perm())
	}
	again, err := settings.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Float(prefTextSize); got != 18 {
		t.Errorf("stored text size %v, want 18", got)
	}
	// Adopting happens once: a later Fyne value does not overwrite.
	a.Preferences().SetFloat(prefTextSize, 12)
	adoptFynePrefs(again, a.Preferences())
	if got := again.Float(prefTextSize); got != 18 {
		t.Errorf("text size after a second adopt = %v, want 18", got)
	}
}
