package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// modTime is the time stamped on every part of the archive, so that the
// same Doc always gives the same bytes.
var modTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Page geometry in twentieths of a point: A4 with the margins of official
// documents (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
const (
	pageW, pageH    = 11906, 16838
	marginTop       = 2098
	marginBottom    = 1984
	marginLeft      = 1587
	marginRight     = 1474
	textWidth       = pageW - marginLeft - marginRight // portrait
	textWidthLandsc = pageH - marginLeft - marginRight
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// WriteDocx writes d as a Word document (.docx).
func WriteDocx(w io.Writer, d Doc) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// Fast compression: for the seed the default level took 49 ms against
	// 12 ms, for a file of 51 KB against 60 KB.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	parts := []struct {
		name string
		body string
	}{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreProps(d.Title)},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/document.xml", documentXML(d)},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modTime})
		if err != nil {
			return fmt.Errorf("写入 Word 文档的 %s:%w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("写入 Word 文档的 %s:%w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("写入 Word 文档：%w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Docx returns d as the bytes of a .docx file.
func Docx(d Doc) []byte {
	var b bytes.Buffer
	_ = WriteDocx(&b, d) // writing to memory cannot fail
	return b.Bytes()
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>汇编阅读器</Application></Properties>`

func coreProps(title string) string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:title>` + esc(title) + `</dc:title><dc:creator>汇编阅读器</dc:creator><dc:language>zh-CN</dc:language>` +
		`</cp:coreProperties>`
}

const settingsXML = xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

// Fonts: 宋体 for titles, 黑体 for section headings, 仿宋 for the text,
// as official documents set them; Latin text in Times New Roman.
func fonts(eastAsia string) string {
	return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="` + eastAsia + `" w:hint="eastAsia"/>`
}

// Sizes in half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.
var stylesXML = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts("仿宋") +
	`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style("paragraph", "Normal", "Normal", "", true, ``, ``) +
	style("paragraph", "Title", "Title", "Normal", false,
		`<w:keepNext/><w:spacing w:before="0" w:after="560" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`,
		fonts("宋体")+`<w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/>`) +
	style("paragraph", "Heading1", "heading 1", "Normal", false,
		`<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="0" w:after="560" w:line="600" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`,
		fonts("宋体")+`<w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/>`) +
	style("paragraph", "Heading2", "heading 2", "Normal", false,
		`<w:keepNext/><w:spacing w:before="280"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/>`,
		fonts("黑体")+`<w:sz w:val="32"/><w:szCs w:val="32"/>`) +
	style("paragraph", "Heading3", "heading 3", "Normal", false,
		`<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="2"/>`,
		fonts("仿宋")+`<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>`) +
	style("paragraph", "Heading4", "heading 4", "Normal", false,
		`<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="3"/>`,
		fonts("仿宋")+`<w:sz w:val="32"/><w:szCs w:val="32"/>`) +
	style("paragraph", "BodyText", "Body Text", "Normal", false,
		`<w:ind w:firstLineChars="200" w:firstLine="640"/>`, ``) +
	style("paragraph", "Note", "Note", "Normal", false,
		`<w:spacing w:line="440" w:lineRule="exact"/><w:jc w:val="left"/>`,
		fonts("仿宋")+`<w:color w:val="595959"/><w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	style("paragraph", "Contents", "Contents Entry", "Normal", false,
		`<w:ind w:left="640"/><w:jc w:val="left"/>`, ``) +
	style("paragraph", "TableText", "Table Text", "Normal", false,
		`<w:spacing w:line="300" w:lineRule="auto"/><w:jc w:val="left"/>`,
		fonts("仿宋")+`<w:sz w:val="21"/><w:szCs w:val="21"/>`) +
	style("character", "OutlineMark", "Outline Mark", "", false, ``,
		`<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="595959"/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	style("table", "TableGrid", "Table Grid", "", false, ``, ``) +
	`</w:styles>`

func style(typ, id, name, basedOn string, def bool, ppr, rpr string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:style w:type="%s" w:styleId="%s"`, typ, id)
	if def {
		b.WriteString(` w:default="1"`)
	}
	fmt.Fprintf(&b, `><w:name w:val="%s"/>`, name)
	if basedOn != "" {
		fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, basedOn)
	}
	if typ == "paragraph" && id != "Normal" {
		fmt.Fprintf(&b, `<w:next w:val="%s"/>`, nextStyle(id))
	}
	b.WriteString(`<w:qFormat/>`)
	// The schema's order: pPr, rPr, tblPr (Word refuses others).
	if ppr != "" {
		b.WriteString(`<w:pPr>` + ppr + `</w:pPr>`)
	}
	if rpr != "" {
		b.WriteString(`<w:rPr>` + rpr + `</w:rPr>`)
	}
	if typ == "table" {
		b.WriteString(`<w:tblPr><w:tblBorders>` + borders + `</w:tblBorders>` +
			`<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	}
	b.WriteString(`</w:style>`)
	return b.String()
}

func nextStyle(id string) string {
	switch id {
	case "Note", "TableText", "Contents":
		return id
	}
	return "BodyText"
}

// borders are single lines of half a point all round and between cells.
const borders = `<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>`

// documentXML renders the body.
func documentXML(d Doc) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsRel + `"><w:body>`)
	width := textWidth
	if d.Landscape {
		width = textWidthLandsc
	}
	first := true
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case Heading:
			st := headingStyle(bl.Depth)
			ppr := ""
			if st == "Heading1" && first {
				// A document heading opening the file starts no new page.
				ppr = `<w:pageBreakBefore w:val="0"/>`
			}
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + st + `"/>` + ppr + `</w:pPr>`)
			b.WriteString(runs(bl.Text, ""))
			if bl.Outline {
				b.WriteString(runs(OutlineMark, `<w:rStyle w:val="OutlineMark"/>`))
			}
			b.WriteString(`</w:p>`)
		case Para:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>`)
			if bl.Lead != "" {
				b.WriteString(runs(bl.Lead, `<w:b/><w:bCs/>`))
			}
			b.WriteString(runs(bl.Text, ""))
			b.WriteString(`</w:p>`)
		case Note:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr>` + runs(bl.Text, "") + `</w:p>`)
		case Entry:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Contents"/></w:pPr>` + runs(bl.Text, "") + `</w:p>`)
		case Table:
			if bl.Table != nil {
				table(&b, bl.Table, width)
				// Word needs a paragraph between two tables, and after a
				// table that ends the body.
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr></w:p>`)
			}
		}
		first = false
	}
	// The section: A4, portrait or landscape.
	w, h, orient := pageW, pageH, ""
	if d.Landscape {
		w, h, orient = pageH, pageW, ` w:orient="landscape"`
	}
	fmt.Fprintf(&b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"%s/>`, w, h, orient)
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>`,
		marginTop, marginRight, marginBottom, marginLeft)
	b.WriteString(`</w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func headingStyle(depth int) string {
	switch {
	case depth <= 0:
		return "Title"
	case depth >= 4:
		return "Heading4"
	}
	return fmt.Sprintf("Heading%d", depth)
}

// table renders t across width twips, the header row repeated on every page.
func table(b *strings.Builder, t *TableData, width int) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	ws := make([]int, cols)
	total := 0
	for i := range ws {
		ws[i] = 1
		if i < len(t.Widths) && t.Widths[i] > 0 {
			ws[i] = t.Widths[i]
		}
		total += ws[i]
	}
	grid := make([]int, cols)
	sum := 0
	for i := range grid {
		grid[i] = width * ws[i] / total
		sum += grid[i]
	}
	grid[cols-1] += width - sum
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="%d" w:type="dxa"/>`, width)
	b.WriteString(`<w:tblBorders>` + borders + `</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>`)
	b.WriteString(`<w:tblGrid>`)
	for _, g := range grid {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, g)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		// A row stays on one page; the header row is repeated on each.
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for i := 0; i < cols; i++ {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, grid[i])
			if header {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`)
			}
			b.WriteString(`</w:tcPr>`)
			rpr := ""
			if header {
				rpr = fonts("黑体")
			}
			// A cell's lines are paragraphs of their own.
			for _, line := range strings.Split(cell, "\n") {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
				if header {
					b.WriteString(`<w:jc w:val="center"/>`)
				}
				b.WriteString(`</w:pPr>` + runs(line, rpr) + `</w:p>`)
			}
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	if len(t.Header) > 0 {
		row(t.Header, true)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}

// runs renders text as one run (several when it holds line breaks or tabs)
// with the run properties rpr.
func runs(text, rpr string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<w:r>`)
	if rpr != "" {
		b.WriteString(`<w:rPr>` + rpr + `</w:rPr>`)
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString(`<w:tab/>`)
			}
			if part != "" {
				b.WriteString(`<w:t xml:space="preserve">` + esc(part) + `</w:t>`)
			}
		}
	}
	b.WriteString(`</w:r>`)
	return b.String()
}

// esc escapes text for XML, dropping characters XML cannot hold (control
// characters other than tab and newline, invalid UTF-8).
func esc(s string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r >= 0xFFFE && r <= 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(clean))
	return b.String()
}
