package theme

import (
	"bytes"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"huibian/app/notes"
	"huibian/assets"
)

// parseFont parses a font resource the way Fyne's painter does.
func parseFont(t *testing.T, res fyne.Resource) *font.Face {
	t.Helper()
	face, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatalf("%s does not parse as OpenType: %v", res.Name(), err)
	}
	return face
}

func TestThemeFonts(t *testing.T) {
	th := NewReaderTheme(ThemeSettings{})
	regular := th.Font(fyne.TextStyle{})
	bold := th.Font(fyne.TextStyle{Bold: true})
	cases := []struct {
		name  string
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{"regular", fyne.TextStyle{}, regular},
		{"bold", fyne.TextStyle{Bold: true}, bold},
		{"bold italic", fyne.TextStyle{Bold: true, Italic: true}, bold},
		{"italic", fyne.TextStyle{Italic: true}, regular},
		{"monospace", fyne.TextStyle{Monospace: true}, regular},
		{"bold monospace", fyne.TextStyle{Monospace: true, Bold: true}, bold},
	}
	for _, c := range cases {
		if got := th.Font(c.style); got != c.want {
			t.Errorf("%s: Font = %s, want %s", c.name, got.Name(), c.want.Name())
		}
	}
	if regular == bold || bytes.Equal(regular.Content(), bold.Content()) {
		t.Fatal("bold style returns the regular face")
	}
	if !bytes.Equal(regular.Content(), assets.FontRegular) || !bytes.Equal(bold.Content(), assets.FontBold) {
		t.Error("font resources are not the embedded fonts")
	}
	if th.Font(fyne.TextStyle{Symbol: true}) != theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true}) {
		t.Error("symbol style does not keep Fyne's symbol font")
	}
	// Derived themes share the resources built once by the constructor.
	if th.WithSettings(ThemeSettings{TextSize: 20}).Font(fyne.TextStyle{Bold: true}) != bold {
		t.Error("WithSettings rebuilt the font resources")
	}

	seed := string(assets.Compilation)
	for _, c := range []struct {
		res    fyne.Resource
		weight font.Weight
	}{{regular, font.WeightNormal}, {bold, font.WeightBold}} {
		b := c.res.Content()
		if len(b) < 1<<20 {
			t.Errorf("%s: %d bytes, too small for GB 2312", c.res.Name(), len(b))
		}
		if !bytes.HasPrefix(b, []byte("OTTO")) {
			t.Errorf("%s: starts with %q, want the OpenType CFF magic OTTO", c.res.Name(), b[:4])
		}
		face := parseFont(t, c.res)
		if w := face.Describe().Aspect.Weight; w != c.weight {
			t.Errorf("%s: weight %v, want %v", c.res.Name(), w, c.weight)
		}
		// Every character a reader sees in the built-in compilation, plus
		// GB 2312 corners, punctuation and UI symbols, has a glyph.
		missing := map[rune]bool{}
		for _, r := range seed + "啊座亍齄“”‘’—…《》，。、；：？！（）【】·›★☆●←→AZaz09" {
			if r < 0x20 {
				continue
			}
			if _, ok := face.NominalGlyph(r); !ok {
				missing[r] = true
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: no glyph for %d characters, e.g. %q", c.res.Name(), len(missing), keys(missing))
		}
		// Characters outside the subset are really left out (it is a subset).
		if _, ok := face.NominalGlyph('龘'); ok {
			t.Errorf("%s: has 龘, which is not in GB 2312: not subset?", c.res.Name())
		}
	}
}

func keys(m map[rune]bool) string {
	var rs []rune
	for r := range m {
		rs = append(rs, r)
		if len(rs) == 10 {
			break
		}
	}
	return string(rs)
}

func TestFontLicence(t *testing.T) {
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "Adobe"} {
		if !bytes.Contains([]byte(assets.FontLicence), []byte(want)) {
			t.Errorf("FontLicence lacks %q", want)
		}
	}
}

