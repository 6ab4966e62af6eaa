package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// ShowGoTo asks for an address and opens it. What is wrong with a bad
// address shows under the entry as it is typed; the dialog stays open.
// Esc closes it; a second Ctrl+G while it is open only focuses it.
func (w *Window) ShowGoTo() {
	if w.gotoEntry != nil {
		w.win.Canvas().Focus(w.gotoEntry)
		return
	}
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("例如 5、5/2 或 5.6")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("请输入地址")
		}
		_, err := w.comp.ResolveString(s)
		return err
	}
	e.OnChanged = func(s string) {
		msg.SetText("")
		if strings.TrimSpace(s) != "" {
			if err := e.Validator(s); err != nil {
				msg.SetText(err.Error())
			}
		}
	}
	items := []*widget.FormItem{
		{Text: "地址", Widget: e, HintText: "5 为第 5 篇，5/2 为第 5 篇第 2 部分，5.6 为第 5 篇第 6 条。"},
		{Text: "", Widget: msg},
	}
	d := dialog.NewForm("转到", "转到", "取消", items, func(ok bool) {
		if ok {
			if err := w.GoTo(e.Text); err != nil {
				dialog.ShowError(err, w.win)
			}
		}
	}, w.win)
	d.SetOnClosed(func() { w.gotoEntry = nil })
	e.OnSubmitted = func(s string) {
		if err := e.Validator(s); err != nil {
			msg.SetText(err.Error())
			return
		}
		d.Submit()
	}
	e.onEscape = d.Hide
	w.gotoEntry = e
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	w.win.Canvas().Focus(e)
}

// escEntry is an Entry that reports the Esc key (a focused Entry keeps
// keys from the dialog it is in).
type escEntry struct {
	widget.Entry
	onEscape func()
}

// TypedKey implements fyne.Focusable.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
