// Package linebreak breaks paragraphs of Chinese text, with Latin words and
// numbers mixed in, into lines that fit a width, following W3C
// "Requirements for Chinese Text Layout" (clreq) §3.1.7 and GB/T 15834:
//
//   - no line starts with closing punctuation (，。、；：？！）》」』】〕〉”’,
//     the half-width ,.;:?!) this source uses, 破折号 —— and 省略号 ……,
//     connectors, middle dots, separators and % after a number);
//   - no line ends with opening punctuation (（《「『【〔〈“‘ and half-width ();
//   - ——, ……, Latin words, numbers (7×24, 3.5, VR/AR) and a number with the
//     unit after it (2026年, 102 条) are not split.
//
// It knows nothing of Fyne: the caller measures text (see Measure), so the
// reading pane can pass its font's real advances.
//
// # Strategy
//
// Lines are filled greedily: each line ends at the last legal break whose
// text fits. Where the rules forbid the break at the point where the line is
// full, the line ends at an earlier legal break instead, which pushes the
// character before the forbidden break down to the next line (推出, clreq's
// "push out"): "……分享心得。" whose 。 would start a line becomes
// "……分享心" / "得。". This is the default, because it needs nothing from
// the renderer: a widget.Label can draw each line as plain text.
//
// With Options.Squeeze the breaker first tries to push in (挤进): when only
// closing punctuation would overflow the line, full-width punctuation in the
// line is drawn at half width (the blank half of its cell removed, from the
// end of the line backwards) until the line fits. Line.Squeezed lists those
// marks; this needs a renderer that places glyphs itself.
//
// Either way a line is never wider than Options.Width, except a line that
// holds a single character wider than the width itself. Trailing white space
// hangs past the end of a line and is not counted.
//
// # Text that cannot be broken legally
//
// When no legal break fits (a Latin word or a run of marks longer than the
// line), the line ends at the last boundary that fits and breaks the
// fewest rules: first inside a word or between a number and its unit, then
// before a closer or after an opener, then before white space; never inside
// a character (before a combining mark or after a joiner). Every line holds
// at least one character, so breaking always ends.
package linebreak

// Options say how to break a paragraph.
type Options struct {
	// Width is the width of the text column, in the Measure's units.
	Width float32
	// Indent is the first-line indent in characters: the first line starts
	// after Indent ideographic spaces (U+3000) as the Measure measures them
	// (2 for 首行缩进两字). It is dropped when the first character would not
	// fit after it.
	Indent int
	// Squeeze lets a line take in closing punctuation that would overflow
	// it by drawing full-width punctuation at half width (see the package
	// documentation). Off, the previous character is pushed down instead.
	Squeeze bool
}

// Line is one line of a broken paragraph.
type Line struct {
	// Start and End delimit the line's runes, [Start, End). Lines are
	// contiguous: joining them gives back the paragraph, white space and
	// newlines included.
	Start, End int
	// Indent is the blank space before the first rune (first line only).
	Indent float32
	// Width is the line's drawn width: Indent, plus the advances of its
	// runes without trailing white space, less what Squeezed saves.
	Width float32
	// Squeezed lists the runes (paragraph indices, ascending) drawn at half
	// their advance (Options.Squeeze only).
	Squeezed []int
	// Forced is true when no legal break fitted and the line ends at a
	// boundary the rules would rather avoid.
	Forced bool
}

// Text is a paragraph analysed once for breaking at any width.
type Text struct {
	text  []rune
	cls   []class
	lv    []level // lv[i]: the boundary before text[i]
	hard  []bool  // hard[i]: a newline ends the line before text[i]
	space []int32 // space[i]: white space and newlines just before text[i]
	w     widthFunc
	em    float64 // width of an ideographic space: the indent unit
}

// Prepare analyses text for breaking with measure m. The Text keeps text
// (it must not be modified) and, for an Advances measure, the prefix sums
// of its advances.
func Prepare(text []rune, m Measure) *Text {
	n := len(text)
	t := &Text{
		text:  text,
		cls:   make([]class, n),
		lv:    make([]level, n+1),
		hard:  make([]bool, n+1),
		space: make([]int32, n+1),
	}
	analyse(text, t.cls, t.lv, t.hard)
	for i, c := range t.cls {
		if c == clsSpace || c == clsNewline {
			t.space[i+1] = t.space[i] + 1
		}
	}
	if a, ok := m.(Advances); ok {
		p := make(prefixWidths, n+1)
		for i, r := range text {
			p[i+1] = p[i] + float64(a(r))
		}
		t.w = p
	} else {
		t.w = measured{m, text}
	}
	t.em = float64(m.Width([]rune{'\u3000'}))
	if !(t.em > 0) {
		t.em = float64(m.Width([]rune{'汉'}))
	}
	return t
}

