package typeset

import (
	"huibian/app/linebreak"
)

// Text is a paragraph prepared for layout at any width with one Metrics:
// its runes, their prefix advances and the line breaker's analysis. A
// resize only calls Layout again.
type Text struct {
	runes  []rune
	prefix []float32 // prefix[i]: width of runes[:i]
	m      *Metrics
	prep   *linebreak.Text
}

// Prepare analyses text for layout with m.
func Prepare(text string, m *Metrics) *Text {
	rs := []rune(text)
	p := make([]float32, len(rs)+1)
	for i, r := range rs {
		p[i+1] = p[i] + m.Advance(r)
	}
	return &Text{runes: rs, prefix: p, m: m, prep: linebreak.Prepare(rs, m.Measure())}
}

// Runes is the text; it must not be modified.
func (t *Text) Runes() []rune { return t.runes }

// String is the text.
func (t *Text) String() string { return string(t.runes) }

// Metrics is the metrics the text was prepared with.
func (t *Text) Metrics() *Metrics { return t.m }

// Options say how to lay out a paragraph.
type Options struct {
	// Width is the width of the text column.
	Width float32
	// Indent is the first-line indent in characters (2: 首行缩进两字).
	Indent int
	// Pitch is the distance between the tops of two lines; 0 means the
	// font's line box.
	Pitch float32
}

// Layout is a paragraph broken into lines for one width.
type Layout struct {
	Text  *Text
	Lines []linebreak.Line
	Pitch float32 // distance between the tops of two lines
	Width float32 // the column width laid out for
}

// Layout breaks the text into lines. No line is wider than opt.Width
// except one holding a single character wider than the column.
func (t *Text) Layout(opt Options) *Layout {
	pitch := opt.Pitch
	if pitch <= 0 {
		pitch = t.m.boxH
	}
	lines := t.prep.Lines(linebreak.Options{Width: opt.Width, Indent: opt.Indent})
	return &Layout{Text: t, Lines: lines, Pitch: pitch, Width: opt.Width}
}

// Height is the height of the laid out paragraph.
func (l *Layout) Height() float32 { return float32(max(len(l.Lines), 1)) * l.Pitch }

// LineText is the visible text of line i: without a trailing newline.
func (l *Layout) LineText(i int) string {
	ln := l.Lines[i]
	rs := l.Text.runes[ln.Start:ln.End]
	for len(rs) > 0 && (rs[len(rs)-1] == '\n' || rs[len(rs)-1] == '\r') {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}

// X is the x offset of the left edge of rune pos on line i (pos may be the
// line's end).
func (l *Layout) X(i, pos int) float32 {
	ln := l.Lines[i]
	pos = min(max(pos, ln.Start), ln.End)
	return ln.Indent + l.Text.prefix[pos] - l.Text.prefix[ln.Start]
}

// TextTop is the y offset of the top of line i's text box: the box is
// centred in the line's pitch.
func (l *Layout) TextTop(i int) float32 {
	return float32(i)*l.Pitch + (l.Pitch-l.Text.m.boxH)/2
}

// Hit returns the rune boundary nearest to point (x, y): a caret position
// in [0, len(runes)].
func (l *Layout) Hit(x, y float32) int {
	if len(l.Lines) == 0 {
		return 0
	}
	i := int(y / l.Pitch)
	if y < 0 {
		return 0
	}
	if i >= len(l.Lines) {
		return len(l.Text.runes)
	}
	ln := l.Lines[i]
	end := ln.End
	for end > ln.Start && (l.Text.runes[end-1] == '\n' || l.Text.runes[end-1] == '\r') {
		end--
	}
	for k := ln.Start; k < end; k++ {
		mid := l.X(i, k) + (l.Text.prefix[k+1]-l.Text.prefix[k])/2
		if x < mid {
			return k
		}
	}
	return end
}

// LineOf is the line holding rune boundary pos: the line it starts, or the
// last line for the end of the text.
func (l *Layout) LineOf(pos int) int {
	for i, ln := range l.Lines {
		if pos < ln.End {
			return i
		}
	}
	return max(len(l.Lines)-1, 0)
}
