// Package search finds text in a compilation as the reader types: exact
// substrings in titles and full text, pinyin (full syllables and first
// letters) and fuzzy matches on titles, and notes and bookmarks fed in from
// outside. It has no UI: the window and the command line share it.
//
// An Index is built once per compilation. Searching never changes it, so
// one Index serves any number of goroutines; notes and bookmarks are swapped
// in atomically (SetExtras).
package search

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"huibian/app/model"
)

// Part names which text of a node a field holds.
type Part string

const (
	PartTitle    Part = "title"    // short title (document: full title)
	PartHeading  Part = "heading"  // heading as written in the full text, without its marker ("一、", "1.")
	PartPreamble Part = "preamble" // document preamble paragraph
	PartIntro    Part = "intro"    // section intro paragraph
	PartBody     Part = "body"     // item body paragraph
	PartFragment Part = "fragment" // what is left of an item whose text was cut off
	PartNote     Part = "note"     // a note's text
	PartBookmark Part = "bookmark" // a bookmark's name
)

// FieldRef points at one text of a node: Part, and for paragraphs the
// 0-based paragraph Index.
type FieldRef struct {
	Part  Part `json:"part"`
	Index int  `json:"index"`
}

// isTitle reports whether a part is matched as a title.
func (p Part) isTitle() bool { return p == PartTitle || p == PartHeading }

// parasPart is the Part of a node's paragraphs (model.Text.Paras).
func parasPart(k model.Kind) Part {
	switch k {
	case model.KindDocument:
		return PartPreamble
	case model.KindSection:
		return PartIntro
	}
	return PartBody
}

// Text returns the original text of a field of node n ("" if none).
func (f FieldRef) Text(n model.Node) string {
	if n.Kind() == model.KindCompilation {
		return ""
	}
	t := n.Text()
	switch f.Part {
	case PartTitle:
		return t.Title
	case PartHeading:
		return t.Heading
	case PartFragment:
		return t.Fragment
	case parasPart(n.Kind()):
		if f.Index >= 0 && f.Index < len(t.Paras) {
			return t.Paras[f.Index]
		}
	}
	return ""
}

// node is one document, section or item, in reading order.
type node struct {
	n          model.Node
	id         string
	title      string
	fieldLo    int32 // first field
	titleHi    int32 // fields [fieldLo, titleHi) are titles, [titleHi, fieldHi) text
	fieldHi    int32
	bufLo      int32 // the node's fields occupy buf[bufLo:bufHi]
	bufTitleHi int32 // end of its title fields in buf
	bufHi      int32
}

// field is one text of a node, folded into the shared buffer.
type field struct {
	node int32
	ref  FieldRef
	orig string
	off  int32 // folded text is buf[off:off+len]
	len  int32
	omap []int32 // folded rune → original rune; nil when the same (see folded.orig)
	// codes[coff:coff+clen] are the field's folded runes as codes, for
	// pinyin on full text.
	coff, clen int32
}

// title is a title field prepared for pinyin and fuzzy matching.
type title struct {
	field int32
	node  int32
	lo    int32 // runes[lo:hi], ids[lo:hi], masks[lo:hi]
	hi    int32
	mask  uint32 // union of masks[lo:hi]
}

// docRange is where one document's nodes, buffer and titles are.
type docRange struct {
	nodeLo, nodeHi   int32
	bufLo, bufHi     int32
	titleLo, titleHi int32
}

// Index is the search index of one compilation.
type Index struct {
	comp   *model.Compilation
	nodes  []node
	fields []field
	// buf holds every field's folded text in reading order, each followed by
	// a NUL so that no match runs from one field into the next.
	buf    string
	docs   []docRange // docs[d-1] is document d
	byAddr map[string]int32
	// nodePosts lists, for every folded rune, the nodes whose texts hold
	// it, in reading order: exact matching checks only the nodes of the
	// term's rarest rune instead of scanning the whole buffer.
	nodePosts map[rune][]int32
	// The pairs of adjacent runes within a field, with the nodes holding
	// each: a two-rune term's nodes are exactly its pair's list. pairKeys
	// is sorted, so the pairs starting with one rune are a range of it
	// (pinyin on full text walks them); the nodes of pair k are
	// pairNodes[pairOff[k]:pairOff[k+1]].
	pairKeys  []uint64
	pairOff   []int32
	pairNodes []int32
	byteFreq  [256]int32 // how often each byte occurs in buf

	titles   []title
	runes    []rune   // folded title runes, all titles back to back
	ids      []int32  // reading set of each title rune (-1: none)
	masks    []uint32 // first letters each title rune can be typed as
	postings map[rune][]int32
	readings *readingTable

	// extras are the notes and bookmarks, replaced whole by SetExtras;
	// searches load the slice once and never see a half-made list.
	extras atomic.Pointer[[]extra]

	// codes is every field's folded text again, one uint16 per rune: the
	// rune's index in codeRune. Pinyin on full text scans it instead of
	// decoding UTF-8, looking the characters' readings up by code. Code 0
	// is no character (runes past the 65,535th distinct one, never in
	// practice).
	codes    []uint16
	runeCode []uint16 // BMP rune → code (0: not in the text)
	codeRune []rune
	codeID   []int32  // reading set of each code, -1 none
	codeMask []uint32 // first letters each code can be typed as
}

