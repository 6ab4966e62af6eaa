package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"huibian/app/notes"
)

// TestNotesAndSearchExtension: the notes already in the data directory
// reach the search index without any change or search (searchDelay after
// they attach), and a note added later reaches it too.
func TestNotesAndSearchExtension(t *testing.T) {
	dir := t.TempDir()
	c := seedCompilation(t)
	svc, err := notes.Open(dir, singleComp{c}, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := c.ResolveString("2.1")
	if _, err := svc.AddNote(c, n, notes.NoteInput{Text: "启动前就有的批注词"}); err != nil {
		t.Fatal(err)
	}
	svc.Close()

	a := test.NewTempApp(t)
	w := NewWindow(a, c, Options{DataDir: dir})
	w.win.Show()
	defer w.win.Close()
	s, err := attachNotesAndSearch(w)
	if err != nil {
		t.Fatal(err)
	}
	waitExtra := func(text, addr string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			for _, e := range s.Index().Extras() {
				if strings.Contains(e.Text, text) && e.Address == addr {
					return
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("%q on %s never reached the search index", text, addr)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitExtra("启动前就有的批注词", "2.1")

	var u *NotesUI
	for deadline := time.Now().Add(10 * time.Second); u == nil; time.Sleep(20 * time.Millisecond) {
		fyne.DoAndWait(func() { u, _ = w.annotator.(*NotesUI) })
		if time.Now().After(deadline) {
			t.Fatal("the notes never attached")
		}
	}
	n, _ = c.ResolveString("3.3")
	fyne.DoAndWait(func() {
		if _, err := u.svc.AddNote(c, n, notes.NoteInput{Text: "后来添加的批注词"}); err != nil {
			t.Error(err)
		}
		u.changed()
	})
	waitExtra("后来添加的批注词", "3.3")
}
