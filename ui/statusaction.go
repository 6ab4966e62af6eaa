package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A button at the right of the status line, for an action the message
// offers: 撤销 after a note or a bookmark was deleted. Deleting asks no
// confirmation: the delete can always be undone, and a confirmation on
// every delete trains readers to click 确定 unread; the button shows the
// way back to readers who do not know Ctrl+Z.

// statusBar is the status line: the message and, when offered, a button.
func (w *Window) statusBar() *fyne.Container {
	w.statusBtn = widget.NewButton("", nil)
	w.statusBtn.Importance = widget.MediumImportance
	w.statusBtn.Hide()
	return container.NewBorder(nil, nil, nil, w.statusBtn, w.status)
}

// SetStatusAction shows text in the status line with a button labelled
// label that runs fn (and goes away); the next SetStatus removes it.
func (w *Window) SetStatusAction(text, label string, fn func()) {
	w.SetStatus(text)
	w.statusBtn.SetText(label)
	w.statusBtn.OnTapped = func() {
		w.statusBtn.Hide()
		fn()
	}
	w.statusBtn.Show()
}

// StatusAction is the label of the status line's button, "" when none is
// shown (tests).
func (w *Window) StatusAction() string {
	if w.statusBtn == nil || !w.statusBtn.Visible() {
		return ""
	}
	return w.statusBtn.Text
}
