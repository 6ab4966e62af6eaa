package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"huibian/app/model"
)

// Kind tells how a result matched.
type Kind string

const (
	KindTitle    Kind = "title"    // every term is in a title or heading
	KindBody     Kind = "body"     // every term is in the node's text
	KindPinyin   Kind = "pinyin"   // a title or text typed in pinyin (full or first letters)
	KindFuzzy    Kind = "fuzzy"    // a title with characters left out or wrong
	KindNote     Kind = "note"     // a note's text
	KindBookmark Kind = "bookmark" // a bookmark's name
)

// Label is the kind's Chinese name, for display.
func (k Kind) Label() string {
	switch k {
	case KindTitle:
		return "标题"
	case KindBody:
		return "正文"
	case KindPinyin:
		return "拼音"
	case KindFuzzy:
		return "模糊"
	case KindNote:
		return "笔记"
	case KindBookmark:
		return "书签"
	}
	return string(k)
}

// DefaultLimit is the number of results returned unless told otherwise.
const DefaultLimit = 50

// SnippetRunes is about how long a snippet is, in runes, without ellipses.
const SnippetRunes = 60

// Options tune one search.
type Options struct {
	// Limit caps the results returned (the total still counts them all).
	// 0 or less means DefaultLimit.
	Limit int
}

// Match is one matched stretch of a node's text, in runes of the field.
type Match struct {
	FieldRef
	Range
}

// Result is one node (or note or bookmark) that matched.
type Result struct {
	Address  string `json:"address"` // "5", "5/2", "5.6"; "" if a note's node is unknown
	ID       string `json:"id"`      // the node's stable ID
	Doc      int    `json:"doc"`
	DocTitle string `json:"doc_title"`
	Title    string `json:"title"` // the node's short title
	Kind     Kind   `json:"kind"`
	// Field is the text the snippet comes from.
	Field   FieldRef `json:"field"`
	Snippet string   `json:"snippet"`
	// Positions are the matched characters of the snippet, in runes.
	Positions []int `json:"positions"`
	// Matches are all matches in the node's texts (or in the note), for
	// the reading pane to highlight.
	Matches []Match `json:"matches"`
	ExtraID string  `json:"extra_id,omitempty"` // the note or bookmark, for those kinds
	// Compilation and CompilationTitle name the compilation of the hit in
	// a search over several compilations (Multi); empty otherwise.
	Compilation      string `json:"compilation,omitempty"`
	CompilationTitle string `json:"compilation_title,omitempty"`
}

// Response is the outcome of one search.
type Response struct {
	Query   Query    `json:"-"`
	Total   int      `json:"total"` // results found, before the limit
	Results []Result `json:"results"`
}

// tiers, best first.
const (
	tierTitle = iota
	tierBody
	tierPinyin
	tierPinyinBody
	tierPinyinRare // full text through a rare reading of a character
	tierFuzzy
	tierTolerant
	tierCount
)

// hit is a match before it becomes a Result. Hits are many (a common
// character matches most nodes) and only the first few become Results, so
// a hit is small: highlights are worked out for the Results alone, except
// for fuzzy hits, which are few and keep theirs in ranges[rs].
type hit struct {
	node  int32 // -1 for a note or bookmark whose node is unknown
	extra int32 // index into the extras snapshot, or -1
	field int32 // title field for pinyin and fuzzy hits, or -1
	score int32
	rs    int32 // index into the search's ranges, or -1
}

// tier collects the hits of one tier in rank order, keeping only the
// first limit of them but counting them all: a common character matches
// most nodes, and only the first few are shown.
type tier struct {
	hs    []hit
	n     int
	limit int
}

func (t *tier) add(h hit) {
	t.n++
	if len(t.hs) < t.limit {
		t.hs = append(t.hs, h)
	}
}

// scope is the part of the index a query looks at.
type scope struct {
	bufLo, bufHi     int32
	titleLo, titleHi int32
	doc              int
}

// Search runs one query. It never changes the index and is safe to call
// from several goroutines at once.
func (x *Index) Search(query string, opt Options) Response {
	return x.SearchQuery(ParseQuery(query), opt)
}

