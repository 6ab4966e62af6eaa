// Command gen writes Flat ODT (.fodt) files from plain-text sources, for
// LibreOffice to convert into the .docx test fixtures (see ../gen.sh).
//
// Every line of a source becomes a paragraph. Numbered lines ("一、",
// "（一）", "1.") become automatically numbered list paragraphs, their
// typed number removed, when the number is the one the list would show
// next; a "1." or "一、" starts the list again (a new list, or the same list
// with a start value, alternately, so that both ways LibreOffice writes a
// restart are covered). The typed numbers are thus what the .docx must
// show, and the tests compare against them.
//
// Sources may also use this markup:
//
//	|a|b|c|             a table row (consecutive rows make one table)
//	[-text-]            a tracked deletion; [+text+] a tracked insertion
//	[-P-]               at the start of a line: the whole paragraph deleted
//	{^text^}            a footnote; {#text#} a comment; {~text~} hidden text
//	<br> <tab>          a line break, a tab
//	{link:text}         a hyperlink
//	@toc                a generated table of contents of the Heading 1 lines
//	@h1 text            a Heading 1 paragraph
//	@suffix tab|space|nothing   what follows the numbers of lists started from here on
//	@header text, @footer text  the page header and footer
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: gen OUTDIR SOURCE...")
		os.Exit(2)
	}
	for _, src := range os.Args[2:] {
		data, err := os.ReadFile(src)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		name := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
		out := filepath.Join(os.Args[1], name+".fodt")
		if err := os.WriteFile(out, []byte(convert(string(data))), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

var (
	hanRe  = regexp.MustCompile(`^([一二三四五六七八九十]+)、`)
	han2Re = regexp.MustCompile(`^（([一二三四五六七八九十]+)）`)
	arRe   = regexp.MustCompile(`^([0-9]{1,3})\.`)
)

func hanValue(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return digits[r[0]]
	case len(r) == 2 && r[0] == '十':
		return 10 + digits[r[1]]
	case len(r) == 2 && r[1] == '十':
		return digits[r[0]] * 10
	case len(r) == 3 && r[1] == '十':
		return digits[r[0]]*10 + digits[r[2]]
	}
	return 0
}

// list is one automatically numbered list being written.
type list struct {
	style    string // list style name
	id       string // xml:id of its first text:list
	next     [2]int // next number at levels 1 and 2
	restarts int
}

type gen struct {
	b        strings.Builder
	lists    map[string]*list
	suffix   string
	styles   []string // list styles written so far (one per suffix and kind)
	changes  []string // tracked-change regions
	nchange  int
	nlist    int
	pending  string // a change mark for the start of the next paragraph
	ntable   int
	header   string
	footer   string
	inTable  bool
	headings []string
}

func convert(src string) string {
	g := &gen{lists: map[string]*list{}, suffix: "nothing"}
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	// The headings are needed for a table of contents before them.
	for _, l := range lines {
		if t, ok := strings.CutPrefix(l, "@h1 "); ok {
			g.headings = append(g.headings, t)
		}
	}
	for _, l := range lines {
		g.line(l)
	}
	g.endTable()
	return g.document()
}

func (g *gen) line(l string) {
	if strings.HasPrefix(l, "|") && strings.HasSuffix(l, "|") && len(l) > 1 {
		g.row(strings.Split(l[1:len(l)-1], "|"))
		return
	}
	g.endTable()
	switch {
	case strings.HasPrefix(l, "@suffix "):
		g.suffix = strings.TrimPrefix(l, "@suffix ")
		return
	case strings.HasPrefix(l, "@header "):
		g.header = strings.TrimPrefix(l, "@header ")
		return
	case strings.HasPrefix(l, "@footer "):
		g.footer = strings.TrimPrefix(l, "@footer ")
		return
	case l == "@toc":
		g.toc()
		return
	case strings.HasPrefix(l, "@h1 "):
		fmt.Fprintf(&g.b, "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">%s</text:h>\n", g.inline(strings.TrimPrefix(l, "@h1 ")))
		return
	}
	if rest, ok := strings.CutPrefix(l, "[-P-]"); ok {
		// A paragraph deleted whole: its text and its paragraph mark.
		// The deletion takes the paragraph break with it: its mark stands
		// at the start of the next paragraph.
		id := g.change("deletion", "<text:p>"+g.inline(rest)+"</text:p><text:p/>")
		g.pending = fmt.Sprintf("<text:change text:change-id=\"%s\"/>", id)
		return
	}
	if m := hanRe.FindStringSubmatch(l); m != nil && g.numbered("han", 0, hanValue(m[1]), l[len(m[0]):]) {
		return
	}
	if m := han2Re.FindStringSubmatch(l); m != nil && g.numbered("han", 1, hanValue(m[1]), l[len(m[0]):]) {
		return
	}
	if m := arRe.FindStringSubmatch(l); m != nil {
		rest := l[len(m[0]):]
		n, _ := strconv.Atoi(m[1])
		if (rest == "" || rest[0] < '0' || rest[0] > '9') && g.numbered("ar", 0, n, rest) {
			return
		}
	}
	fmt.Fprintf(&g.b, "<text:p>%s</text:p>\n", g.inline(l))
}

// numbered writes an automatically numbered paragraph if n is the number
// the list of this kind would show next at this level, or 1 (a restart).
func (g *gen) numbered(kind string, lvl, n int, rest string) bool {
	ls := g.lists[kind]
	attrs, item := "", ""
	switch {
	case n == 1 && lvl == 0:
		if ls != nil && ls.restarts%2 == 1 && g.styleName(kind) == ls.style {
			// The same list again from 1: LibreOffice writes a w:num with
			// a w:startOverride.
			attrs = fmt.Sprintf(" text:continue-list=\"%s\"", ls.id)
			item = " text:start-value=\"1\""
			ls.restarts++
		} else {
			restarts := 0
			if ls != nil {
				restarts = ls.restarts + 1
			}
			g.nlist++
			ls = &list{style: g.styleName(kind), id: fmt.Sprintf("list%d", g.nlist), restarts: restarts}
			g.lists[kind] = ls
			attrs = fmt.Sprintf(" xml:id=\"%s\"", ls.id)
		}
		ls.next = [2]int{1, 1}
	case ls != nil && n == ls.next[lvl]:
		attrs = fmt.Sprintf(" text:continue-list=\"%s\"", ls.id)
	default:
		return false
	}
	ls.next[lvl] = n + 1
	if lvl == 0 {
		ls.next[1] = 1
	}
	open, close := "", ""
	if lvl == 1 {
		open, close = "<text:list><text:list-item>", "</text:list-item></text:list>"
	}
	fmt.Fprintf(&g.b, "<text:list text:style-name=\"%s\"%s><text:list-item%s>%s<text:p>%s</text:p>%s</text:list-item></text:list>\n",
		ls.style, attrs, item, open, g.inline(rest), close)
	return true
}

func (g *gen) styleName(kind string) string {
	name := kind + "_" + g.suffix
	for _, s := range g.styles {
		if s == name {
			return name
		}
	}
	g.styles = append(g.styles, name)
	return name
}

func (g *gen) row(cells []string) {
	if !g.inTable {
		g.ntable++
		fmt.Fprintf(&g.b, "<table:table table:name=\"T%d\"><table:table-column table:number-columns-repeated=\"%d\"/>\n", g.ntable, len(cells))
		g.inTable = true
	}
	g.b.WriteString("<table:table-row>")
	for _, c := range cells {
		g.b.WriteString("<table:table-cell office:value-type=\"string\">")
		for _, p := range strings.Split(c, "<p>") {
			fmt.Fprintf(&g.b, "<text:p>%s</text:p>", g.inline(p))
		}
		g.b.WriteString("</table:table-cell>")
	}
	g.b.WriteString("</table:table-row>\n")
}

func (g *gen) endTable() {
	if g.inTable {
		g.b.WriteString("</table:table>\n")
		g.inTable = false
	}
}

func (g *gen) toc() {
	g.b.WriteString(`<text:table-of-content text:name="目录1"><text:table-of-content-source text:outline-level="1"><text:index-title-template>目录</text:index-title-template>` +
		`<text:table-of-content-entry-template text:outline-level="1"><text:index-entry-link-start/><text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/><text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template>` +
		`</text:table-of-content-source><text:index-body><text:index-title text:name="目录1_Head"><text:p>目录</text:p></text:index-title>`)
	for i, h := range g.headings {
		fmt.Fprintf(&g.b, "<text:p>%s<text:tab/>%d</text:p>", g.inline(h), i+1)
	}
	g.b.WriteString("</text:index-body></text:table-of-content>\n")
}

func (g *gen) change(kind, body string) string {
	g.nchange++
	id := fmt.Sprintf("ct%d", g.nchange)
	info := `<office:change-info><dc:creator>起草人</dc:creator><dc:date>2026-01-05T10:00:00</dc:date></office:change-info>`
	if kind == "deletion" {
		g.changes = append(g.changes, fmt.Sprintf(`<text:changed-region text:id="%s"><text:deletion>%s%s</text:deletion></text:changed-region>`, id, info, body))
	} else {
		g.changes = append(g.changes, fmt.Sprintf(`<text:changed-region text:id="%s"><text:insertion>%s</text:insertion></text:changed-region>`, id, info))
	}
	return id
}

var inlineRe = regexp.MustCompile(`\[-(.*?)-\]|\[\+(.*?)\+\]|\{\^(.*?)\^\}|\{#(.*?)#\}|\{~(.*?)~\}|\{link:(.*?)\}|<br>|<tab>`)

// inline converts one line's markup into ODF paragraph content.
func (g *gen) inline(s string) string {
	var b strings.Builder
	b.WriteString(g.pending)
	g.pending = ""
	last := 0
	for _, m := range inlineRe.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(esc(s[last:m[0]]))
		last = m[1]
		part := func(i int) string { return s[m[2*i]:m[2*i+1]] }
		switch {
		case m[2] >= 0:
			id := g.change("deletion", "<text:p>"+esc(part(1))+"</text:p>")
			fmt.Fprintf(&b, "<text:change text:change-id=\"%s\"/>", id)
		case m[4] >= 0:
			id := g.change("insertion", "")
			fmt.Fprintf(&b, "<text:change-start text:change-id=\"%s\"/>%s<text:change-end text:change-id=\"%s\"/>", id, esc(part(2)), id)
		case m[6] >= 0:
			fmt.Fprintf(&b, "<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body><text:p>%s</text:p></text:note-body></text:note>", esc(part(3)))
		case m[8] >= 0:
			fmt.Fprintf(&b, "<office:annotation><dc:creator>审稿人</dc:creator><text:p>%s</text:p></office:annotation>", esc(part(4)))
		case m[10] >= 0:
			fmt.Fprintf(&b, "<text:span text:style-name=\"Hidden\">%s</text:span>", esc(part(5)))
		case m[12] >= 0:
			fmt.Fprintf(&b, "<text:a xlink:type=\"simple\" xlink:href=\"https://www.gov.cn/\">%s</text:a>", esc(part(6)))
		case s[m[0]:m[1]] == "<br>":
			b.WriteString("<text:line-break/>")
		default:
			b.WriteString("<text:tab/>")
		}
	}
	b.WriteString(esc(s[last:]))
	return b.String()
}

// esc escapes text for XML and keeps every space (ODF collapses runs of
// white space otherwise).
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case ' ':
			b.WriteString("<text:s/>")
		case '\t':
			b.WriteString("<text:tab/>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func listStyle(name string) string {
	kind, suffix, _ := strings.Cut(name, "_")
	follow := fmt.Sprintf(`<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="%s" text:list-tab-stop-position="0.74cm" fo:text-indent="0cm" fo:margin-left="0cm"/></style:list-level-properties>`, map[string]string{"tab": "listtab", "space": "space", "nothing": "nothing"}[suffix])
	if kind == "ar" {
		return fmt.Sprintf(`<text:list-style style:name="%s"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix=".">%s</text:list-level-style-number></text:list-style>`, name, follow)
	}
	return fmt.Sprintf(`<text:list-style style:name="%s"><text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、">%s</text:list-level-style-number>`+
		`<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）">%s</text:list-level-style-number></text:list-style>`, name, follow, follow)
}

func (g *gen) document() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Standard" style:family="paragraph"/><style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/></office:styles>
<office:automatic-styles><style:style style:name="Hidden" style:family="text"><style:text-properties text:display="none"/></style:style>
`)
	for _, s := range g.styles {
		b.WriteString(listStyle(s) + "\n")
	}
	b.WriteString(`<style:page-layout style:name="pm1"><style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">`)
	if g.header != "" {
		fmt.Fprintf(&b, "<style:header><text:p>%s</text:p></style:header>", esc(g.header))
	}
	if g.footer != "" {
		fmt.Fprintf(&b, "<style:footer><text:p>%s</text:p></style:footer>", esc(g.footer))
	}
	b.WriteString("</style:master-page></office:master-styles>\n<office:body><office:text>\n")
	if len(g.changes) > 0 {
		b.WriteString("<text:tracked-changes>" + strings.Join(g.changes, "") + "</text:tracked-changes>\n")
	}
	b.WriteString(g.b.String())
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.String()
}
