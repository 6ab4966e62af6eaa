package compare

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"huibian/app/model"
)

// Themes (专题矩阵)
//
// The compilation's sections are grouped into themes by agglomerative
// clustering with average linkage on the same similarity Compare ranks by
// (the cosine of the section vectors, headings and item titles weighted so
// that outline-only sections take part). It starts with every section on
// its own and repeatedly joins the two groups whose sections are, on
// average, most alike, as long as that average reaches ThemeThreshold and
// the two groups share no document: a theme holds at most one section of
// each document. A second pass then joins themes whose sections are still
// alike on average (ThemeJoin, higher than ThemeThreshold) although they
// share documents, because plans split a theme differently: 政治 and 理论
// are one section in most plans and two in others. A cell of the matrix is
// thus empty (未涉及), one section, or, rarely, two.
//
// Why this method: it needs no number of themes chosen in advance (nine
// plans with six sections each have about six shared themes, another
// compilation has other counts), it is deterministic (ties go to the pair
// read first), average linkage does not chain unrelated sections together
// through one broad section, and the one-per-document rule is exactly the
// shape of the grid. A section left alone (数智赋能, which only one plan
// has) is a theme of one department: the matrix then shows who says
// nothing about it.
//
// Very large compilations (more than maxClustered sections) are clustered
// on their first sections, in reading order, up to that number; the
// remaining sections are then assigned to the theme whose centroid they are
// closest to, one section per theme and document first, a second one
// only when it is as close as ThemeJoin asks; others are themes of their
// own.

// ThemeThreshold is the least average similarity of two groups of sections
// that are joined into one theme.
const ThemeThreshold = 0.12

// ThemeJoin is the least average similarity of two themes that are joined
// although they share documents (see agglomerate).
const ThemeJoin = 0.15

// maxClustered bounds the sections clustered pairwise (memory n², time
// about n² dot products).
const maxClustered = 1200

// labelTerms is the number of characteristic terms of a theme.
const labelTerms = 3

// Matrix is the compilation's sections grouped into themes: rows are
// themes, columns the documents.
type Matrix struct {
	Documents []DocHead `json:"-"`
	Themes    []Theme   `json:"themes"`
}

// DocHead is one column of the matrix.
type DocHead struct {
	Number  int
	Short   string
	Title   string
	HasText bool
}

// Theme is one row of the matrix.
type Theme struct {
	// Label is the characteristic terms joined with " · " ("阵地 · 舆论 · 网络").
	Label string   `json:"label"`
	Terms []string `json:"terms"`
	// Cells has one cell per document of the compilation, in document order.
	Cells []Cell `json:"cells"`
	// Sections counts the sections of the theme, Spread the documents.
	Sections int `json:"-"`
}

// Cell is what one document has on a theme: nothing (未涉及) or its sections.
type Cell struct {
	Document  int          `json:"document"`
	Addresses []string     `json:"addresses"`
	Entries   []ThemeEntry `json:"-"`
}

// Empty reports whether the document says nothing on the theme.
func (c Cell) Empty() bool { return len(c.Entries) == 0 }

// ThemeEntry is one section in a cell.
type ThemeEntry struct {
	Addr    model.Address
	Title   string
	HasText bool
	// Score is the section's similarity to the theme's centroid (the mean
	// of its sections' vectors; 0 for a theme of one section).
	Score float64
}

// Themes returns the theme matrix of the compilation, computed on first
// use and kept with the index. A compilation of one document gives a
// matrix with no themes. The matrix is shared: do not change it.
func (x *Index) Themes() *Matrix {
	x.themesOnce.Do(func() {
		m := x.buildThemes()
		x.themesMu.Lock()
		x.matrix = m
		x.themesMu.Unlock()
	})
	x.themesMu.Lock()
	defer x.themesMu.Unlock()
	return x.matrix
}

