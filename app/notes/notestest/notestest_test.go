package notestest

import (
	"fmt"
	"testing"

	"huibian/app/library"
	"huibian/app/notes"
)

// Fill writes what it says, on the built-in compilation's nodes first,
// every record anchored, and the same records for the same arguments.
func TestFill(t *testing.T) {
	var records [2]string
	for i := range records {
		dir := t.TempDir()
		lib, err := library.Open(dir, library.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer lib.Close()
		if err := ImportCopies(lib, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := Fill(dir, lib, 10, 600); err == nil {
			t.Fatal("600 bookmarks fit on two compilations of 279 nodes")
		}
		rep, err := Fill(dir, lib, 400, 300)
		if err != nil || rep != (Report{Notes: 400, Bookmarks: 300, Nodes: 279}) {
			t.Fatalf("Fill: %+v, %v", rep, err)
		}
		builtin, _ := lib.Builtin()
		svc, err := notes.Open(dir, lib, notes.Options{})
		if err != nil {
			t.Fatal(err)
		}
		quotes := 0
		for _, n := range svc.Notes(notes.Filter{}) {
			if a := svc.NoteAnchor(n); a.Orphaned || a.Compilation.ID != builtin.ID {
				t.Errorf("note %s on %s: %+v", n.ID, n.NodeID, a)
			}
			if n.Quote != "" {
				quotes++
			}
		}
		bms := svc.Bookmarks(notes.ByTime)
		others := 0
		for _, b := range bms {
			if a := svc.BookmarkAnchor(b); a.Orphaned {
				t.Errorf("bookmark on %s orphaned", b.NodeID)
			} else if a.Compilation.ID != builtin.ID {
				others++
			}
		}
		if svc.NoteCount() != 400 || len(bms) != 300 || quotes == 0 || quotes > (400+2)/3 || others != 300-279 {
			t.Errorf("%d notes (%d quoting), %d bookmarks (%d on the copy)", svc.NoteCount(), quotes, len(bms), others)
		}
		records[i] = fmt.Sprint(svc.Notes(notes.Filter{Order: notes.ByTime}), bms)
		svc.Close()
	}
	if records[0] != records[1] {
		t.Error("two fills with the same arguments differ")
	}
}
