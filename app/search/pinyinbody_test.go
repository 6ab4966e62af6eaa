package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mozillazg/go-pinyin"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

// withText lists the nodes whose titles or texts hold s, from the model.
func withText(c *model.Compilation, s string) (inTitle, inText []string, count int) {
	c.Walk(func(n model.Node) {
		titles, texts := nodeTexts(n)
		switch {
		case anyContains(titles, s):
			inTitle = append(inTitle, n.Addr.String())
		case anyContains(texts, s):
			inText = append(inText, n.Addr.String())
		}
		for _, t := range texts {
			count += strings.Count(t, s)
		}
	})
	return inTitle, inText, count
}

// typedAs reports whether every rune of s can be typed with the first
// letter at the same place of letters, by go-pinyin (with heteronyms).
func typedAs(s, letters string) bool {
	a := pinyin.NewArgs()
	a.Heteronym = true
	a.Style = pinyin.FirstLetter
	rs := []rune(s)
	if len(rs) != len(letters) {
		return false
	}
	for i, r := range rs {
		if !slices.Contains(pinyin.SinglePinyin(r, a), letters[i:i+1]) {
			return false
		}
	}
	return true
}

func TestPinyinFullText(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	for _, tc := range []struct {
		query, word, letters string
	}{
		{"wlyq", "网络舆情", "wlyq"},
		{"wangluoyuqing", "网络舆情", "wlyq"},
		{"wangluoyuq", "网络舆情", "wlyq"}, // last syllable unfinished
		{"网络yq", "网络舆情", "wlyq"},
		{"sssj", "三审三校", "sssj"}, // 校 read jiào: a heteronym
		{"sanshensanjiao", "三审三校", "sssj"},
		{"ysxt", "意识形态", "ysxt"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			inTitle, inText, count := withText(c, tc.word)
			if len(inText) == 0 || count == 0 {
				t.Fatalf("seed has no %s in full text", tc.word)
			}
			resp := x.Search(tc.query, Options{Limit: 100000})
			got := addresses(resp.Results, KindPinyin)
			for _, a := range append(inTitle, inText...) {
				if !slices.Contains(got, a) {
					t.Errorf("%s (holding %s) not found by pinyin", a, tc.word)
				}
			}
			// Every occurrence in full text is highlighted, and every
			// highlight is typed as the letters.
			occ := 0
			for _, r := range resp.Results {
				if r.Kind != KindPinyin {
					continue
				}
				n, ok := x.Node(r)
				if !ok {
					t.Fatalf("%s: no node", r.Address)
				}
				if len(r.Matches) == 0 || len(r.Positions) == 0 || r.Snippet == "" {
					t.Errorf("%s: nothing highlighted: %+v", r.Address, r)
				}
				for _, m := range r.Matches {
					runes := []rune(m.FieldRef.Text(n))
					s := string(runes[m.Start:m.End])
					if !typedAs(s, tc.letters) {
						t.Errorf("%s: match %q is not typed %s", r.Address, s, tc.letters)
					}
					if s == tc.word && !m.Part.isTitle() {
						occ++
					}
				}
				snip := []rune(r.Snippet)
				for _, p := range r.Positions {
					if p < 0 || p >= len(snip) {
						t.Fatalf("%s: position %d outside snippet %q", r.Address, p, r.Snippet)
					}
				}
			}
			if want := countInTextOf(c, got, inTitle, tc.word); occ < want {
				t.Errorf("%d occurrences of %s highlighted in full text, want %d", occ, tc.word, want)
			}
		})
	}
	t.Run("wlyq finds every 网络舆情", func(t *testing.T) {
		// The issue counts 10 in the seed: 8 in full text and 2 in the
		// titles of 5.10 and 8.13, which were all wlyq found before.
		inTitle, inText, count := withText(c, "网络舆情")
		if count != 8 || len(inTitle) != 2 || len(inText) != 8 {
			t.Fatalf("seed holds 网络舆情 %d times in full text, in %d titles and %d other nodes; the test expects 8, 2 and 8", count, len(inTitle), len(inText))
		}
		resp := x.Search("wlyq", Options{Limit: 1000})
		if got := addresses(resp.Results, KindPinyin); len(got) < 10 {
			t.Errorf("wlyq finds only %v", got)
		}
	})
}

