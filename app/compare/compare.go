package compare

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"huibian/app/model"
)

// Defaults of Options.
const (
	DefaultCandidates = 3
	DefaultTerms      = 5
	// WeakScore: a best match scoring below it shares little with the
	// source; the view says so (相关度低) instead of presenting it as a pair.
	WeakScore = 0.08
)

// Options tune Compare.
type Options struct {
	// Candidates per document, best first (DefaultCandidates when 0).
	Candidates int
	// Terms: how many shared terms to report per candidate (DefaultTerms when 0).
	Terms int
	// Documents, when not empty, limits the comparison to these document
	// numbers (the view's hidden departments are left out).
	Documents []int
}

// Kind names what is compared, as in the JSON output.
const (
	KindSection = "section"
	KindItem    = "item"
	KindTheme   = "theme"
)

// Result is the comparison of one section or item with every other
// document of its compilation.
type Result struct {
	// Address of the source ("1/3", "2.11"); a theme's label for a theme.
	Address string `json:"address"`
	Kind    string `json:"kind"`
	// Source is the node compared (zero for a theme).
	Source Entry `json:"-"`
	// Documents holds one column per other document, in document order
	// (for a theme: every document).
	Documents []Column `json:"-"`
	// Matches is the flat list the command line prints: each column's best
	// candidate, or all candidates (see Flat).
	Matches []Match `json:"matches"`
}

// Entry is the node a comparison starts from.
type Entry struct {
	Addr     model.Address
	Document int
	DocShort string
	Title    string
	HasText  bool
}

// Column is one document's candidates, best first. An empty Candidates
// means the document has nothing of this kind (no sections, no items).
type Column struct {
	Document   int
	DocShort   string // e.g. "市委组织部"
	DocTitle   string
	HasText    bool // the document's full text is in the compilation
	Candidates []Match
}

// Best is the column's best candidate, if any.
func (c Column) Best() (Match, bool) {
	if len(c.Candidates) == 0 {
		return Match{}, false
	}
	return c.Candidates[0], true
}

// Match is one candidate section or item.
type Match struct {
	Document int           `json:"document"`
	Address  string        `json:"address"`
	Addr     model.Address `json:"-"`
	Title    string        `json:"title"`
	Score    float64       `json:"score"`
	// Terms are the phrases both texts contain that count most in the
	// score, most important first ("阵地管理", "舆情").
	Terms   []string `json:"terms"`
	HasText bool     `json:"has_text"`
	// Rank within its document's column (1 = best).
	Rank int `json:"-"`
	// Weak marks a best match that shares little with the source.
	Weak bool `json:"-"`
	// InTheme marks, in a theme's comparison, a section of the theme
	// (the others are the document's closest alternatives).
	InTheme bool `json:"-"`
}

// Compare finds, for the section or item at a, the closest sections or
// items of every other document. A compilation of one document gives a
// result with no columns. It fails only when a is not a section or item of
// the compilation.
func (x *Index) Compare(a model.Address, opt Options) (Result, error) {
	n, err := x.comp.Resolve(a)
	if err != nil {
		return Result{}, err
	}
	var ks *kindSet
	var kind string
	switch n.Kind() {
	case model.KindSection:
		ks, kind = &x.secs, KindSection
	case model.KindItem:
		ks, kind = &x.items, KindItem
	default:
		return Result{}, fmt.Errorf("只能对照某一部分或某一条，“%s”是整篇或整部汇编", a)
	}
	src, ok := ks.pos[n.Addr]
	if !ok {
		return Result{}, fmt.Errorf("找不到“%s”", n.Addr)
	}
	opt = opt.withDefaults()
	su := &ks.units[src]
	res := Result{Address: n.Addr.String(), Kind: kind, Source: Entry{
		Addr: n.Addr, Document: n.Document.Number, DocShort: n.Document.Short, Title: n.Title(), HasText: n.HasText(),
	}}
	q := x.query(ks, su)
	q.occ = newOccurrences(len(x.voc.terms), su.sq)
	for _, d := range x.comp.Documents {
		if d.Number == n.Document.Number || !opt.wants(d.Number) {
			continue
		}
		col := Column{Document: d.Number, DocShort: d.Short, DocTitle: d.Title, HasText: d.HasText}
		col.Candidates = x.rank(ks, su, q, ks.byDoc[d.Number-1], opt)
		res.Documents = append(res.Documents, col)
	}
	res.Matches = res.Flat(false)
	return res, nil
}

func (o Options) withDefaults() Options {
	if o.Candidates <= 0 {
		o.Candidates = DefaultCandidates
	}
	if o.Terms <= 0 {
		o.Terms = DefaultTerms
	}
	return o
}

func (o Options) wants(doc int) bool {
	if len(o.Documents) == 0 {
		return true
	}
	for _, d := range o.Documents {
		if d == doc {
			return true
		}
	}
	return false
}

