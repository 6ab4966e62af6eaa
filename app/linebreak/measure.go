package linebreak

// Measure gives the width of text in the caller's units (for the reading
// pane: Fyne units at the text size in use). Widths must not decrease when
// text grows at its end.
type Measure interface {
	// Width is the advance width of text drawn as one run on one line.
	Width(text []rune) float32
}

// Advances is a Measure that adds up per-rune advances. The breaker then
// answers every width from prefix sums, in constant time. It is exact for
// fonts that neither kern nor shape across characters, as the bundled CJK
// font (its subset keeps no layout features).
type Advances func(r rune) float32

// Width implements Measure.
func (a Advances) Width(text []rune) float32 {
	var w float32
	for _, r := range text {
		w += a(r)
	}
	return w
}

// Strings is a Measure that measures whole strings, for renderers that
// shape text (kerning, ligatures). The breaker measures each candidate line
// with it: O(log n) calls per line.
type Strings func(s string) float32

// Width implements Measure.
func (f Strings) Width(text []rune) float32 { return f(string(text)) }

// widthFunc answers the width of text[lo:hi] for one prepared text, in
// float64: float32 prefix sums over a long paragraph lose the precision
// that decides whether a line fits exactly.
type widthFunc interface {
	of(lo, hi int) float64
	// prefix reports whether of is answered from prefix sums (cheap).
	prefix() bool
}

// prefixWidths answers widths from prefix sums of rune advances.
type prefixWidths []float64

func (p prefixWidths) of(lo, hi int) float64 { return p[hi] - p[lo] }
func (p prefixWidths) prefix() bool          { return true }

// measured answers widths by asking a Measure about each substring.
type measured struct {
	m    Measure
	text []rune
}

func (m measured) of(lo, hi int) float64 {
	if hi <= lo {
		return 0
	}
	return float64(m.m.Width(m.text[lo:hi]))
}
func (m measured) prefix() bool { return false }
