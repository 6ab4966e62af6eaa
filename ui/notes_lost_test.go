package ui

import (
	"strings"
	"testing"

	"huibian/app/notes"
	"huibian/app/notes/notestest"
)

// TestPanelTellsOfALostText: the notes' texts are read when the panel
// shows them, not when the window opens; a text damaged with no backup to
// repair it from is then reported in a dialog, and its note listed as
// having lost its text.
func TestPanelTellsOfALostText(t *testing.T) {
	dir := t.TempDir()
	c := seedCompilation(t)
	svc, err := notes.Open(dir, singleComp{c}, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n11, _ := c.ResolveString("1.1")
	n12, _ := c.ResolveString("1.2")
	lost, err := svc.AddNote(c, n11, notes.NoteInput{Text: "会被改坏的正文"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddNote(c, n12, notes.NoteInput{Text: "完好的正文"}); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	if err := notestest.DamageText(dir, lost.ID); err != nil {
		t.Fatal(err)
	}

	w, u := newNotesWindow(t, dir)
	if shown := overlayLabels(w); shown != "" {
		t.Fatalf("a dialog before the texts were read:\n%s", shown)
	}
	action(t, w, actNotesPanel)
	var got []string
	for _, n := range u.notesPanel.shown {
		got = append(got, n.Address+"/"+n.Text+"/"+map[bool]string{true: "缺", false: "全"}[n.TextMissing()])
	}
	if want := "1.1//缺 1.2/完好的正文/全"; strings.Join(got, " ") != want {
		t.Errorf("panel rows = %q, want %q", strings.Join(got, " "), want)
	}
	if shown := overlayLabels(w); !strings.Contains(shown, "笔记 "+lost.ID+" 的正文已损坏") {
		t.Errorf("no dialog about the damaged text:\n%s", shown)
	}
}
