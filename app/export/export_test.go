package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"huibian/app/compare"
	"huibian/app/docx"
	"huibian/app/internal/testcorpus"
	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func node(t testing.TB, c *model.Compilation, addr string) model.Node {
	t.Helper()
	n, err := c.ResolveString(addr)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// parts opens a .docx and returns its parts by name.
func parts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

// wellFormed fails unless s is well-formed XML.
func wellFormed(t *testing.T, name, s string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

func TestDocxPackage(t *testing.T) {
	c := testcorpus.Seed(t)
	data := Docx(Node(c, node(t, c, "1")))
	ps := parts(t, data)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/_rels/document.xml.rels", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"} {
		body, ok := ps[name]
		if !ok {
			t.Errorf("part %s missing", name)
			continue
		}
		wellFormed(t, name, body)
	}
	st := ps["word/styles.xml"]
	for _, want := range []string{`w:eastAsia="仿宋"`, `w:eastAsia="黑体"`, `w:eastAsia="宋体"`,
		`w:styleId="Heading2"`, `w:styleId="Heading3"`, `w:firstLineChars="200"`, `<w:outlineLvl w:val="1"/>`} {
		if !strings.Contains(st, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	doc := ps["word/document.xml"]
	if n := strings.Count(doc, `<w:pStyle w:val="BodyText"/>`); n < 20 {
		t.Errorf("document 1 has %d body paragraphs, want its text", n)
	}
	// The same Doc gives the same bytes.
	if again := Docx(Node(c, node(t, c, "1"))); !bytes.Equal(again, data) {
		t.Error("two exports of document 1 differ")
	}
}

// TestDocxRoundTrip reads every export back through the reader's own .docx
// reader and checks that it shows the text the pane shows.
func TestDocxRoundTrip(t *testing.T) {
	c := testcorpus.Seed(t)
	for _, tc := range []struct {
		addr string
		want []string // lines that must come back, in order
	}{
		{"1", []string{"市委组织部2026年意识形态工作要点", "一、锚定政治引领根本,夯实理论武装根基"}},
		{"1/3", []string{"出处：市委组织部2026年意识形态工作要点"}},
		{"2.1", []string{"出处："}},
		{"6", []string{noteText(nav.MsgNoDocText)}},
		{"5.8", []string{noteText(fmt.Sprintf(nav.MsgAfterBreak, 7))}},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			n := node(t, c, tc.addr)
			d := Node(c, n)
			got, err := docx.Text(tc.addr+".docx", Docx(d))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			// One line per block, the text as Plain renders it.
			want := strings.Split(strings.TrimSuffix(plainAll(d), "\n"), "\n")
			if strings.Join(lines, "\n") != strings.Join(want, "\n") {
				t.Fatalf("docx text differs from the layout:\n got %q\nwant %q", head(lines), head(want))
			}
			at := 0
			for _, w := range tc.want {
				for at < len(lines) && !strings.HasPrefix(lines[at], w) {
					at++
				}
				if at == len(lines) {
					t.Errorf("line %q not found (in order)", w)
				}
			}
			// Every paragraph of the node's text comes back.
			n.Walk(func(m model.Node) {
				for _, p := range m.Text().Paras {
					if !strings.Contains(got, p) {
						t.Errorf("%s: paragraph %q missing", m.Addr, p)
					}
				}
			})
		})
	}
}

func head(s []string) []string {
	if len(s) > 6 {
		return s[:6]
	}
	return s
}

// plainAll is Plain with the source line kept (the .docx has it).
func plainAll(d Doc) string {
	for i := range d.Blocks {
		d.Blocks[i].Source = false
		d.Blocks[i].RunIn = false
	}
	return Plain(d)
}

// TestCompilationReparses exports the whole seed, reads the .docx back and
// parses it again: the same documents, sections and items.
func TestCompilationReparses(t *testing.T) {
	c := testcorpus.Seed(t)
	data := Docx(Compilation(c))
	res, err := parse.Parse("汇编.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	got, want := res.Compilation.Stats(), c.Stats()
	if got.Documents != 9 || got.Sections != 54 || got.Items != 216 {
		t.Errorf("re-parsed export: %d documents, %d sections, %d items; want 9/54/216", got.Documents, got.Sections, got.Items)
	}
	if got.Documents != want.Documents || got.Sections != want.Sections || got.Items != want.Items {
		t.Errorf("re-parsed export %+v, seed %+v", got, want)
	}
	if res.Compilation.Title != c.Title {
		t.Errorf("title %q, want %q", res.Compilation.Title, c.Title)
	}
	for i, d := range res.Compilation.Documents {
		if d.Title != c.Documents[i].Title {
			t.Errorf("document %d: title %q, want %q", i+1, d.Title, c.Documents[i].Title)
		}
	}
	// Every body paragraph of the seed is in the re-parsed text.
	var text strings.Builder
	for _, l := range res.Compilation.FullTextLines() {
		text.WriteString(l + "\n")
	}
	full := text.String()
	for _, it := range c.Items() {
		for _, p := range it.Item.Body {
			if !strings.Contains(full, p) {
				t.Fatalf("%s: paragraph %q lost in the round trip", it.Addr, p)
			}
		}
	}
	// The Markdown of the compilation names every item.
	md := string(Markdown(Compilation(c)))
	for _, it := range c.Items() {
		if !strings.Contains(md, it.Item.Title) {
			t.Errorf("Markdown lacks item %s %q", it.Addr, it.Item.Title)
		}
	}
}

func TestOutlineMarks(t *testing.T) {
	c := testcorpus.Seed(t)
	count := func(addr string) (marked, notes, paras int) {
		for _, b := range Node(c, node(t, c, addr)).Blocks {
			switch {
			case b.Outline:
				marked++
			case b.Kind == Note && !b.Source:
				notes++
			case b.Kind == Para:
				paras++
			}
		}
		return
	}
	// Document 6 exists only as an outline: its note says so once.
	if m, n, p := count("6"); m != 0 || n != 1 || p != 0 {
		t.Errorf("document 6: %d marked, %d notes, %d paragraphs; want 0, 1, 0", m, n, p)
	}
	// Document 1 has all its text: nothing is marked.
	if m, n, _ := count("1"); m != 0 || n != 0 {
		t.Errorf("document 1: %d marked, %d notes; want none", m, n)
	}
	// Document 5 breaks off at item 7 (its note says so, and item 7's):
	// items 8–24 and sections 3–6, which have no text, are marked.
	d5 := node(t, c, "5").Document
	want := 0
	for _, s := range d5.Sections {
		if !s.HasText {
			want++
		}
		for _, it := range s.Items {
			if !it.HasText && it.Fragment == "" {
				want++
			}
		}
	}
	if m, n, _ := count("5"); m != want || n != 2 || want < 17 {
		t.Errorf("document 5: %d marked, %d notes; want %d (≥ 17) and 2", m, n, want)
	}
	// An item without text on its own: its note says so, no mark.
	if m, n, _ := count("5.8"); m != 0 || n != 1 {
		t.Errorf("item 5.8: %d marked, %d notes; want 0, 1", m, n)
	}
}

func TestPlainText(t *testing.T) {
	c := testcorpus.Seed(t)
	n := node(t, c, "1.1")
	got := PlainText(c, n)
	it := n.Item
	want := nodeLines(n)
	if got != want {
		t.Errorf("PlainText(1.1) =\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(got, it.Marker+it.Heading) || strings.Contains(got, "出处") {
		t.Errorf("PlainText(1.1) should start with the heading and leave out the source: %q", got)
	}
	// A heading that runs into its body in the source is joined again.
	for _, it := range c.Items() {
		if it.Item.Inline && it.Item.HasText {
			got := PlainText(c, it)
			if first := strings.SplitN(got, "\n", 2)[0]; first != it.Item.Marker+it.Item.Heading+it.Item.Body[0] {
				t.Errorf("%s: first line %q, want the source line", it.Addr, first)
			}
			break
		}
	}
}

// nodeLines is an item's text as written: heading, then body lines.
func nodeLines(n model.Node) string {
	t := n.Text()
	var b strings.Builder
	if t.Inline {
		b.WriteString(t.HeadingLine() + t.Paras[0] + "\n")
		for _, p := range t.Paras[1:] {
			b.WriteString(p + "\n")
		}
		return b.String()
	}
	b.WriteString(t.HeadingLine() + "\n")
	for _, p := range t.Paras {
		b.WriteString(p + "\n")
	}
	return b.String()
}

func TestComparisonExport(t *testing.T) {
	c := testcorpus.Seed(t)
	x := compare.New(c)
	for _, addr := range []string{"1/3", "2.11"} {
		r, err := x.Compare(mustAddr(t, addr), compare.Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := Comparison(c, r, CompareOptions{})
		var tab *TableData
		for _, b := range d.Blocks {
			if b.Kind == Table {
				tab = b.Table
			}
		}
		if tab == nil {
			t.Fatalf("%s: no table", addr)
		}
		// The source's row, then one row per other document.
		if len(tab.Rows) != len(c.Documents) {
			t.Errorf("%s: %d rows, want %d", addr, len(tab.Rows), len(c.Documents))
		}
		if tab.Rows[0][1] != addr {
			t.Errorf("%s: first row %v, want the source", addr, tab.Rows[0])
		}
		for i, col := range r.Documents {
			m, _ := col.Best()
			if row := tab.Rows[i+1]; row[1] != m.Address || !strings.HasPrefix(row[2], m.Title) {
				t.Errorf("%s: row %v, want %s %s", addr, row, m.Address, m.Title)
			}
		}
		// The .docx holds a table with borders and a header row, and reads
		// back with one line per row.
		data := Docx(d)
		doc := parts(t, data)["word/document.xml"]
		wellFormed(t, "document.xml", doc)
		for _, want := range []string{"<w:tbl>", "<w:tblBorders>", `<w:insideV w:val="single"`, "<w:tblHeader/>"} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s: document.xml lacks %s", addr, want)
			}
		}
		text, err := docx.Text("c.docx", data)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "部门\t地址\t标题\t相关度\t共同词\n") {
			t.Errorf("%s: header row not read back", addr)
		}
		for _, row := range tab.Rows {
			if !strings.Contains(text, strings.Join(row, "\t")+"\n") {
				t.Errorf("%s: row %v not read back", addr, row)
			}
		}
	}
	// With all candidates, every candidate has a row.
	r, _ := x.Compare(mustAddr(t, "1/3"), compare.Options{})
	d := Comparison(c, r, CompareOptions{All: true, NoTexts: true})
	rows := 0
	for _, b := range d.Blocks {
		if b.Kind == Table {
			rows = len(b.Table.Rows)
		}
		if b.Kind == Para {
			t.Errorf("NoTexts export has text %q", b.Text)
		}
	}
	if want := 1 + len(r.Flat(true)); rows != want {
		t.Errorf("--all: %d rows, want %d", rows, want)
	}
}

func TestComparisonOneDocument(t *testing.T) {
	c := testcorpus.Seed(t)
	one := *c
	one.Documents = c.Documents[:1]
	r, err := compare.New(&one).Compare(mustAddr(t, "1/1"), compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := Comparison(&one, r, CompareOptions{})
	if _, err := docx.Text("one.docx", Docx(d)); err != nil {
		t.Fatal(err)
	}
	if len(Markdown(d)) == 0 {
		t.Fatal("empty Markdown")
	}
}

func mustAddr(t *testing.T, s string) model.Address {
	t.Helper()
	a, err := model.ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestMarkdownGolden compares Markdown exports with golden files written by
// hand-checked runs (go test -run Golden -update rewrites them).
func TestMarkdownGolden(t *testing.T) {
	c := testcorpus.Seed(t)
	x := compare.New(c)
	cases := []struct {
		file string
		doc  func() Doc
	}{
		{"item_1.1.md", func() Doc { return Node(c, node(t, c, "1.1")) }},
		{"section_5_2.md", func() Doc { return Node(c, node(t, c, "5/2")) }},
		{"document_7.md", func() Doc { return Node(c, node(t, c, "7")) }},
		{"matrix.md", func() Doc { return Matrix(c, x.Themes()) }},
		{"compare_theme_1.md", func() Doc {
			return Comparison(c, x.CompareTheme(x.Themes().Themes[0], compare.Options{}), CompareOptions{NoTexts: true})
		}},
		{"compare_1_3.md", func() Doc {
			r, err := x.Compare(mustAddr(t, "1/3"), compare.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return Comparison(c, r, CompareOptions{NoTexts: true})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			got := Markdown(tc.doc())
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file:\n%s", tc.file, got)
			}
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	d := Doc{Blocks: []Block{
		{Kind: Para, Text: "1. 不是列表 *也不是强调* <b>"},
		{Kind: Para, Text: "# 不是标题"},
		{Kind: Table, Table: &TableData{Header: []string{"a|b"}, Rows: [][]string{{"x\ny"}}}},
	}}
	got := string(Markdown(d))
	want := "1\\. 不是列表 \\*也不是强调\\* \\<b\\>\n\n\\# 不是标题\n\n| a\\|b |\n| --- |\n| x<br>y |\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestXMLEscapes(t *testing.T) {
	d := Doc{Title: "a<b>&\"c\"", Blocks: []Block{
		{Kind: Heading, Text: "标题 <&>"},
		{Kind: Para, Text: "控制符\x01\x0b与\t制表符\n换行"},
		{Kind: Table, Table: &TableData{Header: []string{"<"}, Rows: [][]string{{"&"}}}},
	}}
	ps := parts(t, Docx(d))
	for name, body := range ps {
		wellFormed(t, name, body)
	}
	text, err := docx.Text("x.docx", Docx(d))
	if err != nil {
		t.Fatal(err)
	}
	if want := "标题 <&>\n控制符与\t制表符\n换行\n<\n&\n"; text != want {
		t.Errorf("read back %q, want %q", text, want)
	}
}

// schemaOrder is the order WordprocessingML's schema gives the children of
// the elements the writer uses (ECMA-376 Part 1, §17: CT_PPrBase, CT_RPr,
// CT_Style, CT_TblPr, CT_TcPr, CT_SectPr, CT_TblBorders). Word, unlike
// LibreOffice, refuses a document whose children are out of order.
var schemaOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
		"suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
		"overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
		"snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
		"textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
		"sectPr", "pPrChange"},
	"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
		"shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
		"w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
		"vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"},
	"style": {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "uiPriority", "semiHidden",
		"unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid",
		"pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"},
	"tblPr": {"tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
		"tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
		"tblLayout", "tblCellMar", "tblLook"},
	"tcPr": {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
		"textDirection", "tcFitText", "vAlign", "hideMark"},
	"sectPr": {"headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
		"paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
		"titlePg", "textDirection", "bidi", "rtlGutter", "docGrid"},
	"tblBorders": {"top", "left", "start", "bottom", "right", "end", "insideH", "insideV"},
	"tbl":        {"tblPr", "tblGrid", "tr"},
	"tr":         {"tblPrEx", "trPr", "tc"},
	"tc":         {"tcPr", "p", "tbl"},
	"r":          {"rPr", "t", "br", "tab"},
	"p":          {"pPr", "r"},
}

// checkOrder fails when an element's children are out of schemaOrder
// ("r" and "p" only check that properties come first).
func checkOrder(t *testing.T, name, s string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	type open struct {
		name string
		last int
	}
	var stack []open
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if n := len(stack); n > 0 {
				parent := &stack[n-1]
				if order, ok := schemaOrder[parent.name]; ok {
					i := slices.Index(order, e.Name.Local)
					if parent.name == "r" || parent.name == "p" {
						// Content may repeat in any order after the properties.
						i = min(i, 1)
					}
					if i < 0 {
						t.Errorf("%s: <%s> inside <%s> is not in the schema list", name, e.Name.Local, parent.name)
					} else if i < parent.last {
						t.Errorf("%s: <%s> after a later element inside <%s>", name, e.Name.Local, parent.name)
					} else {
						parent.last = i
					}
				}
			}
			stack = append(stack, open{name: e.Name.Local})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func TestSchemaOrder(t *testing.T) {
	c := testcorpus.Seed(t)
	r, err := compare.New(c).Compare(mustAddr(t, "1/3"), compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]Doc{
		"compilation": Compilation(c),
		"comparison":  Comparison(c, r, CompareOptions{All: true}),
		"landscape":   {Landscape: true, Blocks: []Block{{Kind: Table, Table: &TableData{Header: []string{"a"}}}}},
	} {
		ps := parts(t, Docx(d))
		checkOrder(t, name+" document.xml", ps["word/document.xml"])
		checkOrder(t, name+" styles.xml", ps["word/styles.xml"])
	}
}

// TestGenreReparses: the other compilation shapes the parser knows (no
// outline, restarting numbers, contents pages numbered 一、 or not at all)
// also come back with their documents, sections and items after an export
// to .docx.
func TestGenreReparses(t *testing.T) {
	testcorpus.EachGenre(t, func(t *testing.T, c *model.Compilation) {
		back, err := parse.Parse("x.docx", Docx(Compilation(c)))
		if err != nil {
			t.Fatal(err)
		}
		got, want := back.Compilation.Stats(), c.Stats()
		if got.Documents != want.Documents || got.Sections != want.Sections || got.Items != want.Items {
			t.Errorf("re-parsed %d/%d/%d, source %d/%d/%d", got.Documents, got.Sections, got.Items,
				want.Documents, want.Sections, want.Items)
		}
	})
}

func TestMatrixExport(t *testing.T) {
	c := testcorpus.Seed(t)
	x := compare.New(c)
	m := x.Themes()
	if len(m.Themes) < 4 {
		t.Fatalf("%d themes", len(m.Themes))
	}
	d := Matrix(c, m)
	if !d.Landscape {
		t.Error("the matrix is not on landscape pages")
	}
	var tab *TableData
	for _, b := range d.Blocks {
		if b.Kind == Table {
			tab = b.Table
		}
	}
	if tab == nil {
		t.Fatal("no table")
	}
	if len(tab.Header) != 1+len(c.Documents) || len(tab.Rows) != len(m.Themes) {
		t.Fatalf("table %d×%d, want %d×%d", len(tab.Rows), len(tab.Header), len(m.Themes), 1+len(c.Documents))
	}
	if !strings.HasSuffix(tab.Header[6], "（仅提纲）") || strings.Contains(tab.Header[1], "仅提纲") {
		t.Errorf("header %v: documents 6–9 are outlines, 1 is not", tab.Header)
	}
	empty := 0
	for i, th := range m.Themes {
		row := tab.Rows[i]
		if !strings.Contains(row[0], th.Label) {
			t.Errorf("row %d: %q, want the label %q", i, row[0], th.Label)
		}
		for k, cell := range th.Cells {
			got := row[k+1]
			if cell.Empty() {
				empty++
				if got != Unmatched {
					t.Errorf("theme %d, document %d: %q, want %s", i+1, cell.Document, got, Unmatched)
				}
				continue
			}
			for _, e := range cell.Entries {
				if !strings.Contains(got, e.Addr.String()+" "+e.Title) {
					t.Errorf("theme %d, document %d: %q lacks %s %s", i+1, cell.Document, got, e.Addr, e.Title)
				}
			}
		}
	}
	// The .docx: a landscape page, the table read back row by row.
	data := Docx(d)
	doc := parts(t, data)["word/document.xml"]
	checkOrder(t, "matrix document.xml", doc)
	if !strings.Contains(doc, `w:orient="landscape"`) {
		t.Error("no landscape section")
	}
	text, err := docx.Text("m.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "\t") { // a table row
			rows++
			empty -= strings.Count(l, Unmatched)
		}
	}
	if got := rows - 1; got != len(m.Themes) || empty != 0 {
		t.Errorf("%d rows read back (want %d), %d cells without %s", got, len(m.Themes), empty, Unmatched)
	}
	for _, th := range m.Themes {
		if !strings.Contains(text, th.Label) {
			t.Errorf("label %q not in the .docx", th.Label)
		}
	}
	// One document: no themes, a note, no error.
	one := *c
	one.Documents = c.Documents[:1]
	d = Matrix(&one, compare.New(&one).Themes())
	if _, err := docx.Text("one.docx", Docx(d)); err != nil || len(Markdown(d)) == 0 {
		t.Fatalf("one document: %v", err)
	}
}

func TestThemeComparisonExport(t *testing.T) {
	c := testcorpus.Seed(t)
	x := compare.New(c)
	m := x.Themes()
	th := m.Themes[0]
	r := x.CompareTheme(th, compare.Options{})
	d := Comparison(c, r, CompareOptions{})
	if !strings.Contains(d.Title, th.Label) {
		t.Errorf("title %q", d.Title)
	}
	var tab *TableData
	heads := 0
	for _, b := range d.Blocks {
		if b.Kind == Table {
			tab = b.Table
		}
		if b.Kind == Heading && b.Depth == 3 {
			heads++
		}
	}
	// One row per section of the theme, 未涉及 for a document without.
	want, sections := 0, 0
	for _, cell := range th.Cells {
		want += max(1, len(cell.Entries))
		sections += len(cell.Entries)
	}
	if len(tab.Rows) != want {
		t.Errorf("%d rows, want %d", len(tab.Rows), want)
	}
	if heads != sections {
		t.Errorf("%d texts, want the %d sections of the theme", heads, sections)
	}
}