// ThemesReady reports whether Themes would return at once (the matrix
// has been computed).
func (x *Index) ThemesReady() bool {
	x.themesMu.Lock()
	defer x.themesMu.Unlock()
	return x.matrix != nil
}

func (x *Index) buildThemes() *Matrix {
	m := &Matrix{Themes: []Theme{}}
	for _, d := range x.comp.Documents {
		m.Documents = append(m.Documents, DocHead{Number: d.Number, Short: d.Short, Title: d.Title, HasText: d.HasText})
	}
	ks := &x.secs
	if len(x.comp.Documents) < 2 || len(ks.units) == 0 {
		return m
	}
	groups := x.cluster(ks, maxClustered)
	for _, g := range groups {
		m.Themes = append(m.Themes, x.theme(ks, g))
	}
	sortThemes(ks, m.Themes, groups)
	return m
}

// cluster groups the sections (indexes into ks.units), each group in
// reading order; at most limit sections are clustered pairwise.
func (x *Index) cluster(ks *kindSet, limit int) [][]int {
	n := len(ks.units)
	k := min(n, limit)
	sim := x.simMatrix(ks, k)
	groups := agglomerate(ks, sim, k)
	if k < n {
		groups = x.assignRest(ks, groups, k)
	}
	return groups
}

// simMatrix is the similarity of every pair of the first k sections, row by row.
func (x *Index) simMatrix(ks *kindSet, k int) []float32 {
	sim := make([]float32, k*k)
	for i := 0; i < k; i++ {
		q := x.query(ks, &ks.units[i])
		for j := i + 1; j < k; j++ {
			s := float32(q.score(&ks.units[j]))
			sim[i*k+j], sim[j*k+i] = s, s
		}
	}
	return sim
}

// agglomerate runs average-linkage clustering on the first k sections:
// first keeping every theme to one section per document (threshold
// ThemeThreshold), then joining the themes that are still alike
// (ThemeJoin) even where they share documents: a plan that splits a theme
// over two sections (政治 and 理论, 阵地 and 舆论) then has both in one cell.
func agglomerate(ks *kindSet, sim []float32, k int) [][]int {
	groups := make([][]int, k)
	for i := range groups {
		groups[i] = []int{i}
	}
	groups = joinGroups(ks, sim, k, groups, ThemeThreshold, true)
	return joinGroups(ks, sim, k, groups, ThemeJoin, false)
}

