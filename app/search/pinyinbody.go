package search

import (
	"strings"
	"unicode/utf8"
)

// Pinyin on full text. Titles are few and are matched one by one; the
// full text is 100 times larger, so a term typed in pinyin first narrows
// the nodes through the index of adjacent rune pairs, then checks only
// those.
//
// A term is read as a chain of tokens, one per character: a character as
// typed, a first letter, a full syllable, or the unfinished start of the
// last syllable ("wangluoyuq"). A term may be read in several ways
// ("xian" is 先 or 西安), so the tokens form a graph from the start of the
// term to its end. Two adjacent tokens (a, b) can only match where the
// text holds a pair of adjacent characters typed as a and b: the nodes
// with such a pair are the union of the pair lists of those characters.
// The candidate nodes are those where some chain of tokens has all its
// pairs (a superset of the nodes that match, found by a walk over the
// graph with node bitsets); the matcher then checks them.

type tokKind uint8

const (
	tokLit    tokKind = iota // a character as typed
	tokLetter                // a first letter (or the letter itself)
	tokSyl                   // a full syllable
	tokPrefix                // the unfinished start of the last syllable
)

// token is one character of a reading of the term.
type token struct {
	lo, hi int // bytes of the term it reads
	kind   tokKind
	r      rune   // tokLit: the character; tokLetter: the letter
	s      string // tokSyl, tokPrefix: the syllable or its start
}

func (t token) key() string {
	switch t.kind {
	case tokLit, tokLetter:
		return string(rune('0'+t.kind)) + string(t.r)
	}
	return string(rune('0'+t.kind)) + t.s
}

// bodyPinyinMinLetters is the fewest letters (or characters matched) a
// term needs for pinyin on full text: two first letters match nearly every
// paragraph.
const bodyPinyinMinLetters = 3

// bodyPinyinPairDepth is how many pairs from the start of a reading
// always narrow the candidates; later pairs do only when neither token is
// a bare first letter (whose characters are many).
const bodyPinyinPairDepth = 3

// termGraph is the readings of one term.
type termGraph struct {
	term    string
	toks    []token // by lo, only tokens on a path from start to end
	minToks int     // fewest tokens in a reading (characters matched)
}

// readTerm builds the graph of readings of a term.
func (x *Index) readTerm(term string) termGraph {
	t := x.readings
	n := len(term)
	var all []token
	reach := make([]bool, n+1)
	reach[0] = true
	for p := 0; p < n; p++ {
		if !reach[p] {
			continue
		}
		c, size := utf8.DecodeRuneInString(term[p:])
		if letterBit(c) == 0 {
			all = append(all, token{lo: p, hi: p + size, kind: tokLit, r: c})
			reach[p+size] = true
			continue
		}
		all = append(all, token{lo: p, hi: p + 1, kind: tokLetter, r: c})
		reach[p+1] = true
		rest := term[p:]
		prefix := false
		for _, s := range t.syllables {
			if len(s) < 2 {
				continue
			}
			if strings.HasPrefix(rest, s) {
				all = append(all, token{lo: p, hi: p + len(s), kind: tokSyl, s: s})
				reach[p+len(s)] = true
			} else if len(rest) >= 2 && len(rest) < len(s) && strings.HasPrefix(s, rest) {
				prefix = true
			}
		}
		if prefix {
			all = append(all, token{lo: p, hi: n, kind: tokPrefix, s: rest})
		}
	}
	// Keep the tokens from which the end can be reached.
	end := make([]bool, n+1)
	end[n] = true
	for i := len(all) - 1; i >= 0; i-- { // tokens are ordered by lo
		if end[all[i].hi] {
			end[all[i].lo] = true
		}
	}
	g := termGraph{term: term}
	for _, tk := range all {
		if end[tk.hi] {
			g.toks = append(g.toks, tk)
		}
	}
	// Fewest tokens from the start to each position.
	dist := make([]int, n+1)
	for i := range dist {
		dist[i] = -1
	}
	dist[0] = 0
	for _, tk := range g.toks {
		if dist[tk.lo] < 0 {
			continue
		}
		if d := dist[tk.lo] + 1; dist[tk.hi] < 0 || d < dist[tk.hi] {
			dist[tk.hi] = d
		}
	}
	g.minToks = dist[n]
	return g
}

