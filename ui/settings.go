package ui

import (
	"fyne.io/fyne/v2/theme"

	uitheme "huibian/ui/theme"
)

func (w *Window) loadThemeSettings() uitheme.ThemeSettings {
	return uitheme.ThemeSettings{
		Variant:  uitheme.NormalizeVariant(w.prefs.StringWithFallback(prefVariant, uitheme.VariantSystem)),
		TextSize: uitheme.ClampTextSize(float32(w.prefs.FloatWithFallback(prefTextSize, float64(uitheme.DefaultTextSize)))),
	}
}

// Settings are the theme settings in force.
func (w *Window) Settings() uitheme.ThemeSettings { return w.theme.Settings() }

// applyTheme installs and stores new theme settings.
func (w *Window) applyTheme(s uitheme.ThemeSettings) {
	old := w.theme.Settings()
	w.theme = w.theme.WithSettings(s)
	s = w.theme.Settings()
	w.storePrefs(map[string]any{prefVariant: s.Variant, prefTextSize: float64(s.TextSize)})
	top := w.pane.TopRow()
	w.app.Settings().SetTheme(w.theme)
	if old.TextSize != s.TextSize {
		w.pane.themeChanged()
		w.pane.ScrollToRow(top)
	}
	w.updateVariantMenu()
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
