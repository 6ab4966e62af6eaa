package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

// nodeTexts lists a node's title texts and other texts, straight from the
// model, independently of the index.
func nodeTexts(n model.Node) (titles, texts []string) {
	switch n.Kind() {
	case model.KindDocument:
		return []string{n.Document.Title, n.Document.TitleLine}, n.Document.Preamble
	case model.KindSection:
		return []string{n.Section.Title, n.Section.Heading}, n.Section.Intro
	default:
		return []string{n.Item.Title, n.Item.Heading}, append(slices.Clone(n.Item.Body), n.Item.Fragment)
	}
}

func anyContains(texts []string, term string) bool {
	for _, s := range texts {
		if strings.Contains(foldString(s), term) {
			return true
		}
	}
	return false
}

// expectExact computes, from the model, the addresses an exact query must
// find: those with every term in a title, then those with every term in
// their text, each in reading order.
func expectExact(c *model.Compilation, q Query) (title, body []string) {
	c.Walk(func(n model.Node) {
		if q.Doc > 0 && n.Addr.Doc != q.Doc {
			return
		}
		titles, texts := nodeTexts(n)
		allTitle, all := true, true
		for _, t := range q.Terms {
			inT := anyContains(titles, t)
			if !inT {
				allTitle = false
			}
			if !inT && !anyContains(texts, t) {
				all = false
			}
		}
		switch {
		case all && allTitle:
			title = append(title, n.Addr.String())
		case all:
			body = append(body, n.Addr.String())
		}
	})
	return title, body
}

// highlighted returns the runs of highlighted runes of a snippet.
func highlighted(t *testing.T, r Result) []string {
	t.Helper()
	runes := []rune(r.Snippet)
	var runs []string
	last := -2
	for _, p := range r.Positions {
		if p < 0 || p >= len(runes) {
			t.Fatalf("%s: position %d outside snippet %q", r.Address, p, r.Snippet)
		}
		if p == last+1 && len(runs) > 0 {
			runs[len(runs)-1] += string(runes[p])
		} else {
			runs = append(runs, string(runes[p]))
		}
		last = p
	}
	return runs
}