// bodyPinyinTerm reports whether a term is matched in full text by pinyin:
// it needs two characters at least, and three letters or characters.
func bodyPinyinTerm(g termGraph) bool {
	letters := 0
	for i := 0; i < len(g.term); i++ {
		if letterBit(rune(g.term[i])) != 0 {
			letters++
		}
	}
	return g.minToks >= 2 && (letters == 0 || letters >= bodyPinyinMinLetters || g.minToks >= bodyPinyinMinLetters)
}

// has reports whether character r (with reading set id) can be typed as tk.
func (x *Index) has(tk *token, r rune, id int32) bool {
	switch tk.kind {
	case tokLit:
		return r == tk.r
	case tokLetter:
		return r == tk.r || id >= 0 && x.readings.sets[id].letters&letterBit(tk.r) != 0
	}
	if id < 0 {
		return false
	}
	for _, s := range x.readings.sets[id].full {
		if tk.kind == tokSyl && s == tk.s || tk.kind == tokPrefix && len(s) > len(tk.s) && strings.HasPrefix(s, tk.s) {
			return true
		}
	}
	return false
}

// chars lists the characters of the text that can be typed as tk.
func (x *Index) chars(tk *token) []rune {
	t := x.readings
	switch tk.kind {
	case tokLit:
		return []rune{tk.r}
	case tokLetter:
		return append([]rune{tk.r}, t.byLetter[tk.r-'a']...)
	case tokSyl:
		return t.bySyl[tk.s]
	}
	var out []rune
	for _, s := range t.syllables {
		if len(s) > len(tk.s) && strings.HasPrefix(s, tk.s) {
			out = append(out, t.bySyl[s]...)
		}
	}
	return out
}

// bits is a set of nodes; nil stands for every node.
type bits []uint64

func (b bits) has(i int32) bool { return b == nil || b[i>>6]&(1<<(i&63)) != 0 }

// pairNodes returns the nodes holding a character typed as a followed by
// one typed as b.
func (x *Index) pairBits(a, b *token) bits {
	out := make(bits, (len(x.nodes)+63)/64)
	for _, r := range x.chars(a) {
		lo, hi := x.pairsFrom(r)
		for k := lo; k < hi; k++ {
			s := rune(uint32(x.pairKeys[k]))
			if !x.has(b, s, x.readings.lookup(s)) {
				continue
			}
			for _, ni := range x.pairNodes[x.pairOff[k]:x.pairOff[k+1]] {
				out[ni>>6] |= 1 << (ni & 63)
			}
		}
	}
	return out
}

// candidates returns a superset of the nodes where the term may match
// (nil: every node).
func (x *Index) bodyCandidates(g termGraph) bits {
	n := len(g.term)
	dist := make([]int, n+1) // fewest tokens before a position
	for i := range dist {
		dist[i] = -1
	}
	dist[0] = 0
	sets := make([]bits, len(g.toks))
	done := make([]bool, len(g.toks))
	memo := map[string]bits{}
	var final bits
	finalSet := false
	for i := range g.toks {
		b := &g.toks[i]
		if b.lo == 0 {
			sets[i], done[i] = nil, true
		} else {
			first := true
			for j := range g.toks[:i] {
				a := &g.toks[j]
				if a.hi != b.lo || !done[j] {
					continue
				}
				s := sets[j]
				if dist[a.lo] < bodyPinyinPairDepth || a.kind != tokLetter && b.kind != tokLetter {
					k := a.key() + "|" + b.key()
					p, ok := memo[k]
					if !ok {
						p = x.pairBits(a, b)
						memo[k] = p
					}
					s = and(s, p)
				}
				if first {
					sets[i], first = s, false
				} else {
					sets[i] = or(sets[i], s)
				}
				done[i] = true
			}
		}
		if !done[i] {
			continue
		}
		if d := dist[b.lo] + 1; dist[b.hi] < 0 || d < dist[b.hi] {
			dist[b.hi] = d
		}
		if b.hi == n {
			if !finalSet {
				final, finalSet = sets[i], true
			} else {
				final = or(final, sets[i])
			}
		}
	}
	if !finalSet {
		return make(bits, (len(x.nodes)+63)/64)
	}
	return final
}