func TestThemeTextSizes(t *testing.T) {
	def := theme.DefaultTheme()
	cases := []struct {
		name    string
		setting float32
		want    float32
	}{
		{"unset gives the default", 0, DefaultTextSize},
		{"negative gives the default", -3, DefaultTextSize},
		{"NaN gives the default", float32(math.NaN()), DefaultTextSize},
		{"in range kept", 18, 18},
		{"minimum", MinTextSize, MinTextSize},
		{"below minimum clamped", 6, MinTextSize},
		{"maximum", MaxTextSize, MaxTextSize},
		{"above maximum clamped", 72, MaxTextSize},
	}
	ui := NewReaderTheme(ThemeSettings{})
	for _, c := range cases {
		th := NewReaderTheme(ThemeSettings{TextSize: c.setting})
		if got := th.Size(SizeNameReadingText); got != c.want {
			t.Errorf("%s: reading text size = %v, want %v", c.name, got, c.want)
		}
		if got := th.Settings().TextSize; got != c.want {
			t.Errorf("%s: Settings().TextSize = %v, want %v", c.name, got, c.want)
		}
		// The interface keeps its sizes whatever the reading text size.
		for _, n := range []fyne.ThemeSizeName{theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
			theme.SizeNameCaptionText, theme.SizeNameLineSpacing, theme.SizeNamePadding, theme.SizeNameInnerPadding} {
			if got, want := th.Size(n), ui.Size(n); got != want {
				t.Errorf("%s: interface size %s = %v, want %v", c.name, n, got, want)
			}
		}
		// Reading headings keep Fyne's proportion to body text.
		scale := c.want / def.Size(theme.SizeNameText)
		for n, base := range map[fyne.ThemeSizeName]fyne.ThemeSizeName{SizeNameReadingHeading: theme.SizeNameHeadingText, SizeNameReadingSubHeading: theme.SizeNameSubHeadingText} {
			want := def.Size(base) * scale
			if got := th.Size(n); math.Abs(float64(got-want)) > 0.051 {
				t.Errorf("%s: %s = %v, want %v", c.name, n, got, want)
			}
		}
		// Spacing never gets tighter than Fyne's default.
		for _, n := range []fyne.ThemeSizeName{theme.SizeNameLineSpacing, theme.SizeNamePadding, theme.SizeNameInnerPadding} {
			if got := th.Size(n); got < def.Size(n) {
				t.Errorf("%s: %s = %v, below the default %v", c.name, n, got, def.Size(n))
			}
		}
		// Everything else is Fyne's.
		for _, n := range []fyne.ThemeSizeName{theme.SizeNameInlineIcon, theme.SizeNameScrollBar, theme.SizeNameSeparatorThickness} {
			if got := th.Size(n); got != def.Size(n) {
				t.Errorf("%s: %s = %v, want default %v", c.name, n, got, def.Size(n))
			}
		}
	}

	small := NewReaderTheme(ThemeSettings{TextSize: MinTextSize})
	large := NewReaderTheme(ThemeSettings{TextSize: MaxTextSize})
	for _, n := range []fyne.ThemeSizeName{SizeNameReadingText, SizeNameReadingHeading, SizeNameParagraphSpacing, SizeNameReadingMargin} {
		if small.Size(n) >= large.Size(n) {
			t.Errorf("%s does not grow with the text size: %v at %v, %v at %v", n, small.Size(n), MinTextSize, large.Size(n), MaxTextSize)
		}
	}
	if got := NewReaderTheme(ThemeSettings{}).Size(theme.SizeNameLineSpacing); got <= 4 {
		t.Errorf("line spacing at the default size = %v, want more than 4", got)
	}
	// Measure and pitch: unset gives the defaults, nonsense is clamped.
	for _, c := range []struct {
		measure int
		pitch   float32
		wantM   float32
		wantP   float32
	}{
		{0, 0, DefaultMeasure, DefaultPitch},
		{MeasureNarrow, PitchTight, MeasureNarrow, PitchTight},
		{MeasureWide, PitchLoose, MeasureWide, PitchLoose},
		{1, 0.1, minMeasure, minPitch},
		{1000, 99, maxMeasure, maxPitch},
		{-5, float32(math.NaN()), DefaultMeasure, DefaultPitch},
	} {
		th := NewReaderTheme(ThemeSettings{Measure: c.measure, Pitch: c.pitch})
		if got := th.Size(SizeNameReadingMeasure); got != c.wantM {
			t.Errorf("measure %d: %v, want %v", c.measure, got, c.wantM)
		}
		if got := th.Size(SizeNameReadingPitch); got != c.wantP {
			t.Errorf("pitch %v: %v, want %v", c.pitch, got, c.wantP)
		}
	}
}