// madeOfTerms reports whether s (folded) is a run of the terms back to back.
func madeOfTerms(s string, terms []string) bool {
	s = foldString(s)
	if s == "" {
		return false
	}
	for s != "" {
		ok := false
		for _, t := range terms {
			if strings.HasPrefix(s, t) {
				s, ok = s[len(t):], true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func addresses(rs []Result, kinds ...Kind) []string {
	var out []string
	for _, r := range rs {
		if len(kinds) == 0 || slices.Contains(kinds, r.Kind) {
			out = append(out, r.Address)
		}
	}
	return out
}

func TestExactQueriesOnSeed(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	for _, tc := range []struct {
		query string
		top   string // expected first result
	}{
		{"网络阵地", "7.7"},
		{"舆情", "1.18"},
		{"第一议题", "1.1"},
		{"三审三校", "1.9"},
		{"5:舆情", "5.10"},
		{"意识形态 阵地", ""},
		{"(市、区)", ""},
		{"VR/AR", "1.20"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			q := ParseQuery(tc.query)
			resp := x.Search(tc.query, Options{Limit: 10000})
			wantTitle, wantBody := expectExact(c, q)
			if len(wantTitle)+len(wantBody) == 0 {
				t.Fatalf("the seed has no %q: bad test", tc.query)
			}
			if got := addresses(resp.Results, KindTitle); !slices.Equal(got, wantTitle) {
				t.Errorf("title results %v, want %v", got, wantTitle)
			}
			if got := addresses(resp.Results, KindBody); !slices.Equal(got, wantBody) {
				t.Errorf("body results %v, want %v", got, wantBody)
			}
			if resp.Total != len(resp.Results) {
				t.Errorf("total %d, %d results with no limit", resp.Total, len(resp.Results))
			}
			// Titles, then bodies, then the rest.
			rank := map[Kind]int{KindTitle: 0, KindBody: 1, KindPinyin: 2, KindFuzzy: 3}
			for i := 1; i < len(resp.Results); i++ {
				if rank[resp.Results[i].Kind] < rank[resp.Results[i-1].Kind] {
					t.Errorf("result %d (%s) ranks below %s", i, resp.Results[i].Kind, resp.Results[i-1].Kind)
				}
			}
			if tc.top != "" && resp.Results[0].Address != tc.top {
				t.Errorf("top result %s, want %s", resp.Results[0].Address, tc.top)
			}
			seen := map[string]bool{}
			for _, r := range resp.Results {
				if seen[r.Address] {
					t.Errorf("%s appears twice", r.Address)
				}
				seen[r.Address] = true
				if q.Doc > 0 && r.Doc != q.Doc {
					t.Errorf("%s is outside document %d", r.Address, q.Doc)
				}
				checkResult(t, x, q, r)
			}
		})
	}
}

// checkResult checks that a result's snippet highlights exactly the
// query's terms (for exact kinds), counted in runes, and that every match
// range points at the terms in the node's own text.
func checkResult(t *testing.T, x *Index, q Query, r Result) {
	t.Helper()
	n, ok := x.Node(r)
	if !ok {
		t.Fatalf("%s: no such node", r.Address)
	}
	if n.ID(x.Compilation().ID) != r.ID || n.Title() != r.Title {
		t.Errorf("%s: ID %q title %q do not match the node", r.Address, r.ID, r.Title)
	}
	if !strings.Contains(strings.Trim(r.Snippet, "…"), strings.Trim(strings.TrimSpace(r.Field.Text(n)), "…")) &&
		!strings.Contains(r.Field.Text(n), strings.Trim(r.Snippet, "…")) {
		t.Errorf("%s: snippet %q is not from field %+v", r.Address, r.Snippet, r.Field)
	}
	if utf8.RuneCountInString(r.Snippet) > SnippetRunes+2 {
		t.Errorf("%s: snippet of %d runes", r.Address, utf8.RuneCountInString(r.Snippet))
	}
	if len(r.Positions) == 0 || len(r.Matches) == 0 {
		t.Errorf("%s: nothing highlighted", r.Address)
	}
	if r.Kind != KindTitle && r.Kind != KindBody {
		return
	}
	for _, run := range highlighted(t, r) {
		if !madeOfTerms(run, q.Terms) {
			t.Errorf("%s: highlighted %q in %q, want only %q", r.Address, run, r.Snippet, q.Terms)
		}
	}
	for _, m := range r.Matches {
		runes := []rune(m.FieldRef.Text(n))
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			t.Fatalf("%s: match %+v outside its field (%d runes)", r.Address, m, len(runes))
		}
		if s := string(runes[m.Start:m.End]); !madeOfTerms(s, q.Terms) {
			t.Errorf("%s: match %+v covers %q", r.Address, m, s)
		}
	}
}

func TestPinyin(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	a := pinyin.NewArgs()
	a.Heteronym = true
	// letters reports whether the highlighted characters can be typed as
	// the given first letters, by go-pinyin directly.
	letters := func(s, want string) bool {
		rs := []rune(s)
		if len(rs) != len(want) {
			return false
		}
		a.Style = pinyin.FirstLetter
		for i, r := range rs {
			if !slices.Contains(pinyin.SinglePinyin(r, a), want[i:i+1]) {
				return false
			}
		}
		return true
	}
	// Every title holding 意识形态 must be found by its pinyin.
	var withYSXT []string
	c.Walk(func(n model.Node) {
		titles, _ := nodeTexts(n)
		if anyContains(titles, "意识形态") {
			withYSXT = append(withYSXT, n.Addr.String())
		}
	})
	for _, tc := range []struct {
		query, letters string
		must           []string
	}{
		{"ysxt", "ysxt", withYSXT},
		{"yishixingtai", "ysxt", withYSXT},
		{"yishixingt", "ysxt", withYSXT}, // last syllable unfinished
		{"意识xt", "ysxt", withYSXT},
		{"YSXT", "ysxt", withYSXT},
		{"wlyq", "wlyq", []string{"5.10", "8.13"}},
		{"wangluoyuqing", "wlyq", []string{"5.10", "8.13"}},
		{"jianquanwlyq", "jqwlyq", []string{"5.10"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			resp := x.Search(tc.query, Options{Limit: 10000})
			got := addresses(resp.Results, KindPinyin)
			for _, m := range tc.must {
				if !slices.Contains(got, m) {
					t.Errorf("%s not found by pinyin; found %v", m, got)
				}
			}
			if len(got) == 0 || resp.Results[0].Kind != KindPinyin || resp.Results[0].Address != tc.must[0] {
				t.Errorf("top result %+v, want %s by pinyin", resp.Results[0], tc.must[0])
			}
			for _, r := range resp.Results {
				if r.Kind != KindPinyin || !r.Field.Part.isTitle() {
					continue // full-text hits: TestPinyinFullText
				}
				runs := highlighted(t, r)
				if len(runs) != 1 || !letters(runs[0], tc.letters) {
					t.Errorf("%s: highlighted %q in %q, want characters typed %s", r.Address, runs, r.Snippet, tc.letters)
				}
			}
		})
	}
}

func TestFuzzyAndTolerant(t *testing.T) {
	x := New(testcorpus.Seed(t))
	for _, tc := range []struct {
		query, want, highlight string
	}{
		{"健全舆情处置", "5.10", "健全舆情处置"},        // characters left out
		{"健全网络舆情处理体系", "5.10", "健全网络舆情处体系"}, // one wrong character
		{"建全网络舆情处置体系", "5.10", "全网络舆情处置体系"}, // wrong first character
		{"强化网络阵地", "7.7", "强化网络阵地"},         // exact title
	} {
		t.Run(tc.query, func(t *testing.T) {
			resp := x.Search(tc.query, Options{Limit: 5})
			if len(resp.Results) == 0 {
				t.Fatalf("no results")
			}
			idx := slices.Index(addresses(resp.Results), tc.want)
			if idx < 0 || idx > 2 {
				t.Fatalf("%s not in the top 3: %v", tc.want, addresses(resp.Results))
			}
			r := resp.Results[idx]
			if got := strings.Join(highlighted(t, r), ""); got != tc.highlight {
				t.Errorf("highlighted %q in %q, want %q", got, r.Snippet, tc.highlight)
			}
		})
	}
}

func TestNothingToFind(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	longest := ""
	c.Walk(func(n model.Node) {
		titles, texts := nodeTexts(n)
		for _, s := range append(titles, texts...) {
			if len(s) > len(longest) {
				longest = s
			}
		}
	})
	for _, q := range []string{"", " ", "   \t ", "\u3000\u3000", "5:", "５：  ", "99:舆情", "没有这样的字句", string([]rune(longest)[:MaxQueryRunes-1]) + "字", strings.Repeat("意识形态", 2000)} {
		resp := x.Search(q, Options{})
		if resp.Total != 0 || len(resp.Results) != 0 || resp.Results == nil {
			t.Errorf("%.30q: total %d, %d results, want none (and an empty list)", q, resp.Total, len(resp.Results))
		}
	}
	// The longest paragraph itself is found.
	if resp := x.Search(longest, Options{}); resp.Total == 0 {
		t.Errorf("the longest paragraph does not find itself")
	}
}

func TestMetacharactersAreLiteral(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	for _, q := range []string{".*", "[", "(市、区)", "(", ")", "7×24", "^", "$", `\d`, "+", "?", "|", "“第一议题”"} {
		resp := x.Search(q, Options{Limit: 10000})
		pq := ParseQuery(q)
		wt, wb := expectExact(c, pq)
		if got := addresses(resp.Results, KindTitle, KindBody); !slices.Equal(got, append(wt, wb...)) {
			t.Errorf("%q: found %v, want %v", q, got, append(wt, wb...))
		}
		for _, r := range resp.Results {
			if r.Kind == KindTitle || r.Kind == KindBody {
				checkResult(t, x, pq, r)
			}
		}
	}
	if len(x.Search("(市、区)", Options{}).Results) == 0 {
		t.Errorf("(市、区) is in the seed but was not found")
	}
}

func TestWidthAndCase(t *testing.T) {
	x := New(testcorpus.Seed(t))
	for _, pair := range [][2]string{
		{"１５%", "15%"},
		{"根本，夯实", "根本,夯实"},
		{"ＶＲ", "vr"},
		{"Vr/aR", "VR/AR"},
		{"５：舆情", "5:舆情"},
		{"意识　形态", "意识 形态"},
		{"（市、区）", "(市、区)"},
	} {
		a := x.Search(pair[0], Options{Limit: 10000})
		b := x.Search(pair[1], Options{Limit: 10000})
		if a.Total == 0 {
			t.Errorf("%q finds nothing", pair[0])
		}
		if !slices.Equal(addresses(a.Results), addresses(b.Results)) {
			t.Errorf("%q finds %v, %q finds %v", pair[0], addresses(a.Results), pair[1], addresses(b.Results))
		}
	}
}

func TestQueryRanges(t *testing.T) {
	for _, tc := range []struct {
		query, text string
		want        []Range
	}{
		{"意识形态", "加强意识形态工作", []Range{{2, 6}}},
		{"意识形态ab", "意识 形态ＡＢ", []Range{{0, 7}}},
		{"舆情 处置", "网络舆情处置,舆情", []Range{{2, 6}, {7, 9}}},
		{"aa", "aaaa", []Range{{0, 4}}},
		{"1", "第１条和第1条", []Range{{1, 2}, {5, 6}}},
		{".*", "a.*b.c", []Range{{1, 3}}},
		{"无", "", nil},
		{"", "文字", nil},
	} {
		got := ParseQuery(tc.query).Ranges(tc.text)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Ranges(%q, %q) = %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		in    string
		doc   int
		terms []string
	}{
		{"5:舆情", 5, []string{"舆情"}},
		{" ５ ： 舆情  处置 ", 5, []string{"舆情", "处置"}},
		{"12:ABC", 12, []string{"abc"}},
		{"2026年", 0, []string{"2026年"}},
		{"舆情 5:", 0, []string{"舆情", "5:"}},
		{"\u3000", 0, nil},
	} {
		q := ParseQuery(tc.in)
		if q.Doc != tc.doc || !slices.Equal(q.Terms, tc.terms) {
			t.Errorf("ParseQuery(%q) = doc %d terms %q, want %d %q", tc.in, q.Doc, q.Terms, tc.doc, tc.terms)
		}
	}
}

func TestLimitAndTotal(t *testing.T) {
	x := New(testcorpus.Seed(t))
	all := x.Search("工作", Options{Limit: 100000})
	if all.Total < 100 || len(all.Results) != all.Total {
		t.Fatalf("工作: total %d, %d results", all.Total, len(all.Results))
	}
	def := x.Search("工作", Options{})
	if def.Total != all.Total || len(def.Results) != DefaultLimit {
		t.Errorf("default limit: total %d, %d results", def.Total, len(def.Results))
	}
	three := x.Search("工作", Options{Limit: 3})
	if !slices.Equal(addresses(three.Results), addresses(all.Results)[:3]) {
		t.Errorf("limit 3 gives %v, not the first three of %v", addresses(three.Results), addresses(all.Results)[:5])
	}
}

type fakeSource struct {
	docs []ExtraDoc
	err  error
}

func (f fakeSource) SearchDocs() ([]ExtraDoc, error) { return f.docs, f.err }

func TestExtras(t *testing.T) {
	x := New(testcorpus.Seed(t))
	x.SetExtras([]ExtraDoc{
		{ID: "n1", Address: "5.10", Kind: KindNote, Text: "复习舆情处置流程"},
		{ID: "b1", Address: "7.7", Kind: KindBookmark, Text: "重点:舆情阵地"},
		{ID: "n2", Address: "99.1", Kind: KindNote, Text: "地址已失效的舆情笔记"},
		{ID: "x", Address: "1", Kind: "other", Text: "舆情"},
	})
	resp := x.Search("舆情", Options{Limit: 1000})
	var kinds []string
	pos := map[string]int{}
	for i, r := range resp.Results {
		if r.ExtraID != "" {
			kinds = append(kinds, r.ExtraID+":"+string(r.Kind))
			pos[r.ExtraID] = i
		}
	}
	if !slices.Equal(kinds, []string{"b1:bookmark", "n1:note", "n2:note"}) {
		t.Fatalf("extras found %v", kinds)
	}
	// The bookmark ranks with titles, after 5.11 (reading order); the note
	// with texts; the note on an unknown node last among them.
	b1 := resp.Results[pos["b1"]]
	if b1.Address != "7.7" || b1.Title != "强化网络阵地" || b1.Field.Part != PartBookmark || b1.Snippet != "重点:舆情阵地" ||
		!slices.Equal(b1.Positions, []int{3, 4}) || resp.Results[pos["b1"]+1].Kind != KindTitle {
		t.Errorf("bookmark result %+v", b1)
	}
	if prev := resp.Results[pos["b1"]-1]; prev.Address != "5.11" {
		t.Errorf("bookmark on 7.7 comes after %s, want 5.11", prev.Address)
	}
	n1 := resp.Results[pos["n1"]]
	if n1.ID != x.nodes[x.byAddr["5.10"]].id || resp.Results[pos["n1"]-1].Kind != KindBody || !slices.Equal(n1.Positions, []int{2, 3}) {
		t.Errorf("note result %+v", n1)
	}
	if n2 := resp.Results[pos["n2"]]; n2.Address != "99.1" || n2.ID != "" || pos["n2"] != pos["n1"]+1+countBodyAfter(resp.Results, pos["n1"]) {
		t.Errorf("note on unknown node %+v at %d", n2, pos["n2"])
	}
	// A document limit applies to extras too.
	if got := addresses(x.Search("5:舆情", Options{}).Results); !slices.Equal(got, []string{"5.10", "5.11", "5.10"}) {
		t.Errorf("5:舆情 with a note on 5.10: %v", got)
	}
	// Notes alone match.
	if r := x.Search("流程 复习", Options{}); r.Total != 1 || r.Results[0].Kind != KindNote {
		t.Errorf("note terms: %+v", r)
	}
	if err := x.LoadExtras(fakeSource{docs: []ExtraDoc{{ID: "n9", Address: "2", Kind: KindNote, Text: "新笔记"}}}); err != nil {
		t.Fatal(err)
	}
	if got := x.Extras(); len(got) != 1 || got[0].ID != "n9" {
		t.Errorf("after LoadExtras: %+v", got)
	}
	if err := x.LoadExtras(fakeSource{err: errors.New("坏了")}); err == nil || !strings.Contains(err.Error(), "笔记") {
		t.Errorf("LoadExtras error = %v", err)
	}
	if got := x.Extras(); len(got) != 1 {
		t.Errorf("a failed load changed the extras: %+v", got)
	}
}

func countBodyAfter(rs []Result, i int) int {
	n := 0
	for _, r := range rs[i+1:] {
		if r.Kind == KindBody {
			n++
		}
	}
	return n
}

func TestConcurrentSearch(t *testing.T) {
	x := New(testcorpus.Seed(t))
	want := addresses(x.Search("舆情", Options{Limit: 1000}).Results)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				x.Search("ysxt", Options{})
				x.Search("健全网络舆情处理体系", Options{})
				if got := addresses(x.Search("舆情", Options{Limit: 1000}).Results, KindTitle, KindBody, KindPinyin, KindFuzzy); !slices.Equal(got, want) {
					t.Errorf("concurrent search found %v", got)
					return
				}
			}
		}()
	}
	for i := 0; i < 20; i++ {
		x.SetExtras([]ExtraDoc{{ID: fmt.Sprint(i), Address: "1.1", Kind: KindNote, Text: "笔记"}})
	}
	wg.Wait()
}

