package notes

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// flipInNote changes one byte of a note's stored text in the closed file,
// leaving its checksum as it was.
func flipInNote(t *testing.T, path, id, find string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketTexts))
		v := bytes.Clone(b.Get([]byte(id)))
		i := bytes.Index(v, []byte(find))
		if i < 0 {
			t.Fatalf("text %q not in the stored note", find)
		}
		v[i+len(find)-1] ^= 0x01 // 段 becomes another character
		return b.Put([]byte(id), v)
	}); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedNoteRepaired: a byte changed inside a note's text is found,
// reported, and the note restored from the newest backup that has it.
func TestDamagedNoteRepaired(t *testing.T) {
	e := newEnv(t)
	n := e.addNote("1.1", "备份中的一段笔记", "", Yellow)
	other := e.addNote("1.2", "另一条笔记", "", Blue)
	if _, err := e.svc.BackupNow(); err != nil {
		t.Fatal(err)
	}
	path := e.svc.Path()
	e.close()
	flipInNote(t, path, n.ID, "一段")

	e.open()
	got, err := e.svc.Note(n.ID)
	if err != nil || got.Text != "备份中的一段笔记" {
		t.Errorf("note after repair = %q, %v", got.Text, err)
	}
	reps := e.svc.Repairs()
	if len(reps) != 1 || !strings.Contains(reps[0], n.ID) || !strings.Contains(reps[0], "已从备份") {
		t.Errorf("repairs = %q, want one naming %s", reps, n.ID)
	}
	if o, err := e.svc.Note(other.ID); err != nil || o.Text != "另一条笔记" {
		t.Errorf("other note = %q, %v", o.Text, err)
	}
	// Without any backup the damaged text is reported and the note kept,
	// marked as having lost its text: its colour cannot be changed (that
	// would store it without the text), a new text can be written, and
	// the rest loads and can be changed.
	e.close()
	flipInNote(t, path, n.ID, "一段")
	os.RemoveAll(filepath.Join(e.dir, "backups"))
	e.open()
	got, err = e.svc.Note(n.ID)
	if err != nil || got.Text != "" || !got.TextMissing() {
		t.Errorf("damaged note without a backup = %+v, %v; want it without its text", got, err)
	}
	if reps := e.svc.Repairs(); len(reps) != 1 || !strings.Contains(reps[0], "没有完好的副本") {
		t.Errorf("repairs = %q", reps)
	}
	pink := Pink
	if _, err := e.svc.EditNote(n.ID, NoteEdit{Color: &pink}); !errors.Is(err, errTextNotRead) {
		t.Errorf("colour change of a note without its text: %v", err)
	}
	if o, err := e.svc.Note(other.ID); err != nil || o.Text != "另一条笔记" || o.TextMissing() {
		t.Errorf("other note = %+v, %v", o, err)
	}
	e.addNote("2.1", "损坏之后的新笔记", "", Green)
	again := "重新写下的笔记"
	if got, err := e.svc.EditNote(n.ID, NoteEdit{Text: &again}); err != nil || got.Text != again || got.TextMissing() {
		t.Errorf("new text for the damaged note = %+v, %v", got, err)
	}
	e.reopen()
	if got, err := e.svc.Note(n.ID); err != nil || got.Text != again {
		t.Errorf("after reopening = %+v, %v", got, err)
	}
}