// Every theme colour pair used for text reaches WCAG AA (4.5:1) in both
// variants; translucent colours are blended over the page first.
func TestTextContrast(t *testing.T) {
	test.NewTempApp(t)
	th := NewReaderTheme(ThemeSettings{})
	pairs := TextPairs()
	if len(pairs) < 20 {
		t.Fatalf("only %d text colour pairs", len(pairs))
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		page := th.Color(theme.ColorNameBackground, v)
		for _, p := range pairs {
			bg := Over(th.Color(p.Background, v), page)
			fg := Over(th.Color(p.Text, v), bg)
			if r := Contrast(fg, bg); r < 4.5 {
				t.Errorf("variant %v: %s on %s: contrast %.2f, want at least 4.5", v, p.Text, p.Background, r)
			}
		}
		// The selection is drawn over text: text stays readable on it.
		// (the selected tree row carries secondary text: markers, 仅提纲).
		sel := Over(th.Color(theme.ColorNameSelection, v), page)
		for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, ColorNameSecondaryText} {
			if r := Contrast(th.Color(fg, v), sel); r < 4.5 {
				t.Errorf("variant %v: %s on the selection: contrast %.2f", v, fg, r)
			}
		}
	}
	// The check can fail: Fyne's disabled colour, which the reader no
	// longer uses for text, is far below.
	light := theme.VariantLight
	if r := Contrast(th.Color(theme.ColorNameDisabled, light), th.Color(theme.ColorNameBackground, light)); r >= 4.5 {
		t.Errorf("disabled colour contrast %.2f: the check would not catch faded text", r)
	}
}

func TestStepTextSize(t *testing.T) {
	cases := []struct {
		size  float32
		steps int
		want  float32
	}{
		{15, 1, 16},
		{15, -1, 14},
		{15, 3, 18},
		{15.4, 1, 16},
		{MaxTextSize, 1, MaxTextSize},
		{MinTextSize, -1, MinTextSize},
		{12, -5, MinTextSize},
		{0, 1, DefaultTextSize + 1},
		{100, -1, MaxTextSize - 1},
	}
	for _, c := range cases {
		if got := StepTextSize(c.size, c.steps); got != c.want {
			t.Errorf("StepTextSize(%v, %d) = %v, want %v", c.size, c.steps, got, c.want)
		}
	}
	// Stepping up from the minimum reaches the maximum and stays there.
	s, n := MinTextSize, 0
	for ; s < MaxTextSize && n < 100; n++ {
		s = StepTextSize(s, 1)
	}
	if s != MaxTextSize || n != int((MaxTextSize-MinTextSize)/TextSizeStep) {
		t.Errorf("stepping up from %v: reached %v in %d steps", MinTextSize, s, n)
	}
}

