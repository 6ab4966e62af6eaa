// Package theme is the reader's look: the fyne.Theme with the bundled
// Chinese font, the light/dark/system setting, the reading text size and
// the spacing built on it, the highlight colours (highlight.go) and the
// toolbar icons Fyne lacks (icons.go). It knows nothing of the window.
package theme

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"huibian/assets"
)

// Theme variant settings, as stored in the user's preferences.
const (
	VariantSystem = "system" // follow the operating system
	VariantLight  = "light"
	VariantDark   = "dark"
)

// Text size limits of the reading text, in Fyne units (points at scale 1).
// Ctrl+= and Ctrl+- move by TextSizeStep within [MinTextSize, MaxTextSize].
const (
	DefaultTextSize float32 = 15
	MinTextSize     float32 = 11
	MaxTextSize     float32 = 28
	TextSizeStep    float32 = 1
)

// Extra size names the reader's own layouts can ask the theme for.
const (
	// SizeNameParagraphSpacing is the vertical gap between two paragraphs
	// of the reading text.
	SizeNameParagraphSpacing fyne.ThemeSizeName = "huibian.paragraphSpacing"
	// SizeNameReadingMargin is the horizontal margin around the reading text.
	SizeNameReadingMargin fyne.ThemeSizeName = "huibian.readingMargin"
)

// NormalizeVariant maps a stored variant setting to one of VariantSystem,
// VariantLight and VariantDark; anything unknown follows the system.
func NormalizeVariant(v string) string {
	switch v = strings.ToLower(strings.TrimSpace(v)); v {
	case VariantLight, VariantDark:
		return v
	default:
		return VariantSystem
	}
}

// ClampTextSize keeps a text size setting within [MinTextSize, MaxTextSize];
// zero, negative or NaN sizes give DefaultTextSize.
func ClampTextSize(size float32) float32 {
	switch {
	case math.IsNaN(float64(size)) || size <= 0: // unset
		return DefaultTextSize
	case size < MinTextSize:
		return MinTextSize
	case size > MaxTextSize:
		return MaxTextSize
	}
	return size
}

// StepTextSize returns the size steps TextSizeSteps away from size (negative
// steps make text smaller), clamped to the allowed range.
func StepTextSize(size float32, steps int) float32 {
	s := float32(math.Round(float64(ClampTextSize(size))))
	return ClampTextSize(s + float32(steps)*TextSizeStep)
}

// ThemeSettings are the user settings the theme depends on.
type ThemeSettings struct {
	Variant  string  // VariantSystem, VariantLight or VariantDark
	TextSize float32 // reading text size; see ClampTextSize
}

// fontSet holds the bundled font resources; built once and shared by every
// theme derived from the same constructor call.
type fontSet struct {
	regular, bold fyne.Resource
}

// ReaderTheme is the reader's fyne.Theme: the bundled Simplified Chinese
// font, a light/dark/system variant, a user text size with spacing suited
// to long Chinese paragraphs, and the highlight colours. Everything else
// comes from theme.DefaultTheme(). A ReaderTheme is immutable: to apply a new
// setting, derive a theme with WithSettings and set it on the app (or on a
// container.NewThemeOverride around the reading pane only).
type ReaderTheme struct {
	base     fyne.Theme
	fonts    *fontSet
	settings ThemeSettings
	forced   fyne.ThemeVariant // used when settings.Variant is not system
}

var _ fyne.Theme = (*ReaderTheme)(nil)

// NewReaderTheme builds the theme and its font resources.
func NewReaderTheme(s ThemeSettings) *ReaderTheme {
	fonts := &fontSet{
		regular: fyne.NewStaticResource("HuibianSans-Regular.otf", assets.FontRegular),
		bold:    fyne.NewStaticResource("HuibianSans-Bold.otf", assets.FontBold),
	}
	return newReaderTheme(theme.DefaultTheme(), fonts, s)
}

func newReaderTheme(base fyne.Theme, fonts *fontSet, s ThemeSettings) *ReaderTheme {
	s.Variant = NormalizeVariant(s.Variant)
	s.TextSize = ClampTextSize(s.TextSize)
	t := &ReaderTheme{base: base, fonts: fonts, settings: s}
	switch s.Variant {
	case VariantLight:
		t.forced = theme.VariantLight
	case VariantDark:
		t.forced = theme.VariantDark
	}
	return t
}

// Settings returns the theme's normalized settings.
func (t *ReaderTheme) Settings() ThemeSettings { return t.settings }

// WithSettings returns a theme with other settings that shares this one's
// font resources.
func (t *ReaderTheme) WithSettings(s ThemeSettings) *ReaderTheme {
	return newReaderTheme(t.base, t.fonts, s)
}

// Variant returns the variant colours are drawn in when Fyne asks with
// system: the forced one for light or dark, else system itself.
func (t *ReaderTheme) Variant(system fyne.ThemeVariant) fyne.ThemeVariant {
	if t.settings.Variant == VariantSystem {
		return system
	}
	return t.forced
}

// Color implements fyne.Theme. A light or dark setting overrides the
// variant Fyne passes in; the highlight names are answered here.
func (t *ReaderTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.Variant(v)
	if name, ok := strings.CutPrefix(string(n), highlightPrefix); ok {
		return HighlightColor(name, v)
	}
	return t.base.Color(n, v)
}

// Font implements fyne.Theme: bold (and bold italic) text uses the bundled
// bold face, everything else the regular one. There is no italic Chinese
// face, and monospace text uses the regular face too, because the default
// monospace font has no Han glyphs. Symbol text keeps Fyne's symbol font.
func (t *ReaderTheme) Font(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Symbol:
		return t.base.Font(style)
	case style.Bold:
		return t.fonts.bold
	default:
		return t.fonts.regular
	}
}

// Icon implements fyne.Theme with the default icons.
func (t *ReaderTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return t.base.Icon(n)
}

// defaultTextSize is Fyne's own text size, the base the heading sizes are
// designed against.
const defaultTextSize = 14

// Size implements fyne.Theme. Text sizes scale with the text size setting
// (headings keep their default proportion to body text); line spacing and
// padding grow with it, looser than Fyne's defaults, for long Chinese
// paragraphs.
func (t *ReaderTheme) Size(n fyne.ThemeSizeName) float32 {
	size := t.settings.TextSize
	scale := size / defaultTextSize
	switch n {
	case theme.SizeNameText:
		return size
	case theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return round1(t.base.Size(n) * scale)
	case theme.SizeNameLineSpacing:
		// Space between separate rows of text. Within a word-wrapped
		// paragraph Fyne stacks lines at the font's line box instead, which
		// assets/font/build.sh makes 1.65 em (Noto Sans CJK has 1.45 em).
		return round1(max(t.base.Size(n), 0.35*size))
	case theme.SizeNamePadding:
		return round1(max(t.base.Size(n), 0.3*size))
	case theme.SizeNameInnerPadding:
		return round1(max(t.base.Size(n), 0.6*size))
	case SizeNameParagraphSpacing:
		return round1(0.8 * size)
	case SizeNameReadingMargin:
		return round1(1.6 * size)
	}
	return t.base.Size(n)
}

// round1 rounds to one decimal, so sizes do not carry float noise.
func round1(f float32) float32 {
	return float32(math.Round(float64(f)*10) / 10)
}