// joinGroups joins groups of sections while the average similarity of the
// best pair reaches threshold; with disjointDocs only groups that share no
// document. sim is the k×k similarity matrix of the sections.
func joinGroups(ks *kindSet, sim []float32, k int, groups [][]int, threshold float64, disjointDocs bool) [][]int {
	g := len(groups)
	members := make([][]int, g)
	words := (len(ks.byDoc) + 63) / 64
	docs := make([][]uint64, g) // bit d-1: the group has a section of document d
	alive := make([]bool, g)
	// sum[a*g+b]: the sum of the similarities between the sections of groups a and b.
	sum := make([]float64, g*g)
	for a, mem := range groups {
		members[a] = append([]int(nil), mem...)
		docs[a] = make([]uint64, words)
		for _, i := range mem {
			d := ks.units[i].doc - 1
			docs[a][d>>6] |= 1 << (d & 63)
		}
		alive[a] = true
	}
	for a := 0; a < g; a++ {
		for b := a + 1; b < g; b++ {
			var s float64
			for _, i := range members[a] {
				for _, j := range members[b] {
					s += float64(sim[i*k+j])
				}
			}
			sum[a*g+b], sum[b*g+a] = s, s
		}
	}
	allowed := func(a, b int) bool {
		if !disjointDocs {
			return true
		}
		for w, bits := range docs[a] {
			if bits&docs[b][w] != 0 {
				return false
			}
		}
		return true
	}
	avg := func(a, b int) float64 {
		return sum[a*g+b] / float64(len(members[a])*len(members[b]))
	}
	// best[a] is the group a may join with the highest average (or -1).
	best := make([]int, g)
	bestOf := func(a int) int {
		b, bs := -1, 0.0
		for j := 0; j < g; j++ {
			if j == a || !alive[j] {
				continue
			}
			if s := avg(a, j); (b < 0 || s > bs) && s >= threshold && allowed(a, j) {
				b, bs = j, s
			}
		}
		return b
	}
	for a := range best {
		best[a] = bestOf(a)
	}
	for {
		a, bs := -1, 0.0
		for i := 0; i < g; i++ {
			if alive[i] && best[i] >= 0 {
				if s := avg(i, best[i]); a < 0 || s > bs {
					a, bs = i, s
				}
			}
		}
		if a < 0 {
			break
		}
		b := best[a]
		if b < a {
			a, b = b, a
		}
		// Join b into a.
		for j := 0; j < g; j++ {
			sum[a*g+j] += sum[b*g+j]
			sum[j*g+a] = sum[a*g+j]
		}
		members[a] = append(members[a], members[b]...)
		sort.Ints(members[a])
		for w, bits := range docs[b] {
			docs[a][w] |= bits
		}
		alive[b], members[b], docs[b] = false, nil, nil
		best[a] = bestOf(a)
		for i := 0; i < g; i++ {
			if !alive[i] || i == a {
				continue
			}
			switch {
			case best[i] == a || best[i] == b:
				best[i] = bestOf(i)
			case best[i] < 0 || avg(i, a) > avg(i, best[i]) || (avg(i, a) == avg(i, best[i]) && a < best[i]):
				if avg(i, a) >= threshold && allowed(i, a) {
					best[i] = a
				}
			}
		}
	}
	var out [][]int
	for a := 0; a < g; a++ {
		if alive[a] {
			out = append(out, members[a])
		}
	}
	return out
}

// assignRest puts sections k… into the themes found among the first k:
// document by document, the best (section, theme) pairs first, one section
// per theme; a section with no theme close enough becomes a theme of its
// own (see agglomerate).
func (x *Index) assignRest(ks *kindSet, groups [][]int, k int) [][]int {
	cents := make([]query, len(groups))
	for g, mem := range groups {
		cents[g] = x.query(ks, x.centroid(ks, mem))
	}
	type pair struct {
		s, g int
		sc   float64
	}
	for d := ks.units[k].doc; d <= len(ks.byDoc); d++ {
		var secs []int
		for _, i := range ks.byDoc[d-1] {
			if i >= k {
				secs = append(secs, i)
			}
		}
		var ps []pair
		for _, i := range secs {
			for g := range cents {
				if sc := cents[g].score(&ks.units[i]); sc >= ThemeThreshold {
					ps = append(ps, pair{i, g, sc})
				}
			}
		}
		sort.SliceStable(ps, func(a, b int) bool { return ps[a].sc > ps[b].sc })
		usedS, usedG := map[int]bool{}, map[int]bool{}
		for _, p := range ps {
			if usedS[p.s] || usedG[p.g] {
				continue
			}
			usedS[p.s], usedG[p.g] = true, true
			groups[p.g] = append(groups[p.g], p.s)
		}
		// A section whose theme another section of its document took
		// joins it anyway when close enough (as in agglomerate's second pass).
		for _, i := range secs {
			if usedS[i] {
				continue
			}
			bg, bs := -1, ThemeThreshold
			for g := range cents {
				if sc := cents[g].score(&ks.units[i]); sc >= bs {
					bg, bs = g, sc
				}
			}
			if bg >= 0 {
				groups[bg] = append(groups[bg], i)
			} else {
				groups = append(groups, []int{i})
			}
		}
	}
	return groups
}

