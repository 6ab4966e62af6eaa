package ui

import (
	"bytes"
	"unicode"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"
)

// lineSpan is one wrapped line of a paragraph: runes [begin, end).
type lineSpan struct{ begin, end int }

// textMetrics measures text of one size and style by summing per-rune
// advances, cached. It exists so that the reading pane can know how a
// word-wrapped Label will break a paragraph without asking the Label to
// wrap it (which shapes every candidate substring and is far too slow to do
// for a whole document on each switch). For the bundled CJK font, whose Han
// glyphs and full-width punctuation all advance one em, the sum equals the
// shaped width; rows whose real height still differs are corrected after
// they are drawn (see paraRow.Layout).
//
// Advances come from the theme font's own metrics (hmtx) where it has the
// glyph, scaled by a factor calibrated with one fyne.MeasureText call: Fyne
// shapes every measured string with a new HarfBuzz font, which for a CJK
// font costs far more than reading an advance.
type textMetrics struct {
	size    float32
	style   fyne.TextStyle
	advance map[rune]float32
	lineH   float32
	face    *font.Face // nil: measure every rune with fyne.MeasureText
	scale   float32    // Fyne units per font unit
}

// newTextMetrics measures text of one size and style; faces caches the
// parsed theme fonts by resource and is shared between sizes.
func newTextMetrics(size float32, style fyne.TextStyle, faces map[fyne.Resource]*font.Face) *textMetrics {
	const probe = '汉'
	ref := fyne.MeasureText(string(probe), size, style)
	m := &textMetrics{size: size, style: style, advance: map[rune]float32{}, lineH: ref.Height}
	res := fyne.CurrentApp().Settings().Theme().Font(style)
	face, ok := faces[res]
	if !ok && res != nil {
		face, _ = font.ParseTTF(bytes.NewReader(res.Content()))
		faces[res] = face // nil if it does not parse: measure instead
	}
	if face != nil {
		if gid, ok := face.NominalGlyph(probe); ok {
			if adv := face.HorizontalAdvance(gid); adv > 0 {
				m.face, m.scale = face, ref.Width/adv
			}
		}
	}
	return m
}

func (m *textMetrics) runeWidth(r rune) float32 {
	if w, ok := m.advance[r]; ok {
		return w
	}
	var w float32
	if gid, ok := m.faceGlyph(r); ok {
		w = m.face.HorizontalAdvance(gid) * m.scale
	} else {
		w = fyne.MeasureText(string(r), m.size, m.style).Width
	}
	m.advance[r] = w
	return w
}

func (m *textMetrics) faceGlyph(r rune) (font.GID, bool) {
	if m.face == nil || r < ' ' {
		return 0, false
	}
	return m.face.NominalGlyph(r)
}

// width of text[low:high], with prefix sums to answer in O(1).
type widths struct{ prefix []float32 }

func (m *textMetrics) prefixWidths(text []rune) widths {
	p := make([]float32, len(text)+1)
	for i, r := range text {
		p[i+1] = p[i] + m.runeWidth(r)
	}
	return widths{p}
}

func (w widths) of(low, high int) float32 { return w.prefix[high] - w.prefix[low] }

// wrapWord breaks text the way widget.RichText does for fyne.TextWrapWord
// (fyne v2.7.1 widget/richtext.go lineBounds), given per-rune widths:
// the longest prefix that fits, moved back to the last space if there is one.
func wrapWord(text []rune, w widths, maxWidth float32) []lineSpan {
	var out []lineSpan
	lineStart := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		out = wrapLine(out, text, w, lineStart, i, maxWidth)
		lineStart = i + 1
	}
	return out
}

func wrapLine(out []lineSpan, text []rune, w widths, low, end int, maxWidth float32) []lineSpan {
	if low == end {
		return append(out, lineSpan{low, low})
	}
	high := end
	fits := func(lo, hi int) bool { return w.of(lo, hi) <= maxWidth }
	for low < high {
		sub := text[low:high]
		subWidth := w.of(low, high)
		if subWidth <= maxWidth {
			out = append(out, lineSpan{low, high})
			low = high
			high = end
			if low < high && unicode.IsSpace(text[low]) {
				low++
			}
			continue
		}
		oldHigh := high
		last := low + len(sub) - 1
		fallback := binarySearch(fits, low, last) - low
		if fallback < 1 { // even one character does not fit
			out = append(out, lineSpan{low, low + 1})
			low++
			high = low + 1
			if high > end {
				return out
			}
		} else {
			space := findSpace(sub, fallback)
			if space == 0 {
				space = 1
			}
			high = low + space
		}
		if high == fallback && subWidth <= maxWidth {
			// Mirrors a branch of Fyne's lineBounds; unreachable when the
			// whole line does not fit, kept for fidelity.
			out = append(out, lineSpan{low, low})
			high = oldHigh
		}
	}
	return out
}

// binarySearch is fyne's widget.binarySearch.
func binarySearch(lessMaxWidth func(int, int) bool, low, maxHigh int) int {
	if low >= maxHigh {
		return low
	}
	if lessMaxWidth(low, maxHigh) {
		return maxHigh
	}
	high := low
	delta := maxHigh - low
	for delta > 0 {
		delta /= 2
		if lessMaxWidth(low, high+delta) {
			high += delta
		}
	}
	for high < maxHigh && lessMaxWidth(low, high+1) {
		high++
	}
	return high
}

// findSpace is fyne's widget.findSpaceIndex.
func findSpace(text []rune, fallback int) int {
	i := fallback
	for ; i >= 0; i-- {
		if unicode.IsSpace(text[i]) {
			break
		}
	}
	if i < 0 {
		return fallback
	}
	return i
}
