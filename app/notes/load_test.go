package notes

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"huibian/storage"
)

// The notes read at Open keep their IDs and texts after the file grows
// and is mapped anew: loadNotes and loadTextsLocked copy the values they
// borrow (storage.ForEachBorrowed) before the read transaction ends. Without the
// copies, the texts would point into the old memory map.
func TestLoadedNotesOutliveTheMemoryMap(t *testing.T) {
	e := newEnv(t)
	node := e.node("1.1")
	id := node.ID(e.c.ID)
	text := func(i int) string { return fmt.Sprintf("第 %d 条：%s", i, strings.Repeat("笔", i%50)) }
	put := func(bucket string, from, to, pad int) {
		t.Helper()
		err := e.svc.store.Update(func(tx storage.Tx) error {
			for i := from; i < to; i++ {
				n := &Note{ID: fmt.Sprintf("n%05d", i), NodeID: id, Address: "1.1", Title: node.Title(),
					Text: text(i) + strings.Repeat("填", pad), Color: colorOrder[i%len(colorOrder)],
					Created: time.UnixMilli(int64(i)).UTC(), Updated: time.UnixMilli(int64(i)).UTC()}
				put := putNoteTx
				if bucket != bucketNotes {
					put = func(tx storage.Tx, n *Note) error { return tx.Put(bucket, n.ID, encodeNoteAs(n, recordFormat1)) }
				}
				if err := put(tx, n); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	put(bucketNotes, 0, 300, 0)
	e.reopen()
	// Grow the file well past its memory map (unrelated records).
	put("scratch", 0, 400, 3000)
	tests := []struct {
		name  string
		check func() string
	}{
		{"count", func() string { return fmt.Sprint(e.svc.NoteCount()) }},
		{"ids and texts", func() string {
			bad := 0
			for _, n := range e.svc.Notes(Filter{}) {
				var i int
				if _, err := fmt.Sscanf(n.ID, "n%05d", &i); err != nil || n.Text != text(i) || n.NodeID != id || n.Title != node.Title() || n.Address != "1.1" || n.Color != colorOrder[i%len(colorOrder)] {
					bad++
				}
			}
			return fmt.Sprint(bad, " bad")
		}},
		{"texts read all at once", func() string {
			bad := 0
			ns := e.svc.Notes(Filter{Query: "条"}) // every text is read (loadTextsLocked)
			for _, n := range ns {
				var i int
				if _, err := fmt.Sscanf(n.ID, "n%05d", &i); err != nil || n.Text != text(i) {
					bad++
				}
			}
			return fmt.Sprint(len(ns), " notes, ", bad, " bad")
		}},
		{"one by ID", func() string {
			n, err := e.svc.Note("n00123")
			if err != nil {
				return err.Error()
			}
			return n.Text
		}},
	}
	want := []string{"300", "0 bad", "300 notes, 0 bad", text(123)}
	for i, tt := range tests {
		if got := tt.check(); got != want[i] {
			t.Errorf("%s: %q, want %q", tt.name, got, want[i])
		}
	}
}