// countInTextOf counts the occurrences of word in the full text of the
// found nodes that were not found through their titles.
func countInTextOf(c *model.Compilation, found, inTitle []string, word string) int {
	n := 0
	c.Walk(func(nd model.Node) {
		a := nd.Addr.String()
		if !slices.Contains(found, a) || slices.Contains(inTitle, a) {
			return
		}
		_, texts := nodeTexts(nd)
		for _, t := range texts {
			n += strings.Count(t, word)
		}
	})
	return n
}

// TestPinyinFullTextShort: one or two letters, or one character, match
// titles only; the full text would match nearly everywhere.
func TestPinyinFullTextShort(t *testing.T) {
	x := New(testcorpus.Seed(t))
	for _, q := range []string{"wl", "yq", "wang", "xian"} {
		for _, r := range x.Search(q, Options{Limit: 100000}).Results {
			if r.Kind == KindPinyin && !r.Field.Part.isTitle() {
				t.Errorf("%s: full-text pinyin hit %s %q", q, r.Address, r.Snippet)
			}
		}
	}
}

// TestPinyinFullTextAgainstScan types words taken from every text of the
// seed, as initials and in full, and checks that the index finds exactly
// the nodes that a plain scan with the matcher finds: the candidate filter
// loses nothing.
func TestPinyinFullTextAgainstScan(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	a := pinyin.NewArgs()
	var queries []string
	seen := map[string]bool{}
	c.Walk(func(n model.Node) {
		_, texts := nodeTexts(n)
		for _, s := range texts {
			rs := []rune(s)
			for i := 0; i+4 <= len(rs); i += 97 {
				word := rs[i : i+2+i%3]
				py := pinyin.Pinyin(string(word), a)
				if len(py) != len(word) {
					continue
				}
				var full, initials strings.Builder
				for _, p := range py {
					full.WriteString(p[0])
					initials.WriteByte(p[0][0])
				}
				for _, q := range []string{initials.String(), full.String()} {
					if !seen[q] {
						seen[q] = true
						queries = append(queries, q)
					}
				}
			}
		}
	})
	if len(queries) < 50 {
		t.Fatalf("only %d queries", len(queries))
	}
	for _, q := range queries {
		pq := ParseQuery(q)
		g := x.readTerm(pq.Terms[0])
		if !bodyPinyinTerm(g) {
			continue
		}
		// The scan: every node whose full text the matcher accepts.
		m := newPinyinMatcher(x.readings, pq.Terms[0])
		var want []string
		var sc runeScratch
		for ni := range x.nodes {
			nd := &x.nodes[ni]
			for fi := nd.titleHi; fi < nd.fieldHi; fi++ {
				x.decode(&x.fields[fi], &sc)
				if _, _, ok := m.match(sc.runes, sc.ids, sc.masks); ok {
					want = append(want, nd.n.Addr.String())
					break
				}
			}
		}
		// The search: full-text pinyin hits plus the nodes found before
		// them (titles, exact), which the full-text tier skips.
		resp := x.Search(q, Options{Limit: 100000})
		var got []string
		for _, r := range resp.Results {
			got = append(got, r.Address)
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %s matches by a scan, not found (found %d)", q, w, len(got))
				break
			}
		}
	}
	t.Logf("%d queries", len(queries))
}

func TestCapQuery(t *testing.T) {
	long := strings.Repeat("网络舆情", 1000)
	q := ParseQuery(long)
	if !q.Truncated || runeLen(q.Raw) != MaxQueryRunes {
		t.Errorf("query of %d runes: truncated %v, %d runes kept", runeLen(long), q.Truncated, runeLen(q.Raw))
	}
	if q := ParseQuery("网络舆情"); q.Truncated || q.Raw != "网络舆情" {
		t.Errorf("short query changed: %+v", q)
	}
	s, cut := CapQuery(strings.Repeat("a", MaxQueryRunes))
	if cut || len(s) != MaxQueryRunes {
		t.Errorf("query at the cap cut: %v", cut)
	}
	// A long pasted query returns at once with few results, not a hang.
	x := New(testcorpus.Seed(t))
	for _, s := range []string{long, strings.Repeat("wlyq", 1000), strings.Repeat("a", 5000)} {
		x.Search(s, Options{})
	}
}