// rank scores the units of one document against the source and keeps the
// best opt.Candidates, ties broken by reading order.
func (x *Index) rank(ks *kindSet, su *unit, q query, idx []int, opt Options) []Match {
	type scored struct {
		i int
		s float64
	}
	top := make([]scored, 0, opt.Candidates+1)
	for _, i := range idx {
		s := q.score(&ks.units[i])
		// Insert keeping top sorted by score, then reading order.
		k := len(top)
		for k > 0 && top[k-1].s < s {
			k--
		}
		if k >= opt.Candidates {
			continue
		}
		top = append(top, scored{})
		copy(top[k+1:], top[k:])
		top[k] = scored{i, s}
		if len(top) > opt.Candidates {
			top = top[:opt.Candidates]
		}
	}
	out := make([]Match, len(top))
	for r, t := range top {
		u := &ks.units[t.i]
		out[r] = Match{
			Document: u.doc, Address: u.addr.String(), Addr: u.addr, Title: u.title,
			Score: round3(t.s), Terms: x.shared(su, u, opt.Terms, q.occ), HasText: u.hasText, Rank: r + 1,
			Weak: r == 0 && t.s < WeakScore,
		}
	}
	return out
}

// query is a unit's two vectors spread out for fast dot products.
type query struct {
	v, t   []float32
	titles float64
	occ    *occurrences // where the source's terms are, for shared
}

func (x *Index) query(ks *kindSet, u *unit) query {
	q := query{v: make([]float32, len(x.voc.terms)), t: make([]float32, len(x.voc.terms)), titles: ks.titles}
	for i, id := range u.v.ids {
		q.v[id] = u.v.w[i]
	}
	for i, id := range u.t.ids {
		q.t[id] = u.t.w[i]
	}
	return q
}

