package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// ShowShortcuts lists the keyboard shortcuts: every registered action with
// a key (helpRows, actions.go), so the list always matches the menus.
func (w *Window) ShowShortcuts() {
	g := container.New(layout.NewFormLayout())
	for _, r := range w.helpRows() {
		k := widget.NewLabel(r.keys)
		k.TextStyle.Bold = true
		g.Add(k)
		g.Add(widget.NewLabel(r.what))
	}
	scroll := container.NewVScroll(g)
	scroll.SetMinSize(fyne.NewSize(max(g.MinSize().Width+20, 480), min(g.MinSize().Height, 520)))
	dialog.NewCustom("快捷键", "关闭", scroll, w.win).Show()
}