// TestReaderBesideWriter: while one service has the file open for writing
// (the window), a read-only open (a command such as note ls) sees every
// committed note, through a snapshot, and a writer fails within a second.
func TestReaderBesideWriter(t *testing.T) {
	e := newEnv(t)
	e.addNote("1.1", "窗口里写的笔记", "", Yellow)
	r, err := Open(e.dir, e.lib, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open beside the writer: %v", err)
	}
	if r.NoteCount() != 1 || !r.ReadOnly() {
		t.Errorf("reader sees %d notes (read-only %v), want 1", r.NoteCount(), r.ReadOnly())
	}
	if _, err := r.AddNote(e.c, e.node("1.2"), NoteInput{Text: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write through the reader: %v, want ErrReadOnly", err)
	}
	snap := r.x.snapshot
	r.Close()
	// A reader started elsewhere with a relative --data finds the same
	// files: the snapshot path it hands over is absolute.
	t.Chdir(filepath.Dir(e.dir))
	r2, err := Open(filepath.Base(e.dir), e.lib, Options{ReadOnly: true})
	if err != nil || r2.NoteCount() != 1 {
		t.Fatalf("reader with a relative directory: %v", err)
	}
	r2.Close()
	if _, err := os.Stat(snap); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("snapshot %s left behind: %v", snap, err)
	}
	if _, err := Open(e.dir, e.lib, Options{}); err == nil {
		t.Error("a second writer opened the file")
	}
	// The writer keeps working.
	e.addNote("1.2", "之后的笔记", "", Yellow)
}

// TestReadOnlyDataDir: a data directory whose user file cannot be written
// opens read-only with a notice. The file is made immutable (chattr +i),
// which stops even root.
func TestReadOnlyDataDir(t *testing.T) {
	e := newEnv(t)
	e.addNote("1.1", "只读目录中的笔记", "", Yellow)
	path := e.svc.Path()
	e.close()
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("chattr +i not possible here: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", path).Run()
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Skip("immutable file still writable")
	}
	svc, err := Open(e.dir, e.lib, Options{})
	if err != nil {
		t.Fatalf("open of a read-only data directory: %v", err)
	}
	defer svc.Close()
	if !svc.ReadOnly() || !strings.Contains(svc.ReadOnlyNotice(), "无法保存") {
		t.Errorf("read-only %v, notice %q", svc.ReadOnly(), svc.ReadOnlyNotice())
	}
	if svc.NoteCount() != 1 {
		t.Errorf("%d notes, want 1", svc.NoteCount())
	}
	if _, err := svc.AddNote(e.c, e.node("1.2"), NoteInput{Text: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write: %v, want ErrReadOnly", err)
	}
}