// score is the similarity of the query's unit and u, from 0 to 1: a share
// (kindSet.titles) from the heading and title vectors alone, the rest
// from everything each side has. Without the first part a section with
// text would pull towards the other document's sections with text (on
// body words) and away from its outline-only sections.
func (q query) score(u *unit) float64 {
	return q.titles*u.t.dotDense(q.t) + (1-q.titles)*u.v.dotDense(q.v)
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

// Flat lists each column's best candidate in document order, or with all
// true every candidate (best first within each document).
func (r Result) Flat(all bool) []Match {
	out := []Match{}
	for _, c := range r.Documents {
		if all {
			out = append(out, c.Candidates...)
		} else if m, ok := c.Best(); ok {
			out = append(out, m)
		}
	}
	return out
}

// shared names what a and b have in common: the bigrams that add most
// to their score, each grown left and right into the longest phrase (up to
// maxPhrase characters) that both texts contain, so that the reader sees
// "网络意识形态阵地" rather than "态阵". At most max phrases, strongest first.
func (x *Index) shared(a, b *unit, max int, occ *occurrences) []string {
	type contrib struct {
		id int32
		w  float64
	}
	var cs []contrib
	i, j := 0, 0
	for i < len(a.v.ids) && j < len(b.v.ids) {
		switch {
		case a.v.ids[i] < b.v.ids[j]:
			i++
		case a.v.ids[i] > b.v.ids[j]:
			j++
		default:
			cs = append(cs, contrib{a.v.ids[i], float64(a.v.w[i]) * float64(b.v.w[j])})
			i++
			j++
		}
	}
	less := func(i, j int) bool {
		if cs[i].w != cs[j].w {
			return cs[i].w > cs[j].w
		}
		return cs[i].id < cs[j].id
	}
	// Only the strongest few are looked at: order those first (a full
	// sort of a thousand shared bigrams per candidate dominated the time).
	head := min(len(cs), 4*max+4)
	for k := 0; k < head; k++ {
		m := k
		for i := k + 1; i < len(cs); i++ {
			if less(i, m) {
				m = i
			}
		}
		cs[k], cs[m] = cs[m], cs[k]
	}
	// One pass over b finds where the head's terms are.
	ids := make([]int32, head)
	for k := range ids {
		ids[k] = cs[k].id
	}
	inB := occ.scan(b.sq, ids, growOther)
	out := []string{}
	for k, c := range cs {
		if len(out) == max {
			break
		}
		if k == head {
			rest := cs[head:]
			sort.Slice(rest, func(i, j int) bool {
				if rest[i].w != rest[j].w {
					return rest[i].w > rest[j].w
				}
				return rest[i].id < rest[j].id
			})
			c = cs[k]
		}
		bg := x.voc.terms[c.id]
		dup := false
		for _, p := range out {
			if strings.Contains(p, bg) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		var ib []int
		if k < head {
			ib = inB[c.id]
		} else {
			ib = positions(b.sq, c.id, growOther)
		}
		p := x.grow(a.sq, b.sq, occ.source(a.sq, c.id), ib)
		if p == "" {
			continue
		}
		keep := out[:0]
		for _, q := range out {
			if !strings.Contains(p, q) {
				keep = append(keep, q)
			}
		}
		out = append(keep, p)
	}
	return out
}

// maxPhrase is the longest shared phrase shown, in characters.
const maxPhrase = 8

// Occurrences of a bigram looked at by grow, in each text.
const (
	growScan  = 32
	growOther = 32
)

// grow extends a bigram, at each of its first few occurrences in a (ia)
// paired with each of its first occurrences in b (ib), one character at a
// time to the left and right while both texts go on alike (bigram
// sequences hold one bigram per character, so equal neighbouring bigrams
// are equal neighbouring characters). It trims the ends (see trim) and
// returns the longest result, or "" when the bigram is only a fragment of
// two words (化政 of 强化政治). Working on bigram IDs rather than strings
// keeps it to comparisons of int32s.
func (x *Index) grow(a, b seq, ia, ib []int) string {
	bestN, best := 0, ""
	for _, i := range ia {
		for _, j := range ib {
			lo, n := 0, 1 // bigrams a[i-lo : i-lo+n] (n bigrams = n+1 characters)
			for n+1 < maxPhrase {
				grown := false
				if i-lo-1 >= 0 && j-lo-1 >= 0 && a[i-lo-1] >= 0 && a[i-lo-1] == b[j-lo-1] {
					lo++
					n++
					grown = true
				}
				if n+1 >= maxPhrase {
					break
				}
				if r, k := i-lo+n, j-lo+n; r < len(a) && k < len(b) && a[r] >= 0 && a[r] == b[k] {
					n++
					grown = true
				}
				if !grown {
					break
				}
			}
			if n <= bestN && best != "" {
				continue
			}
			if p := x.trim(x.phrase(a[i-lo : i-lo+n])); runeLen(p) > runeLen(best) {
				best, bestN = p, n
			}
		}
	}
	return best
}

// positions lists the first (up to limit) positions of id in s.
func positions(s seq, id int32, limit int) []int {
	var out []int
	for i, v := range s {
		if v == id {
			out = append(out, i)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// occurrences finds terms in bigram sequences for one comparison: it
// remembers where the source's terms are, and finds a set of terms in a
// candidate in one pass (a bit per vocabulary term marks the set).
type occurrences struct {
	src  map[int32][]int
	mark []uint64
}

func newOccurrences(vocab int, src seq) *occurrences {
	return &occurrences{src: map[int32][]int{}, mark: make([]uint64, (vocab+63)/64)}
}

// source is the first positions of id in the source sequence s.
func (o *occurrences) source(s seq, id int32) []int {
	if p, ok := o.src[id]; ok {
		return p
	}
	p := positions(s, id, growScan)
	o.src[id] = p
	return p
}

// scan returns the first (up to limit) positions in s of each of ids.
func (o *occurrences) scan(s seq, ids []int32, limit int) map[int32][]int {
	out := make(map[int32][]int, len(ids))
	for _, id := range ids {
		o.mark[id>>6] |= 1 << (id & 63)
	}
	for i, v := range s {
		if v >= 0 && o.mark[v>>6]&(1<<(v&63)) != 0 && len(out[v]) < limit {
			out[v] = append(out[v], i)
		}
	}
	for _, id := range ids {
		o.mark[id>>6] &^= 1 << (id & 63)
	}
	return out
}

// phrase is the text of consecutive overlapping bigrams.
func (x *Index) phrase(ids seq) string {
	var b strings.Builder
	for k, id := range ids {
		t := x.voc.terms[id]
		if k == len(ids)-1 {
			b.WriteString(t)
		} else {
			_, size := utf8.DecodeRuneInString(t)
			b.WriteString(t[:size])
		}
	}
	return b.String()
}

// trim cuts the ends of a phrase that are pieces of a neighbouring word: it
// drops the first character while the first bigram is much rarer in the
// compilation than the next one (化理论 → 理论: 化理 is the tail of 强化
// or 深化 meeting 理论), the same at the end, then function characters
// (的, 与 …). It returns "" when no two-character word is left.
func (x *Index) trim(p string) string {
	rs := []rune(p)
	freq := func(i int) int32 { // count of the bigram rs[i:i+2]
		if id, ok := x.voc.ids[string(rs[i:i+2])]; ok {
			return x.cf[id]
		}
		return 0
	}
	for len(rs) >= 3 && 4*freq(0) < freq(1) {
		rs = rs[1:]
	}
	for len(rs) >= 3 && 4*freq(len(rs)-2) < freq(len(rs)-3) {
		rs = rs[:len(rs)-1]
	}
	const fn = "的与和及等在为以对将把是了中并或其之各"
	for len(rs) > 2 && strings.ContainsRune(fn, rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 2 && strings.ContainsRune(fn, rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	if len(rs) < 2 || strings.ContainsRune(fn, rs[0]) || strings.ContainsRune(fn, rs[len(rs)-1]) {
		return ""
	}
	if len(rs) == 2 && x.fragment(string(rs)) {
		return ""
	}
	return string(rs)
}

// fragment reports whether a bigram is rarely a word of its own: it is far
// rarer than the bigrams that usually surround it. Computed in New.
func (x *Index) fragment(bg string) bool {
	id, ok := x.voc.ids[bg]
	return ok && x.frag[id]
}
