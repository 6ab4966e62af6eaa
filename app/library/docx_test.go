package library

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/app/docx"
	"huibian/app/parse"
)

// A Word document imports like a text file; one that cannot be read is
// refused with a message naming it, and nothing is written to the library.
func TestImportDocx(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	src := filepath.Join("..", "parse", "testdata", "genre", "toc-han.docx")
	rep, err := s.ImportFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if st := rep.Compilation.Stats(); rep.Compilation.Title != "机关内部管理制度汇编" || st.Documents != 3 || st.Items != 12 {
		t.Fatalf("imported %q %+v", rep.Compilation.Title, st)
	}
	if rep, err := s.ImportFile(src); err != nil || !rep.Unchanged {
		t.Errorf("second import: %+v %v", rep, err)
	}

	seed, err := os.ReadFile(filepath.Join("..", "docx", "testdata", "seed.docx"))
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{
		"旧版.doc":    []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 600)),
		"损坏.docx":   seed[:len(seed)-4000],
		"不是.docx":   []byte("纯文本"),
		"压缩炸弹.docx": bomb(t),
	}
	before, _ := s.List()
	dbBefore, _ := os.ReadFile(filepath.Join(dir, FileName))
	for name, data := range bad {
		path := filepath.Join(t.TempDir(), name)
		os.WriteFile(path, data, 0o644)
		_, err := s.ImportFile(path)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
		var de *docx.Error
		if errors.As(err, &de) && de.Op != parse.OpImport {
			t.Errorf("%s: a Word reader's error reached the library unconverted: %v", name, err)
		}
	}
	after, _ := s.List()
	dbAfter, _ := os.ReadFile(filepath.Join(dir, FileName))
	if len(after) != len(before) || !bytes.Equal(dbBefore, dbAfter) {
		t.Errorf("refused files changed the library: %d → %d compilations, file equal %v", len(before), len(after), bytes.Equal(dbBefore, dbAfter))
	}
}

func bomb(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`))
	w.Write(bytes.Repeat([]byte("一"), 8<<20))
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	return buf.Bytes()
}
