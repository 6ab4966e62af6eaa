package ui

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"huibian/app/model"
	"huibian/app/notes"
)

// treeRowFor renders the tree row of node id into a fresh treeRow.
func treeRowFor(w *Window, id string) *treeRow {
	r := newTreeRow(w)
	r.Resize(fyne.NewSize(240, 40))
	w.tree.UpdateNode(id, false, r)
	r.Resize(fyne.NewSize(240, 40))
	return r
}

// Tree rows: the note marker is a dot in each note's own colour, markers
// stand right of the title (never over it), outline-only parts carry
// 仅提纲 at their top, and a cut-off title shows whole in the status line
// on hover. Status messages name notes by address and title, not ID.
func TestTreeRowMarkers(t *testing.T) {
	w, u := newNotesWindow(t, "")
	c := w.comp
	n, err := c.Resolve(mustAddr(t, "1.2"))
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []notes.Color{notes.Blue, notes.Pink} {
		if _, err := u.svc.AddNote(c, n, notes.NoteInput{Text: "笔记", Color: col}); err != nil {
			t.Fatal(err)
		}
	}
	u.changed()
	r := treeRowFor(w, n.ID(c.ID))
	var fills []color.Color
	var marksLeft float32 = -1
	for _, o := range test.WidgetRenderer(r).Objects() {
		switch o := o.(type) {
		case *canvas.Circle:
			fills = append(fills, o.FillColor)
			if marksLeft < 0 {
				marksLeft = o.Position().X
			}
		}
	}
	blue, _ := notes.Blue.Info()
	pink, _ := notes.Pink.Info()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	want := []color.Color{blue.Light, pink.Light}
	if v == theme.VariantDark {
		want = []color.Color{blue.Dark, pink.Dark}
	}
	if len(fills) != 2 || fills[0] != want[0] || fills[1] != want[1] {
		t.Errorf("note dots %v, want %v", fills, want)
	}
	if right := r.label.Position().X + r.label.Size().Width; marksLeft < right-0.5 {
		t.Errorf("markers start at %v, inside the title ending at %v", marksLeft, right)
	}
	if strings.Contains(r.label.Text, markNote) {
		t.Errorf("title %q carries the marker text", r.label.Text)
	}
	// Outline-only: documents 6–9 are tagged, their items are not.
	for _, a := range []string{"6", "9"} {
		if r := treeRowFor(w, model.DocumentID(c.ID, mustAddr(t, a).Doc)); !strings.Contains(r.marks, outlineTag) {
			t.Errorf("document %s row marks %q lack %s", a, r.marks, outlineTag)
		}
	}
	if r := treeRowFor(w, model.ItemID(c.ID, 7, 3)); strings.Contains(r.marks, outlineTag) {
		t.Errorf("item 7.3 tagged %q although its document is", r.marks)
	}
	if r := treeRowFor(w, model.DocumentID(c.ID, 1)); strings.Contains(r.marks, outlineTag) {
		t.Errorf("document 1 (full text) tagged %q", r.marks)
	}
	// Hover: a cut title shows whole in the status line, and goes away.
	w.SetStatus("之前")
	long := treeRowFor(w, c.ID)
	long.Resize(fyne.NewSize(120, 40))
	test.WidgetRenderer(long).Layout(long.Size())
	long.MouseIn(&desktop.MouseEvent{})
	if got := w.status.Text; got != long.label.Text || got == "之前" {
		t.Errorf("hovering a cut title: status %q, want %q", got, long.label.Text)
	}
	long.MouseOut()
	if w.status.Text != "之前" {
		t.Errorf("status after hover %q", w.status.Text)
	}
	// Deleting a note: the status names where it was, not its ID.
	ns := u.svc.Notes(notes.Filter{CompID: c.ID})
	u.deleteNote(ns[0].ID)
	if s := w.status.Text; strings.Contains(s, ns[0].ID) || !strings.Contains(s, "1.2") {
		t.Errorf("delete status %q: want the address, not the ID %s", s, ns[0].ID)
	}
	u.UndoDelete()
	if s := w.status.Text; strings.Contains(s, ns[0].ID) || !strings.Contains(s, "1.2") {
		t.Errorf("undo status %q", s)
	}
}