// theme builds the row of one group of sections.
func (x *Index) theme(ks *kindSet, g []int) Theme {
	th := Theme{Sections: len(g)}
	byDoc := map[int][]ThemeEntry{}
	q := x.query(ks, x.centroid(ks, g))
	for _, i := range g {
		u := &ks.units[i]
		var s float64
		if len(g) > 1 {
			s = q.score(u)
		}
		byDoc[u.doc] = append(byDoc[u.doc], ThemeEntry{Addr: u.addr, Title: u.title, HasText: u.hasText, Score: round3(s)})
	}
	for _, d := range x.comp.Documents {
		c := Cell{Document: d.Number, Addresses: []string{}}
		for _, e := range byDoc[d.Number] {
			c.Entries = append(c.Entries, e)
			c.Addresses = append(c.Addresses, e.Addr.String())
		}
		th.Cells = append(th.Cells, c)
	}
	th.Terms = x.characteristic(ks, g)
	th.Label = strings.Join(th.Terms, " · ")
	if th.Label == "" {
		th.Label = ks.units[g[0]].title
	}
	return th
}

// characteristic names a group by the terms that weigh most in its
// sections compared with the compilation's other sections: for each term,
// its mean weight inside the group times the share of the group's
// sections that use it, less its mean weight outside. Terms that are only
// fragments of two words (态阵) are skipped.
func (x *Index) characteristic(ks *kindSet, g []int) []string {
	in := map[int]bool{}
	for _, i := range g {
		in[i] = true
	}
	inW, inN, outW := map[int32]float64{}, map[int32]int{}, map[int32]float64{}
	for i := range ks.units {
		u := &ks.units[i]
		for j, id := range u.t.ids {
			w := float64(u.t.w[j]) + float64(u.v.weight(id))
			if in[i] {
				inW[id] += w
				inN[id]++
			} else {
				outW[id] += w
			}
		}
	}
	type cand struct {
		id int32
		s  float64
	}
	var cs []cand
	nIn, nOut := float64(len(g)), math.Max(1, float64(len(ks.units)-len(g)))
	for id, w := range inW {
		if x.frag[id] || runeLen(x.voc.terms[id]) < 2 {
			continue
		}
		s := w/nIn*float64(inN[id])/nIn - outW[id]/nOut
		if s > 0 {
			cs = append(cs, cand{id, s})
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].s != cs[b].s {
			return cs[a].s > cs[b].s
		}
		return cs[a].id < cs[b].id
	})
	out := []string{}
	for _, c := range cs {
		if len(out) == labelTerms {
			break
		}
		t := x.voc.terms[c.id]
		dup := false
		for _, o := range out {
			// 网络 and 络舆 overlap in one character: keep the first.
			if strings.ContainsAny(o, t) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

// sortThemes orders the rows: themes that several documents share first,
// by where they come in the plans on average (the relative position of
// their sections), then themes of one document in reading order.
func sortThemes(ks *kindSet, ths []Theme, groups [][]int) {
	type key struct {
		multi bool
		pos   float64
		first int
	}
	keys := make([]key, len(ths))
	for t, g := range groups {
		var pos float64
		for _, i := range g {
			u := &ks.units[i]
			pos += float64(u.addr.Section) / float64(len(ks.byDoc[u.doc-1])+1)
		}
		keys[t] = key{len(g) > 1, pos / float64(len(g)), g[0]}
	}
	idx := make([]int, len(ths))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		if ka.multi != kb.multi {
			return ka.multi
		}
		if ka.multi && ka.pos != kb.pos {
			return ka.pos < kb.pos
		}
		return ka.first < kb.first
	})
	sorted := make([]Theme, len(ths))
	for i, j := range idx {
		sorted[i] = ths[j]
	}
	copy(ths, sorted)
}

// Theme returns row i of the matrix, or an error naming the valid range.
func (m *Matrix) Theme(i int) (Theme, error) {
	if i < 0 || i >= len(m.Themes) {
		return Theme{}, fmt.Errorf("没有第 %d 个专题（共 %d 个）", i+1, len(m.Themes))
	}
	return m.Themes[i], nil
}

