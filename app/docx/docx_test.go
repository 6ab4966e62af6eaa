package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/assets"
)

func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func docText(t testing.TB, name string, data []byte) string {
	t.Helper()
	s, err := Text(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// features.docx (made by LibreOffice from features.src) shows exactly the
// text of features.want.txt, which was written by reading the source:
// numbers from numbering.xml, tracked changes accepted, a field result,
// a table, a hyperlink, breaks and tabs kept; footnote, comment, hidden
// text, header and footer left out.
func TestFeatures(t *testing.T) {
	got := docText(t, "features.docx", readFixture(t, "testdata/features.docx"))
	want := strings.TrimSuffix(string(readFixture(t, "testdata/features.want.txt")), "\n")
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
			}
		}
	}
	for _, absent := range []string{"保密法", "分管领导", "台账模板", "整段删除", "内部资料", "第 1 页", "保密教育片"} {
		if strings.Contains(got, absent) {
			t.Errorf("text contains %q, which Word does not show in the body", absent)
		}
	}
}

// The seed, typed numbers replaced by automatic numbering (9 documents, a
// new list or a w:startOverride for each), reads back byte for byte.
func TestSeedDocx(t *testing.T) {
	got := docText(t, "seed.docx", readFixture(t, "testdata/seed.docx"))
	if got+"\n" != string(assets.Compilation) {
		gl, wl := strings.Split(got+"\n", "\n"), strings.Split(string(assets.Compilation), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d:\n got %q\nwant %q", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(gl), len(wl))
	}
}

// The seed fixture does exercise both ways LibreOffice restarts a list.
func TestSeedDocxUsesOverrides(t *testing.T) {
	data := readFixture(t, "testdata/seed.docx")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/numbering.xml" {
			continue
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		if c := strings.Count(b.String(), "w:startOverride"); c < 4 {
			t.Errorf("numbering.xml has %d startOverrides", c)
		}
		if !strings.Contains(b.String(), "taiwaneseCountingThousand") {
			t.Errorf("no taiwaneseCountingThousand in numbering.xml")
		}
		return
	}
	t.Fatal("no numbering.xml")
}

// The genre samples of package parse, as .docx, read back as their .txt.
func TestGenreDocx(t *testing.T) {
	files, _ := filepath.Glob("../parse/testdata/genre/*.docx")
	if len(files) == 0 {
		t.Fatal("no genre fixtures")
	}
	for _, f := range files {
		want := strings.TrimSuffix(string(readFixture(t, strings.TrimSuffix(f, ".docx")+".txt")), "\n")
		if got := docText(t, f, readFixture(t, f)); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", f, got, want)
		}
	}
}

// zipOf builds a .docx-like archive from name → content.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func document(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
}

func TestRefused(t *testing.T) {
	seedDocx := readFixture(t, "testdata/seed.docx")
	ole := append(append([]byte{}, oleMagic...), make([]byte, 1024)...)
	encryptedOLE := append(append([]byte{}, ole...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)

	// A zip bomb: a document.xml that inflates a thousand times.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>`))
	w.Write(bytes.Repeat([]byte(" "), 20<<20))
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()

	// A document.xml declaring 300 MB (its data is never inflated).
	var huge bytes.Buffer
	zw = zip.NewWriter(&huge)
	raw, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: 3 << 20, UncompressedSize64: 300 << 20})
	raw.Write(make([]byte, 3<<20))
	zw.Close()

	// A document.xml that inflates to more than it declares.
	var liar bytes.Buffer
	zw = zip.NewWriter(&liar)
	content := document(`<w:p><w:r><w:t>` + strings.Repeat("长", 5000) + `</w:t></w:r></w:p>`)
	raw, _ = zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store,
		CompressedSize64: uint64(len(content)), UncompressedSize64: 100})
	raw.Write([]byte(content))
	zw.Close()

	tests := []struct {
		name string
		data []byte
		kind error
		say  string
	}{
		{"old.doc", ole, ErrOldFormat, "请在 Word 或 WPS 中另存为 .docx 后再导入"},
		{"old.wps", ole, ErrOldFormat, "WPS"},
		{"locked.docx", encryptedOLE, ErrEncrypted, "密码"},
		{"cut.docx", seedDocx[:len(seedDocx)/2], ErrCorrupt, "已损坏"},
		{"text.docx", []byte("这不是 Word 文档"), ErrNotWord, "不是 Word 文档"},
		{"empty-zip.docx", zipOf(t, map[string]string{"a.txt": "x"}), ErrNotWord, "word/document.xml"},
		{"book.docx", zipOf(t, map[string]string{"xl/workbook.xml": "<x/>"}), ErrNotWord, "Excel"},
		{"notes.docx", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), ErrNotWord, "OpenDocument"},
		{"badxml.docx", zipOf(t, map[string]string{"word/document.xml": "<w:document " + wNS + "><w:body><w:p>"}), ErrCorrupt, "document.xml"},
		{"bomb.docx", bomb.Bytes(), ErrTooLarge, "压缩比异常"},
		{"huge.docx", huge.Bytes(), ErrTooLarge, "超过上限 200 MB"},
		{"liar.docx", liar.Bytes(), ErrTooLarge, "比声明的大小更大"},
		{"deep.docx", zipOf(t, map[string]string{"word/document.xml": document(strings.Repeat("<w:sdt><w:sdtContent>", 5000) + plain("深"))}), ErrCorrupt, "嵌套过深"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Text(tt.name, tt.data)
			if err == nil {
				t.Fatalf("read %d bytes of text", len(s))
			}
			var de *Error
			if !errors.As(err, &de) || de.File != tt.name || !errors.Is(err, tt.kind) {
				t.Fatalf("error %v: want a %v naming the file", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.say) || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("message %q should say %q", err, tt.say)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	if Sniff(readFixture(t, "testdata/seed.docx")) != FormatZip || Sniff(oleMagic) != FormatOLE || Sniff([]byte("一、")) != FormatOther {
		t.Error("sniffing")
	}
}
