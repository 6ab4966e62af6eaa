package notes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"huibian/app/library"
	"huibian/storage"
)

// rawFile reads, from a closed userdata.db, its schema version, the first
// byte (record format) of every note record and the stored texts (without
// their checksums).
func rawFile(t *testing.T, path string) (schema string, formats map[string]byte, texts map[string]string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	formats, texts = map[string]byte{}, map[string]string{}
	err = db.View(func(tx *bolt.Tx) error {
		schema = string(tx.Bucket([]byte("meta")).Get([]byte("schema")))
		if b := tx.Bucket([]byte(bucketNotes)); b != nil {
			_ = b.ForEach(func(k, v []byte) error { formats[string(k)] = v[0]; return nil })
		}
		if b := tx.Bucket([]byte(bucketTexts)); b != nil {
			_ = b.ForEach(func(k, v []byte) error { texts[string(k)] = string(v[:len(v)-4]); return nil })
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return schema, formats, texts
}

// openLibrary opens the library of dir until the test ends.
func openLibrary(t *testing.T, dir string) *library.Service {
	t.Helper()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

// TestSchema2FileMigrates: a file written by the previous release (schema
// 2, every note with its text inside, record format 1) is read as it is
// by a reader that may not write, and is upgraded by the first open that
// may: every note then has a format-2 record and its text beside it, with
// nothing lost, after a backup of the old file.
func TestSchema2FileMigrates(t *testing.T) {
	e := newEnv(t)
	want := []Note{
		e.addNote("1.1", "第一条笔记", "", Yellow),
		e.addNote("1.2", "", e.node("1.2").Title(), Pink),
		e.addNote("2.3", "带引文的笔记", e.node("2.3").Title(), Blue),
	}
	path := e.svc.Path()
	e.close()
	// The same notes, as schema 2 stored them: the storage layer's own
	// schema, without the notes' migrations.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	st, _, err := storage.OpenUserStore(path, storage.UserOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx storage.Tx) error {
		for i := range want {
			if err := tx.Put(bucketNotes, want[i].ID, encodeNoteAs(&want[i], recordFormat1)); err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if schema, formats, _ := rawFile(t, path); schema != "2" || formats[want[0].ID] != recordFormat1 {
		t.Fatalf("prepared file: schema %q, formats %v", schema, formats)
	}
	backups := func() int {
		ents, _ := os.ReadDir(filepath.Join(e.dir, "backups"))
		return len(ents)
	}
	before := backups()

	check := func(stage string, svc *Service) {
		t.Helper()
		for _, w := range want {
			got, err := svc.Note(w.ID)
			if err != nil || got != w {
				t.Errorf("%s: note %s = %+v, %v; want %+v", stage, w.ID, got, err, w)
			}
		}
		if got := svc.Notes(Filter{Query: "带引文"}); len(got) != 1 || got[0].ID != want[2].ID {
			t.Errorf("%s: search through the texts found %+v", stage, got)
		}
	}

	// A reader that may not write reads the old file as it is.
	lib := openLibrary(t, e.dir)
	ro, err := Open(e.dir, lib, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	check("read-only", ro)
	ro.Close()
	lib.Close()
	if schema, _, _ := rawFile(t, path); schema != "2" {
		t.Errorf("a read-only open changed the schema to %q", schema)
	}

	e.open()
	check("migrated", e.svc)
	e.close()
	schema, formats, texts := rawFile(t, path)
	if schema != "3" {
		t.Errorf("schema after the upgrade = %q, want 3", schema)
	}
	for _, w := range want {
		if formats[w.ID] != recordFormat2 || texts[w.ID] != w.Text {
			t.Errorf("note %s stored as format %d with text %q", w.ID, formats[w.ID], texts[w.ID])
		}
	}
	// One backup of the old file before, one of the new after: a damaged
	// text can be repaired only from a backup that holds texts.
	if backups() < before+2 {
		t.Errorf("%d backups after the upgrade, want %d (before and after)", backups(), before+2)
	}
	flipInNote(t, path, want[2].ID, "引文")
	e.open()
	check("reopened, one text damaged", e.svc)
	if reps := e.svc.Repairs(); len(reps) != 1 || !strings.Contains(reps[0], "已从备份") {
		t.Errorf("repairs = %q, want the text restored from the new backup", reps)
	}
}

// TestNewerSchemaRefused: a file of a later release is left alone, with
// a message that says so.
func TestNewerSchemaRefused(t *testing.T) {
	e := newEnv(t)
	e.addNote("1.1", "笔记", "", Yellow)
	path := e.svc.Path()
	e.close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("4")) })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	lib := openLibrary(t, e.dir)
	for _, ro := range []bool{false, true} {
		if svc, err := Open(e.dir, lib, Options{ReadOnly: ro}); !errors.Is(err, storage.ErrSchemaTooNew) {
			if err == nil {
				svc.Close()
			}
			t.Errorf("read-only %v: open of a schema 4 file: %v", ro, err)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the newer file was changed")
	}
}

// TestNotesWithoutTheirTexts: what the window reads at start is each
// note without its text (the panel and the tree need no more), and every
// way a note is handed out fills the text in.
func TestNotesWithoutTheirTexts(t *testing.T) {
	e := newEnv(t)
	a := e.addNote("1.1", "甲的正文", "", Yellow)
	b := e.addNote("1.1", "乙的正文", e.node("1.1").Title(), Green)
	c := e.addNote("3.2", "丙的正文", "", Pink)
	e.reopen()
	unread := func() int {
		k := 0
		for _, n := range e.svc.notes {
			if n.noText {
				k++
			}
		}
		return k
	}
	if k := unread(); k != 3 {
		t.Errorf("%d of 3 notes read without their text at open", k)
	}
	if m := e.svc.Markers()[e.node("1.1").ID(e.c.ID)]; m.Notes != 2 || len(m.Colors) != 2 {
		t.Errorf("markers on 1.1 = %+v", m)
	}
	// a and b are on the same node, in the order they were made (by ID
	// when made in the same millisecond).
	first, second := a, b
	if b.Created.Before(a.Created) || b.Created.Equal(a.Created) && b.ID < a.ID {
		first, second = b, a
	}
	on := e.svc.QuotesOn([]string{a.NodeID, c.NodeID})
	if q := on[a.NodeID]; len(q) != 2 || q[0] != (QuoteMark{first.ID, first.Quote, first.Color}) || q[1] != (QuoteMark{second.ID, second.Quote, second.Color}) {
		t.Errorf("QuotesOn(1.1) = %+v", q)
	}
	if q := on[c.NodeID]; len(q) != 1 || q[0].NoteID != c.ID {
		t.Errorf("QuotesOn(3.2) = %+v", q)
	}
	if k := unread(); k != 3 {
		t.Errorf("the tree's marks and the pane's quotes read %d texts, want none", 3-k)
	}
	// The panel's first page reads the texts of its rows, and only those.
	page, total := e.svc.NotesPage(Filter{}, 2)
	if total != 3 || len(page) != 2 || page[0] != first || page[1] != second {
		t.Errorf("page = %+v (of %d)", page, total)
	}
	if k := unread(); k != 1 {
		t.Errorf("a page of 2 left %d texts unread, want 1", k)
	}
	if d, err := e.svc.DeleteNote(a.ID); err != nil || d != a {
		t.Fatalf("DeleteNote = %+v, %v", d, err)
	}
	if u, err := e.svc.UndoDelete(); err != nil || u.Note == nil || *u.Note != a {
		t.Fatalf("UndoDelete = %+v, %v", u, err)
	}
	green := Green
	if got, err := e.svc.EditNote(c.ID, NoteEdit{Color: &green}); err != nil || got.Text != c.Text {
		t.Errorf("colour change kept text %q, %v", got.Text, err)
	}
	e.reopen()
	for _, w := range []Note{a, b} {
		if got, err := e.svc.Note(w.ID); err != nil || got != w {
			t.Errorf("after undo and reopen: %+v, %v; want %+v", got, err, w)
		}
	}
	if got, _ := e.svc.Note(c.ID); got.Text != c.Text || got.Color != Green {
		t.Errorf("after the colour change: %+v", got)
	}
	// A deleted note takes its text with it.
	if _, err := e.svc.DeleteNote(b.ID); err != nil {
		t.Fatal(err)
	}
	path := e.svc.Path()
	e.close()
	if _, formats, texts := rawFile(t, path); len(formats) != 2 || len(texts) != 2 {
		t.Errorf("after a delete: %d records and %d texts, want 2 of each", len(formats), len(texts))
	}
}

// TestMigrationCompactsTheNotes: after the upgrade, the notes' records
// (without their texts) fill few pages, so that opening the notes reads
// little of the file: rewritten in place, each would have kept a page of
// its own.
func TestMigrationCompactsTheNotes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	st, _, err := storage.OpenUserStore(path, storage.UserOptions{}) // schema 2
	if err != nil {
		t.Fatal(err)
	}
	const count = 300
	err = st.Update(func(tx storage.Tx) error {
		for i := range count {
			n := &Note{ID: fmt.Sprintf("n%04d", i), NodeID: "c0:1.1", Address: "1.1", Title: "标题",
				Text: strings.Repeat("长", 1200), Color: Yellow}
			if err := tx.Put(bucketNotes, n.ID, encodeNoteAs(n, recordFormat1)); err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	pages := func() int {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		n := 0
		db.View(func(tx *bolt.Tx) error { n = tx.Bucket([]byte(bucketNotes)).Stats().LeafPageN; return nil })
		return n
	}
	before := pages()
	svc, err := Open(dir, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := svc.NoteCount(); n != count {
		t.Errorf("%d notes after the upgrade, want %d", n, count)
	}
	if n, _ := svc.Note("n0123"); n.Text != strings.Repeat("长", 1200) {
		t.Errorf("text after the upgrade: %d bytes", len(n.Text))
	}
	svc.Close()
	if after := pages(); after > 10 {
		t.Errorf("the notes fill %d pages after the upgrade (%d before), want at most 10", after, before)
	}
}
