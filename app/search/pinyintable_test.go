package search

import (
	"encoding/binary"
	"flag"
	"os"
	"slices"
	"testing"

	"github.com/mozillazg/go-pinyin"
)

var updatePinyin = flag.Bool("update-pinyin", false, "rewrite pinyin.bin from go-pinyin")

// encodePinyinTable packs go-pinyin's readings in pinyintable.go's layout.
func encodePinyinTable() []byte {
	a := pinyin.NewArgs()
	a.Heteronym = true
	a.Style = pinyin.Normal
	runes := make([]rune, 0, len(pinyin.PinyinDict))
	for cp := range pinyin.PinyinDict {
		runes = append(runes, rune(cp))
	}
	slices.Sort(runes)
	readings := make([][]string, len(runes))
	sylID := map[string]int{}
	var syllables []string
	for i, r := range runes {
		readings[i] = pinyin.SinglePinyin(r, a)
		for _, s := range readings[i] {
			if _, ok := sylID[s]; !ok {
				sylID[s] = len(syllables)
				syllables = append(syllables, s)
			}
		}
	}
	// Frequent syllables first: their indexes fit one varint byte.
	count := map[string]int{}
	for _, rs := range readings {
		for _, s := range rs {
			count[s]++
		}
	}
	slices.SortStableFunc(syllables, func(x, y string) int { return count[y] - count[x] })
	for i, s := range syllables {
		sylID[s] = i
	}
	b := binary.AppendUvarint(nil, uint64(len(syllables)))
	for _, s := range syllables {
		b = append(b, byte(len(s)))
		b = append(b, s...)
	}
	prev := rune(0)
	for i, r := range runes {
		b = binary.AppendUvarint(b, uint64(r-prev))
		prev = r
		b = append(b, byte(len(readings[i])))
		for _, s := range readings[i] {
			b = binary.AppendUvarint(b, uint64(sylID[s]))
		}
	}
	return b
}

// TestPinyinTable: the packed table built into the binary gives, for every
// character go-pinyin knows and for characters it does not, exactly what
// go-pinyin gives.
func TestPinyinTable(t *testing.T) {
	want := encodePinyinTable()
	if *updatePinyin {
		if err := os.WriteFile("pinyin.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if pinyinBin != string(want) && !*updatePinyin {
		t.Fatalf("pinyin.bin (%d bytes) is not what go-pinyin gives (%d bytes): go test ./app/search -run TestPinyinTable -update-pinyin", len(pinyinBin), len(want))
	}
	tab := decodePinyinTable(string(want))
	a := pinyin.NewArgs()
	a.Heteronym = true
	a.Style = pinyin.Normal
	check := func(r rune) {
		got, exp := tab.readings(r), pinyin.SinglePinyin(r, a)
		if len(exp) == 0 {
			exp = nil
		}
		if !slices.Equal(got, exp) {
			t.Errorf("%c (%U): %q, go-pinyin %q", r, r, got, exp)
		}
		// readingTable.id takes first letters from the readings: the
		// same letters as go-pinyin's FirstLetter style.
		var fromReadings, fromStyle uint32
		for _, s := range got {
			fromReadings |= letterBit(rune(s[0]))
		}
		fl := pinyin.NewArgs()
		fl.Heteronym = true
		fl.Style = pinyin.FirstLetter
		for _, s := range pinyin.SinglePinyin(r, fl) {
			if s != "" {
				fromStyle |= letterBit(rune(s[0]))
			}
		}
		if fromReadings != fromStyle {
			t.Errorf("%c (%U): first letters %b from the readings, %b from go-pinyin", r, r, fromReadings, fromStyle)
		}
	}
	for cp := range pinyin.PinyinDict {
		check(rune(cp))
	}
	for _, r := range []rune{'a', '，', '〇', '行', '女', '嗯', 0x2FFFF, 0x10FFFF, 0x3006} {
		check(r)
	}
	if n := len(tab.runes); n != len(pinyin.PinyinDict) {
		t.Errorf("%d characters, go-pinyin %d", n, len(pinyin.PinyinDict))
	}
}
