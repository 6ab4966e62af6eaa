package linebreak

import (
	"sync"
	"unicode"
)

// class is what a rune contributes to the break opportunities around it.
type class uint8

const (
	clsOther     class = iota // symbols, emoji: a break is allowed on either side
	clsIdeo                   // Han, kana, Hangul: a break is allowed on either side
	clsWord                   // letters of alphabetic scripts: no break inside a word
	clsDigit                  // digits: no break inside a number, nor before its unit
	clsOpen                   // opening punctuation: never ends a line
	clsClose                  // closing punctuation and other marks that never start a line
	clsSpace                  // white space: a break is allowed after it; it hangs at the line end
	clsNewline                // a mandatory break follows it
	clsGlue                   // no-break space, word joiner: no break on either side
	clsZWSP                   // zero-width space: a break is allowed after it
	clsCombining              // combining marks, joiners, variation selectors: part of the rune before
)

// Opening punctuation (GB/T 15834 前引号、前括号、前书名号; clreq 3.1.7):
// never at the end of a line.
const openers = "（《「『【〔〈“‘〖〘〚｛［｟⦅([{"

// Closing punctuation and the other marks clreq and GB/T 15834 keep off
// the start of a line: 点号 (，。、；：？！ and the half-width ,.;:?! this
// source uses), closing quotes, brackets and title marks, 破折号 and 省略号
// (which also must not be split, so nothing may break before them),
// 连接号 (-–～), 间隔号 (·・) and 分隔号 (/), iteration marks, and units
// written after a number (% ‰ ℃ °).
const closers = "，。、；：？！）》」』】〕〉”’〗〙〛｝］｠⦆" +
	",.;:?!)]}" +
	"…‥⋯—―⸺⸻" +
	"-‐‑–～〜~·・‧･/／" +
	"%％‰℃°′″" +
	"々〻ゝゞヽヾー"

// squeezable marks are drawn on one half of a full-width cell; the other
// half is blank and may be removed to squeeze a line (clreq 3.2, 标点挤压).
const squeezable = "，。、；：？！）》」』】〕〉”’（《「『【〔〈“‘"

// connectors join two runs of letters or digits into one unbreakable word:
// 7×24, VR/AR, 1-2, 7·9, 3.5, 1,000.
const connectors = ".,:/-‐‑–×·+_'’&@#"

var (
	openSet, closeSet, squeezeSet, connectorSet = runeSet(openers), runeSet(closers), runeSet(squeezable), runeSet(connectors)
)

func runeSet(s string) map[rune]bool {
	m := make(map[rune]bool, len(s))
	for _, r := range s {
		m[r] = true
	}
	return m
}

// props is what the breaker needs to know of a rune: its class in the low
// bits, and flags.
type props uint8

const (
	propClass     props = 0x0F
	propConnector props = 0x10
	propSqueeze   props = 0x20
)

// The props of the runes below U+3400 and of the full-width forms
// (U+FF00–U+FFFF), where every mark the rules name lives, are tabled on
// first use and read-only after: classifying through Unicode tables and
// maps took most of the time of preparing a paragraph. The common Han
// block needs no table.
var (
	tableOnce sync.Once
	low       *[0x3400]props
	wide      *[0x100]props
)

func propsOf(r rune) props {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF:
		return props(clsIdeo)
	case r >= 0 && r < 0x3400, r >= 0xFF00 && r <= 0xFFFF:
		tableOnce.Do(func() {
			l, w := new([0x3400]props), new([0x100]props)
			for i := range l {
				l[i] = computeProps(rune(i))
			}
			for i := range w {
				w[i] = computeProps(0xFF00 + rune(i))
			}
			low, wide = l, w
		})
		if r < 0x3400 {
			return low[r]
		}
		return wide[r-0xFF00]
	}
	return computeProps(r)
}

func computeProps(r rune) props {
	p := props(classOf(r))
	if connectorSet[r] {
		p |= propConnector
	}
	if squeezeSet[r] {
		p |= propSqueeze
	}
	return p
}

func classOf(r rune) class {
	switch {
	case r < 0x80:
		switch {
		case r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return clsNewline
		case r == ' ' || r == '\t':
			return clsSpace
		case '0' <= r && r <= '9':
			return clsDigit
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return clsWord
		}
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return clsNewline
	case r == 0xA0 || r == 0x202F || r == 0x2060 || r == 0xFEFF || r == 0x2007:
		return clsGlue
	case r == 0x200B:
		return clsZWSP
	case r == 0x200D || r == 0x200C || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		unicode.Is(unicode.Variation_Selector, r):
		return clsCombining
	case '０' <= r && r <= '９':
		return clsDigit
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Bopomofo, r):
		if !closeSet[r] {
			return clsIdeo
		}
	case unicode.IsSpace(r):
		return clsSpace
	}
	switch {
	case openSet[r]:
		return clsOpen
	case closeSet[r]:
		return clsClose
	case unicode.IsDigit(r):
		return clsDigit
	case unicode.IsLetter(r):
		return clsWord
	}
	return clsOther
}

// A break level ranks the boundary between two runes. The breaker ends a
// line at the last boundary of the lowest level that fits.
type level uint8

const (
	lvlAllowed level = iota // a legal break
	lvlWord                 // inside a word or number, or between a number and its unit
	lvlPunct                // breaks a punctuation rule: a closer would start a line, an opener end one
	lvlSpace                // before white space or a newline
	lvlNever                // inside a character: before a combining mark or after a joiner
)

// analyse classifies text and returns, for every boundary i in 1..n-1
// (between text[i-1] and text[i]), its level in lv[i], and whether a
// newline before it forces a break there (hard[i]). lv[0], lv[n] are
// lvlAllowed.
func analyse(text []rune, cls []class, lv []level, hard []bool) {
	n := len(text)
	conn := func(i int) bool { return propsOf(text[i])&propConnector != 0 }
	for i, r := range text {
		cls[i] = class(propsOf(r) & propClass)
	}
	for i := range lv {
		lv[i], hard[i] = lvlAllowed, false
	}
	for i := 1; i < n; i++ {
		a, b := cls[i-1], cls[i]
		l := lvlAllowed
		raise := func(x level) {
			if x > l {
				l = x
			}
		}
		switch {
		case b == clsCombining || text[i-1] == 0x200D || text[i-1] == '\r' && text[i] == '\n':
			raise(lvlNever)
		case a == clsNewline:
			hard[i] = true
		}
		switch b {
		case clsSpace, clsNewline:
			raise(lvlSpace)
		case clsClose:
			raise(lvlPunct)
		}
		if a == clsOpen {
			raise(lvlPunct)
		}
		if a == clsGlue || b == clsGlue {
			raise(lvlWord)
		}
		if wordy(a) && wordy(b) {
			raise(lvlWord)
		}
		// A connector between two word characters: 7×24, VR/AR.
		if i >= 2 && wordy(cls[i-2]) && wordy(b) && conn(i-1) ||
			i+1 < n && wordy(a) && wordy(cls[i+1]) && conn(i) {
			raise(lvlWord)
		}
		// A number and the unit after it, with or without spaces between:
		// 2026年, 102 条.
		if b == clsIdeo {
			j := i - 1
			for j > 0 && cls[j] == clsSpace && text[j] != '\u3000' {
				j--
			}
			if cls[j] == clsDigit {
				raise(lvlWord)
			}
		}
		lv[i] = l
	}
}

func wordy(c class) bool { return c == clsWord || c == clsDigit }