// and returns a ∩ b as a new set (nil is every node).
func and(a, b bits) bits {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := make(bits, len(a))
	for i := range a {
		out[i] = a[i] & b[i]
	}
	return out
}

// or returns a ∪ b as a new set (nil is every node).
func or(a, b bits) bits {
	if a == nil || b == nil {
		return nil
	}
	out := make(bits, len(a))
	for i := range a {
		out[i] = a[i] | b[i]
	}
	return out
}

// runeScratch holds one field decoded for the pinyin matcher.
type runeScratch struct {
	runes []rune
	ids   []int32
	masks []uint32
}

// decode fills sc with the runes of a field's folded text, their reading
// set ids and first-letter masks.
func (x *Index) decode(f *field, sc *runeScratch) {
	sc.runes, sc.ids, sc.masks = sc.runes[:0], sc.ids[:0], sc.masks[:0]
	t := x.readings
	for _, r := range x.buf[f.off : f.off+f.len] {
		id := t.lookup(r)
		m := letterBit(r)
		if id >= 0 {
			m |= t.sets[id].letters
		}
		sc.runes = append(sc.runes, r)
		sc.ids = append(sc.ids, id)
		sc.masks = append(sc.masks, m)
	}
}

// codeMatcher matches one term against fields' codes.
type codeMatcher struct {
	*pinyinMatcher
	x *Index
	// start and next are the codes that can be the first and the second
	// character of a match: the scan tries the matcher only where both
	// hold (every match has two characters at least: bodyPinyinTerm).
	start, next *[1 << 16]bool
	// primary limits the match to each character's first reading.
	primary bool
}

func (x *Index) codeMatchers(q Query, gs []termGraph) []codeMatcher {
	out := make([]codeMatcher, len(q.Terms))
	for i, m := range x.pinyinMatchers(q) {
		cm := codeMatcher{pinyinMatcher: m, x: x, start: new([1 << 16]bool), next: new([1 << 16]bool)}
		fbit := letterBit(m.first)
		for c, r := range x.codeRune {
			cm.start[c] = r == m.first || x.codeMask[c]&fbit != 0
		}
		// The tokens that can follow a first token.
		g := gs[i]
		second := map[int]bool{}
		for _, t := range g.toks {
			if t.lo == 0 {
				second[t.hi] = true
			}
		}
		for k := range g.toks {
			t := &g.toks[k]
			if !second[t.lo] {
				continue
			}
			for _, r := range x.chars(t) {
				if c := x.codeOf(r); c != 0 {
					cm.next[c] = true
				}
			}
		}
		out[i] = cm
	}
	return out
}

// in reports whether the term matches somewhere in a field.
func (m *codeMatcher) in(f *field) bool {
	codes := m.x.codes[f.coff : f.coff+f.clen]
	w := len(m.term) + 1
	ready := false
	for j := 0; j+1 < len(codes); j++ {
		if !m.start[codes[j]] || !m.next[codes[j+1]] {
			continue
		}
		if !ready {
			m.failed = clearedBools(m.failed, w*(len(codes)+1))
			ready = true
		}
		if _, ok := m.from(0, j, codes, w); ok {
			return true
		}
	}
	return false
}