// New builds the index of a compilation. It reads c but never changes it;
// c must not change while the index is in use.
func New(c *model.Compilation) *Index {
	x := &Index{comp: c, byAddr: map[string]int32{}, postings: map[rune][]int32{}, readings: newReadingTable()}
	var buf strings.Builder
	var seen []rune
	addField := func(ni int32, ref FieldRef, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		f := fold(text)
		x.fields = append(x.fields, field{node: ni, ref: ref, orig: text, off: int32(buf.Len()), len: int32(len(f.text)), omap: f.orig})
		buf.WriteString(f.text)
		buf.WriteByte(0)
		if !ref.Part.isTitle() {
			return
		}
		t := title{field: int32(len(x.fields) - 1), node: ni, lo: int32(len(x.runes))}
		seen = seen[:0]
		for _, r := range f.text {
			id := x.readings.id(r)
			m := letterBit(r)
			if id >= 0 {
				m |= x.readings.sets[id].letters
			}
			x.runes = append(x.runes, r)
			x.ids = append(x.ids, id)
			x.masks = append(x.masks, m)
			t.mask |= m
			if !containsRune(seen, r) {
				seen = append(seen, r)
				x.postings[r] = append(x.postings[r], int32(len(x.titles)))
			}
		}
		t.hi = int32(len(x.runes))
		x.titles = append(x.titles, t)
	}
	c.Walk(func(n model.Node) {
		ni := int32(len(x.nodes))
		d := n.Addr.Doc
		for len(x.docs) < d {
			x.docs = append(x.docs, docRange{nodeLo: ni, bufLo: int32(buf.Len()), titleLo: int32(len(x.titles))})
		}
		t := n.Text()
		nd := node{n: n, id: n.ID(c.ID), title: t.Title, fieldLo: int32(len(x.fields)), bufLo: int32(buf.Len())}
		addField(ni, FieldRef{Part: PartTitle}, t.Title)
		if t.Heading != "" && t.Heading != t.Title {
			addField(ni, FieldRef{Part: PartHeading}, t.Heading)
		}
		nd.titleHi, nd.bufTitleHi = int32(len(x.fields)), int32(buf.Len())
		part := parasPart(n.Kind())
		for i, p := range t.Paras {
			addField(ni, FieldRef{Part: part, Index: i}, p)
		}
		addField(ni, FieldRef{Part: PartFragment}, t.Fragment) // items only; empty texts are skipped
		nd.fieldHi, nd.bufHi = int32(len(x.fields)), int32(buf.Len())
		x.nodes = append(x.nodes, nd)
		x.byAddr[n.Addr.String()] = ni
		dr := &x.docs[d-1]
		dr.nodeHi, dr.bufHi, dr.titleHi = ni+1, int32(buf.Len()), int32(len(x.titles))
	})
	x.buf = buf.String()
	for i := 0; i < len(x.buf); i++ {
		x.byteFreq[x.buf[i]]++
	}
	x.indexNodeRunes()
	x.indexCodes()
	x.readings.finish()
	empty := []extra{}
	x.extras.Store(&empty)
	return x
}

