package testcorpus

import (
	"archive/zip"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SyntheticDocx returns Synthetic(n) as a .docx written the way LibreOffice
// writes the seed's fixture (app/docx/testdata/seed.docx): one w:p per
// line with the same paragraph properties, runs split where the script
// changes, and the 一、 and 1. numbers as automatic numbering that restarts
// in each document (a w:num with a w:startOverride). Its text, as Word
// shows it, is Synthetic(n) without the final line break.
func SyntheticDocx(n int) []byte {
	return Docx(string(Synthetic(n)))
}

var (
	hanNumRe = regexp.MustCompile(`^([一二三四五六七八九十]+)、`)
	arNumRe  = regexp.MustCompile(`^([0-9]{1,3})\.`)
	hanVals  = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
)

// Docx writes text as a .docx, numbering lines as SyntheticDocx describes.
func Docx(text string) []byte {
	var body strings.Builder
	nums := []int{0, 1}   // abstract definition of each w:num (1-based ids)
	cur := map[int]int{}  // abstract → current w:num
	next := map[int]int{} // abstract → next number
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		abs, num, rest := -1, 0, l
		if m := hanNumRe.FindStringSubmatch(l); m != nil && hanVals[m[1]] > 0 {
			abs, num, rest = 0, hanVals[m[1]], l[len(m[0]):]
		} else if m := arNumRe.FindStringSubmatch(l); m != nil {
			v, _ := strconv.Atoi(m[1])
			if r, _ := utf8.DecodeRuneInString(l[len(m[0]):]); r < '0' || r > '9' {
				abs, num, rest = 1, v, l[len(m[0]):]
			}
		}
		numID := 0
		switch {
		case abs < 0:
		case num == 1:
			nums = append(nums, abs)
			numID = len(nums)
			cur[abs], next[abs] = numID, 2
		case num == next[abs] && cur[abs] > 0:
			numID = cur[abs]
			next[abs]++
		}
		body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Normal"/>`)
		if numID > 0 {
			fmt.Fprintf(&body, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, numID)
		} else {
			rest = l
		}
		body.WriteString(`<w:bidi w:val="0"/><w:jc w:val="start"/><w:rPr></w:rPr></w:pPr>`)
		writeRuns(&body, rest)
		body.WriteString("</w:p>")
	}
	var numbering strings.Builder
	numbering.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	for abs, f := range []string{`<w:numFmt w:val="taiwaneseCountingThousand"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/>`, `<w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%1."/>`} {
		fmt.Fprintf(&numbering, `<w:abstractNum w:abstractNumId="%d"><w:lvl w:ilvl="0"><w:start w:val="1"/>%s<w:lvlJc w:val="start"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="0"/></w:tabs><w:ind w:start="0" w:hanging="0"/></w:pPr></w:lvl></w:abstractNum>`, abs, f)
	}
	for i, abs := range nums {
		fmt.Fprintf(&numbering, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>`, i+1, abs)
		if i >= 2 {
			numbering.WriteString(`<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>`)
		}
		numbering.WriteString(`</w:num>`)
	}
	numbering.WriteString(`</w:numbering>`)
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`},
		{"word/document.xml", doc},
		{"word/numbering.xml", numbering.String()},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(part.data))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// writeRuns writes s as runs, a new run wherever ASCII and other text
// meet, as LibreOffice splits them.
func writeRuns(b *strings.Builder, s string) {
	start := 0
	ascii := func(r rune) bool { return r < 0x80 }
	var prev bool
	for i, r := range s {
		if i > start && ascii(r) != prev {
			run(b, s[start:i])
			start = i
		}
		prev = ascii(r)
	}
	if start < len(s) {
		run(b, s[start:])
	}
}

func run(b *strings.Builder, s string) {
	b.WriteString(`<w:r><w:rPr></w:rPr><w:t xml:space="preserve">`)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`</w:t></w:r>`)
}
