package docx

import (
	"strconv"
	"strings"
)

// formatNumber renders n in a numbering format of ECMA-376 Part 1,
// §17.18.59 (ST_NumberFormat), the way Word displays it. Formats Word
// shows only for a range of values (enclosed numbers, stems and branches)
// fall back to decimal outside it, as Word does. Formats this reader does
// not know (Hebrew, Thai, Korean, …) are shown as decimal numbers, so the
// structure of the document still shows.
func formatNumber(n int, format string) string {
	switch format {
	case "none":
		return ""
	case "decimal", "decimalHalfWidth", "":
		return strconv.Itoa(n)
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidth(strconv.Itoa(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return enclosed(n, 1, 20, '①')
	case "decimalEnclosedFullstop":
		return enclosed(n, 1, 20, '⒈')
	case "decimalEnclosedParen":
		return enclosed(n, 1, 20, '⑴')
	case "ideographEnclosedCircle":
		return enclosed(n, 1, 10, '㈠')
	case "numberInDash":
		return "- " + strconv.Itoa(n) + " -"
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "ordinal":
		return ordinal(n)
	case "chicago":
		return chicago(n)
	case "chineseCounting", "taiwaneseCounting":
		return hanCounting(n)
	case "chineseCountingThousand", "taiwaneseCountingThousand":
		return hanThousand(n, hanSimple)
	case "japaneseCounting":
		return hanThousand(n, hanJapanese)
	case "chineseLegalSimplified":
		return hanThousand(n, hanLegalSimplified)
	case "ideographLegalTraditional":
		return hanThousand(n, hanLegalTraditional)
	case "japaneseLegal":
		return hanThousand(n, hanJapaneseLegal)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return hanDigits(n, '〇')
	case "ideographTraditional":
		return cycle(n, heavenlyStems)
	case "ideographZodiac":
		return cycle(n, earthlyBranches)
	case "ideographZodiacTraditional":
		if n < 1 {
			return strconv.Itoa(n)
		}
		k := (n - 1) % 60
		return string(heavenlyStems[k%10]) + string(earthlyBranches[k%12])
	}
	return strconv.Itoa(n)
}

var (
	heavenlyStems   = []rune("甲乙丙丁戊己庚辛壬癸")
	earthlyBranches = []rune("子丑寅卯辰巳午未申酉戌亥")
)

// cycle counts through a fixed set of characters and starts again after
// the last one (the ten heavenly stems, the twelve earthly branches).
func cycle(n int, set []rune) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	return string(set[(n-1)%len(set)])
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		if r == '-' {
			return '－'
		}
		return r
	}, s)
}

// enclosed uses one Unicode character per number from lo to hi (①…⑳) and
// plain digits outside that range.
func enclosed(n, lo, hi int, first rune) string {
	if n < lo || n > hi {
		return strconv.Itoa(n)
	}
	return string(first + rune(n-lo))
}

// letters: A … Z, AA … ZZ, AAA …, as Word counts (one letter repeated).
func letters(n int, a rune) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	n = (n-1)%780 + 1
	return strings.Repeat(string(a+rune((n-1)%26)), (n-1)/26+1)
}

func roman(n int) string {
	if n < 1 || n > 39999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// chicago: *, †, ‡, §, then the same marks doubled, tripled, …; plain
// digits past 400 (a hundred marks).
func chicago(n int) string {
	if n < 1 || n > 400 {
		return strconv.Itoa(n)
	}
	marks := []string{"*", "†", "‡", "§"}
	return strings.Repeat(marks[(n-1)%4], (n-1)/4+1)
}

const hanDigitChars = "〇一二三四五六七八九"

// hanDigits writes each decimal digit as a Chinese numeral: 10 → 一〇.
func hanDigits(n int, zero rune) string {
	if n < 0 {
		return strconv.Itoa(n)
	}
	digits := []rune(hanDigitChars)
	digits[0] = zero
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(digits[c-'0'])
	}
	return b.String()
}

// hanCounting is Word's chineseCounting: 一 … 十, 十一 … 九十九, and from
// 100 on the digits one by one with ○ (U+25CB) for zero: 一○○
// ([MS-DOCX] 2.4 lists "一, 十, 一○○").
func hanCounting(n int) string {
	switch {
	case n >= 1 && n <= 99:
		return hanThousand(n, hanSimple)
	case n >= 100 && n <= 9999:
		return hanDigits(n, '○')
	}
	return strconv.Itoa(n)
}

// hanSystem is a set of numerals for counting with units (十, 百, 千).
type hanSystem struct {
	digits []rune // 0 … 9; digits[0] is written for a gap ("一百〇一")
	units  []rune // 十, 百, 千
	// tenOne writes the one before the ten in 10 … 19 ("壹拾壹", not "拾壹").
	tenOne bool
	// noOne omits the one before every unit (Japanese: 百一, 千).
	noOne bool
	// noZero writes nothing for a gap (Japanese: 百一).
	noZero bool
}

var (
	hanSimple           = hanSystem{digits: []rune(hanDigitChars), units: []rune("十百千")}
	hanJapanese         = hanSystem{digits: []rune(hanDigitChars), units: []rune("十百千"), noOne: true, noZero: true}
	hanLegalSimplified  = hanSystem{digits: []rune("零壹贰叁肆伍陆柒捌玖"), units: []rune("拾佰仟"), tenOne: true}
	hanLegalTraditional = hanSystem{digits: []rune("零壹貳參肆伍陸柒捌玖"), units: []rune("拾佰仟"), tenOne: true}
	hanJapaneseLegal    = hanSystem{digits: []rune("〇壱弐参四伍六七八九"), units: []rune("拾百阡"), tenOne: true}
)

// hanThousand writes 1 … 9999 with units: 十一, 二十, 一百〇一, 一百一十,
// 一千〇一十. Word writes 〇 for a gap (not 零, [MS-OI29500] 2.1.540 e) and
// plain digits from 10 000 on.
func hanThousand(n int, sys hanSystem) string {
	if n < 1 || n > 9999 {
		if n == 0 {
			return string(sys.digits[0])
		}
		return strconv.Itoa(n)
	}
	var b strings.Builder
	d := [4]int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10} // thousands … ones
	gap := false
	for i, v := range d {
		unit := 3 - i // 3 = thousands, 0 = ones
		if v == 0 {
			if b.Len() > 0 {
				gap = true
			}
			continue
		}
		if gap && !sys.noZero {
			b.WriteRune(sys.digits[0])
		}
		gap = false
		one := v == 1 && unit > 0
		omit := one && (sys.noOne || (unit == 1 && n < 20 && !sys.tenOne))
		if !omit {
			b.WriteRune(sys.digits[v])
		}
		if unit > 0 {
			b.WriteRune(sys.units[unit-1])
		}
	}
	return b.String()
}
