package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// folded is a text prepared for matching: full-width ASCII forms become
// half-width, letters become lower case and white space is dropped. Every
// rune of the folded text comes from exactly one rune of the original, so a
// match found in the folded text maps back to rune positions in the
// original text, which is what highlighting needs.
type folded struct {
	text string
	// orig[i] is the index, in runes of the original text, of folded rune i.
	// It is nil when no rune was dropped: folded rune i is then original rune i.
	orig []int32
}

// foldRune maps one rune to its folded form; ok is false for runes that are
// dropped (white space, and NUL, which the index uses as a field separator).
func foldRune(r rune) (rune, bool) {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII forms: ０ Ａ ， （ ：
		r -= 0xFEE0
	case r == 0x3000 || r == 0 || unicode.IsSpace(r):
		return 0, false
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, true
	}
	return unicode.ToLower(r), true
}

// fold prepares s for matching.
func fold(s string) folded {
	var b strings.Builder
	b.Grow(len(s))
	var orig []int32
	i := 0
	for _, r := range s {
		f, ok := foldRune(r)
		if !ok {
			if orig == nil {
				// First dropped rune: every earlier rune kept its index.
				orig = make([]int32, 0, len(s)/3+1)
				for k := 0; k < i; k++ {
					orig = append(orig, int32(k))
				}
			}
			i++
			continue
		}
		if orig != nil {
			orig = append(orig, int32(i))
		}
		b.WriteRune(f)
		i++
	}
	return folded{text: b.String(), orig: orig}
}

// foldString is fold without the offset map, for queries.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldRune(r); ok {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// origRune maps a folded rune index to a rune index in the original text.
func (f folded) origRune(i int) int {
	if f.orig == nil {
		return i
	}
	return int(f.orig[i])
}

// Range is a half-open range [Start, End) of rune positions in a text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// byteRangesToRunes converts sorted, non-overlapping byte ranges of the
// folded text into rune ranges of the original text.
func (f folded) byteRangesToRunes(br [][2]int) []Range {
	out := make([]Range, 0, len(br))
	pos, idx := 0, 0 // byte offset and rune index of the folded text
	advance := func(to int) {
		idx += utf8.RuneCountInString(f.text[pos:to])
		pos = to
	}
	for _, r := range br {
		advance(r[0])
		start := idx
		advance(r[1])
		end := idx
		if end <= start {
			continue
		}
		out = append(out, Range{Start: f.origRune(start), End: f.origRune(end-1) + 1})
	}
	return out
}

// mergeRanges sorts ranges and joins those that overlap or touch.
func mergeRanges(rs []Range) []Range {
	if len(rs) < 2 {
		return rs
	}
	sortRanges(rs)
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r.Start <= last.End {
			if r.End > last.End {
				last.End = r.End
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func sortRanges(rs []Range) {
	slices.SortFunc(rs, func(a, b Range) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
}
