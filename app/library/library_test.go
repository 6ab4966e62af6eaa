package library

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huibian/assets"
	"huibian/storage"
)

func TestOpenImportsBuiltinOnce(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	infos, err := s.List()
	if err != nil || len(infos) != 1 || !infos[0].Builtin {
		t.Fatalf("list %+v, %v", infos, err)
	}
	first := infos[0]
	if first.Stats.Documents != 9 || first.Stats.ItemsWithText != 102 {
		t.Errorf("stats %+v", first.Stats)
	}
	s.Close()

	// Same embedded text: not imported again.
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	infos, _ = s.List()
	if !infos[0].ImportedAt.Equal(first.ImportedAt) {
		t.Errorf("re-imported although the source did not change")
	}
	s.Close()

	// A new release with an edited text: re-imported under the same ID.
	edited := bytes.Replace(assets.Compilation, []byte("立足组织部门政治属性"), []byte("立足组织部门的政治属性"), 1)
	s, err = Open(dir, Options{Builtin: &Source{Name: "new.txt", Data: edited}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	infos, _ = s.List()
	if len(infos) != 1 || infos[0].ID != first.ID || infos[0].SourceHash == first.SourceHash {
		t.Fatalf("after edit: %+v", infos)
	}
	c, err := s.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	n, _ := c.ResolveString("1.1")
	if !strings.HasPrefix(n.Item.Body[0], "立足组织部门的政治属性") {
		t.Errorf("stored text is the old one: %.20q", n.Item.Body[0])
	}
}

func TestImportFile(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	src := filepath.Join(t.TempDir(), "通知.txt")
	os.WriteFile(src, []byte("关于做好工作的通知\n一、要求\n1.学习\n每月一次。\n"), 0o600)
	rep, err := s.ImportFile(src)
	if err != nil || rep.Replaced || rep.Unchanged {
		t.Fatalf("import: %+v %v", rep, err)
	}
	if rep, err = s.ImportFile(src); err != nil || !rep.Unchanged {
		t.Errorf("second import: %+v %v", rep, err)
	}
	infos, _ := s.List()
	if len(infos) != 2 || !infos[0].Builtin || infos[1].Title != "通知" {
		t.Errorf("list %+v", infos)
	}
	if err := s.Remove(s.BuiltinID()); err == nil {
		t.Errorf("the built-in compilation was removed")
	}
	if err := s.Remove(infos[1].ID); err != nil {
		t.Error(err)
	}
	bad := filepath.Join(t.TempDir(), "空.txt")
	os.WriteFile(bad, nil, 0o600)
	if _, err := s.ImportFile(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad file: %v", err)
	}
	if infos, _ := s.List(); len(infos) != 1 {
		t.Errorf("a failed import left %d compilations", len(infos))
	}
}

// Readers share the library (the window and commands at once); a write
// while another process reads fails with a clear error within the
// timeout instead of waiting forever, and the writer can read on.
func TestReadersShareWriterRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := Open(dir, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer r.Close()
	if c, err := r.Builtin(); err != nil || len(c.Documents) != 9 {
		t.Fatalf("second reader reads: %v", err)
	}
	src := filepath.Join(t.TempDir(), "通知.txt")
	os.WriteFile(src, []byte("关于做好工作的通知\n一、要求\n1.学习\n每月一次。\n"), 0o600)
	start := time.Now()
	_, err = r.ImportFile(src)
	if !errors.Is(err, storage.ErrLocked) || !strings.Contains(err.Error(), "窗口") {
		t.Fatalf("import beside a reader: %v", err)
	}
	// The wait is the 200 ms asked for, not bbolt's or storage's one-second
	// default: the bound fails if the option were ignored.
	if d := time.Since(start); d > 800*time.Millisecond {
		t.Errorf("refused import took %v, want about the 200 ms timeout", d)
	}
	if _, err := r.List(); err != nil {
		t.Errorf("reader after a refused write: %v", err)
	}
	s.Close()
	if _, err := r.ImportFile(src); err != nil {
		t.Errorf("import once alone: %v", err)
	}
}

// A damaged library file is set aside and rebuilt from the sources.
func TestCorruptLibraryIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	junk := bytes.Repeat([]byte{0xAB}, 8192)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("open corrupt library: %v", err)
	}
	defer s.Close()
	if len(s.Notices) != 1 {
		t.Errorf("notices %q", s.Notices)
	}
	c, err := s.Builtin()
	if err != nil || len(c.Documents) != 9 {
		t.Fatalf("rebuilt library: %v", err)
	}
}

// A record in a format this version does not read is imported again.
func TestOldRecordFormatIsReimported(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := s.BuiltinID()
	rec, err := s.store.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	rec.Data = []byte(`{"id":"old json"}`)
	if err := s.write(func() error { return s.store.Put(rec) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Builtin()
	if err != nil || len(c.Documents) != 9 {
		t.Fatalf("builtin after old format: %v", err)
	}
}
