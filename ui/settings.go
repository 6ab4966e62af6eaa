package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	uitheme "huibian/ui/theme"
)

// Preference keys of the reading layout (next to prefTextSize).
const (
	prefMeasure = "text.measure" // characters per line of reading text
	prefPitch   = "text.pitch"   // line pitch, in multiples of the text size
)

func (w *Window) loadThemeSettings() uitheme.ThemeSettings {
	return uitheme.ThemeSettings{
		Variant:  uitheme.NormalizeVariant(w.prefs.StringWithFallback(prefVariant, uitheme.VariantSystem)),
		TextSize: uitheme.ClampTextSize(float32(w.prefs.FloatWithFallback(prefTextSize, float64(uitheme.DefaultTextSize)))),
		Measure:  uitheme.ClampMeasure(int(w.prefs.FloatWithFallback(prefMeasure, uitheme.DefaultMeasure))),
		Pitch:    uitheme.ClampPitch(float32(w.prefs.FloatWithFallback(prefPitch, float64(uitheme.DefaultPitch)))),
	}
}

// Settings are the theme settings in force.
func (w *Window) Settings() uitheme.ThemeSettings { return w.theme.Settings() }

// applyTheme installs and stores new theme settings.
func (w *Window) applyTheme(s uitheme.ThemeSettings) {
	old := w.theme.Settings()
	w.theme = w.theme.WithSettings(s)
	s = w.theme.Settings()
	w.storePrefs(map[string]any{prefVariant: s.Variant, prefTextSize: float64(s.TextSize),
		prefMeasure: float64(s.Measure), prefPitch: float64(s.Pitch)})
	top := w.pane.TopRow()
	w.app.Settings().SetTheme(w.theme)
	if old.TextSize != s.TextSize || old.Measure != s.Measure || old.Pitch != s.Pitch {
		w.pane.themeChanged()
		w.pane.ScrollToRow(top)
	}
	w.updateVariantMenu()
	w.updateLayoutMenu()
	w.snapshot()
}

// TextSize is the reading text size.
func (w *Window) TextSize() float32 { return w.theme.Settings().TextSize }

// uitheme.StepTextSize makes the text steps sizes larger (negative: smaller).
func (w *Window) StepTextSize(steps int) {
	s := w.theme.Settings()
	s.TextSize = uitheme.StepTextSize(s.TextSize, steps)
	w.applyTheme(s)
}

// ResetTextSize restores the default text size.
func (w *Window) ResetTextSize() {
	s := w.theme.Settings()
	s.TextSize = uitheme.DefaultTextSize
	w.applyTheme(s)
}

// SetMeasure sets the reading text's characters per line.
func (w *Window) SetMeasure(n int) {
	s := w.theme.Settings()
	s.Measure = n
	w.applyTheme(s)
}

// SetPitch sets the reading text's line pitch (multiples of its size).
func (w *Window) SetPitch(p float32) {
	s := w.theme.Settings()
	s.Pitch = p
	w.applyTheme(s)
}

// SetVariant sets light, dark or system colours.
func (w *Window) SetVariant(v string) {
	s := w.theme.Settings()
	s.Variant = uitheme.NormalizeVariant(v)
	w.applyTheme(s)
}

// ToggleVariant switches between light and dark, starting from what is
// shown now when following the system.
func (w *Window) ToggleVariant() {
	shown := w.theme.Variant(w.app.Settings().ThemeVariant())
	if shown == theme.VariantLight {
		w.SetVariant(uitheme.VariantDark)
	} else {
		w.SetVariant(uitheme.VariantLight)
	}
}

// The 查看 menu's reading layout choices.
var (
	measureChoices = []struct {
		label string
		n     int
	}{{"窄（每行 30 字）", uitheme.MeasureNarrow}, {"中（每行 35 字）", uitheme.MeasureMedium}, {"宽（每行 40 字）", uitheme.MeasureWide}}
	pitchChoices = []struct {
		label string
		p     float32
	}{{"紧凑", uitheme.PitchTight}, {"适中", uitheme.PitchNormal}, {"宽松", uitheme.PitchLoose}}
)

// addLayoutMenu adds 查看 › 行宽 and 行距, each a submenu of three choices
// with the one in force checked.
func (w *Window) addLayoutMenu() {
	measure := fyne.NewMenuItem("行宽", nil)
	var ms []*fyne.MenuItem
	for _, c := range measureChoices {
		n := c.n
		ms = append(ms, fyne.NewMenuItem(c.label, func() { w.SetMeasure(n) }))
	}
	measure.ChildMenu = fyne.NewMenu("", ms...)
	pitch := fyne.NewMenuItem("行距", nil)
	var ps []*fyne.MenuItem
	for _, c := range pitchChoices {
		p := c.p
		ps = append(ps, fyne.NewMenuItem(c.label, func() { w.SetPitch(p) }))
	}
	pitch.ChildMenu = fyne.NewMenu("", ps...)
	w.layoutItems = append(ms, ps...)
	w.AddMenuItems("查看", fyne.NewMenuItemSeparator(), measure, pitch)
	w.updateLayoutMenu()
}

// updateLayoutMenu checks the 行宽 and 行距 choices in force.
func (w *Window) updateLayoutMenu() {
	if len(w.layoutItems) != len(measureChoices)+len(pitchChoices) {
		return
	}
	s := w.theme.Settings()
	for i, c := range measureChoices {
		w.layoutItems[i].Checked = s.Measure == c.n
	}
	for i, c := range pitchChoices {
		w.layoutItems[len(measureChoices)+i].Checked = s.Pitch == c.p
	}
	w.refreshMenu()
}
