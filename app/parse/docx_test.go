package parse

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/app/docx"
	"huibian/app/model"
	"huibian/assets"
)

// sameModel compares two parses of one compilation from different files:
// everything but the source's name and hash must be equal, node IDs included.
func sameModel(t *testing.T, a, b *model.Compilation) {
	t.Helper()
	strip := func(c *model.Compilation) string {
		cc := *c
		cc.SourceName, cc.SourceHash = "", ""
		j, err := json.Marshal(&cc)
		if err != nil {
			t.Fatal(err)
		}
		return string(j)
	}
	if ja, jb := strip(a), strip(b); ja != jb {
		for i := range min(len(ja), len(jb)) {
			if ja[i] != jb[i] {
				t.Fatalf("models differ at byte %d:\n%s\n%s", i, ja[max(0, i-80):min(len(ja), i+80)], jb[max(0, i-80):min(len(jb), i+80)])
			}
		}
		t.Fatalf("models differ in length: %d and %d", len(ja), len(jb))
	}
	if a.ID != b.ID || len(a.Items()) != len(b.Items()) {
		t.Fatalf("IDs %s %s", a.ID, b.ID)
	}
}

// The seed as .docx (automatic numbering made by LibreOffice) and as .txt
// give the same model with the same IDs; so do the genre samples.
func TestDocxSameModelAsText(t *testing.T) {
	seedDocx, err := os.ReadFile("../docx/testdata/seed.docx")
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{{"seed.txt", "seed.docx"}}
	files, _ := filepath.Glob("testdata/genre/*.txt")
	for _, f := range files {
		pairs = append(pairs, [2]string{f, strings.TrimSuffix(f, ".txt") + ".docx"})
	}
	for _, pr := range pairs {
		t.Run(filepath.Base(pr[1]), func(t *testing.T) {
			txt, doc := assets.Compilation, seedDocx
			if pr[0] != "seed.txt" {
				txt, _ = os.ReadFile(pr[0])
				doc, _ = os.ReadFile(pr[1])
			}
			a, err := Parse(pr[0], txt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Parse(pr[1], doc)
			if err != nil {
				t.Fatal(err)
			}
			if b.Compilation.SourceName != filepath.Base(pr[1]) || b.Compilation.SourceHash == a.Compilation.SourceHash {
				t.Errorf("source %q %q", b.Compilation.SourceName, b.Compilation.SourceHash)
			}
			sameModel(t, a.Compilation, b.Compilation)
			if strings.Join(a.Warnings, "\n") != strings.ReplaceAll(strings.Join(b.Warnings, "\n"), " 段:", " 行:") {
				t.Errorf("warnings %q and %q", a.Warnings, b.Warnings)
			}
		})
	}
	res, _ := Parse("seed.docx", seedDocx)
	if st := res.Compilation.Stats(); st.Documents != 9 || st.Items != 216 || st.ItemsWithText != 102 {
		t.Errorf("seed.docx stats %+v", st)
	}
}

// Warnings about a Word document count paragraphs (段), not lines.
func TestDocxWarningsCountParagraphs(t *testing.T) {
	var body strings.Builder
	for _, l := range strings.Split("甲单位工作要点\n一、学习\n1.读书\n读。\n2.讨论\n2.讨论又一次\n议。", "\n") {
		body.WriteString("<w:p><w:r><w:t>" + l + "</w:t></w:r></w:p>")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`))
	zw.Close()
	res, err := Parse("q.docx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], "第 6 段:") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

// Files that are not a readable .docx are refused with a message naming
// the file and saying what to do.
func TestDocxRefused(t *testing.T) {
	ole := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 512))
	seedDocx, _ := os.ReadFile("../docx/testdata/seed.docx")
	tests := []struct {
		name string
		data []byte
		kind error
		say  string
	}{
		{"旧文件.doc", ole, docx.ErrOldFormat, "请在 Word 或 WPS 中另存为 .docx 后再导入"},
		{"旧文件.wps", ole, docx.ErrOldFormat, "请在 Word 或 WPS 中另存为 .docx 后再导入"},
		{"改了扩展名.txt", ole, docx.ErrOldFormat, "另存为 .docx"},
		{"加密.docx", append(ole, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...), docx.ErrEncrypted, "密码"},
		{"半截.docx", seedDocx[:20000], docx.ErrCorrupt, "已损坏"},
		{"空白.docx", []byte("hello"), docx.ErrNotWord, "不是 Word 文档"},
		{"格式.rtf", []byte(`{\rtf1\ansi 一、总体要求}`), docx.ErrOldFormat, "RTF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(tt.name, tt.data)
			if err == nil {
				t.Fatalf("parsed: %+v", res.Compilation.Stats())
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.File != tt.name || !errors.Is(err, tt.kind) {
				t.Fatalf("error %v: want a parse.Error of kind %v naming the file", err, tt.kind)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.say) || !strings.Contains(msg, tt.name) {
				t.Errorf("message %q should say %q", msg, tt.say)
			}
		})
	}
}
