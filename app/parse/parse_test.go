package parse

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"huibian/app/model"
	"huibian/assets"
)

func seed(t testing.TB) *model.Compilation {
	t.Helper()
	res, err := Parse("seed.txt", assets.Compilation)
	if err != nil {
		t.Fatalf("parse seed: %v", err)
	}
	return res.Compilation
}

// seedLines returns the seed's non-empty lines, trimmed, as the parser sees them.
func seedLines() []string {
	var out []string
	for _, l := range strings.Split(string(assets.Compilation), "\n") {
		if l = trimLine(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestSeedCounts(t *testing.T) {
	c := seed(t)
	st := c.Stats()
	want := model.Stats{Documents: 9, Sections: 54, Items: 216, ItemsWithText: 102}
	st.Characters = 0
	if st != want {
		t.Fatalf("stats = %+v, want %+v", st, want)
	}
	if c.Title != "局机关2026年意识形态工作要点材料汇编(9篇)" {
		t.Errorf("title = %q", c.Title)
	}
	for _, d := range c.Documents {
		if len(d.Sections) != 6 {
			t.Errorf("document %d has %d sections", d.Number, len(d.Sections))
		}
		for i, s := range d.Sections {
			if len(s.Items) != 4 {
				t.Errorf("section %d/%d has %d items", d.Number, s.Number, len(s.Items))
			}
			for j, it := range s.Items {
				if want := i*4 + j + 1; it.Number != want {
					t.Errorf("item %d.%d at position %d, want number %d", d.Number, it.Number, j, want)
				}
				if it.Title == "" {
					t.Errorf("item %d.%d has no title", d.Number, it.Number)
				}
			}
		}
	}
	if len(c.Skipped) != 0 {
		t.Errorf("skipped lines in the seed: %v", c.Skipped)
	}
}

func TestSeedDocuments(t *testing.T) {
	c := seed(t)
	tests := []struct {
		num       int
		title     string
		short     string
		page      int
		hasText   bool
		truncated bool
	}{
		{1, "市委组织部2026年意识形态工作要点", "市委组织部", 2, true, false},
		{2, "市委政研室2026年意识形态工作要点", "市委政研室", 18, true, false},
		{3, "市委直属机关工委2026年意识形态工作要点", "市委直属机关工委", 35, true, false},
		{4, "市委编办2026年意识形态工作要点", "市委编办", 56, true, false},
		{5, "检察院2026年意识形态工作要点", "检察院", 70, true, true},
		{6, "法院2026年意识形态工作要点", "法院", 87, false, false},
		{9, "中级人民法院2026年意识形态工作要点", "中级人民法院", 131, false, false},
	}
	for _, tt := range tests {
		d := c.Documents[tt.num-1]
		if d.Title != tt.title || d.Short != tt.short || d.Page != tt.page || d.HasText != tt.hasText || d.Truncated != tt.truncated {
			t.Errorf("document %d = {%q %q p%d text=%v trunc=%v}, want %+v", tt.num, d.Title, d.Short, d.Page, d.HasText, d.Truncated, tt)
		}
		if d.ID != model.DocumentID(c.ID, tt.num) {
			t.Errorf("document %d ID %q", tt.num, d.ID)
		}
	}
}

func TestSeedNodes(t *testing.T) {
	c := seed(t)
	tests := []struct {
		addr        string
		title       string
		heading     string // "" when the node has no full text
		inline      bool
		bodyPrefix  string
		bodyContain string
	}{
		// Heading on a line of its own, body in the next paragraph.
		{"1.1", "构建分层分类研学体系", "构建分层分类研学体系", false, "立足组织部门政治属性", "过渡句:紧扣组织工作"},
		{"4.24", "深化基层风险延伸管控", "深化基层风险延伸管控", false, "聚焦基层意识形态工作薄弱环节", ""},
		// Heading run into the body.
		{"2.1", "实施“溯源研读”深化工程", "实施“溯源研读”深化工程,系统掌握思想体系。", true, "坚持将学习贯彻", "第一议题"},
		{"3.2", "严格落实意识形态工作责任制", "严格落实意识形态工作责任制。", true, "责任制是抓好意识形态工作的“牛鼻子”。", ""},
		{"5.6", "规范内部宣传阵地建设", "规范内部宣传阵地建设", false, "加强机关内部宣传阵地管理", ""},
		// Outline only.
		{"5.10", "健全网络舆情处置体系", "", false, "", ""},
		{"9.24", "构建内外协同与长效治理格局", "", false, "", ""},
	}
	for _, tt := range tests {
		n, err := c.ResolveString(tt.addr)
		if err != nil {
			t.Fatalf("resolve %s: %v", tt.addr, err)
		}
		it := n.Item
		if it.Title != tt.title || it.Heading != tt.heading || it.Inline != tt.inline || it.HasText != (tt.heading != "") {
			t.Errorf("%s = {%q %q inline=%v text=%v}, want %+v", tt.addr, it.Title, it.Heading, it.Inline, it.HasText, tt)
		}
		body := strings.Join(it.Body, "\n")
		if !strings.HasPrefix(body, tt.bodyPrefix) || !strings.Contains(body, tt.bodyContain) {
			t.Errorf("%s body = %.60q…, want prefix %q containing %q", tt.addr, body, tt.bodyPrefix, tt.bodyContain)
		}
		if tt.heading == "" && len(it.Body) != 0 {
			t.Errorf("%s has a body without full text", tt.addr)
		}
	}
}

func TestSeedSections(t *testing.T) {
	c := seed(t)
	tests := []struct {
		addr, title, heading, introPrefix string
	}{
		{"1/1", "锚定政治引领根本", "锚定政治引领根本,夯实理论武装根基", ""},
		{"2/1", "强化理论武装核心地位", "强化理论武装核心地位,筑牢政策研究政治根基", "本板块旨在将深化党的创新理论学习"},
		{"3/6", "健全完善制度机制", "健全完善制度机制,压紧压实意识形态工作责任", "抓好意识形态工作,制度是根本保障"},
		{"5/3", "风险清源守底线", "", ""},
	}
	for _, tt := range tests {
		n, err := c.ResolveString(tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		s := n.Section
		intro := strings.Join(s.Intro, "\n")
		if s.Title != tt.title || s.Heading != tt.heading || !strings.HasPrefix(intro, tt.introPrefix) || (tt.introPrefix == "") != (intro == "") {
			t.Errorf("%s = {%q %q %.30q}, want %+v", tt.addr, s.Title, s.Heading, intro, tt)
		}
	}
}

// Document 5 breaks off after item 6; a lone "7" ends the file.
func TestSeedTruncatedDocument5(t *testing.T) {
	c := seed(t)
	d := c.Documents[4]
	if !d.HasText || !d.Truncated {
		t.Fatalf("document 5: has text %v, truncated %v", d.HasText, d.Truncated)
	}
	var with []int
	for _, s := range d.Sections {
		for _, it := range s.Items {
			if it.HasText {
				with = append(with, it.Number)
			}
		}
	}
	if len(with) != 6 || with[0] != 1 || with[5] != 6 {
		t.Errorf("items with text in document 5: %v, want 1-6", with)
	}
	n, _ := c.ResolveString("5.7")
	if n.Item.Fragment != "7" || n.Item.HasText || n.Item.Title != "强化办案场所意识形态引领" {
		t.Errorf("5.7 = %+v", *n.Item)
	}
	if !n.Section.HasText {
		t.Errorf("section 5/2 has its heading in the full text")
	}
	for _, dn := range []int{6, 7, 8, 9} {
		if c.Documents[dn-1].HasText {
			t.Errorf("document %d should have no full text", dn)
		}
	}
}

// Every non-empty line of the source is accounted for: the full-text part
// comes back, in order, from the model; every line before it is a table of
// contents entry, an outline heading, the compilation title or "目录".
func TestSeedRoundTrip(t *testing.T) {
	c := seed(t)
	src := seedLines()
	got := c.FullTextLines()
	if len(got) == 0 || len(got) > len(src) {
		t.Fatalf("full text has %d lines, source %d", len(got), len(src))
	}
	start := len(src) - len(got)
	for i, g := range got {
		if src[start+i] != g {
			t.Fatalf("full-text line %d (source line %d):\n got %.80q\nwant %.80q", i, start+i, g, src[start+i])
		}
	}
	// The full text starts with document 1's title.
	if src[start] != c.Documents[0].Title {
		t.Errorf("full text starts at %q", src[start])
	}
	// What comes before it must all be front matter the model holds.
	known := map[string]bool{c.Title: true, "目录": true}
	c.Walk(func(n model.Node) {
		switch n.Kind() {
		case model.KindSection:
			known[hanNum(n.Section.Number)+"、"+n.Section.Title] = true
		case model.KindItem:
			known[itoa(n.Item.Number)+"."+n.Item.Title] = true
		}
	})
	for i, l := range src[:start] {
		if known[l] {
			continue
		}
		e, ok := parseTOC(l)
		if !ok && i+1 < start {
			e, ok = parseTOC(l + src[i+1]) // "1" / ".市委组织部……要点 2"
		}
		if !ok && i > 0 {
			e, ok = parseTOC(src[i-1] + l)
		}
		if !ok || c.Documents[e.num-1].Title != e.title || c.Documents[e.num-1].Page != e.page {
			t.Errorf("front-matter line %d %q is not in the model", i, l)
		}
	}
	// Characters: nothing of the full text is missing from the counts.
	var n int
	for _, l := range got {
		n += utf8.RuneCountInString(strings.Join(strings.Fields(l), ""))
	}
	if st := c.Stats(); st.Characters < n {
		t.Errorf("stats count %d characters, full text has %d", st.Characters, n)
	}
}

func hanNum(n int) string { return []string{"", "一", "二", "三", "四", "五", "六"}[n] }
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// IDs depend on the title and numbers only: an edited source keeps them.
func TestStableIDs(t *testing.T) {
	a := seed(t)
	edited := bytes.Replace(assets.Compilation, []byte("立足组织部门政治属性"), []byte("立足组织部门的政治属性"), 1)
	edited = append([]byte("\n\n"), edited...)
	res, err := Parse("edited.txt", edited)
	if err != nil {
		t.Fatal(err)
	}
	b := res.Compilation
	if a.ID != b.ID || a.SourceHash == b.SourceHash {
		t.Fatalf("IDs %s/%s, hashes equal %v", a.ID, b.ID, a.SourceHash == b.SourceHash)
	}
	ai, bi := a.Items(), b.Items()
	for i := range ai {
		if ai[i].Item.ID != bi[i].Item.ID {
			t.Errorf("item %d: %s vs %s", i, ai[i].Item.ID, bi[i].Item.ID)
		}
	}
	if ai[0].Item.ID != a.ID+":1.1" {
		t.Errorf("item 1.1 ID %q", ai[0].Item.ID)
	}
}

// The genre: other numbering styles, widths, encodings and line ends.
func TestGenre(t *testing.T) {
	const plain = "关于做好2026年工作的通知\n" +
		"为做好全年工作,现通知如下。\n" +
		"一、总体要求\n" +
		"坚持稳中求进。\n" +
		"1.加强学习\n" +
		"每月学习一次。\n" +
		"2.强化责任。明确分工,落实到人。\n" +
		"二、重点任务\n" +
		"3.抓好宣传\n" +
		"（1）办好专栏。\n" +
		"- 2 -\n" +
		"4.守好阵地\n" +
		"管好网站。\n"
	check := func(t *testing.T, c *model.Compilation) {
		t.Helper()
		st := c.Stats()
		if st.Documents != 1 || st.Sections != 2 || st.Items != 4 || st.ItemsWithText != 4 {
			t.Fatalf("stats %+v", st)
		}
		d := c.Documents[0]
		if d.Title != "关于做好2026年工作的通知" || len(d.Preamble) != 1 {
			t.Errorf("document %q preamble %q", d.Title, d.Preamble)
		}
		n, _ := c.ResolveString("1.2")
		if n.Item.Title != "强化责任" || !n.Item.Inline || n.Item.Body[0] != "明确分工,落实到人。" {
			t.Errorf("1.2 = %+v", *n.Item)
		}
		n, _ = c.ResolveString("1.3")
		if len(n.Item.Body) != 1 || !strings.Contains(n.Item.Body[0], "办好专栏") {
			t.Errorf("1.3 body %q (the (1) sub-point belongs to it)", n.Item.Body)
		}
		if len(c.Skipped) != 1 || c.Skipped[0].Text != "- 2 -" {
			t.Errorf("skipped %v", c.Skipped)
		}
	}
	fullWidth := strings.NewReplacer("1.", "１．", "2.", "２、", "3.", "3．", "4.", "４.", "一、", "（一）", "二、", "(二)").Replace(plain)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(plain)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(plain)
	if err != nil {
		t.Fatal(err)
	}
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(plain)
	tests := []struct {
		name string
		data string
	}{
		{"utf8", plain},
		{"crlf+bom", "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n")},
		{"cr only", strings.ReplaceAll(plain, "\n", "\r")},
		{"gbk", gbk},
		{"utf16le", u16},
		{"utf16be", u16be},
		{"full width and (一)", fullWidth},
		{"blank lines and indents", strings.ReplaceAll(plain, "\n", "\n\n\u3000\u3000")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(tt.name+".txt", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			check(t, res.Compilation)
		})
	}
}

func TestOnlyOutline(t *testing.T) {
	src := seedLines()
	var outline []string
	for _, l := range src {
		if l == "局机关2026年意识形态工作要点材料汇编(9篇)" {
			break
		}
		outline = append(outline, l)
	}
	res, err := Parse("outline.txt", []byte(strings.Join(outline, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Compilation
	st := c.Stats()
	if st.Documents != 9 || st.Sections != 54 || st.Items != 216 || st.ItemsWithText != 0 {
		t.Fatalf("stats %+v", st)
	}
	// Documents 2-9 get their titles from the table-of-contents tail.
	if c.Documents[1].Title != "市委政研室2026年意识形态工作要点" || c.Documents[0].Title != "第1篇" {
		t.Errorf("titles %q, %q", c.Documents[0].Title, c.Documents[1].Title)
	}
	if c.Title != "outline" {
		t.Errorf("title from file name: %q", c.Title)
	}
}

func TestOnlyFullText(t *testing.T) {
	src := seedLines()
	var start int
	for i, l := range src {
		if l == "市委组织部2026年意识形态工作要点" {
			start = i
		}
	}
	res, err := Parse("full.txt", []byte(strings.Join(src[start:], "\n")))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Compilation
	st := c.Stats()
	// Without outline and contents, only what the full text has: documents
	// 1-5, document 5 ending with the "7" fragment.
	if st.Documents != 5 || st.ItemsWithText != 102 {
		t.Fatalf("stats %+v", st)
	}
	n, _ := c.ResolveString("2.1")
	if n.Item.Title != "实施“溯源研读”深化工程" { // the heading up to its first comma
		t.Errorf("2.1 title %q", n.Item.Title)
	}
	if got := c.FullTextLines(); strings.Join(got, "\n") != strings.Join(src[start:], "\n") {
		t.Errorf("round trip of full-text-only file differs")
	}
}

func TestBadInput(t *testing.T) {
	prose := strings.Repeat("这是一段普通的文字,没有任何编号,也不是公文汇编。它只是随意写下的句子。\n", 50)
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	tests := []struct {
		name string
		data []byte
		kind error
		say  string
	}{
		{"empty", nil, ErrEmpty, "文件为空"},
		{"blank", []byte(" \n\r\n\t \n"), ErrEmpty, "文件为空"},
		{"binary", bin, ErrBinary, "不是文本文件"},
		{"png", append([]byte("\x89PNG\r\n\x1a\n"), bin...), ErrBinary, "不是文本文件"},
		{"prose", []byte(prose), ErrStructure, "不是公文汇编"},
		{"one word", []byte("你好"), ErrStructure, "不是公文汇编"},
		{"latin1 garbage", []byte("caf\xe9 \xff\xfe\xfd\x80\x81"), nil, "bad.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse("bad.txt", tt.data)
			if err == nil {
				t.Fatalf("parsed into %+v", res.Compilation.Stats())
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.File != "bad.txt" {
				t.Fatalf("error %v does not name the file", err)
			}
			if tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.say) || !strings.Contains(err.Error(), "bad.txt") {
				t.Errorf("message %q should mention %q and the file", err, tt.say)
			}
		})
	}
}

func TestReadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 200 MB file: refused by its size, before it is read.
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ReadFile(t.TempDir()); err == nil {
		t.Errorf("a directory was accepted")
	}
}

func TestMarkers(t *testing.T) {
	tests := []struct {
		in         string
		ok         bool
		level, num int
		raw, rest  string
	}{
		{"一、总体要求", true, levelHan, 1, "一、", "总体要求"},
		{"十二、其他", true, levelHan, 12, "十二、", "其他"},
		{"二十一、其他", true, levelHan, 21, "二十一、", "其他"},
		{"（三）抓好落实", true, levelParHan, 3, "（三）", "抓好落实"},
		{"(三)抓好落实", true, levelParHan, 3, "(三)", "抓好落实"},
		{"1.构建体系", true, levelArabic, 1, "1.", "构建体系"},
		{"12、构建体系", true, levelArabic, 12, "12、", "构建体系"},
		{"１．构建体系", true, levelArabic, 1, "１．", "构建体系"},
		{"(2)细化", true, levelParArab, 2, "(2)", "细化"},
		{"（２）细化", true, levelParArab, 2, "（２）", "细化"},
		{"2026年,市委", false, 0, 0, "", ""},
		{"1.5倍", false, 0, 0, "", ""},
		{"一是加强", false, 0, 0, "", ""},
		{"7", false, 0, 0, "", ""},
		{"", false, 0, 0, "", ""},
	}
	for _, tt := range tests {
		m, ok := parseMarker(tt.in)
		if ok != tt.ok || (ok && (m.level != tt.level || m.num != tt.num || m.raw != tt.raw || m.rest != tt.rest)) {
			t.Errorf("parseMarker(%q) = %+v %v, want %+v", tt.in, m, ok, tt)
		}
	}
}

func TestNumberingQuirks(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		docs  int
		items []string // address=title of each item, in reading order
	}{
		{"items numbered afresh in each section",
			"甲单位工作要点\n一、学习\n1.读书\n读。\n2.讨论\n议。\n二、宣传\n1.办报\n办。\n2.上网\n网。\n",
			1, []string{"1.1=读书", "1.2=讨论", "1.3=办报", "1.4=上网"}},
		{"a repeated number stays a paragraph where it stands",
			"甲单位工作要点\n一、学习\n1.读书\n读。\n2.讨论\n2.讨论又一次\n议。\n",
			1, []string{"1.1=读书", "1.2=讨论"}},
		{"a second document without a title line",
			"一、学习\n1.读书\n读。\n一、宣传\n1.办报\n办。\n",
			2, []string{"1.1=读书", "2.1=办报"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse("q.txt", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			c := res.Compilation
			var got []string
			for _, n := range c.Items() {
				got = append(got, n.Addr.String()+"="+n.Item.Title)
			}
			if len(c.Documents) != tt.docs || strings.Join(got, " ") != strings.Join(tt.items, " ") {
				t.Errorf("docs %d items %v, want %d %v", len(c.Documents), got, tt.docs, tt.items)
			}
			// Nothing lost, nothing reordered.
			var src []string
			for _, l := range strings.Split(tt.src, "\n") {
				if l != "" {
					src = append(src, l)
				}
			}
			if g := strings.Join(c.FullTextLines(), "\n"); g != strings.Join(src, "\n") {
				t.Errorf("round trip:\n%s\nwant\n%s", g, strings.Join(src, "\n"))
			}
		})
	}
}