func TestGroupByDocument(t *testing.T) {
	x := New(testcorpus.Seed(t))
	rs := x.Search("舆情", Options{Limit: 1000}).Results
	gs := GroupByDocument(rs)
	n := 0
	seen := map[int]bool{}
	for _, g := range gs {
		if seen[g.Doc] {
			t.Errorf("document %d grouped twice", g.Doc)
		}
		seen[g.Doc] = true
		for _, r := range g.Results {
			if r.Doc != g.Doc || g.DocTitle != x.Compilation().Documents[g.Doc-1].Title {
				t.Errorf("%s in group %d (%s)", r.Address, g.Doc, g.DocTitle)
			}
		}
		n += len(g.Results)
	}
	if n != len(rs) || gs[0].Doc != rs[0].Doc {
		t.Errorf("groups hold %d of %d results, first group %d", n, len(rs), gs[0].Doc)
	}
}

func TestPatternIn(t *testing.T) {
	x := New(testcorpus.Seed(t))
	texts := []string{"", "舆", "舆情", "网络舆情处置", "abc舆情", "舆情abc", "情舆情", "舆舆情情", strings.Repeat("意识形态", 50) + "阵地"}
	terms := []string{"舆情", "舆情处置", "情", "a", "bc", "阵地", "意识形态阵地", "形态意识", "舆情舆情"}
	for _, text := range texts {
		for _, term := range terms {
			if got, want := x.newPattern(term).in(text), strings.Contains(text, term); got != want {
				t.Errorf("pattern %q in %q = %v, want %v", term, text, got, want)
			}
		}
	}
}

