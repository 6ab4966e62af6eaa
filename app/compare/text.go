package compare

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms are character bigrams of Han text: "阵地管理" gives 阵地, 地管 and 管理.
// Punctuation, digits and Latin letters break runs, so no bigram spans a
// comma. A run of a single character gives that character as a term, so
// one-character titles still have a vector. Bigrams need no dictionary, no
// segmenter and no start-up cost, and on this genre (four-character
// phrases, few inflections) they match what a reader sees as shared words.

// vocab maps terms to dense IDs, in order of first appearance, so the IDs
// (and everything built from them) depend only on the compilation.
type vocab struct {
	ids   map[string]int32
	terms []string
}

func newVocab() *vocab { return &vocab{ids: map[string]int32{}} }

func (v *vocab) id(t string) int32 {
	if id, ok := v.ids[t]; ok {
		return id
	}
	id := int32(len(v.terms))
	v.ids[t] = id
	v.terms = append(v.terms, t)
	return id
}

// isHan reports whether r belongs to a term: a Han character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// seq is the bigram IDs of a text at each Han position: seq[i] is the
// bigram starting at the i-th Han-run character, -1 at the last character
// of a run (no bigram starts there). Runs are separated by a -2. It lets
// shared terms be found without looking strings up again.
type seq []int32

const (
	seqEnd   = -1
	seqBreak = -2
)

// tokenize adds the bigrams of s to tf and appends its positions to sq.
// chars receives the Han characters in the same order as sq (so that
// chars[i:i+2] is the bigram at sq[i]).
func (v *vocab) tokenize(s string, tf map[int32]float64, sq *seq, chars *[]rune) {
	run := make([]rune, 0, 32)
	flush := func() {
		switch len(run) {
		case 0:
			return
		case 1:
			id := v.id(string(run))
			tf[id]++
			*sq = append(*sq, seqEnd, seqBreak)
			*chars = append(*chars, run[0], ' ')
		default:
			for i := 0; i+1 < len(run); i++ {
				id := v.id(string(run[i : i+2]))
				tf[id]++
				*sq = append(*sq, id)
			}
			*sq = append(*sq, seqEnd, seqBreak)
			*chars = append(*chars, run...)
			*chars = append(*chars, ' ')
		}
		run = run[:0]
	}
	for _, r := range s {
		if isHan(r) {
			run = append(run, r)
			continue
		}
		flush()
	}
	flush()
}

// vec is a sparse vector: term IDs in increasing order and their weights.
type vec struct {
	ids []int32
	w   []float32
}

// fromMap builds a vec from a map, sorted by term ID.
func fromMap(m map[int32]float64) vec {
	ids := make([]int32, 0, len(m))
	for id, w := range m {
		if w != 0 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	v := vec{ids: ids, w: make([]float32, len(ids))}
	for i, id := range ids {
		v.w[i] = float32(m[id])
	}
	return v
}

// normalize scales m to unit length (leaves an empty map alone).
func normalize(m map[int32]float64) {
	var s float64
	for _, w := range m {
		s += w * w
	}
	if s == 0 {
		return
	}
	n := 1 / math.Sqrt(s)
	for id := range m {
		m[id] *= n
	}
}

// dot is the dot product of a sparse vector with a dense one.
func (v vec) dotDense(d []float32) float64 {
	var s float32
	for i, id := range v.ids {
		s += v.w[i] * d[id]
	}
	return float64(s)
}

// dot is the dot product of two sparse vectors.
func (v vec) dot(u vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.ids) && j < len(u.ids) {
		switch {
		case v.ids[i] < u.ids[j]:
			i++
		case v.ids[i] > u.ids[j]:
			j++
		default:
			s += float64(v.w[i]) * float64(u.w[j])
			i++
			j++
		}
	}
	return s
}

// weight returns the weight of term id in v, 0 if absent.
func (v vec) weight(id int32) float32 {
	i := sort.Search(len(v.ids), func(i int) bool { return v.ids[i] >= id })
	if i < len(v.ids) && v.ids[i] == id {
		return v.w[i]
	}
	return 0
}

// hanText keeps only the Han runs of s, one per line, for substring tests.
func hanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prev := false
	for _, r := range s {
		h := isHan(r)
		if h {
			b.WriteRune(r)
		} else if prev {
			b.WriteByte('\n')
		}
		prev = h
	}
	return b.String()
}

// runeLen is the number of characters of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
