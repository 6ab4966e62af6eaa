package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
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
)

// highlightPrefix turns a highlight name into a theme colour name.
const highlightPrefix = "huibian.highlight."

// HighlightColorName is the theme colour name of a highlight, for
// theme.Color / fyne.Theme.Color lookups.
func HighlightColorName(name string) fyne.ThemeColorName {
	return fyne.ThemeColorName(highlightPrefix + name)
}

type highlightPair struct{ light, dark color.NRGBA }

// highlights are opaque fills drawn behind text. Light ones are pale enough
// for the light theme's near-black text, dark ones deep enough for the dark
// theme's near-white text (theme_test checks a contrast ratio of at least
// 4.5 against the default foreground in each variant).
var highlights = map[string]highlightPair{
	HighlightYellow:        {rgb(0xFF, 0xE9, 0x8F), rgb(0x6B, 0x58, 0x10)},
	HighlightGreen:         {rgb(0xC3, 0xEB, 0xB8), rgb(0x2B, 0x57, 0x30)},
	HighlightBlue:          {rgb(0xBF, 0xDC, 0xFF), rgb(0x1E, 0x46, 0x78)},
	HighlightPink:          {rgb(0xFF, 0xCC, 0xE0), rgb(0x6E, 0x2A, 0x49)},
	HighlightPurple:        {rgb(0xDE, 0xD0, 0xF7), rgb(0x4B, 0x34, 0x7A)},
	HighlightSearch:        {rgb(0xFF, 0xD8, 0x66), rgb(0x7A, 0x5C, 0x00)},
	HighlightSearchCurrent: {rgb(0xFF, 0xC2, 0x7A), rgb(0x8C, 0x40, 0x00)},
}

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
