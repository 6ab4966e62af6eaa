package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/notes"
)

// noteEditorMax caps the note dialog's editor: Fyne's wrapped Entry lays
// its whole text out again on every keystroke, which grows slow past about
// 10,000 characters (78 ms a key at 10,000, 0.6 s at 30,000). A paste is
// cut to fit, with a notice; longer notes (imported, or from the command
// line) open in a read view instead, and are edited in a plain dialog.
const noteEditorMax = 10000

// cappedEntry is a multi-line Entry that holds at most maxRunes runes.
type cappedEntry struct {
	widget.Entry
	maxRunes int
	onCut    func() // told when typed or pasted text was cut to the cap
}

func newCappedEntry(maxRunes int, onCut func()) *cappedEntry {
	e := &cappedEntry{maxRunes: maxRunes, onCut: onCut}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedRune drops characters past the cap.
func (e *cappedEntry) TypedRune(r rune) {
	if roomLeft(&e.Entry, e.maxRunes) <= 0 {
		if e.onCut != nil {
			e.onCut()
		}
		return
	}
	e.Entry.TypedRune(r)
}

// TypedShortcut cuts a paste to what fits under the cap.
func (e *cappedEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok {
		var cut bool
		s, cut = cappedPaste(&e.Entry, p, e.maxRunes)
		if cut && e.onCut != nil {
			defer e.onCut()
		}
	}
	e.Entry.TypedShortcut(s)
}

// isLongNote reports whether a note's text is too long for the editor.
func isLongNote(text string) bool {
	return len(text) > noteEditorMax && utf8.RuneCountInString(text) > noteEditorMax
}

// longNoteChunk is how many runes one row of the read view shows at most.
const longNoteChunk = 300

// longNoteWidth is the width a row's text is assumed to wrap at: less
// than the note dialog's, so that rows are never too low.
const longNoteWidth = 440

// longNoteView shows a long note read-only, a few hundred characters a
// row in a list (only the rows on screen are laid out), with a button
// that edits the whole text in a plain dialog.
type longNoteView struct {
	text   string
	rows   []string
	list   *widget.List
	info   *widget.Label
	edit   *widget.Button
	object fyne.CanvasObject
	// changed is called after the plain dialog saved a new text.
	changed func(string)
}

func newLongNoteView(text string, win fyne.Window) *longNoteView {
	v := &longNoteView{info: widget.NewLabel("")}
	v.info.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("字")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.rows) {
				o.(*widget.Label).SetText(v.rows[id])
			}
		},
	)
	v.list.OnSelected = func(widget.ListItemID) { v.list.UnselectAll() }
	v.edit = widget.NewButtonWithIcon("以纯文本编辑全文…", theme.DocumentCreateIcon(), func() { v.showPlainEditor(win) })
	v.setText(text)
	scroll := container.New(minHeight{180}, v.list)
	v.object = container.NewBorder(v.info, container.NewHBox(v.edit), nil, nil, scroll)
	return v
}

// setText shows a new text.
func (v *longNoteView) setText(text string) {
	v.text = text
	v.rows = splitRows(text, longNoteChunk)
	// Each row as high as its text wrapped at the dialog's width (a wider
	// dialog leaves some room below).
	size, line := theme.TextSize(), fyne.MeasureText("字", theme.TextSize(), fyne.TextStyle{}).Height
	pad := 2 * theme.InnerPadding()
	for i, r := range v.rows {
		w := fyne.MeasureText(r, size, fyne.TextStyle{}).Width
		lines := int(w/longNoteWidth) + 1
		v.list.SetItemHeight(i, float32(lines)*(line+theme.LineSpacing())+pad)
	}
	v.info.SetText(fmt.Sprintf("这条笔记有 %d 字，超过编辑框的 %d 字，在此只读；改正文请点“以纯文本编辑全文…”。",
		utf8.RuneCountInString(text), noteEditorMax))
	v.list.Refresh()
}

// splitRows cuts text into rows at line breaks, and lines longer than n
// runes every n runes.
func splitRows(text string, n int) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		rs := []rune(line)
		if len(rs) == 0 {
			continue
		}
		for len(rs) > n {
			out = append(out, string(rs[:n]))
			rs = rs[n:]
		}
		out = append(out, string(rs))
	}
	return out
}

// showPlainEditor edits the whole text in an Entry without wrapping: a
// long line scrolls sideways, and typing stays usable far past the
// wrapped editor's cap.
func (v *longNoteView) showPlainEditor(win fyne.Window) {
	e := newCappedEntry(notes.MaxTextLen, nil)
	e.Wrapping = fyne.TextWrapOff
	e.SetText(v.text)
	count := widget.NewLabel("")
	count.Importance = widget.LowImportance
	e.onCut = func() { count.SetText(fmt.Sprintf("已截断：笔记最多 %d 字", notes.MaxTextLen)) }
	e.OnChanged = func(s string) {
		count.SetText(fmt.Sprintf("%d / %d 字", utf8.RuneCountInString(s), notes.MaxTextLen))
	}
	e.OnChanged(v.text)
	d := dialog.NewCustomConfirm("编辑笔记全文（纯文本）", "确定", "取消",
		container.NewBorder(nil, count, nil, nil, e), func(ok bool) {
			if !ok || e.Text == v.text {
				return
			}
			v.setText(e.Text)
			if v.changed != nil {
				v.changed(e.Text)
			}
		}, win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
	win.Canvas().Focus(e)
}
