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
	KindPinyin   Kind = "pinyin"   // a title typed in pinyin (full or first letters)
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
	tierFuzzy
	tierTolerant
	tierCount
)

// hit is a match before it becomes a Result.
type hit struct {
	node  int32 // -1 for a note or bookmark whose node is unknown
	extra int32 // index into the extras snapshot, or -1
	field int32 // title field for pinyin and fuzzy hits
	rs    []Range
	score int
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
	var tiers [tierCount][]hit
	matched := make([]uint64, (len(x.nodes)+63)/64)
	mark := func(ni int32) { matched[ni>>6] |= 1 << (ni & 63) }
	seen := func(ni int32) bool { return matched[ni>>6]&(1<<(ni&63)) != 0 }

	x.exact(q, sc, &tiers, mark)
	if hasLetters(q.Joined) {
		x.pinyin(q, sc, &tiers, mark, seen)
	}
	x.fuzzy(q, sc, &tiers, mark, seen)
	x.tolerant(q, sc, &tiers, seen)

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
		h := hit{node: e.node, extra: int32(i), field: -1}
		if e.doc.Kind == KindBookmark {
			bookmarks = append(bookmarks, h)
		} else {
			notes = append(notes, h)
		}
	}
	tiers[tierTitle] = mergeExtras(tiers[tierTitle], bookmarks)
	tiers[tierBody] = mergeExtras(tiers[tierBody], notes)

	for t := range tiers {
		resp.Total += len(tiers[t])
	}
	for t := range tiers {
		for _, h := range tiers[t] {
			if len(resp.Results) == limit {
				return resp
			}
			resp.Results = append(resp.Results, x.result(q, t, h, extras))
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

// nodeAt finds the node whose fields hold buffer offset at.
func (x *Index) nodeAt(at int32) int32 {
	i := sort.Search(len(x.nodes), func(i int) bool { return x.nodes[i].bufLo > at })
	return int32(i - 1)
}

// exact finds nodes holding every term: in their titles (tier title) or
// anywhere in their text (tier body). The longest term is scanned for in
// the whole buffer; the others are checked in the nodes it turns up.
func (x *Index) exact(q Query, sc scope, tiers *[tierCount][]hit, mark func(int32)) {
	terms := slices.Clone(q.Terms)
	slices.SortStableFunc(terms, func(a, b string) int { return len(b) - len(a) })
	first, rest := terms[0], terms[1:]
	for pos := sc.bufLo; pos < sc.bufHi; {
		i := strings.Index(x.buf[pos:sc.bufHi], first)
		if i < 0 {
			break
		}
		ni := x.nodeAt(pos + int32(i))
		nd := &x.nodes[ni]
		allTitle := pos+int32(i) < nd.bufTitleHi
		ok := true
		for _, t := range rest {
			if strings.Contains(x.buf[nd.bufLo:nd.bufTitleHi], t) {
				continue
			}
			allTitle = false
			if !strings.Contains(x.buf[nd.bufTitleHi:nd.bufHi], t) {
				ok = false
				break
			}
		}
		if ok {
			mark(ni)
			h := hit{node: ni, extra: -1, field: -1}
			if allTitle {
				tiers[tierTitle] = append(tiers[tierTitle], h)
			} else {
				tiers[tierBody] = append(tiers[tierBody], h)
			}
		}
		pos = nd.bufHi
	}
}

// pinyin matches titles typed in pinyin: every term must match one title.
func (x *Index) pinyin(q Query, sc scope, tiers *[tierCount][]hit, mark func(int32), seen func(int32) bool) {
	ms := make([]*pinyinMatcher, len(q.Terms))
	for i, t := range q.Terms {
		ms[i] = newPinyinMatcher(x.readings, t)
	}
	var rs []Range
	for ti := sc.titleLo; ti < sc.titleHi; ti++ {
		t := &x.titles[ti]
		if seen(t.node) || !ms[0].mayMatch(t.mask) {
			continue
		}
		runes, ids, masks := x.titleRunes(t)
		rs = rs[:0]
		ok := true
		for _, m := range ms {
			lo, hi, found := m.match(runes, ids, masks)
			if !found {
				ok = false
				break
			}
			rs = append(rs, Range{lo, hi})
		}
		if !ok {
			continue
		}
		mark(t.node)
		f := &x.fields[t.field]
		tiers[tierPinyin] = append(tiers[tierPinyin], hit{node: t.node, extra: -1, field: t.field, rs: x.titleRanges(f, rs)})
	}
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
		if len(p) == 0 {
			return nil
		}
		lists = append(lists, p)
	}
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	var out []int32
	for _, ti := range lists[0] {
		if ti < sc.titleLo || ti >= sc.titleHi {
			continue
		}
		ok := true
		for _, l := range lists[1:] {
			if _, found := slices.BinarySearch(l, ti); !found {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, ti)
		}
	}
	return out
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
func (x *Index) fuzzy(q Query, sc scope, tiers *[tierCount][]hit, mark func(int32), seen func(int32) bool) {
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
	for _, m := range fuzzy.FindFromNoSort(q.Joined, titleSource{x, cands}) {
		t := &x.titles[cands[m.Index]]
		f := &x.fields[t.field]
		i, dup := best[t.node]
		if dup && hs[i].score >= m.Score {
			continue
		}
		// MatchedIndexes are byte offsets into the folded title: turn them
		// into rune positions of the original title.
		rs := make([]Range, 0, len(m.MatchedIndexes))
		for _, b := range m.MatchedIndexes {
			ri := utf8.RuneCountInString(m.Str[:b])
			rs = append(rs, Range{ri, ri + 1})
		}
		h := hit{node: t.node, extra: -1, field: t.field, rs: x.titleRanges(f, rs), score: m.Score}
		if dup {
			hs[i] = h
		} else {
			best[t.node] = len(hs)
			hs = append(hs, h)
		}
	}
	slices.SortStableFunc(hs, func(a, b hit) int { return b.score - a.score })
	for _, h := range hs {
		mark(h.node)
	}
	tiers[tierFuzzy] = append(tiers[tierFuzzy], hs...)
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
func (x *Index) tolerant(q Query, sc scope, tiers *[tierCount][]hit, seen func(int32) bool) {
	qr := []rune(q.Joined)
	if len(qr) < tolerantMinRunes {
		return
	}
	need := (len(qr)*int(TolerantRatio*100) + 99) / 100
	// Count, per title, the query characters it holds (an upper bound of
	// the common subsequence) through the postings.
	counts := map[int32]int{}
	qc := map[rune]int{}
	for _, r := range qr {
		qc[r]++
	}
	for r, n := range qc {
		for _, ti := range x.postings[r] {
			if ti >= sc.titleLo && ti < sc.titleHi {
				counts[ti] += n
			}
		}
	}
	var cands []int32
	for ti, n := range counts {
		if n >= need && !seen(x.titles[ti].node) {
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
		score := len(pos)*1000/len(qr) - (pos[len(pos)-1] - pos[0] + 1 - len(pos))
		rs := make([]Range, len(pos))
		for i, p := range pos {
			rs[i] = Range{p, p + 1}
		}
		h := hit{node: t.node, extra: -1, field: t.field, rs: x.titleRanges(&x.fields[t.field], rs), score: score}
		if i, ok := best[t.node]; ok {
			if hs[i].score < score {
				hs[i] = h
			}
			continue
		}
		best[t.node] = len(hs)
		hs = append(hs, h)
	}
	slices.SortStableFunc(hs, func(a, b hit) int { return b.score - a.score })
	tiers[tierTolerant] = append(tiers[tierTolerant], hs...)
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
func (x *Index) result(q Query, tier int, h hit, extras []extra) Result {
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
	switch tier {
	case tierTitle, tierBody:
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
	default:
		r.Kind = KindPinyin
		if tier != tierPinyin {
			r.Kind = KindFuzzy
		}
		f := &x.fields[h.field]
		r.Field = f.ref
		r.Snippet, r.Positions = snippet(f.orig, h.rs)
		r.Matches = matches(f.ref, h.rs)
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
	Doc      int      `json:"doc"` // 0: notes whose node is unknown
	DocTitle string   `json:"doc_title"`
	Results  []Result `json:"results"`
}

// GroupByDocument groups results by document; groups come in the order of
// their best result.
func GroupByDocument(rs []Result) []Group {
	var gs []Group
	at := map[int]int{}
	for _, r := range rs {
		i, ok := at[r.Doc]
		if !ok {
			i = len(gs)
			at[r.Doc] = i
			gs = append(gs, Group{Doc: r.Doc, DocTitle: r.DocTitle})
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
