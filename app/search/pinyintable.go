package search

import (
	_ "embed"
	"sort"
	"sync"
)

// The pinyin readings of every character go-pinyin knows, without tones
// (its Normal style, every reading of a polyphone, in its order), packed
// into pinyin.bin by TestPinyinTable (go test ./app/search -run
// TestPinyinTable -update-pinyin regenerates it; the test checks it against
// go-pinyin otherwise). go-pinyin builds a map of 42 000 entries in its
// package initialiser, which every process of the binary paid, a command
// line run as much as the window; the packed table is read the first time
// a character's readings are asked for.
//
// Layout: uvarint syllable count, then each syllable as a length byte and
// its bytes; then per character in ascending order: uvarint distance from
// the previous character, a reading count byte and each reading's
// syllable index as a uvarint.
//
//go:embed pinyin.bin
var pinyinBin string

// pinyinTable is the decoded pinyin.bin.
type pinyinTable struct {
	syllables []string
	runes     []rune   // ascending
	start     []uint32 // readings of runes[i]: sylIdx[start[i]:start[i+1]]
	sylIdx    []uint16
}

var (
	pinyinOnce sync.Once
	pinyinTab  *pinyinTable
)

// readingsOf returns the toneless pinyin readings of r (what go-pinyin's
// SinglePinyin gives with Heteronym and the Normal style), nil if none.
func readingsOf(r rune) []string {
	pinyinOnce.Do(func() { pinyinTab = decodePinyinTable(pinyinBin) })
	return pinyinTab.readings(r)
}

func (t *pinyinTable) readings(r rune) []string {
	i := sort.Search(len(t.runes), func(i int) bool { return t.runes[i] >= r })
	if i == len(t.runes) || t.runes[i] != r {
		return nil
	}
	idx := t.sylIdx[t.start[i]:t.start[i+1]]
	out := make([]string, len(idx))
	for k, s := range idx {
		out[k] = t.syllables[s]
	}
	return out
}

// decodePinyinTable reads the layout above. The data is built into the
// binary and checked by a test, so a malformed table is a programming
// error and panics.
func decodePinyinTable(b string) *pinyinTable {
	p := 0
	uvarint := func() uint64 {
		var v uint64
		for shift := 0; p < len(b) && shift < 64; shift += 7 {
			c := b[p]
			p++
			v |= uint64(c&0x7f) << shift
			if c < 0x80 {
				return v
			}
		}
		panic("search: pinyin.bin is malformed")
	}
	t := &pinyinTable{}
	nsyl := int(uvarint())
	t.syllables = make([]string, nsyl)
	for i := range t.syllables {
		n := int(b[p])
		t.syllables[i] = b[p+1 : p+1+n]
		p += 1 + n
	}
	t.runes = make([]rune, 0, 42000)
	t.start = make([]uint32, 0, 42001)
	t.sylIdx = make([]uint16, 0, 51000)
	r := rune(0)
	for p < len(b) {
		r += rune(uvarint())
		n := int(b[p])
		p++
		t.runes = append(t.runes, r)
		t.start = append(t.start, uint32(len(t.sylIdx)))
		for range n {
			s := uvarint()
			if s >= uint64(nsyl) {
				panic("search: pinyin.bin is malformed")
			}
			t.sylIdx = append(t.sylIdx, uint16(s))
		}
	}
	t.start = append(t.start, uint32(len(t.sylIdx)))
	return t
}
