package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Levels of numbering in Chinese official documents, outermost first:
// 一、 / (一) / 1. / (1).
const (
	levelNone    = 0
	levelHan     = 1 // 一、
	levelParHan  = 2 // (一) or （一）
	levelArabic  = 3 // 1. 1、 1． １.
	levelParArab = 4 // (1) or （1）
)

// marker is the numbering at the start of a line.
type marker struct {
	level int
	num   int
	raw   string // the numbering exactly as written, e.g. "１、"
	rest  string // the text after it
}

// parseMarker recognises the numbering at the start of a trimmed line.
func parseMarker(line string) (marker, bool) {
	if line == "" {
		return marker{}, false
	}
	r0, _ := utf8.DecodeRuneInString(line)
	switch {
	case r0 == '(' || r0 == '（':
		return parseParen(line)
	case isDigit(r0):
		return parseArabic(line)
	case hanDigit(r0) >= 0:
		return parseHan(line)
	}
	return marker{}, false
}

func isDigit(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

func digitVal(r rune) int {
	if r >= '０' && r <= '９' {
		return int(r - '０')
	}
	return int(r - '0')
}

// hanDigit returns the value of a Chinese numeral character, 10 for 十, or -1.
func hanDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	}
	return -1
}

// hanNumber parses a Chinese numeral from 一 to 九十九 at the start of s and
// returns its value and byte length, or 0, 0.
func hanNumber(s string) (int, int) {
	var rs []rune
	n := 0
	for _, r := range s {
		if hanDigit(r) < 0 || len(rs) == 3 {
			break
		}
		rs = append(rs, r)
		n += utf8.RuneLen(r)
	}
	for len(rs) > 0 {
		if v, ok := hanValue(rs); ok {
			return v, n
		}
		n -= utf8.RuneLen(rs[len(rs)-1])
		rs = rs[:len(rs)-1]
	}
	return 0, 0
}

func hanValue(rs []rune) (int, bool) {
	switch len(rs) {
	case 1:
		v := hanDigit(rs[0])
		return v, v >= 1
	case 2:
		a, b := hanDigit(rs[0]), hanDigit(rs[1])
		switch {
		case a == 10 && b >= 1 && b <= 9: // 十一
			return 10 + b, true
		case a >= 2 && a <= 9 && b == 10: // 二十
			return a * 10, true
		}
	case 3:
		a, b, c := hanDigit(rs[0]), hanDigit(rs[1]), hanDigit(rs[2])
		if a >= 2 && a <= 9 && b == 10 && c >= 1 && c <= 9 { // 二十一
			return a*10 + c, true
		}
	}
	return 0, false
}

// newMarker splits line after the numbering that ends at byte end. Spaces
// after the numbering belong to raw, so raw+rest is always the whole line.
func newMarker(level, num int, line string, end int) marker {
	rest := strings.TrimLeftFunc(line[end:], isSpace)
	return marker{level: level, num: num, raw: line[:len(line)-len(rest)], rest: rest}
}

func parseHan(line string) (marker, bool) {
	v, n := hanNumber(line)
	if n == 0 {
		return marker{}, false
	}
	r, size := utf8.DecodeRuneInString(line[n:])
	if r != '、' && r != '，' && r != ',' && r != '．' && r != '.' {
		return marker{}, false
	}
	end := n + size
	return newMarker(levelHan, v, line, end), true
}

func parseArabic(line string) (marker, bool) {
	v, i := 0, 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isDigit(r) {
			break
		}
		v = v*10 + digitVal(r)
		i += size
		if i > 9 { // more than three digits: a year or a figure, not numbering
			return marker{}, false
		}
	}
	if v == 0 || i == len(line) {
		return marker{}, false
	}
	r, size := utf8.DecodeRuneInString(line[i:])
	if r != '.' && r != '．' && r != '、' {
		return marker{}, false
	}
	end := i + size
	// "1.5倍" is a figure, not numbering.
	if next, _ := utf8.DecodeRuneInString(line[end:]); isDigit(next) {
		return marker{}, false
	}
	return newMarker(levelArabic, v, line, end), true
}

func parseParen(line string) (marker, bool) {
	_, size := utf8.DecodeRuneInString(line)
	inner := line[size:]
	level, v, n := 0, 0, 0
	if r, _ := utf8.DecodeRuneInString(inner); isDigit(r) {
		level = levelParArab
		for n < len(inner) && n < 9 {
			r, s := utf8.DecodeRuneInString(inner[n:])
			if !isDigit(r) {
				break
			}
			v = v*10 + digitVal(r)
			n += s
		}
	} else {
		level = levelParHan
		v, n = hanNumber(inner)
	}
	if n == 0 || v == 0 {
		return marker{}, false
	}
	r, s := utf8.DecodeRuneInString(inner[n:])
	if r != ')' && r != '）' {
		return marker{}, false
	}
	end := size + n + s
	// An optional 、 after the bracket: "(一)、".
	if r, s := utf8.DecodeRuneInString(line[end:]); r == '、' {
		end += s
	}
	return newMarker(level, v, line, end), true
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

// trimLine removes surrounding white space, including the ideographic space
// and stray byte-order marks.
func trimLine(s string) string { return strings.TrimFunc(s, isSpace) }

// splitInline splits "heading。body" when a heading ends in a full stop and
// the paragraph goes on; a heading longer than maxInlineHeading runes is not
// split (it is a paragraph that happens to be numbered).
func splitInline(text string) (heading, body string, inline bool) {
	const maxInlineHeading = 80
	i := strings.IndexAny(text, "。")
	if i < 0 {
		return text, "", false
	}
	end := i + len("。")
	if end >= len(text) || utf8.RuneCountInString(text[:end]) > maxInlineHeading {
		return text, "", false
	}
	return text[:end], text[end:], true
}

// pageNumber reports whether a line is only a page number: "12", "- 12 -",
// "—12—", "第12页", "第 12 页 共 140 页".
func pageNumber(line string) bool {
	s := strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, line)
	s = strings.Trim(s, "-—–")
	if strings.HasPrefix(s, "第") && strings.Contains(s, "页") {
		s = strings.NewReplacer("第", "", "页", "", "共", "", "/", "").Replace(s)
	}
	if s == "" || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

// titleLike reports whether an unnumbered line could be a title: short,
// with no full stop and not ending in punctuation that continues a sentence.
func titleLike(line string) bool {
	n := utf8.RuneCountInString(line)
	if n < 2 || n > 50 || strings.ContainsAny(line, "。；;！？") {
		return false
	}
	if _, ok := parseMarker(line); ok {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(",，、：:", last)
}

// foldKey normalises a title for comparison: full-width ASCII folded,
// brackets unified, spaces removed.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case isSpace(r):
			return -1
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, s)
}
