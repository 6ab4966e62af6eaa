package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the toolbar's search box: an Entry that lets the search
// code see Escape, F3, Shift+F3 and the arrow keys first (a focused Entry
// swallows keys, and Fyne has no shortcuts without Ctrl/Alt/Super). It
// holds at most maxRunes runes: a pasted page would freeze the window in
// Fyne's text drawing (3,864 characters took 107 s).
type searchEntry struct {
	widget.Entry
	onKey    func(*fyne.KeyEvent) bool // true when the key was handled
	maxRunes int                       // 0: no cap
	onCut    func()                    // told when typed or pasted text was cut to the cap
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

// TypedRune drops characters past the cap.
func (e *searchEntry) TypedRune(r rune) {
	if e.maxRunes > 0 && roomLeft(&e.Entry, e.maxRunes) <= 0 {
		if e.onCut != nil {
			e.onCut()
		}
		return
	}
	e.Entry.TypedRune(r)
}

// TypedShortcut cuts a paste to what fits under the cap before the Entry
// sees it.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && e.maxRunes > 0 {
		var cut bool
		s, cut = cappedPaste(&e.Entry, p, e.maxRunes)
		if cut && e.onCut != nil {
			defer e.onCut()
		}
	}
	e.Entry.TypedShortcut(s)
}

// roomLeft is how many runes an entry can still take under limit, counting
// the selection as gone (typing or pasting replaces it).
func roomLeft(e *widget.Entry, limit int) int {
	return limit - utf8.RuneCountInString(e.Text) + utf8.RuneCountInString(e.SelectedText())
}

// cappedPaste returns the paste shortcut with the clipboard text cut to
// the room left in the entry, and whether it was cut. The clipboard itself
// is not changed.
func cappedPaste(e *widget.Entry, p *fyne.ShortcutPaste, limit int) (fyne.Shortcut, bool) {
	if p.Clipboard == nil {
		return p, false
	}
	text := p.Clipboard.Content()
	room := max(0, roomLeft(e, limit))
	if len(text) <= room {
		return p, false // fewer bytes than room: fewer runes too
	}
	n := 0
	for i := range text {
		if n == room {
			return &fyne.ShortcutPaste{Clipboard: fixedClipboard{text[:i], p.Clipboard}}, true
		}
		n++
	}
	return p, false
}

// fixedClipboard reads as a given text and writes through to the real one.
type fixedClipboard struct {
	text string
	fyne.Clipboard
}

func (c fixedClipboard) Content() string { return c.text }