// SearchQuery runs a parsed query.
func (x *Index) SearchQuery(q Query, opt Options) Response {
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	resp := Response{Query: q, Results: []Result{}}
	if q.Empty() {
		return resp
	}
	sc := scope{bufLo: 0, bufHi: int32(len(x.buf)), titleLo: 0, titleHi: int32(len(x.titles))}
	if q.Doc > 0 {
		if q.Doc > len(x.docs) {
			return resp
		}
		d := x.docs[q.Doc-1]
		sc = scope{bufLo: d.bufLo, bufHi: d.bufHi, titleLo: d.titleLo, titleHi: d.titleHi, doc: q.Doc}
	}
	extras := *x.extras.Load()
	var tiers [tierCount]tier
	for i := range tiers {
		tiers[i].limit = limit
	}
	var ranges [][]Range
	matched := make([]uint64, (len(x.nodes)+63)/64)
	mark := func(ni int32) { matched[ni>>6] |= 1 << (ni & 63) }
	seen := func(ni int32) bool { return matched[ni>>6]&(1<<(ni&63)) != 0 }

	x.exact(q, sc, &tiers, mark)
	if hasLetters(q.Joined) && utf8.RuneCountInString(q.Joined) >= 2 {
		x.pinyin(q, sc, &tiers, mark, seen)
		x.pinyinBody(q, sc, &tiers, mark, seen)
	}
	x.fuzzy(q, sc, &tiers, &ranges, mark, seen)
	x.tolerant(q, sc, &tiers, &ranges, seen)

	// Notes and bookmarks: exact terms. Bookmarks rank with titles,
	// notes with text; both in reading order among the nodes.
	var bookmarks, notes []hit
	for i := range extras {
		e := &extras[i]
		if sc.doc > 0 && e.docNo != sc.doc {
			continue
		}
		if !containsAll(e.f.text, q.Terms) {
			continue
		}
		h := hit{node: e.node, extra: int32(i), field: -1, rs: -1}
		if e.doc.Kind == KindBookmark {
			bookmarks = append(bookmarks, h)
		} else {
			notes = append(notes, h)
		}
	}
	tiers[tierTitle].hs = mergeExtras(tiers[tierTitle].hs, bookmarks)
	tiers[tierBody].hs = mergeExtras(tiers[tierBody].hs, notes)
	resp.Total = len(bookmarks) + len(notes)
	for t := range tiers {
		resp.Total += tiers[t].n
	}
	for t := range tiers {
		for _, h := range tiers[t].hs {
			if len(resp.Results) == limit {
				return resp
			}
			resp.Results = append(resp.Results, x.result(q, t, h, extras, ranges))
		}
	}
	return resp
}

