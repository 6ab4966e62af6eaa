package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"huibian/app/notes"
)

func TestNoteEditorCap(t *testing.T) {
	w, u := newNotesWindow(t, "")
	f := u.showNoteDialog(w.Current(), nil, "")
	if f.long != nil {
		t.Fatal("a new note opens the read view")
	}
	// The editor the dialog shows is the capped one.
	var te *cappedEntry
	walk(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*cappedEntry); ok && &e.Entry == f.text {
			te = e
		}
	})
	if te == nil {
		t.Fatal("the note editor is not capped")
	}
	long := strings.Repeat("网络舆情处置体系。\n", 2000) // 20,000 characters
	te.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &fakeClipboard{long}})
	if n := utf8.RuneCountInString(f.text.Text); n != noteEditorMax {
		t.Errorf("pasted %d characters, editor holds %d, want %d", utf8.RuneCountInString(long), n, noteEditorMax)
	}
	if !strings.Contains(f.count.Text, "已截断") {
		t.Errorf("count %q does not say the paste was cut", f.count.Text)
	}
	te.TypedRune('字')
	if n := utf8.RuneCountInString(f.text.Text); n != noteEditorMax {
		t.Errorf("typed past the cap: %d", n)
	}
}

func TestLongNoteReadView(t *testing.T) {
	w, u := newNotesWindow(t, "")
	n := w.Current()
	text := strings.Repeat("网络舆情处置体系建设，要抓早抓小。", 1500) + "\n第二段。" // 25,000 characters
	note, err := u.svc.AddNote(w.comp, n, notes.NoteInput{Text: text, Color: notes.Blue})
	if err != nil {
		t.Fatal(err)
	}
	f := u.showNoteDialog(n, &note, "")
	if f.long == nil {
		t.Fatal("a note of 25,000 characters opens in the editor")
	}
	if f.text.Text != "" {
		t.Error("the long text went into the editor")
	}
	if got := strings.Join(f.long.rows, ""); got != strings.ReplaceAll(text, "\n", "") {
		t.Error("the read view's rows do not hold the text")
	}
	for _, r := range f.long.rows {
		if utf8.RuneCountInString(r) > longNoteChunk {
			t.Fatalf("row of %d characters", utf8.RuneCountInString(r))
		}
	}
	// Saving without a change keeps the text; a change from the plain
	// editor is saved.
	test.Tap(f.save)
	if got, _ := u.svc.Note(note.ID); got.Text != text {
		t.Error("saving the long note changed its text")
	}
	f = u.showNoteDialog(n, &note, "")
	edited := text + "补充一句。"
	f.long.setText(edited)
	f.long.changed(edited)
	test.Tap(f.save)
	if got, _ := u.svc.Note(note.ID); got.Text != edited {
		t.Errorf("edited long note not saved (%d characters)", utf8.RuneCountInString(got.Text))
	}
}
