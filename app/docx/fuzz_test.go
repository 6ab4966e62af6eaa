package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds the reader arbitrary document.xml and numbering.xml
// parts. It must never panic or hang, and must either return text (valid
// UTF-8) or an Error naming the file.
func FuzzText(f *testing.F) {
	nothing := `<w:suff w:val="nothing"/>`
	f.Add([]byte(document(p(1, 0, "总体要求")+p(1, 1, "指导思想")+plain("正文<w:tab/>")+`<w:tbl><w:tr><w:tc>`+p(2, 0, "甲")+`</w:tc></w:tr></w:tbl>`)),
		[]byte(`<w:numbering `+wNS+`><w:abstractNum w:abstractNumId="0">`+lvl(0, "chineseCounting", "%1、", nothing)+lvl(1, "chineseCounting", "（%2）", `<w:lvlRestart w:val="0"/>`)+
			`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num></w:numbering>`))
	f.Fuzz(func(t *testing.T, doc, numbering []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range map[string][]byte{"word/document.xml": doc, "word/numbering.xml": numbering} {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
		zw.Close()
		s, err := Text("fuzz.docx", buf.Bytes())
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || !strings.Contains(err.Error(), "fuzz.docx") {
				t.Fatalf("error %v", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8: %q", s)
		}
	})
}