func TestThemeVariant(t *testing.T) {
	test.NewTempApp(t) // the default theme reads the app's primary colour
	def := theme.DefaultTheme()
	lightBg := def.Color(theme.ColorNameBackground, theme.VariantLight)
	darkBg := def.Color(theme.ColorNameBackground, theme.VariantDark)
	if lightBg == darkBg {
		t.Fatal("default light and dark backgrounds are equal; test cannot tell them apart")
	}
	cases := []struct {
		setting string
		asked   fyne.ThemeVariant
		want    color.Color
	}{
		{VariantSystem, theme.VariantLight, lightBg},
		{VariantSystem, theme.VariantDark, darkBg},
		{VariantLight, theme.VariantDark, lightBg},
		{VariantLight, theme.VariantLight, lightBg},
		{VariantDark, theme.VariantLight, darkBg},
		{VariantDark, theme.VariantDark, darkBg},
		{"", theme.VariantDark, darkBg},        // unset follows the system
		{"sepia", theme.VariantLight, lightBg}, // unknown follows the system
		{" Dark ", theme.VariantLight, darkBg}, // stored with stray case/space
	}
	for _, c := range cases {
		th := NewReaderTheme(ThemeSettings{Variant: c.setting})
		if got := th.Color(theme.ColorNameBackground, c.asked); got != c.want {
			t.Errorf("variant %q asked %v: background %v, want %v", c.setting, c.asked, got, c.want)
		}
	}
	if got := NewReaderTheme(ThemeSettings{Variant: "sepia"}).Settings().Variant; got != VariantSystem {
		t.Errorf("unknown variant normalized to %q, want %q", got, VariantSystem)
	}

	// The override reaches rendered objects when the theme is the app's.
	app := test.NewTempApp(t)
	app.Settings().SetTheme(NewReaderTheme(ThemeSettings{Variant: VariantDark}))
	if got := theme.Color(theme.ColorNameBackground); got != darkBg {
		t.Errorf("app theme dark: background %v, want %v", got, darkBg)
	}
	app.Settings().SetTheme(NewReaderTheme(ThemeSettings{Variant: VariantLight}))
	if got := theme.Color(theme.ColorNameBackground); got != lightBg {
		t.Errorf("app theme light: background %v, want %v", got, lightBg)
	}
	txt := canvas.NewText("意识形态", color.Black)
	txt.TextStyle.Bold = true
	if got := theme.Font(txt.TextStyle); !bytes.Equal(got.Content(), assets.FontBold) {
		t.Errorf("app theme: bold text font is %s", got.Name())
	}
}

func TestContrastKnownValues(t *testing.T) {
	tests := []struct {
		a, b color.Color
		want float64
	}{
		{color.Black, color.White, 21},
		{color.White, color.White, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xFF}, color.White, 4.54}, // the lightest grey that passes AA on white
	}
	for _, tt := range tests {
		if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestHighlightColors(t *testing.T) {
	test.NewTempApp(t)
	names := []string{HighlightSearch, HighlightSearchCurrent, HighlightSelection}
	for _, p := range notes.Palette() {
		c := p.Color
		names = append(names, string(c))
		if c.Chinese() == "" {
			t.Errorf("note colour %s has no label", c)
		}
	}
	if len(names) != 8 {
		t.Fatalf("%d highlight names, want 5 note colours, 2 search ones and the selection", len(names))
	}
	def := theme.DefaultTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		fg := def.Color(theme.ColorNameForeground, v)
		bg := def.Color(theme.ColorNameBackground, v)
		seen := map[color.Color]string{}
		for _, name := range names {
			if !IsHighlight(name) {
				t.Errorf("IsHighlight(%q) = false", name)
			}
			c := HighlightColor(name, v)
			if _, _, _, a := c.RGBA(); a != 0xFFFF {
				t.Errorf("%s/%v is not opaque", name, v)
			}
			// Text stays readable on the highlight (WCAG AA body text)...
			if r := Contrast(fg, c); r < 4.5 {
				t.Errorf("%s/%v: text contrast %.2f, want at least 4.5", name, v, r)
			}
			// ...and the highlight stands out from the page.
			if r := Contrast(bg, c); r < 1.15 {
				t.Errorf("%s/%v: contrast with the background %.2f, want at least 1.15", name, v, r)
			}
			if other, dup := seen[c]; dup {
				t.Errorf("%s and %s have the same %v colour", name, other, v)
			}
			seen[c] = name
			// The theme answers the same colour by name, in its variant.
			th := NewReaderTheme(ThemeSettings{})
			if got := th.Color(HighlightColorName(name), v); got != c {
				t.Errorf("theme colour %s/%v = %v, want %v", name, v, got, c)
			}
		}
	}
	if IsHighlight("orange") {
		t.Error(`IsHighlight("orange") = true`)
	}
	if HighlightColor("orange", theme.VariantDark) != HighlightColor(HighlightYellow, theme.VariantDark) {
		t.Error("unknown highlight name does not fall back to yellow")
	}
	// A forced variant applies to highlights too.
	dark := NewReaderTheme(ThemeSettings{Variant: VariantDark})
	if got := dark.Color(HighlightColorName(HighlightBlue), theme.VariantLight); got != HighlightColor(HighlightBlue, theme.VariantDark) {
		t.Errorf("dark theme gave the light blue highlight %v", got)
	}
}