func containsAll(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// mergeExtras merges extras into node hits by reading order; an extra comes
// after the hit of its own node.
func mergeExtras(hs, es []hit) []hit {
	if len(es) == 0 {
		return hs
	}
	key := func(h hit) int64 {
		if h.node < 0 {
			return 1 << 40
		}
		k := int64(h.node) * 2
		if h.extra >= 0 {
			k++
		}
		return k
	}
	out := make([]hit, 0, len(hs)+len(es))
	i, j := 0, 0
	for i < len(hs) || j < len(es) {
		if j == len(es) || i < len(hs) && key(hs[i]) <= key(es[j]) {
			out = append(out, hs[i])
			i++
		} else {
			out = append(out, es[j])
			j++
		}
	}
	return out
}

// exact finds nodes holding every term: in their titles (tier title) or
// anywhere in their text (tier body). Only nodes holding every rune of the
// terms (the intersection of the rune postings) are checked, in reading
// order.
func (x *Index) exact(q Query, sc scope, tiers *[tierCount]tier, mark func(int32)) {
	// Candidates: nodes holding every rune pair of the terms (or, for
	// one-rune terms, the rune).
	var lists [][]int32
	add := func(p []int32) bool {
		if sc.doc > 0 {
			d := x.docs[sc.doc-1]
			lo, _ := slices.BinarySearch(p, d.nodeLo)
			hi, _ := slices.BinarySearch(p, d.nodeHi)
			p = p[lo:hi]
		}
		lists = append(lists, p)
		return len(p) > 0
	}
	for _, t := range q.Terms {
		prev := rune(-1)
		for _, r := range t {
			if prev >= 0 && !add(x.pairList(pairKey(prev, r))) {
				return // the pair occurs nowhere
			}
			prev = r
		}
		if utf8.RuneCountInString(t) == 1 && !add(x.nodePosts[prev]) {
			return
		}
	}
	cands := intersect(lists)
	if len(cands) == 0 {
		return
	}
	// Which nodes hold each term in a title: from the title postings,
	// checking only titles holding every rune of the term.
	words := (len(x.nodes) + 63) / 64
	inTitles := make([][]uint64, len(q.Terms))
	pats := make([]pattern, len(q.Terms))
	for i, t := range q.Terms {
		pats[i] = x.newPattern(t)
		set := make([]uint64, words)
		inTitles[i] = set
		for _, ti := range x.candidates(t, sc) {
			tt := &x.titles[ti]
			if !pats[i].multi || strings.Contains(x.folded(&x.fields[tt.field]).text, t) {
				set[tt.node>>6] |= 1 << (tt.node & 63)
			}
		}
	}
	for _, ni := range cands {
		nd := &x.nodes[ni]
		texts := x.buf[nd.bufTitleHi:nd.bufHi]
		allTitle, ok := true, true
		for i, p := range pats {
			if inTitles[i][ni>>6]&(1<<(ni&63)) != 0 {
				continue
			}
			allTitle = false
			// A term of one or two runes is in the node: the postings
			// say so.
			if p.long && !p.in(texts) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		mark(ni)
		h := hit{node: ni, extra: -1, field: -1, rs: -1}
		if allTitle {
			tiers[tierTitle].add(h)
		} else {
			tiers[tierBody].add(h)
		}
	}
}

// pattern is a term prepared for scanning long texts: it looks for the
// term's rarest byte (in Chinese UTF-8 the lead bytes are few and common,
// which slows strings.Index down) and compares the rest around it.
type pattern struct {
	s     string
	k     int  // offset of the rarest byte
	multi bool // more than one rune
	long  bool // more than two runes
}

func (x *Index) newPattern(t string) pattern {
	n := utf8.RuneCountInString(t)
	p := pattern{s: t, multi: n > 1, long: n > 2}
	for i := 1; i < len(t); i++ {
		if x.byteFreq[t[i]] < x.byteFreq[t[p.k]] {
			p.k = i
		}
	}
	return p
}

// in reports whether text holds the pattern.
func (p pattern) in(text string) bool {
	n, k, c := len(p.s), p.k, p.s[p.k]
	for pos := k; pos+n-k <= len(text); {
		i := strings.IndexByte(text[pos:len(text)-(n-k-1)], c)
		if i < 0 {
			return false
		}
		at := pos + i - k
		if text[at:at+n] == p.s {
			return true
		}
		pos += i + 1
	}
	return false
}

// intersect returns the values in every sorted list. It never changes
// the lists; the result may be one of them.
func intersect(lists [][]int32) []int32 {
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	out := lists[0]
	owned := false // out is ours to overwrite
	for _, l := range lists[1:] {
		if len(out) == 0 {
			break
		}
		if len(l) == len(out) && &l[0] == &out[0] {
			continue // the same list twice
		}
		next := out[:0]
		if !owned {
			next = make([]int32, 0, len(out))
			owned = true
		}
		j := 0
		for _, v := range out {
			// Gallop when l is much longer than out.
			if len(l)-j > 8*len(out) {
				k, _ := slices.BinarySearch(l[j:], v)
				j += k
			} else {
				for j < len(l) && l[j] < v {
					j++
				}
			}
			if j < len(l) && l[j] == v {
				next = append(next, v) // never overtakes the reading of out
			}
		}
		out = next
	}
	return out
}

// pinyin matches titles typed in pinyin: every term must match one title.
func (x *Index) pinyin(q Query, sc scope, tiers *[tierCount]tier, mark func(int32), seen func(int32) bool) {
	ms := x.pinyinMatchers(q)
	for ti := sc.titleLo; ti < sc.titleHi; ti++ {
		t := &x.titles[ti]
		if seen(t.node) || !ms[0].mayMatch(t.mask) {
			continue
		}
		if x.pinyinRanges(t, ms, nil) == nil {
			continue
		}
		mark(t.node)
		// A title matched only through a rare reading ranks after the
		// full text.
		tier := tierPinyin
		for _, m := range ms {
			m.primary = true
		}
		if x.pinyinRanges(t, ms, nil) == nil {
			tier = tierPinyinRare
		}
		for _, m := range ms {
			m.primary = false
		}
		tiers[tier].add(hit{node: t.node, extra: -1, field: t.field, rs: -1})
	}
}

func (x *Index) pinyinMatchers(q Query) []*pinyinMatcher {
	ms := make([]*pinyinMatcher, len(q.Terms))
	for i, t := range q.Terms {
		ms[i] = newPinyinMatcher(x.readings, t)
	}
	return ms
}

// pinyinRanges matches every term against one title; it returns the
// matched rune ranges of the folded title (appended to rs), or nil.
func (x *Index) pinyinRanges(t *title, ms []*pinyinMatcher, rs []Range) []Range {
	runes, ids, masks := x.titleRunes(t)
	for _, m := range ms {
		lo, hi, found := m.match(runes, ids, masks)
		if !found {
			return nil
		}
		rs = append(rs, Range{lo, hi})
	}
	return rs
}

// titleRanges maps rune ranges of a folded title to its original text.
func (x *Index) titleRanges(f *field, rs []Range) []Range {
	out := make([]Range, 0, len(rs))
	for _, r := range rs {
		if r.End <= r.Start {
			continue
		}
		out = append(out, Range{Start: origRune(f.omap, r.Start), End: origRune(f.omap, r.End-1) + 1})
	}
	return mergeRanges(out)
}

func origRune(omap []int32, i int) int {
	if omap == nil {
		return i
	}
	return int(omap[i])
}

// candidates lists the titles in scope holding every distinct rune of s,
// intersecting the rune postings (shortest first).
func (x *Index) candidates(s string, sc scope) []int32 {
	var lists [][]int32
	for _, r := range s {
		p := x.postings[r]
		lo, _ := slices.BinarySearch(p, sc.titleLo)
		hi, _ := slices.BinarySearch(p, sc.titleHi)
		if lo == hi {
			return nil
		}
		lists = append(lists, p[lo:hi])
	}
	if len(lists) == 0 {
		return nil
	}
	return intersect(lists)
}

// titleSource feeds candidate titles to sahilm/fuzzy.
type titleSource struct {
	x  *Index
	ts []int32
}

func (s titleSource) String(i int) string {
	return s.x.folded(&s.x.fields[s.x.titles[s.ts[i]].field]).text
}
func (s titleSource) Len() int { return len(s.ts) }

// fuzzy finds titles holding the query's characters in order, with others
// between them (sahilm/fuzzy), best score first, ties in reading order.
func (x *Index) fuzzy(q Query, sc scope, tiers *[tierCount]tier, ranges *[][]Range, mark func(int32), seen func(int32) bool) {
	if utf8.RuneCountInString(q.Joined) < 2 {
		return // one character: the exact match already found it
	}
	var cands []int32
	for _, ti := range x.candidates(q.Joined, sc) {
		if !seen(x.titles[ti].node) {
			cands = append(cands, ti)
		}
	}
	if len(cands) == 0 {
		return
	}
	best := map[int32]int{} // node → index in hs
	var hs []hit
	var hrs [][]Range
	for _, m := range fuzzy.FindFromNoSort(q.Joined, titleSource{x, cands}) {
		t := &x.titles[cands[m.Index]]
		f := &x.fields[t.field]
		i, dup := best[t.node]
		if dup && hs[i].score >= int32(m.Score) {
			continue
		}
		// MatchedIndexes are byte offsets into the folded title: turn them
		// into rune positions of the original title.
		rs := make([]Range, 0, len(m.MatchedIndexes))
		for _, b := range m.MatchedIndexes {
			ri := utf8.RuneCountInString(m.Str[:b])
			rs = append(rs, Range{ri, ri + 1})
		}
		h := hit{node: t.node, extra: -1, field: t.field, score: int32(m.Score)}
		if dup {
			hs[i], hrs[i] = h, x.titleRanges(f, rs)
		} else {
			best[t.node] = len(hs)
			hs = append(hs, h)
			hrs = append(hrs, x.titleRanges(f, rs))
		}
	}
	for i := range hs {
		hs[i].rs = int32(len(*ranges))
		*ranges = append(*ranges, hrs[i])
	}
	slices.SortStableFunc(hs, func(a, b hit) int { return int(b.score - a.score) })
	for _, h := range hs {
		mark(h.node)
	}
	for _, h := range hs {
		tiers[tierFuzzy].add(h)
	}
}

// TolerantRatio is the share of the query's characters a title must hold,
// in order, to match with characters wrong or left out.
const TolerantRatio = 0.75

// tolerantMinRunes is the shortest query matched tolerantly: shorter ones
// would match almost anything.
const tolerantMinRunes = 4

// tolerant finds titles sharing a long common subsequence with the query,
// so that one wrong character does not lose the title fuzzy matching
// would find ("健全网络舆情处理体系" → 健全网络舆情处置体系).
func (x *Index) tolerant(q Query, sc scope, tiers *[tierCount]tier, ranges *[][]Range, seen func(int32) bool) {
	// Only a query typed as one piece: with several terms every term must
	// match, and a title missing one of them is not a near miss.
	qr := []rune(q.Joined)
	if len(qr) < tolerantMinRunes || len(q.Terms) > 1 {
		return
	}
	need := (len(qr)*int(TolerantRatio*100) + 99) / 100
	// Count, per title, the query characters it holds (an upper bound of
	// the common subsequence) through the postings.
	counts := make([]uint16, sc.titleHi-sc.titleLo)
	qc := map[rune]int{}
	for _, r := range qr {
		qc[r]++
	}
	for r, n := range qc {
		p := x.postings[r]
		lo, _ := slices.BinarySearch(p, sc.titleLo)
		hi, _ := slices.BinarySearch(p, sc.titleHi)
		for _, ti := range p[lo:hi] {
			counts[ti-sc.titleLo] += uint16(min(n, 1000))
		}
	}
	var cands []int32
	for i, n := range counts {
		ti := sc.titleLo + int32(i)
		if int(n) >= need && !seen(x.titles[ti].node) {
			cands = append(cands, ti)
		}
	}
	slices.Sort(cands)
	best := map[int32]int{}
	var hs []hit
	for _, ti := range cands {
		t := &x.titles[ti]
		runes, _, _ := x.titleRunes(t)
		pos := lcs(qr, runes)
		if len(pos) < need || pos[len(pos)-1]-pos[0]+1 > 2*len(qr) {
			continue
		}
		score := int32(len(pos)*1000/len(qr) - (pos[len(pos)-1] - pos[0] + 1 - len(pos)))
		rs := make([]Range, len(pos))
		for i, p := range pos {
			rs[i] = Range{p, p + 1}
		}
		h := hit{node: t.node, extra: -1, field: t.field, rs: int32(len(*ranges)), score: score}
		*ranges = append(*ranges, x.titleRanges(&x.fields[t.field], rs))
		if i, ok := best[t.node]; ok {
			if hs[i].score < score {
				hs[i] = h
			}
			continue
		}
		best[t.node] = len(hs)
		hs = append(hs, h)
	}
	slices.SortStableFunc(hs, func(a, b hit) int { return int(b.score - a.score) })
	for _, h := range hs {
		tiers[tierTolerant].add(h)
	}
}

// lcs returns the positions in b of a longest common subsequence of a and b
// (the one that takes each character of b as early as it can).
func lcs(a, b []rune) []int {
	n, m := len(a), len(b)
	w := m + 1
	dp := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				dp[i*w+j] = dp[(i+1)*w+j+1] + 1
			case dp[(i+1)*w+j] >= dp[i*w+j+1]:
				dp[i*w+j] = dp[(i+1)*w+j]
			default:
				dp[i*w+j] = dp[i*w+j+1]
			}
		}
	}
	var pos []int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j] && dp[i*w+j] == dp[(i+1)*w+j+1]+1:
			pos = append(pos, j)
			i++
			j++
		case dp[(i+1)*w+j] >= dp[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return pos
}

