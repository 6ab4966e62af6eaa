package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"huibian/app/notes"
)

// Highlight names: the five note highlight colours and the two search
// highlights. The same strings are used as theme colour names (prefixed by
// "huibian.highlight."), so widgets can also ask theme.Color for them.
const (
	HighlightYellow        = "yellow"
	HighlightGreen         = "green"
	HighlightBlue          = "blue"
	HighlightPink          = "pink"
	HighlightPurple        = "purple"
	HighlightSearch        = "search"         // every search match
	HighlightSearchCurrent = "search-current" // the match the reader is on
	HighlightSelection     = "selection"      // 编辑 › 全选 in the reading pane
)

// highlightPrefix turns a highlight name into a theme colour name.
const highlightPrefix = "huibian.highlight."

// HighlightColorName is the theme colour name of a highlight, for
// theme.Color / fyne.Theme.Color lookups.
func HighlightColorName(name string) fyne.ThemeColorName {
	return fyne.ThemeColorName(highlightPrefix + name)
}

type highlightPair struct{ light, dark color.NRGBA }

// highlights are opaque fills drawn behind text: the note colours of
// notes.Palette() and the two search highlights. Light ones are pale enough
// for the light theme's near-black text, dark ones deep enough for the dark
// theme's near-white text (theme_test checks a contrast ratio of at least
// 4.5 against the foreground in each variant).
var highlights = func() map[string]highlightPair {
	m := map[string]highlightPair{
		HighlightSearch:        {rgb(0xFF, 0xD8, 0x66), rgb(0x7A, 0x5C, 0x00)},
		HighlightSearchCurrent: {rgb(0xFF, 0xC2, 0x7A), rgb(0x8C, 0x40, 0x00)},
		HighlightSelection:     {rgb(0xB4, 0xD5, 0xFE), rgb(0x26, 0x4F, 0x78)},
	}
	for _, c := range notes.Palette() {
		m[string(c.Color)] = highlightPair{c.Light, c.Dark}
	}
	return m
}()

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xFF} }

// HighlightColor returns the fill colour of a highlight for a theme variant.
// An unknown name gives the yellow note colour, so a note stored with a
// colour this version does not know still shows highlighted.
func HighlightColor(name string, variant fyne.ThemeVariant) color.Color {
	p, ok := highlights[name]
	if !ok {
		p = highlights[HighlightYellow]
	}
	if variant == theme.VariantDark {
		return p.dark
	}
	return p.light
}

// IsHighlight reports whether name is a known highlight name.
func IsHighlight(name string) bool {
	_, ok := highlights[name]
	return ok
}