// TestBackupsRestore lists backups with note and bookmark counts and
// restores one: the service then shows the restored notes.
func TestBackupsRestore(t *testing.T) {
	e := newEnv(t)
	for range 3 {
		e.addNote("1.1", "要恢复的笔记", "", Yellow)
	}
	if _, err := e.svc.AddBookmark(e.c, e.node("2"), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.BackupNow(); err != nil {
		t.Fatal(err)
	}
	for _, n := range e.svc.Notes(Filter{}) {
		if _, err := e.svc.DeleteNote(n.ID); err != nil {
			t.Fatal(err)
		}
	}
	list, err := e.svc.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 1 || list[0].Notes != 3 || list[0].Bookmarks != 1 {
		t.Fatalf("backups = %+v, want the newest with 3 notes and 1 bookmark", list)
	}
	kept, err := e.svc.RestoreBackup(list[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("current file not kept aside: %v", err)
	}
	if e.svc.NoteCount() != 3 || len(e.svc.Bookmarks(ByTime)) != 1 {
		t.Errorf("after restore: %d notes, %d bookmarks", e.svc.NoteCount(), len(e.svc.Bookmarks(ByTime)))
	}
	e.reopen()
	if e.svc.NoteCount() != 3 {
		t.Errorf("after reopen: %d notes", e.svc.NoteCount())
	}
}

// TestDataDirTightened: an existing data directory readable by others is
// made private.
func TestDataDirTightened(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	svc, err := Open(dir, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc.Close()
	st, _ := os.Stat(dir)
	if st.Mode().Perm() != 0o700 {
		t.Errorf("data directory mode %v, want 0700", st.Mode().Perm())
	}
}

// TestImportLimit: an import that would take the store beyond the limit is
// refused as a whole, with a message giving the numbers.
func TestImportLimit(t *testing.T) {
	src := newEnv(t)
	for i := range 4 {
		src.addNote("1.1", "笔记"+string(rune('一'+i)), "", Yellow)
	}
	var buf bytes.Buffer
	if err := src.svc.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	dst := newEnv(t)
	dst.addNote("2.1", "已有的笔记", "", Yellow)
	dst.svc.x.maxNotes = 4
	_, err := dst.svc.ImportJSON(buf.Bytes())
	if err == nil || !strings.Contains(err.Error(), "超过上限 4 条") || !strings.Contains(err.Error(), "将有 5 条") {
		t.Fatalf("import beyond the limit: %v", err)
	}
	if dst.svc.NoteCount() != 1 {
		t.Errorf("%d notes after a refused import, want 1", dst.svc.NoteCount())
	}
	dst.svc.x.maxNotes = 5
	if rep, err := dst.svc.ImportJSON(buf.Bytes()); err != nil || rep.Added != 4 {
		t.Errorf("import up to the limit: %+v, %v", rep, err)
	}
}

// TestLazyNotes: a service that reads its notes at first use behaves as
// one that read them at Open.
func TestLazyNotes(t *testing.T) {
	e := newEnv(t)
	old := e.addNote("1.1", "早先的笔记", "", Yellow)
	e.close()
	e.open()
	e.svc.Close()
	svc, err := Open(e.dir, e.lib, Options{LazyNotes: true})
	if err != nil {
		t.Fatal(err)
	}
	e.svc = svc
	if svc.x.notesLoaded {
		t.Fatal("notes read at Open")
	}
	added := e.addNote("1.2", "新的笔记", "", Blue)
	if svc.x.notesLoaded {
		t.Error("adding a note read all notes")
	}
	if added.ID == old.ID {
		t.Error("new note reused an ID")
	}
	if svc.NoteCount() != 2 {
		t.Errorf("NoteCount = %d, want 2", svc.NoteCount())
	}
	if n, err := svc.Note(old.ID); err != nil || n.Text != "早先的笔记" {
		t.Errorf("old note: %q, %v", n.Text, err)
	}
}

// TestEachNote: streaming the notes from a lazily opened service gives the
// notes Notes gives, in the same order, for every kind of filter.
func TestEachNote(t *testing.T) {
	e := newEnv(t)
	e.addNote("5.6", "第一条", "", Blue)
	e.addNote("1.1", "第二条", "四维学习架构", Yellow)
	e.addNote("2", "第三条", "", Blue)
	e.addNote("1.1", "第四条", "", Green)
	e.close()
	e.open()
	lazy, err := Open(e.dir, e.lib, Options{LazyNotes: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lazy.Close()
	for _, f := range []Filter{{}, {Order: ByTime}, {Colors: []Color{Blue}}, {DocID: e.c.ID + ":1"}, {NodeID: e.c.ID + ":1.1"}, {Query: "第三"}} {
		if f.Query != "" && lazy.x.notesLoaded {
			t.Error("EachNote without a text filter read every note into memory")
		}
		want := e.svc.Notes(f)
		var got []Note
		if err := lazy.EachNote(f, func(n Note) error { got = append(got, n); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("filter %+v: %d notes, want %d", f, len(got), len(want))
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("filter %+v: note %d = %+v, want %+v", f, i, got[i], want[i])
			}
		}
	} // The notes handed out stay valid after the file is closed (they are
	// not the file's memory map, which EachNote reads them from).
	other, err := Open(e.dir, e.lib, Options{LazyNotes: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var kept []Note
	if err := other.EachNote(Filter{}, func(n Note) error { kept = append(kept, n); return nil }); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if want := e.svc.Notes(Filter{}); !reflect.DeepEqual(kept, want) {
		t.Errorf("after Close: %+v, want %+v", kept, want)
	}
}
