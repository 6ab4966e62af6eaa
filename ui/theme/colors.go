package theme

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ColorNameSecondaryText is the colour of text that matters less than the
// body (the breadcrumb, remarks of the reader, tags such as 仅提纲): lighter
// than the foreground but, unlike Fyne's disabled colour, readable (WCAG AA,
// at least 4.5:1 against the background).
const ColorNameSecondaryText fyne.ThemeColorName = "huibian.secondaryText"

// textColors are the reader's own text colours and its replacements for
// Fyne's, where Fyne's fall below 4.5:1 against the background they are
// drawn on (light placeholder #888 is 3.5:1, warning orange 2.1:1, primary
// blue 4.3:1, error red 3.7:1 on white).
var textColors = map[fyne.ThemeColorName]highlightPair{
	ColorNameSecondaryText:     {rgb(0x5E, 0x5E, 0x5E), rgb(0xB4, 0xB4, 0xB8)},
	theme.ColorNamePlaceHolder: {rgb(0x67, 0x67, 0x67), rgb(0xB2, 0xB2, 0xB2)},
	theme.ColorNameWarning:     {rgb(0xA8, 0x4A, 0x00), rgb(0xFF, 0xA7, 0x26)},
	theme.ColorNamePrimary:     {rgb(0x1A, 0x5F, 0xD6), rgb(0x5C, 0x9D, 0xFF)},
	theme.ColorNameHyperlink:   {rgb(0x1A, 0x5F, 0xD6), rgb(0x7A, 0xB2, 0xFF)},
	theme.ColorNameError:       {rgb(0xC6, 0x28, 0x28), rgb(0xFF, 0x6E, 0x61)},
	// Dark primary is light enough for text on the page, so what is
	// written on it (a primary button's label) is dark.
	theme.ColorNameForegroundOnPrimary: {rgb(0xFF, 0xFF, 0xFF), rgb(0x17, 0x17, 0x18)},
}

// textColor answers the names in textColors.
func textColor(n fyne.ThemeColorName, v fyne.ThemeVariant) (color.Color, bool) {
	p, ok := textColors[n]
	if !ok {
		return nil, false
	}
	if v == theme.VariantDark {
		return p.dark, true
	}
	return p.light, true
}

// TextPair is a text colour and a background it is drawn on, both theme
// colour names (the background may be a highlight's, see
// HighlightColorName).
type TextPair struct{ Text, Background fyne.ThemeColorName }

// TextPairs lists every pair of theme colours the reader draws text in:
// the tests hold each to WCAG AA (4.5:1) in both variants.
func TextPairs() []TextPair {
	var ps []TextPair
	for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameHeaderBackground,
		theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground} {
		ps = append(ps, TextPair{theme.ColorNameForeground, bg})
	}
	for _, fg := range []fyne.ThemeColorName{ColorNameSecondaryText, theme.ColorNamePrimary, theme.ColorNameHyperlink,
		theme.ColorNameWarning, theme.ColorNameError} {
		ps = append(ps, TextPair{fg, theme.ColorNameBackground}, TextPair{fg, theme.ColorNameOverlayBackground})
	}
	ps = append(ps, TextPair{theme.ColorNamePlaceHolder, theme.ColorNameInputBackground},
		TextPair{theme.ColorNamePlaceHolder, theme.ColorNameBackground},
		TextPair{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
		TextPair{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
		TextPair{theme.ColorNameForegroundOnError, theme.ColorNameError})
	for name := range highlights {
		ps = append(ps, TextPair{theme.ColorNameForeground, HighlightColorName(name)})
	}
	return ps
}

// Contrast is the WCAG 2.x contrast ratio of two opaque colours, from 1
// to 21 (blend translucent ones with Over first).
func Contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		lin := func(v uint32) float64 {
			s := float64(v) / 0xFFFF
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Over blends c over the opaque colour bg (for translucent theme colours
// such as the selection).
func Over(c, bg color.Color) color.Color {
	r, g, b, a := c.RGBA()
	br, bgc, bb, _ := bg.RGBA()
	mix := func(f, k uint32) uint8 { return uint8((f + k*(0xFFFF-a)/0xFFFF) >> 8) }
	return color.NRGBA{R: mix(r, br), G: mix(g, bgc), B: mix(b, bb), A: 0xFF}
}