func TestMulti(t *testing.T) {
	c := testcorpus.Seed(t)
	other, err := testcorpus.Compilation(2)
	if err != nil {
		t.Fatal(err)
	}
	comps := map[string]*model.Compilation{c.ID: c, other.ID: other}
	loads := 0
	cat := Catalog{
		List: func() ([]CompRef, error) {
			return []CompRef{{other.ID, other.Title}, {c.ID, c.Title}, {"missing", "不存在"}}, nil
		},
		Load: func(id string) (*model.Compilation, error) {
			loads++
			if cc, ok := comps[id]; ok {
				return cc, nil
			}
			return nil, fmt.Errorf("没有汇编 %s", id)
		},
	}
	m := NewMulti(cat)
	m.Add(New(c))
	q := ParseQuery("网络舆情")
	resp, err := m.SearchAll(q, c.ID, Options{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	one := New(c).Search("网络舆情", Options{Limit: 100000})
	two := New(other).Search("网络舆情", Options{Limit: 100000})
	if resp.Total != one.Total+two.Total || len(resp.Results) != resp.Total {
		t.Errorf("total %d (%d results), want %d + %d", resp.Total, len(resp.Results), one.Total, two.Total)
	}
	if resp.Compilations != 2 || len(resp.Failed) != 1 {
		t.Errorf("searched %d, failed %v", resp.Compilations, resp.Failed)
	}
	// The open compilation first, every result labelled.
	for i, r := range resp.Results {
		want := c
		if i >= one.Total {
			want = other
		}
		if r.Compilation != want.ID || r.CompilationTitle != want.Title {
			t.Fatalf("result %d from %q %q, want %q", i, r.Compilation, r.CompilationTitle, want.ID)
		}
	}
	if loads != 2 || m.Indexed() != 2 {
		t.Errorf("%d loads, %d indexes; want the other built once", loads, m.Indexed())
	}
	// Built once: a second search loads nothing.
	if _, err := m.SearchAll(ParseQuery("wlyq"), c.ID, Options{}); err != nil || loads != 2 {
		t.Errorf("second search: %v, %d loads", err, loads)
	}
	// The limit holds across compilations; groups are per compilation.
	resp, _ = m.SearchAll(q, c.ID, Options{Limit: 5})
	if len(resp.Results) != 5 || resp.Total != one.Total+two.Total {
		t.Errorf("limit 5: %d results, total %d", len(resp.Results), resp.Total)
	}
	resp, _ = m.SearchAll(q, other.ID, Options{Limit: 100000})
	gs := GroupByDocument(resp.Results)
	if gs[0].Compilation != other.ID {
		t.Errorf("first group from %s, want the first compilation %s", gs[0].Compilation, other.ID)
	}
	seenGroup := map[string]bool{}
	for _, g := range gs {
		k := fmt.Sprint(g.Compilation, g.Doc)
		if seenGroup[k] {
			t.Errorf("group %s twice", k)
		}
		seenGroup[k] = true
	}
}

// TestPinyinRareReadingsRankLast: go-pinyin lists rare readings too (穿
// yuan, 透 shu), so ysx matches 穿透性; such matches come after those
// through every character's first reading (意识形).
func TestPinyinRareReadingsRankLast(t *testing.T) {
	x := New(testcorpus.Seed(t))
	resp := x.Search("ysx", Options{Limit: 100000})
	lastCommon, firstRare := -1, -1
	for i, r := range resp.Results {
		if r.Kind != KindPinyin {
			continue
		}
		var hl []rune
		snip := []rune(r.Snippet)
		for _, p := range r.Positions {
			hl = append(hl, snip[p])
		}
		switch h := string(hl); {
		case strings.HasPrefix(h, "意识形"):
			lastCommon = i
		case strings.HasPrefix(h, "穿透性") && firstRare < 0:
			firstRare = i
		}
	}
	if lastCommon < 0 || firstRare < 0 || firstRare < lastCommon {
		t.Errorf("穿透性 at %d, last 意识形 at %d: want rare readings last", firstRare, lastCommon)
	}
}
