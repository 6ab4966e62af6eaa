package notes_test

import (
	"fmt"
	"slices"
	"testing"

	"huibian/app/library"
	"huibian/app/notes"
)

// TestNotesPage: on the seed library with 3 000 generated notes, the page
// of every size is the start of the full list in the same order, and the
// total is the full list's length, for every filter and both orders.
func TestNotesPage(t *testing.T) {
	dir := t.TempDir()
	if err := setupLibrary(dir); err != nil {
		t.Fatal(err)
	}
	if err := fillNotes(dir, 3000, 20); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	c, err := lib.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := notes.Open(dir, lib, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	doc3 := c.Documents[2]
	filters := []struct {
		name string
		f    notes.Filter
	}{
		{"all", notes.Filter{}},
		{"compilation", notes.Filter{CompID: c.ID}},
		{"document", notes.Filter{CompID: c.ID, DocID: fmt.Sprintf("%s:%d", c.ID, doc3.Number)}},
		{"pink", notes.Filter{CompID: c.ID, Colors: []notes.Color{notes.Pink}}},
		{"query", notes.Filter{CompID: c.ID, Query: "todo"}},
		{"anchored", notes.Filter{Orphaned: notes.OnlyAnchored}},
		{"orphaned", notes.Filter{Orphaned: notes.OnlyOrphaned}},
		{"node", notes.Filter{NodeID: c.Items()[5].ID(c.ID)}},
	}
	for _, tt := range filters {
		for _, order := range []notes.Order{notes.ByPosition, notes.ByTime} {
			f := tt.f
			f.Order = order
			full := svc.Notes(f)
			if tt.name != "orphaned" && len(full) == 0 {
				t.Fatalf("%s: no notes: the filter tests nothing", tt.name)
			}
			if order == notes.ByTime && !slices.IsSortedFunc(full, func(a, b notes.Note) int {
				if d := b.Created.Compare(a.Created); d != 0 {
					return d
				}
				return compareStrings(a.ID, b.ID)
			}) {
				t.Errorf("%s by time: not newest first", tt.name)
			}
			for _, k := range []int{0, 1, 7, notesPage(len(full)), len(full), len(full) + 5} {
				page, total := svc.NotesPage(f, k)
				if total != len(full) {
					t.Errorf("%s order %d limit %d: total %d, want %d", tt.name, order, k, total, len(full))
				}
				want := full[:min(k, len(full))]
				if !slices.EqualFunc(page, want, func(a, b notes.Note) bool { return a.ID == b.ID }) {
					t.Errorf("%s order %d limit %d: page of %d is not the start of the list", tt.name, order, k, len(page))
				}
			}
		}
	}
	// A change shows at once.
	before := len(svc.Notes(notes.Filter{CompID: c.ID}))
	if _, err := svc.AddNote(c, c.Items()[0], notes.NoteInput{Text: "新笔记"}); err != nil {
		t.Fatal(err)
	}
	if _, total := svc.NotesPage(notes.Filter{CompID: c.ID}, 1); total != before+1 {
		t.Errorf("after adding: %d notes, want %d", total, before+1)
	}
}

// notesPage is a limit in the middle of a list of n.
func notesPage(n int) int { return n / 2 }

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