// TestCopies checks the engine on a corpus of three copies of the seed:
// every count triples and a document limit finds the same nodes in the
// matching copy.
func TestCopies(t *testing.T) {
	one := New(testcorpus.Seed(t))
	three := New(synthetic(t, 3))
	if n, _, _ := three.Size(); n != 3*len(one.nodes) {
		t.Fatalf("3 copies hold %d nodes, one holds %d", n, len(one.nodes))
	}
	for _, q := range []string{"舆情", "网络阵地", "ysxt", "健全网络舆情处理体系", "意识形态 阵地"} {
		a, b := one.Search(q, Options{}), three.Search(q, Options{})
		if b.Total != 3*a.Total {
			t.Errorf("%q: %d in 3 copies, %d in one", q, b.Total, a.Total)
		}
	}
	a := addresses(one.Search("3:舆情", Options{}).Results)
	var b []string
	for _, s := range addresses(three.Search("12:舆情", Options{}).Results) {
		d, rest, item := strings.Cut(s, ".")
		if d != "12" {
			t.Errorf("12:舆情 found %s", s)
		}
		if item {
			b = append(b, "3."+rest)
		} else {
			b = append(b, "3")
		}
	}
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("3:舆情 in one copy %v, 12:舆情 in three %v", a, b)
	}
}
