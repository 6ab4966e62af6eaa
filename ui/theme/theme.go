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

// The reading text's measure (characters per line) and line pitch
// (distance between lines, in multiples of the text size), as offered in
// 查看 › 行宽 and 行距.
const (
	MeasureNarrow  = 30
	MeasureMedium  = 35
	MeasureWide    = 40
	DefaultMeasure = MeasureMedium

	PitchTight   float32 = 1.5
	PitchNormal  float32 = 1.75
	PitchLoose   float32 = 2.0
	DefaultPitch         = PitchNormal
	minMeasure           = 16
	maxMeasure           = 80
	minPitch     float32 = 1.2
	maxPitch     float32 = 3
)

// ClampMeasure keeps a measure setting in a sensible range; 0 (unset)
// gives DefaultMeasure.
func ClampMeasure(n int) int {
	if n <= 0 {
		return DefaultMeasure
	}
	return min(max(n, minMeasure), maxMeasure)
}

// ClampPitch keeps a line pitch setting in a sensible range; zero,
// negative or NaN give DefaultPitch.
func ClampPitch(p float32) float32 {
	if math.IsNaN(float64(p)) || p <= 0 {
		return DefaultPitch
	}
	return min(max(p, minPitch), maxPitch)
}

// Extra size names the reader's own layouts can ask the theme for.
const (
	// SizeNameReadingText is the size of the reading pane's body text: the
	// user's text size (Ctrl+= / Ctrl+-). The rest of the interface keeps
	// theme.SizeNameText.
	SizeNameReadingText fyne.ThemeSizeName = "huibian.readingText"
	// SizeNameReadingHeading and SizeNameReadingSubHeading are the
	// reading pane's heading sizes, in Fyne's proportion to its text.
	SizeNameReadingHeading    fyne.ThemeSizeName = "huibian.readingHeading"
	SizeNameReadingSubHeading fyne.ThemeSizeName = "huibian.readingSubHeading"
	// SizeNameReadingMeasure is the longest reading line, in characters
	// (a count, not a length).
	SizeNameReadingMeasure fyne.ThemeSizeName = "huibian.readingMeasure"
	// SizeNameReadingPitch is the distance between two lines of reading
	// text, in multiples of their size.
	SizeNameReadingPitch fyne.ThemeSizeName = "huibian.readingPitch"
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
	Measure  int     // reading line length in characters; see ClampMeasure
	Pitch    float32 // reading line pitch in multiples of TextSize; see ClampPitch
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
	s.Measure = ClampMeasure(s.Measure)
	s.Pitch = ClampPitch(s.Pitch)
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
	if c, ok := textColor(n, v); ok {
		return c
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

// Size implements fyne.Theme. The interface (menus, toolbar, tree, panels)
// is drawn at DefaultTextSize whatever the user's text size, with line
// spacing and padding a little looser than Fyne's; the user's text size
// and the spacing built on it apply to the reading text only, through the
// SizeNameReading* names.
func (t *ReaderTheme) Size(n fyne.ThemeSizeName) float32 {
	ui := DefaultTextSize
	reading := t.settings.TextSize
	switch n {
	case theme.SizeNameText:
		return ui
	case theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return round1(t.base.Size(n) * ui / defaultTextSize)
	case theme.SizeNameLineSpacing:
		return round1(max(t.base.Size(n), 0.35*ui))
	case theme.SizeNamePadding:
		return round1(max(t.base.Size(n), 0.3*ui))
	case theme.SizeNameInnerPadding:
		return round1(max(t.base.Size(n), 0.6*ui))
	case SizeNameReadingText:
		return reading
	case SizeNameReadingHeading:
		return round1(t.base.Size(theme.SizeNameHeadingText) * reading / defaultTextSize)
	case SizeNameReadingSubHeading:
		return round1(t.base.Size(theme.SizeNameSubHeadingText) * reading / defaultTextSize)
	case SizeNameReadingMeasure:
		return float32(t.settings.Measure)
	case SizeNameReadingPitch:
		return t.settings.Pitch
	case SizeNameParagraphSpacing:
		return round1(0.8 * reading)
	case SizeNameReadingMargin:
		return round1(1.6 * reading)
	}
	return t.base.Size(n)
}

// round1 rounds to one decimal, so sizes do not carry float noise.
func round1(f float32) float32 {
	return float32(math.Round(float64(f)*10) / 10)
}