// from is pinyinMatcher.from over codes.
func (m *codeMatcher) from(p, j int, codes []uint16, w int) (int, bool) {
	if p == len(m.term) {
		return j, true
	}
	if j == len(codes) || m.failed[j*w+p] {
		return 0, false
	}
	x := m.x
	c, size := utf8.DecodeRuneInString(m.term[p:])
	code := codes[j]
	if x.codeRune[code] == c {
		if end, ok := m.from(p+size, j+1, codes, w); ok {
			return end, true
		}
	}
	if id := x.codeID[code]; letterBit(c) != 0 && id >= 0 {
		rest := m.term[p:]
		set := &x.readings.sets[id]
		syls := set.full
		if m.primary {
			syls = syls[:set.primary]
		}
		for _, syl := range syls {
			switch {
			case strings.HasPrefix(rest, syl):
				if end, ok := m.from(p+len(syl), j+1, codes, w); ok {
					return end, true
				}
				fallthrough
			case syl[0] == rest[0]:
				if end, ok := m.from(p+1, j+1, codes, w); ok {
					return end, true
				}
			}
			if len(rest) < len(syl) && strings.HasPrefix(syl, rest) {
				return j + 1, true
			}
		}
	}
	m.failed[j*w+p] = true
	return 0, false
}

// pinyinBody finds nodes whose text (not titles) matches every term typed
// in pinyin, in reading order, skipping nodes already found.
func (x *Index) pinyinBody(q Query, sc scope, tiers *[tierCount]tier, mark func(int32), seen func(int32) bool) {
	var cands bits
	gs := make([]termGraph, len(q.Terms))
	for i, t := range q.Terms {
		gs[i] = x.readTerm(t)
		if !bodyPinyinTerm(gs[i]) {
			return
		}
		cands = and(cands, x.bodyCandidates(gs[i]))
	}
	ms := x.codeMatchers(q, gs)
	lo, hi := int32(0), int32(len(x.nodes))
	if sc.doc > 0 {
		d := x.docs[sc.doc-1]
		lo, hi = d.nodeLo, d.nodeHi
	}
	for ni := lo; ni < hi; ni++ {
		if cands != nil && cands[ni>>6] == 0 {
			ni |= 63 // skip the rest of an empty word
			continue
		}
		if !cands.has(ni) || seen(ni) {
			continue
		}
		nd := &x.nodes[ni]
		first, ok := x.matchAll(ms, nd)
		if !ok {
			continue
		}
		mark(ni)
		// Matches through a rare reading rank after the others.
		tier := tierPinyinBody
		for i := range ms {
			ms[i].primary = true
		}
		if f, ok := x.matchAll(ms, nd); ok {
			first = f
		} else {
			tier = tierPinyinRare
		}
		for i := range ms {
			ms[i].primary = false
		}
		tiers[tier].add(hit{node: ni, extra: -1, field: first, rs: -1})
	}
}

// matchAll reports whether every term matches in the node's texts, and
// the field of the first term's match.
func (x *Index) matchAll(ms []codeMatcher, nd *node) (int32, bool) {
	first := int32(-1)
	for i := range ms {
		found := false
		for fi := nd.titleHi; fi < nd.fieldHi; fi++ {
			if ms[i].in(&x.fields[fi]) {
				found = true
				if i == 0 {
					first = fi
				}
				break
			}
		}
		if !found {
			return -1, false
		}
	}
	return first, true
}

// allMatches returns every run of rs matching the term, as rune ranges.
func (m *pinyinMatcher) allMatches(sc *runeScratch) []Range {
	var out []Range
	for off := 0; off < len(sc.runes); {
		lo, hi, ok := m.match(sc.runes[off:], sc.ids[off:], sc.masks[off:])
		if !ok {
			break
		}
		out = append(out, Range{off + lo, off + hi})
		off += max(hi, lo+1)
	}
	return out
}

// pinyinBodyResult fills the snippet and matches of a pinyin hit in the
// full text: every match of every term in the node's texts.
func (x *Index) pinyinBodyResult(q Query, h hit, r *Result) {
	nd := &x.nodes[h.node]
	ms := x.pinyinMatchers(q)
	var sc runeScratch
	for fi := nd.titleHi; fi < nd.fieldHi; fi++ {
		f := &x.fields[fi]
		x.decode(f, &sc)
		var rs []Range
		for _, m := range ms {
			rs = append(rs, m.allMatches(&sc)...)
		}
		if len(rs) == 0 {
			continue
		}
		rs = x.titleRanges(f, rs)
		r.Matches = append(r.Matches, matches(f.ref, rs)...)
		if fi == h.field {
			r.Field = f.ref
			r.Snippet, r.Positions = snippet(f.orig, rs)
		}
	}
}
