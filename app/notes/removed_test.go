package notes

import (
	"path/filepath"
	"testing"

	"huibian/app/model"
)

// TestRemovedCompilationKeepsNotes: removing an imported compilation keeps
// its notes and bookmarks, shown as orphaned; importing the same file again
// brings them back in place, under the same IDs (issue 10 §1).
func TestRemovedCompilationKeepsNotes(t *testing.T) {
	for _, file := range []string{"toc-han.txt", "restart.docx"} {
		t.Run(file, func(t *testing.T) {
			e := newEnv(t)
			path := filepath.Join("..", "parse", "testdata", "genre", file)
			rep, err := e.lib.ImportFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c := rep.Compilation
			n, err := c.Resolve(model.Address{Doc: 2, Item: 1})
			if err != nil {
				t.Fatal(err)
			}
			note, err := e.svc.AddNote(c, n, NoteInput{Text: "要点"})
			if err != nil {
				t.Fatal(err)
			}
			bm, err := e.svc.AddBookmark(c, n, "书签")
			if err != nil {
				t.Fatal(err)
			}
			// One on the built-in compilation, which is not touched.
			bn, _ := e.c.Resolve(model.Address{Doc: 5, Item: 6})
			other, err := e.svc.AddNote(e.c, bn, NoteInput{Text: "内置"})
			if err != nil {
				t.Fatal(err)
			}
			anchored := func(want bool) {
				t.Helper()
				got, err := e.svc.Note(note.ID)
				if err != nil {
					t.Fatalf("note %s gone: %v", note.ID, err)
				}
				if a := e.svc.NoteAnchor(got); a.Orphaned == want {
					t.Errorf("note orphaned = %v (%s), want %v", a.Orphaned, a.Reason, !want)
				} else if want && (a.Compilation.ID != c.ID || a.Node.ID(c.ID) != n.ID(c.ID)) {
					t.Errorf("note anchored at %s in %s", a.Node.Addr, a.Compilation.ID)
				}
				b, ok := e.svc.Bookmarked(bm.NodeID)
				if !ok {
					t.Fatalf("bookmark %s gone", bm.NodeID)
				}
				if a := e.svc.BookmarkAnchor(b); a.Orphaned == want {
					t.Errorf("bookmark orphaned = %v, want %v", a.Orphaned, !want)
				}
				if a := e.svc.NoteAnchor(other); a.Orphaned {
					t.Errorf("note on the built-in compilation orphaned: %s", a.Reason)
				}
			}
			anchored(true)

			if err := e.lib.Remove(c.ID); err != nil {
				t.Fatal(err)
			}
			e.close()
			e.open()
			anchored(false)
			if got := e.svc.Notes(Filter{Orphaned: OnlyOrphaned}); len(got) != 1 || got[0].ID != note.ID {
				t.Errorf("orphaned notes %+v", got)
			}

			rep, err = e.lib.ImportFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Compilation.ID != c.ID || rep.Unchanged || rep.Replaced {
				t.Fatalf("re-import: ID %s (was %s), unchanged %v, replaced %v", rep.Compilation.ID, c.ID, rep.Unchanged, rep.Replaced)
			}
			e.close()
			e.open()
			anchored(true)
		})
	}
}