// indexNodeRunes fills nodePosts and the pair lists.
func (x *Index) indexNodeRunes() {
	x.nodePosts = map[rune][]int32{}
	pairPosts := map[uint64][]int32{}
	last := make([]int32, 0x10000) // BMP rune → last node that listed it, +1
	lastAstral := map[rune]int32{}
	lastPair := map[uint64]int32{}
	for ni := range x.nodes {
		nd := &x.nodes[ni]
		tag := int32(ni + 1)
		prev := rune(0)
		for _, r := range x.buf[nd.bufLo:nd.bufHi] {
			if r == 0 {
				prev = 0
				continue
			}
			if prev != 0 {
				k := pairKey(prev, r)
				if lastPair[k] != tag {
					lastPair[k] = tag
					pairPosts[k] = append(pairPosts[k], int32(ni))
				}
			}
			prev = r
			if r < 0x10000 {
				if last[r] == tag {
					continue
				}
				last[r] = tag
			} else {
				if lastAstral[r] == tag {
					continue
				}
				lastAstral[r] = tag
			}
			x.nodePosts[r] = append(x.nodePosts[r], int32(ni))
		}
	}
	// Flatten the pair lists: one sorted key slice and one node slice use
	// far less memory than a map of slices, and keep the pairs of a rune
	// together.
	x.pairKeys = make([]uint64, 0, len(pairPosts))
	total := 0
	for k, l := range pairPosts {
		x.pairKeys = append(x.pairKeys, k)
		total += len(l)
	}
	slices.Sort(x.pairKeys)
	x.pairOff = make([]int32, 0, len(x.pairKeys)+1)
	x.pairNodes = make([]int32, 0, total)
	for _, k := range x.pairKeys {
		x.pairOff = append(x.pairOff, int32(len(x.pairNodes)))
		x.pairNodes = append(x.pairNodes, pairPosts[k]...)
	}
	x.pairOff = append(x.pairOff, int32(len(x.pairNodes)))
}

// indexCodes fills codes and the code tables, and puts every character of
// the text into the reading table.
func (x *Index) indexCodes() {
	dense := make([]uint16, 0x10000)
	x.runeCode = dense
	astral := map[rune]uint16{}
	x.codeRune, x.codeID, x.codeMask = []rune{-1}, []int32{-1}, []uint32{0}
	x.codes = make([]uint16, 0, runeLen(x.buf))
	code := func(r rune) uint16 {
		if r < 0x10000 && dense[r] != 0 {
			return dense[r]
		}
		if c, ok := astral[r]; ok {
			return c
		}
		if len(x.codeRune) > 0xFFFF {
			return 0
		}
		c := uint16(len(x.codeRune))
		id := x.readings.id(r)
		m := letterBit(r)
		if id >= 0 {
			m |= x.readings.sets[id].letters
		}
		x.codeRune, x.codeID, x.codeMask = append(x.codeRune, r), append(x.codeID, id), append(x.codeMask, m)
		if r < 0x10000 {
			dense[r] = c
		} else {
			astral[r] = c
		}
		return c
	}
	for i := range x.fields {
		f := &x.fields[i]
		f.coff = int32(len(x.codes))
		for _, r := range x.buf[f.off : f.off+f.len] {
			x.codes = append(x.codes, code(r))
		}
		f.clen = int32(len(x.codes)) - f.coff
	}
}

// codeOf returns the code of a character of the text, 0 if none (or
// outside the BMP).
func (x *Index) codeOf(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return x.runeCode[r]
	}
	return 0
}

// pairList returns the nodes holding a pair of adjacent runes.
func (x *Index) pairList(k uint64) []int32 {
	i, ok := slices.BinarySearch(x.pairKeys, k)
	if !ok {
		return nil
	}
	return x.pairNodes[x.pairOff[i]:x.pairOff[i+1]]
}

// pairsFrom returns the range of pairKeys whose first rune is a.
func (x *Index) pairsFrom(a rune) (int, int) {
	lo, _ := slices.BinarySearch(x.pairKeys, uint64(a)<<32)
	hi, _ := slices.BinarySearch(x.pairKeys, uint64(a+1)<<32)
	return lo, hi
}

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

func containsRune(rs []rune, r rune) bool {
	for _, s := range rs {
		if s == r {
			return true
		}
	}
	return false
}

// Compilation is the compilation the index was built from.
func (x *Index) Compilation() *model.Compilation { return x.comp }

// Size reports the number of nodes, fields and folded bytes indexed.
func (x *Index) Size() (nodes, fields, bytes int) {
	return len(x.nodes), len(x.fields), len(x.buf)
}

// titleRunes returns the folded runes of a title with their reading ids and masks.
func (x *Index) titleRunes(t *title) ([]rune, []int32, []uint32) {
	return x.runes[t.lo:t.hi], x.ids[t.lo:t.hi], x.masks[t.lo:t.hi]
}

// folded returns a field's folded text with its offset map.
func (x *Index) folded(f *field) folded {
	return folded{text: x.buf[f.off : f.off+f.len], orig: f.omap}
}

// runeLen is a short name for utf8.RuneCountInString.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
