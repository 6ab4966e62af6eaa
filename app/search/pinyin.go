package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// readingTable holds the pinyin readings of every Han character seen while
// indexing, each character once, with every reading of a polyphone.
type readingTable struct {
	ids  map[rune]int32
	sets []readingSet

	// Filled by finish, once every character is in; read-only after.
	dense     []int32           // BMP rune → reading set id, -1 none
	byLetter  [26][]rune        // characters typed with each first letter
	bySyl     map[string][]rune // characters with each full syllable
	syllables []string          // every syllable, sorted
}

// readingSet is what one character can be typed as.
type readingSet struct {
	full    []string // full syllables without tones: "xing", "hang"; ü as v and u
	letters uint32   // bit (c-'a') for every first letter
	// primary is how many of full come from the character's first (most
	// common) reading: go-pinyin's heteronym tables also list rare and
	// ancient readings (以 si, 青 jing), and matches through those rank
	// lower.
	primary int
}

func newReadingTable() *readingTable {
	return &readingTable{ids: make(map[rune]int32)}
}

// id returns the reading set of r, or -1 when r has no pinyin.
func (t *readingTable) id(r rune) int32 {
	if r < utf8.RuneSelf {
		return -1
	}
	if id, ok := t.ids[r]; ok {
		return id
	}
	full := readingsOf(r)
	if len(full) == 0 {
		t.ids[r] = -1
		return -1
	}
	var set readingSet
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			set.full = append(set.full, s)
		}
	}
	for i, s := range full {
		add(s)
		if strings.Contains(s, "v") {
			add(strings.ReplaceAll(s, "v", "u")) // 女 nv or nu
		}
		if i == 0 {
			set.primary = len(set.full)
		}
		// First letters: what go-pinyin's FirstLetter style gives (not
		// Initials, which is empty for syllables starting with y or w,
		// such as 意), the first letter of each reading.
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			set.letters |= 1 << (s[0] - 'a')
		}
	}
	id := int32(len(t.sets))
	t.sets = append(t.sets, set)
	t.ids[r] = id
	return id
}

// finish builds the lookups that pinyin on full text uses. The table must
// not change afterwards: searches read it from several goroutines.
func (t *readingTable) finish() {
	t.dense = make([]int32, 0x10000)
	for i := range t.dense {
		t.dense[i] = -1
	}
	t.bySyl = map[string][]rune{}
	for r, id := range t.ids {
		if r < 0x10000 {
			t.dense[r] = id
		}
		if id < 0 {
			continue
		}
		set := &t.sets[id]
		for l := 0; l < 26; l++ {
			if set.letters&(1<<l) != 0 {
				t.byLetter[l] = append(t.byLetter[l], r)
			}
		}
		for _, s := range set.full {
			t.bySyl[s] = append(t.bySyl[s], r)
		}
	}
	for l := range t.byLetter {
		slices.Sort(t.byLetter[l])
	}
	for s, rs := range t.bySyl {
		slices.Sort(rs)
		t.syllables = append(t.syllables, s)
	}
	slices.Sort(t.syllables)
}

// lookup is id for a finished table: it never adds a character.
func (t *readingTable) lookup(r rune) int32 {
	if r < utf8.RuneSelf {
		return -1
	}
	if r < 0x10000 && t.dense != nil {
		return t.dense[r]
	}
	if id, ok := t.ids[r]; ok {
		return id
	}
	return -1
}

// letterBit is the mask bit of an ASCII letter, or 0.
func letterBit(r rune) uint32 {
	if r >= 'a' && r <= 'z' {
		return 1 << (r - 'a')
	}
	return 0
}

// pinyinMatcher matches one folded query term against title runes. A term
// may mix characters, full syllables and first letters ("意识xt",
// "yishixingtai", "ysxt"); its last syllable may be unfinished. A match is a
// contiguous run of title runes.
type pinyinMatcher struct {
	table *readingTable
	term  string
	first rune
	// failed memoises (term byte, title rune) states known not to match.
	failed []bool
	// primary limits the match to each character's first reading.
	primary bool
}

func newPinyinMatcher(table *readingTable, term string) *pinyinMatcher {
	r, _ := utf8.DecodeRuneInString(term)
	return &pinyinMatcher{table: table, term: term, first: r}
}

// hasLetters reports whether s holds an ASCII letter, the sign that it may
// be typed in pinyin.
func hasLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// match finds the first run of runes (with their reading ids and
// first-letter masks) that the term matches; it returns the run's rune range.
func (m *pinyinMatcher) match(runes []rune, ids []int32, masks []uint32) (int, int, bool) {
	n := len(runes)
	w := len(m.term) + 1
	fbit := letterBit(m.first)
	ready := false
	for j := 0; j < n; j++ {
		if runes[j] != m.first && (fbit == 0 || masks[j]&fbit == 0) {
			continue
		}
		if !ready {
			m.failed = clearedBools(m.failed, w*(n+1))
			ready = true
		}
		if end, ok := m.from(0, j, runes, ids, w); ok {
			return j, end, true
		}
	}
	return 0, 0, false
}

// mayMatch is a quick test on a title's first-letter mask: a term starting
// with a letter needs a character typed with that letter.
func (m *pinyinMatcher) mayMatch(mask uint32) bool {
	b := letterBit(m.first)
	return b == 0 || mask&b != 0
}

// from tries to match term[p:] starting at title rune j and returns the end
// of the run.
func (m *pinyinMatcher) from(p, j int, runes []rune, ids []int32, w int) (int, bool) {
	if p == len(m.term) {
		return j, true
	}
	if j == len(runes) || m.failed[j*w+p] {
		return 0, false
	}
	c, size := utf8.DecodeRuneInString(m.term[p:])
	if runes[j] == c {
		if end, ok := m.from(p+size, j+1, runes, ids, w); ok {
			return end, true
		}
	}
	if letterBit(c) != 0 && ids[j] >= 0 {
		rest := m.term[p:]
		set := &m.table.sets[ids[j]]
		syls := set.full
		if m.primary {
			syls = syls[:set.primary]
		}
		for _, syl := range syls {
			switch {
			case strings.HasPrefix(rest, syl):
				if end, ok := m.from(p+len(syl), j+1, runes, ids, w); ok {
					return end, true
				}
				fallthrough
			case syl[0] == rest[0]:
				// First letter only (or the syllable spelt out did not
				// lead to a match: try its first letter).
				if end, ok := m.from(p+1, j+1, runes, ids, w); ok {
					return end, true
				}
			}
			if len(rest) < len(syl) && strings.HasPrefix(syl, rest) {
				return j + 1, true // unfinished last syllable: "yishixingt"
			}
		}
	}
	m.failed[j*w+p] = true
	return 0, false
}

// clearedBools returns b resized to n, all false, reusing its storage when
// it is large enough (the matchers' memo of failed positions).
func clearedBools(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}
