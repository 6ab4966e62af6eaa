package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"huibian/app/model"
	"huibian/app/notes"
)

// Deleting a note (its dialog's 删除) or a bookmark offers 撤销 in the
// status line; the button restores it and goes away, and the next message
// removes an unused button.
func TestDeleteOffersUndoButton(t *testing.T) {
	w, u := newNotesWindow(t, "")
	n, err := w.comp.ResolveString("5.6")
	if err != nil {
		t.Fatal(err)
	}
	note, err := u.svc.AddNote(w.comp, n, notes.NoteInput{Text: "宣传栏检查", Color: notes.Pink})
	if err != nil {
		t.Fatal(err)
	}
	u.refresh()
	f := u.showNoteDialog(model.Node{}, &note, "")
	test.Tap(f.delete)
	if _, err := u.svc.Note(note.ID); err == nil {
		t.Fatal("删除 kept the note")
	}
	if w.StatusAction() != "撤销" || !strings.Contains(w.status.Text, "已删除笔记") {
		t.Fatalf("status %q, button %q", w.status.Text, w.StatusAction())
	}
	test.Tap(w.statusBtn)
	if _, err := u.svc.Note(note.ID); err != nil {
		t.Fatal("撤销 did not restore the note")
	}
	if w.StatusAction() != "" || !strings.Contains(w.status.Text, "已恢复笔记") {
		t.Errorf("after 撤销: status %q, button %q", w.status.Text, w.StatusAction())
	}

	if err := w.GoTo("2.3"); err != nil {
		t.Fatal(err)
	}
	action(t, w, actBookmark)
	if w.StatusAction() != "" {
		t.Error("adding a bookmark offers 撤销")
	}
	action(t, w, actBookmark)
	if w.StatusAction() != "撤销" {
		t.Fatalf("removing a bookmark: status %q, button %q", w.status.Text, w.StatusAction())
	}
	w.SetStatus("别的消息")
	if w.StatusAction() != "" {
		t.Error("the button outlived its message")
	}
}
