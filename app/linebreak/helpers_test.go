package linebreak

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"

	"huibian/assets"
)

// textSize is the reading pane's body text size in Fyne units; tests
// measure in these units so that float rounding is as in the window.
const textSize = 14

var (
	faceOnce sync.Once
	face     *font.Face
	faceErr  error
)

// fontAdvances measures with the bundled font's own advances (hmtx), at
// textSize: the metrics the reading pane passes.
func fontAdvances(tb testing.TB) Advances {
	tb.Helper()
	faceOnce.Do(func() { face, faceErr = font.ParseTTF(bytes.NewReader(assets.FontRegular)) })
	if faceErr != nil {
		tb.Fatalf("parse the bundled font: %v", faceErr)
	}
	scale := float32(textSize) / float32(face.Upem())
	cache := map[rune]float32{}
	var mu sync.Mutex
	return func(r rune) float32 {
		mu.Lock()
		defer mu.Unlock()
		if w, ok := cache[r]; ok {
			return w
		}
		var w float32
		if gid, ok := face.NominalGlyph(r); ok {
			w = face.HorizontalAdvance(gid) * scale
		} else {
			w = textSize / 2 // a missing glyph: what a fallback font might give
		}
		cache[r] = w
		return w
	}
}

// seedParagraphs are the non-empty lines of the built-in compilation.
func seedParagraphs(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, l := range strings.Split(string(assets.Compilation), "\n") {
		if l = strings.TrimRight(l, "\r"); l != "" {
			out = append(out, l)
		}
	}
	if len(out) < 400 {
		tb.Fatalf("seed has %d paragraphs, want the whole compilation", len(out))
	}
	return out
}

// The rules, spelled out independently of the breaker's tables: the lists
// of issue 11.
const (
	mustNotStart = "，。、；：？！）》」』】〕〉”’…—,.;:?!)"
	mustNotEnd   = "（《「『【〔〈“‘("
)

func isASCIIAlnum(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// faults lists the rules a set of lines breaks: line starts and ends, and
// splits of ——, ……, Latin words, numbers, and numbers from their units.
func faults(text []rune, lines []Line) []string {
	var out []string
	for k, ln := range lines {
		if k == 0 {
			continue
		}
		j := ln.Start
		prev, next := visibleEnd(text, lines[k-1]), text[j]
		show := func(what string) {
			out = append(out, fmt.Sprintf("line %d: %s: %q / %q", k, what,
				string(text[lines[k-1].Start:lines[k-1].End]), string(text[ln.Start:ln.End])))
		}
		switch {
		case strings.ContainsRune(mustNotStart, next):
			show("starts with a closer")
		case prev >= 0 && strings.ContainsRune(mustNotEnd, text[prev]):
			show("ends with an opener")
		case isASCIIAlnum(text[j-1]) && isASCIIAlnum(next):
			show("splits a word or number")
		case unicode.Is(unicode.Han, next) && prev >= 0 && isDigit(text[prev]):
			show("splits a number from its unit")
		}
	}
	return out
}

// hangs reports whether r is white space that hangs past a line's end:
// any but the no-break spaces, which are drawn like letters.
func hangs(r rune) bool {
	return unicode.IsSpace(r) && r != 0xA0 && r != 0x2007 && r != 0x202F
}

// visibleEnd is the index of the last rune of a line that does not hang,
// or -1.
func visibleEnd(text []rune, ln Line) int {
	for i := ln.End - 1; i >= ln.Start; i-- {
		if !hangs(text[i]) {
			return i
		}
	}
	return -1
}

// drawnWidth is a line's width computed from scratch: indent, advances up
// to the last visible rune, less half of each squeezed mark.
func drawnWidth(text []rune, ln Line, m Advances) float32 {
	w := ln.Indent
	for i := ln.Start; i <= visibleEnd(text, ln); i++ {
		w += m(text[i])
	}
	for _, i := range ln.Squeezed {
		w -= m(text[i]) / 2
	}
	return w
}

// checkShape asserts what must hold for any text and width: the lines
// cover the text in order, each holds at least one rune, the reported
// widths are right, and no line is wider than the width unless it holds
// one character wider than the width.
func checkShape(t *testing.T, text []rune, lines []Line, m Advances, opt Options) {
	t.Helper()
	if len(text) == 0 {
		if len(lines) != 1 || lines[0].End != 0 || lines[0].Width != 0 {
			t.Fatalf("empty text: %+v, want one empty line", lines)
		}
		return
	}
	var b strings.Builder
	pos := 0
	for k, ln := range lines {
		if ln.Start != pos || ln.End <= ln.Start || ln.End > len(text) {
			t.Fatalf("line %d is [%d,%d), want to start at %d and hold a rune (text has %d)", k, ln.Start, ln.End, pos, len(text))
		}
		pos = ln.End
		b.WriteString(string(text[ln.Start:ln.End]))
		if k > 0 && ln.Indent != 0 {
			t.Errorf("line %d is indented", k)
		}
		want := drawnWidth(text, ln, m)
		if d, tol := ln.Width-want, 1e-3+1e-5*want; d > tol || d < -tol { // float32 sums in another order
			t.Errorf("line %d reports width %g, its runes measure %g", k, ln.Width, want)
		}
		if ln.Width > opt.Width*(1+1e-6) {
			if vis := visibleEnd(text, ln); vis > ln.Start && !combinedOnly(text[ln.Start], text[ln.Start+1:vis+1]) {
				t.Errorf("line %d %q is %g wide, over the width %g", k, string(text[ln.Start:ln.End]), ln.Width, opt.Width)
			}
		}
	}
	if pos != len(text) || b.String() != string(text) {
		t.Fatalf("the lines do not join to the text: %q", b.String())
	}
}

// combinedOnly reports whether rs, which follow the rune before, are all
// part of one character with it: combining marks, joiners, variation
// selectors, what a zero-width joiner joins, the \n of \r\n.
func combinedOnly(before rune, rs []rune) bool {
	for i, r := range rs {
		prev := before
		if i > 0 {
			prev = rs[i-1]
		}
		if !unicode.In(r, unicode.Mn, unicode.Me, unicode.Variation_Selector) && r != 0x200D && r != 0x200C &&
			prev != 0x200D && !(prev == '\r' && r == '\n') {
			return false
		}
	}
	return true
}

// fyneWrap breaks text the way fyne.TextWrapWord does (widget/richtext.go
// lineBounds, v2.7.1): the longest prefix that fits, moved back to after
// the last space in it if there is one. The reading pane wrapped so before
// this package; the faults of issue 11 come from it.
func fyneWrap(text []rune, m Advances, width float32) []Line {
	var out []Line
	for s := 0; s < len(text); {
		var w float32
		e := s
		for e < len(text) && w+m(text[e]) <= width {
			w += m(text[e])
			e++
		}
		if e == s {
			e = s + 1
		} else if e < len(text) {
			for k := e - 1; k > s; k-- {
				if text[k] == ' ' {
					e = k + 1
					break
				}
			}
		}
		out = append(out, Line{Start: s, End: e})
		s = e
	}
	return out
}

// lineTexts shows lines as strings, for failure messages.
func lineTexts(text []rune, lines []Line) []string {
	out := make([]string, len(lines))
	for i, ln := range lines {
		out[i] = string(text[ln.Start:ln.End])
	}
	return out
}