// Break breaks text with options opt; see Text.Lines.
func Break(text string, m Measure, opt Options) []Line {
	return Prepare([]rune(text), m).Lines(opt)
}

// Runes returns the analysed text.
func (t *Text) Runes() []rune { return t.text }

// Lines breaks the text into lines. An empty text is one empty line.
func (t *Text) Lines(opt Options) []Line { return t.AppendLines(nil, opt) }

// AppendLines appends the text's lines to dst and returns it.
func (t *Text) AppendLines(dst []Line, opt Options) []Line {
	n := len(t.text)
	width := float64(opt.Width)
	if !(width > 0) { // also NaN
		width = 0
	}
	if n == 0 {
		return append(dst, Line{})
	}
	indent := 0.0
	if opt.Indent > 0 {
		indent = float64(opt.Indent) * t.em
		if width-indent < t.w.of(0, t.clusterEnd(0)) {
			indent = 0
		}
	}
	for s := 0; s < n; {
		ln := t.line(s, width-indent, opt.Squeeze)
		if s == 0 {
			ln.Indent = float32(indent)
			ln.Width = float32(float64(ln.Width) + indent)
			indent = 0
		}
		dst = append(dst, ln)
		s = ln.End
	}
	return dst
}

// clusterEnd is the end of the character starting at s: the next boundary
// that may ever be broken.
func (t *Text) clusterEnd(s int) int {
	e := s + 1
	for e < len(t.text) && t.lv[e] == lvlNever {
		e++
	}
	return e
}

// trim is the end of the visible text of line [s, e): without trailing
// white space and newlines.
func (t *Text) trim(s, e int) int { return max(s, e-int(t.space[e])) }

// maxFit is the largest k in [s, n] with the width of text[s:k] at most
// avail.
func (t *Text) maxFit(s int, avail float64) int {
	n := len(t.text)
	if t.w.prefix() {
		k := s
		for k < n && t.w.of(s, k+1) <= avail {
			k++
		}
		return k
	}
	// Galloping, then bisection: O(log) measurements of the line.
	lo, step := s, 8
	for lo < n {
		hi := min(n, lo+step)
		if t.w.of(s, hi) > avail {
			break
		}
		lo, step = hi, step*2
	}
	hi := min(n, lo+step) // text[s:hi] does not fit, or hi == n == lo
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if t.w.of(s, mid) <= avail {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// line is the line starting at s in a column avail wide.
func (t *Text) line(s int, avail float64, squeeze bool) Line {
	n := len(t.text)
	fit := t.maxFit(s, avail)
	var best [lvlNever]int // the last fitting boundary of each level; 0 none
	i := s + 1
	for ; i <= n && t.trim(s, i) <= fit; i++ {
		if i == n || t.hard[i] {
			return t.mk(s, i, false)
		}
		if l := t.lv[i]; l < lvlNever {
			best[l] = i
		}
	}
	if squeeze {
		if ln, ok := t.squeeze(s, fit, avail); ok {
			return ln
		}
	}
	for l, b := range best {
		if b > 0 {
			return t.mk(s, b, l > int(lvlAllowed))
		}
	}
	// Not even one character fits.
	return t.mk(s, t.clusterEnd(s), true)
}

func (t *Text) mk(s, e int, forced bool) Line {
	return Line{Start: s, End: e, Width: float32(t.w.of(s, t.trim(s, e))), Forced: forced}
}

// squeeze tries to end the line starting at s after the closing marks that
// overflow it at fit, squeezing full-width punctuation to make them fit.
func (t *Text) squeeze(s, fit int, avail float64) (Line, bool) {
	n := len(t.text)
	e := fit
	for e < n && t.cls[e] == clsClose && propsOf(t.text[e])&propSqueeze != 0 {
		e++
	}
	if e == fit {
		return Line{}, false
	}
	// The break after the marks, past any white space and one newline.
	b := e
	for b < n && t.cls[b] == clsSpace {
		b++
	}
	if b < n && t.cls[b] == clsNewline {
		b = t.clusterEnd(b) // \r\n is one
	}
	if b < n && t.lv[b] != lvlAllowed && !t.hard[b] {
		return Line{}, false
	}
	natural := t.w.of(s, t.trim(s, b))
	need := natural - avail
	var saved float64
	var marks []int
	for k := e - 1; k >= s && saved < need; k-- {
		if propsOf(t.text[k])&propSqueeze == 0 {
			continue
		}
		adv := t.w.of(k, k+1)
		if adv < 0.75*t.em { // already narrow: no blank half to remove
			continue
		}
		saved += adv / 2
		marks = append(marks, k)
	}
	if saved < need {
		return Line{}, false
	}
	for l, r := 0, len(marks)-1; l < r; l, r = l+1, r-1 {
		marks[l], marks[r] = marks[r], marks[l]
	}
	return Line{Start: s, End: b, Width: float32(natural - saved), Squeezed: marks}, true
}
