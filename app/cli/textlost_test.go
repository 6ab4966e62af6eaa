package cli

import (
	"strings"
	"testing"

	"huibian/app/notes/notestest"
)

// TestNoteWithDamagedText: a note whose text was damaged, with no backup
// to repair it from, is still listed by note ls, saying its text is lost,
// and the damage is reported once; a new text can be written (the window
// and the notes package refuse a colour change alone, which would save the
// note without its text: TestDamagedNoteRepaired).
func TestNoteWithDamagedText(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := notesCLI(t, dir, "note", "add", "1.1", "会被改坏的正文")
	if code != 0 {
		t.Fatalf("note add: %d %s", code, errs)
	}
	id := strings.TrimSpace(out)
	if code, _, errs := notesCLI(t, dir, "note", "add", "1.2", "完好的正文"); code != 0 {
		t.Fatalf("note add: %d %s", code, errs)
	}
	if err := notestest.DamageText(dir, id); err != nil {
		t.Fatal(err)
	}

	code, out, errs = notesCLI(t, dir, "note", "ls")
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "〔正文已损坏，无法读取〕") || !strings.Contains(out, "完好的正文") {
		t.Errorf("note ls: %d\n%s", code, out)
	}
	if strings.Count(errs, "笔记 "+id+" 的正文已损坏") != 1 {
		t.Errorf("note ls should report the damaged text once:\n%s", errs)
	}
	if code, _, errs := notesCLI(t, dir, "note", "edit", id, "重新写的正文"); code != 0 {
		t.Errorf("new text: %d %s", code, errs)
	}
	if _, out, _ := notesCLI(t, dir, "note", "ls"); !strings.Contains(out, "重新写的正文") || strings.Contains(out, "无法读取") {
		t.Errorf("after the new text:\n%s", out)
	}
}