// result turns a hit into a Result with snippet and highlights.
func (x *Index) result(q Query, tier int, h hit, extras []extra, ranges [][]Range) Result {
	var r Result
	if h.node >= 0 {
		nd := &x.nodes[h.node]
		r.Address = nd.n.Addr.String()
		r.ID = nd.id
		r.Doc = nd.n.Addr.Doc
		r.DocTitle = nd.n.Document.Title
		r.Title = nd.title
	}
	if h.extra >= 0 {
		e := &extras[h.extra]
		r.Kind = e.doc.Kind
		r.ExtraID = e.doc.ID
		if h.node < 0 {
			r.Address = e.doc.Address
			r.Doc = e.docNo
		}
		ref := FieldRef{Part: PartNote}
		if e.doc.Kind == KindBookmark {
			ref.Part = PartBookmark
		}
		rs := termRanges(e.f, q.Terms)
		r.Field = ref
		r.Snippet, r.Positions = snippet(e.doc.Text, rs)
		r.Matches = matches(ref, rs)
		return r
	}
	nd := &x.nodes[h.node]
	switch {
	case tier == tierTitle || tier == tierBody:
		r.Kind = KindTitle
		if tier == tierBody {
			r.Kind = KindBody
		}
		snip := int32(-1)
		for fi := nd.fieldLo; fi < nd.fieldHi; fi++ {
			f := &x.fields[fi]
			rs := termRanges(x.folded(f), q.Terms)
			if len(rs) == 0 {
				continue
			}
			r.Matches = append(r.Matches, matches(f.ref, rs)...)
			want := tier == tierTitle || fi >= nd.titleHi
			if snip < 0 && want {
				snip = fi
				r.Field = f.ref
				r.Snippet, r.Positions = snippet(f.orig, rs)
			}
		}
	case tier == tierPinyinBody || tier == tierPinyinRare && !x.fields[h.field].ref.Part.isTitle():
		r.Kind = KindPinyin
		x.pinyinBodyResult(q, h, &r)
	default:
		r.Kind = KindPinyin
		if tier != tierPinyin && tier != tierPinyinRare {
			r.Kind = KindFuzzy
		}
		f := &x.fields[h.field]
		var rs []Range
		if h.rs >= 0 {
			rs = ranges[h.rs]
		} else {
			t := &x.titles[sort.Search(len(x.titles), func(i int) bool { return x.titles[i].field >= h.field })]
			rs = x.titleRanges(f, x.pinyinRanges(t, x.pinyinMatchers(q), nil))
		}
		r.Field = f.ref
		r.Snippet, r.Positions = snippet(f.orig, rs)
		r.Matches = matches(f.ref, rs)
	}
	if r.Matches == nil {
		r.Matches = []Match{}
	}
	return r
}

