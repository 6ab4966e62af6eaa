// Package typeset lays out and draws paragraphs of Chinese text: lines
// broken by the rules of app/linebreak (no closing punctuation at a line
// start, no opening punctuation at a line end, numbers with their units
// kept together), measured with the real advances of the theme's font, an
// optional first-line indent (首行缩进两字), a chosen line pitch, and a
// Block widget that draws such a layout with highlight marks and lets the
// reader select and copy text within it.
//
// The reading pane, the search results, the notes panel and the comparison
// view use it, so that text breaks the same way everywhere.
package typeset

import (
	"bytes"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"

	"huibian/app/linebreak"
)

// Metrics measures text of one size and style by summing per-rune
// advances, cached per rune. Advances come from the theme font's own
// metrics (hmtx) where it has the glyph, scaled by a factor calibrated with
// one fyne.MeasureText call: Fyne shapes every measured string with a new
// HarfBuzz font, which for a CJK font costs far more than reading an
// advance. The bundled font keeps no layout features (no kerning), so the
// sum is the drawn width. Runes the font lacks are measured with
// fyne.MeasureText one by one.
//
// A Metrics is not safe for concurrent use; the UI goroutine owns it.
type Metrics struct {
	size    float32
	style   fyne.TextStyle
	advance map[rune]float32
	boxH    float32    // height of one line box of the font at size
	face    *font.Face // nil: measure every rune with fyne.MeasureText
	scale   float32    // Fyne units per font unit
}

// Faces caches parsed theme fonts and the Metrics built on them, by size
// and style. The zero value is not usable: call NewFaces.
type Faces struct {
	faces   map[fyne.Resource]*font.Face
	metrics map[metricsKey]*Metrics
}

type metricsKey struct {
	size float32
	bold bool
}

// NewFaces returns an empty cache.
func NewFaces() *Faces {
	return &Faces{faces: map[fyne.Resource]*font.Face{}, metrics: map[metricsKey]*Metrics{}}
}

// Reset forgets the metrics (after a theme change), keeping parsed fonts.
func (f *Faces) Reset() { clear(f.metrics) }

// Metrics returns the metrics of text of size and style (only Bold counts)
// in the current app theme's font.
func (f *Faces) Metrics(size float32, style fyne.TextStyle) *Metrics {
	k := metricsKey{size, style.Bold}
	if m, ok := f.metrics[k]; ok {
		return m
	}
	m := f.newMetrics(size, fyne.TextStyle{Bold: style.Bold})
	f.metrics[k] = m
	return m
}

func (f *Faces) newMetrics(size float32, style fyne.TextStyle) *Metrics {
	const probe = '汉'
	ref := fyne.MeasureText(string(probe), size, style)
	m := &Metrics{size: size, style: style, advance: map[rune]float32{}, boxH: ref.Height}
	res := fyne.CurrentApp().Settings().Theme().Font(style)
	face, ok := f.faces[res]
	if !ok && res != nil {
		face, _ = font.ParseTTF(bytes.NewReader(res.Content()))
		f.faces[res] = face // nil if it does not parse: measure instead
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

// Size is the text size measured.
func (m *Metrics) Size() float32 { return m.size }

// Style is the text style measured.
func (m *Metrics) Style() fyne.TextStyle { return m.style }

// BoxHeight is the height of one line of text as Fyne draws it (the font's
// line box).
func (m *Metrics) BoxHeight() float32 { return m.boxH }

// Advance is the width of one rune; a newline has none.
func (m *Metrics) Advance(r rune) float32 {
	if w, ok := m.advance[r]; ok {
		return w
	}
	var w float32
	if r != '\n' && r != '\r' {
		gid, ok := font.GID(0), false
		if m.face != nil && r >= ' ' {
			gid, ok = m.face.NominalGlyph(r)
		}
		if ok {
			w = m.face.HorizontalAdvance(gid) * m.scale
		} else {
			w = fyne.MeasureText(string(r), m.size, m.style).Width
		}
	}
	m.advance[r] = w
	return w
}

// Measure is m as a linebreak.Measure.
func (m *Metrics) Measure() linebreak.Advances { return m.Advance }

// Width is the width of text on one line.
func (m *Metrics) Width(text string) float32 {
	var w float32
	for _, r := range text {
		w += m.Advance(r)
	}
	return w
}
