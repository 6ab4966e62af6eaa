package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	uitheme "huibian/ui/theme"
)

// toolbar is the row of buttons above the reading pane.
type toolbar struct {
	box                           *fyne.Container
	back, forward, bookmark, note *widget.Button
}

func (w *Window) newToolbar() *toolbar {
	btn := func(icon fyne.Resource, text string, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(text, icon, fn)
		b.Importance = widget.LowImportance
		return b
	}
	t := &toolbar{
		back:     btn(theme.NavigateBackIcon(), "", w.Back),
		forward:  btn(theme.NavigateNextIcon(), "", w.Forward),
		bookmark: btn(uitheme.IconBookmark, "", w.toggleBookmark),
		note:     btn(uitheme.IconNote, "", w.addNote),
	}
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	t.box = container.NewHBox(
		t.back, t.forward, sep(),
		t.bookmark, t.note, sep(),
		btn(nil, "A-", func() { w.StepTextSize(-1) }),
		btn(nil, "A+", func() { w.StepTextSize(1) }), sep(),
		btn(uitheme.IconContrast, "", w.ToggleVariant),
	)
	t.setHistory(false, false)
	t.setAnnotations(false, false)
	return t
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (t *toolbar) setHistory(back, forward bool) {
	enable(t.back, back)
	enable(t.forward, forward)
}

func (t *toolbar) setAnnotations(on, marked bool) {
	enable(t.bookmark, on)
	enable(t.note, on)
	icon := uitheme.IconBookmark
	if marked {
		icon = uitheme.IconBookmarked
	}
	if t.bookmark.Icon != icon {
		t.bookmark.SetIcon(icon)
	}
}

func (w *Window) toggleBookmark() {
	if w.annotator == nil {
		return
	}
	if err := w.annotator.ToggleBookmark(w.current); err != nil {
		dialog.ShowError(err, w.win)
	}
	w.RefreshAnnotations()
}

func (w *Window) addNote() {
	if w.annotator == nil {
		return
	}
	w.annotator.AddNote(w.current, w.SelectedText())
}
