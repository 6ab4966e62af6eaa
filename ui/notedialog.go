package ui

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/notes"
)

// noteForm is the content of the note dialog, kept for tests.
type noteForm struct {
	quote  *widget.Entry
	text   *widget.Entry
	color  *widget.RadioGroup
	count  *widget.Label
	save   *widget.Button
	delete *widget.Button
	move   *widget.Button // only for an orphaned note
	long   *longNoteView  // a note too long for the editor (notelong.go)
	dlg    dialog.Dialog
}

var colorByLabel = func() map[string]notes.Color {
	m := map[string]notes.Color{}
	for _, c := range notes.Palette() {
		m[c.Name] = c.Color
	}
	return m
}()

func colorLabels() []string {
	var out []string
	for _, c := range notes.Palette() {
		out = append(out, c.Name)
	}
	return out
}

// showNoteDialog opens the dialog for a new note on n (old nil) or for
// editing old.
func (u *NotesUI) showNoteDialog(n model.Node, old *notes.Note, quote string) *noteForm {
	f := &noteForm{}
	f.quote = widget.NewMultiLineEntry()
	f.quote.Wrapping = fyne.TextWrapWord
	f.quote.SetMinRowsVisible(2)
	f.quote.SetPlaceHolder("（可选）原文中的一段话；在正文中选中文字后再添加笔记，会自动填入")
	te := newCappedEntry(noteEditorMax, nil) // notelong.go: the editor holds 10,000 characters at most
	f.text = &te.Entry
	f.text.Wrapping = fyne.TextWrapWord
	f.text.SetMinRowsVisible(8)
	f.text.SetPlaceHolder("写下笔记……")
	f.count = widget.NewLabel("")
	f.count.Importance = widget.MediumImportance
	f.color = widget.NewRadioGroup(colorLabels(), nil)
	f.color.Horizontal = true
	f.color.Required = true

	title := "添加笔记"
	where := fmt.Sprintf("%s  %s", n.Addr, n.Title())
	f.color.SetSelected(notes.Yellow.Chinese())
	f.quote.SetText(quote)
	if old != nil {
		title = "编辑笔记"
		where = fmt.Sprintf("%s  %s", old.Address, old.Title)
		if a := u.svc.NoteAnchor(*old); a.Orphaned {
			where += "  〔原位置已不存在：" + a.Reason + "〕"
		}
		f.quote.SetText(old.Quote)
		if isLongNote(old.Text) {
			f.long = newLongNoteView(old.Text, u.w.FyneWindow())
		} else {
			f.text.SetText(old.Text)
		}
		f.color.SetSelected(old.Color.Chinese())
	}
	updateCount := func(s string) {
		k := utf8.RuneCountInString(s)
		f.count.SetText(fmt.Sprintf("%d / %d 字", k, notes.MaxTextLen))
		if k > notes.MaxTextLen {
			f.count.Importance = widget.DangerImportance
			f.count.SetText(fmt.Sprintf("%d / %d 字：笔记太长，请删去 %d 字", k, notes.MaxTextLen, k-notes.MaxTextLen))
			if f.save != nil {
				f.save.Disable()
			}
		} else {
			f.count.Importance = widget.MediumImportance
			if f.save != nil {
				f.save.Enable()
			}
		}
		f.count.Refresh()
	}
	f.text.OnChanged = updateCount
	te.onCut = func() {
		f.count.SetText(fmt.Sprintf("已截断：编辑框最多 %d 字", noteEditorMax))
	}
	var textObj fyne.CanvasObject = te
	if f.long != nil {
		f.long.changed = updateCount
		textObj = f.long.object
	}

	whereLabel := widget.NewLabel(where)
	whereLabel.Truncation = fyne.TextTruncateEllipsis
	whereLabel.TextStyle.Bold = true
	form := container.NewVBox(
		whereLabel,
		widget.NewLabel("引文"), f.quote,
		widget.NewLabel("笔记"), textObj, f.count,
		container.NewHBox(widget.NewLabel("颜色"), f.color),
	)
	win := u.w.FyneWindow()
	f.save = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), func() {
		col := colorByLabel[f.color.Selected]
		var err error
		if old == nil {
			var nn notes.Note
			nn, err = u.svc.AddNote(u.comp, n, notes.NoteInput{Text: f.text.Text, Quote: f.quote.Text, Color: col})
			if err == nil {
				u.w.SetStatus(fmt.Sprintf("笔记已保存（%s）", nn.Address))
			}
		} else {
			text, q := f.text.Text, f.quote.Text
			if f.long != nil {
				text = f.long.text
			}
			_, err = u.svc.EditNote(old.ID, notes.NoteEdit{Text: &text, Quote: &q, Color: &col})
			if err == nil {
				u.w.SetStatus(fmt.Sprintf("笔记已保存（%s）", old.Address))
			}
		}
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		f.dlg.Hide()
		u.changed()
	})
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { f.dlg.Hide() })
	buttons := container.NewHBox(cancel, f.save)
	if old != nil {
		f.delete = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() {
			f.dlg.Hide()
			u.deleteNote(old.ID)
		})
		f.delete.Importance = widget.DangerImportance
		buttons = container.NewHBox(f.delete, cancel, f.save)
		cur := u.w.Current()
		if u.svc.NoteAnchor(*old).Orphaned && cur.Kind() != model.KindCompilation {
			// The note's place is gone: offer the node the reader is on.
			f.move = widget.NewButton(fmt.Sprintf("移到当前位置 %s", cur.Addr), func() {
				if _, err := u.svc.MoveNote(old.ID, u.comp, cur); err != nil {
					dialog.ShowError(err, win)
					return
				}
				f.dlg.Hide()
				u.w.SetStatus(fmt.Sprintf("已将笔记从 %s 移到 %s", old.Address, cur.Addr))
				u.changed()
			})
			buttons = container.NewHBox(f.move, f.delete, cancel, f.save)
		}
	}
	if f.long != nil {
		updateCount(f.long.text)
	} else {
		updateCount(f.text.Text)
	}
	content := container.NewBorder(nil, container.NewCenter(buttons), nil, nil, form)
	f.dlg = dialog.NewCustomWithoutButtons(title, content, win)
	f.dlg.Resize(fyne.NewSize(560, 0))
	f.dlg.Show()
	if f.long == nil {
		win.Canvas().Focus(te)
	}
	return f
}
