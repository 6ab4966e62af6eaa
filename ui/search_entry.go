package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the toolbar's search box: an Entry that lets the search
// code see Escape, F3, Shift+F3 and the arrow keys first (a focused Entry
// swallows keys, and Fyne has no shortcuts without Ctrl/Alt/Super).
type searchEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool // true when the key was handled
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey offers the key to the search code before the Entry.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}
