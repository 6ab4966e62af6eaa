package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/notes"
)

// bookmarkForm is the bookmark dialog's content, kept for tests.
type bookmarkForm struct {
	name   *widget.Entry
	save   *widget.Button
	delete *widget.Button
	dlg    dialog.Dialog
}

// showBookmarkDialog renames or deletes a bookmark. An empty name goes
// back to the node's title.
func (u *NotesUI) showBookmarkDialog(b notes.Bookmark) *bookmarkForm {
	win := u.w.FyneWindow()
	f := &bookmarkForm{name: widget.NewEntry()}
	f.name.SetText(b.Name)
	f.name.SetPlaceHolder(b.Title)
	where := fmt.Sprintf("%s  %s", b.Address, b.Title)
	if a := u.svc.BookmarkAnchor(b); a.Orphaned {
		where += "  〔原位置已不存在：" + a.Reason + "〕"
	}
	whereLabel := widget.NewLabel(where)
	whereLabel.Wrapping = fyne.TextWrapWord
	rename := func() {
		if _, err := u.svc.RenameBookmark(b.NodeID, f.name.Text); err != nil {
			dialog.ShowError(err, win)
			return
		}
		f.dlg.Hide()
		u.changed()
	}
	f.name.OnSubmitted = func(string) { rename() }
	f.save = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), rename)
	f.save.Importance = widget.HighImportance
	f.delete = widget.NewButtonWithIcon("删除书签", theme.DeleteIcon(), func() {
		f.dlg.Hide()
		if _, err := u.svc.DeleteBookmark(b.NodeID); err != nil {
			dialog.ShowError(err, win)
			return
		}
		u.changed()
		u.offerUndo(fmt.Sprintf("已删除书签 %s “%s”，按 Ctrl+Z 撤销", b.Address, b.Name))
	})
	f.delete.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { f.dlg.Hide() })
	hint := widget.NewLabel("名称留空则使用标题。")
	hint.Importance = widget.MediumImportance // readable (issue 11): never the faded disabled colour
	content := container.NewVBox(whereLabel, widget.NewLabel("名称"), f.name, hint,
		container.NewCenter(container.NewHBox(f.delete, cancel, f.save)))
	f.dlg = dialog.NewCustomWithoutButtons("书签", content, win)
	f.dlg.Resize(fyne.NewSize(460, 0))
	f.dlg.Show()
	win.Canvas().Focus(f.name)
	return f
}