func matches(ref FieldRef, rs []Range) []Match {
	out := make([]Match, len(rs))
	for i, r := range rs {
		out[i] = Match{FieldRef: ref, Range: r}
	}
	return out
}

// snippet cuts about SnippetRunes runes of text around the first range,
// with "…" where text was cut, and lists the matched runes of the snippet.
func snippet(text string, rs []Range) (string, []int) {
	runes := []rune(text)
	start, end := 0, len(runes)
	if len(runes) > SnippetRunes {
		first := 0
		if len(rs) > 0 {
			first = rs[0].Start
		}
		start = max(0, first-SnippetRunes/4)
		end = min(len(runes), start+SnippetRunes)
		start = max(0, end-SnippetRunes)
	}
	var b strings.Builder
	shift := -start
	if start > 0 {
		b.WriteString("…")
		shift++
	}
	b.WriteString(string(runes[start:end]))
	if end < len(runes) {
		b.WriteString("…")
	}
	pos := []int{}
	for _, r := range rs {
		for k := max(r.Start, start); k < min(r.End, end); k++ {
			pos = append(pos, k+shift)
		}
	}
	return b.String(), pos
}

// Group is the results of one document, in rank order.
type Group struct {
	// Compilation and CompilationTitle are set in a search over several
	// compilations: groups are then per compilation and document.
	Compilation      string   `json:"compilation,omitempty"`
	CompilationTitle string   `json:"compilation_title,omitempty"`
	Doc              int      `json:"doc"` // 0: notes whose node is unknown
	DocTitle         string   `json:"doc_title"`
	Results          []Result `json:"results"`
}

// GroupByDocument groups results by document (and compilation, for a
// search over several); groups come in the order of their best result.
func GroupByDocument(rs []Result) []Group {
	var gs []Group
	type key struct {
		comp string
		doc  int
	}
	at := map[key]int{}
	for _, r := range rs {
		k := key{r.Compilation, r.Doc}
		i, ok := at[k]
		if !ok {
			i = len(gs)
			at[k] = i
			gs = append(gs, Group{Compilation: r.Compilation, CompilationTitle: r.CompilationTitle, Doc: r.Doc, DocTitle: r.DocTitle})
		}
		if gs[i].DocTitle == "" {
			gs[i].DocTitle = r.DocTitle
		}
		gs[i].Results = append(gs[i].Results, r)
	}
	return gs
}

// Node resolves a result's node in the compilation.
func (x *Index) Node(r Result) (model.Node, bool) {
	ni, ok := x.byAddr[r.Address]
	if !ok {
		return model.Node{}, false
	}
	return x.nodes[ni].n, true
}