// CompareTheme is the comparison of one theme across all documents (a row
// of the matrix opened as 对照阅读): one column per document, in document
// order, its sections of the theme first (InTheme), then the document's
// other sections closest to the theme's centroid, up to opt.Candidates in
// all. A document with nothing on the theme has only such alternatives,
// its best marked Weak.
func (x *Index) CompareTheme(th Theme, opt Options) Result {
	opt = opt.withDefaults()
	ks := &x.secs
	res := Result{Address: th.Label, Kind: KindTheme}
	var mem []int
	in := map[int]bool{}
	for _, c := range th.Cells {
		for _, e := range c.Entries {
			if i, ok := ks.pos[e.Addr]; ok {
				mem = append(mem, i)
				in[i] = true
			}
		}
	}
	if len(mem) == 0 {
		res.Matches = []Match{}
		return res
	}
	cu := x.centroid(ks, mem)
	q := x.query(ks, cu)
	for _, d := range x.comp.Documents {
		if !opt.wants(d.Number) {
			continue
		}
		col := Column{Document: d.Number, DocShort: d.Short, DocTitle: d.Title, HasText: d.HasText}
		var own, rest []int
		for _, i := range ks.byDoc[d.Number-1] {
			if in[i] {
				own = append(own, i)
			} else {
				rest = append(rest, i)
			}
		}
		sort.SliceStable(rest, func(a, b int) bool { return q.score(&ks.units[rest[a]]) > q.score(&ks.units[rest[b]]) })
		for _, i := range append(own, rest...) {
			if len(col.Candidates) >= max(opt.Candidates, len(own)) {
				break
			}
			u := &ks.units[i]
			s := q.score(u)
			col.Candidates = append(col.Candidates, Match{
				Document: u.doc, Address: u.addr.String(), Addr: u.addr, Title: u.title, Score: round3(s),
				Terms: x.themeTerms(th, cu, u, opt.Terms), HasText: u.hasText, Rank: len(col.Candidates) + 1,
				InTheme: in[i], Weak: len(col.Candidates) == 0 && !in[i],
			})
		}
		res.Documents = append(res.Documents, col)
	}
	res.Matches = res.Flat(false)
	return res
}

// centroid is the mean of the sections' vectors, as a unit.
func (x *Index) centroid(ks *kindSet, mem []int) *unit {
	v, t := map[int32]float64{}, map[int32]float64{}
	for _, i := range mem {
		u := &ks.units[i]
		for j, id := range u.v.ids {
			v[id] += float64(u.v.w[j])
		}
		for j, id := range u.t.ids {
			t[id] += float64(u.t.w[j])
		}
	}
	normalize(v)
	normalize(t)
	return &unit{v: fromMap(v), t: fromMap(t)}
}

// themeTerms names what a section shares with its theme: the theme's own
// terms that the section uses, then the bigrams that add most to its score
// against the centroid, at most max.
func (x *Index) themeTerms(th Theme, cu, u *unit, max int) []string {
	out := []string{}
	has := func(t string) bool {
		for _, o := range out {
			if strings.Contains(o, t) || strings.Contains(t, o) {
				return true
			}
		}
		return false
	}
	for _, t := range th.Terms {
		if len(out) < max && strings.Contains(u.han, t) && !has(t) {
			out = append(out, t)
		}
	}
	type contrib struct {
		id int32
		w  float64
	}
	var cs []contrib
	for j, id := range u.v.ids {
		if w := float64(u.v.w[j]) * float64(cu.v.weight(id)); w > 0 && !x.frag[id] && runeLen(x.voc.terms[id]) == 2 {
			cs = append(cs, contrib{id, w})
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].w != cs[b].w {
			return cs[a].w > cs[b].w
		}
		return cs[a].id < cs[b].id
	})
	for _, c := range cs {
		if len(out) >= max {
			break
		}
		if t := x.voc.terms[c.id]; !has(t) {
			out = append(out, t)
		}
	}
	return out
}
