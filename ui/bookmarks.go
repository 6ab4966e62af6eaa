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

// bookmarksPanel lists the bookmarks, by position or by time; a click
// jumps to the bookmark, the row's buttons rename or delete it.
type bookmarksPanel struct {
	u     *NotesUI
	box   fyne.CanvasObject
	order *widget.Select
	count *widget.Label
	list  *widget.List
	shown []notes.Bookmark
}

func newBookmarksPanel(u *NotesUI) *bookmarksPanel {
	p := &bookmarksPanel{u: u}
	p.order = widget.NewSelect([]string{byPos, byTime}, nil)
	p.order.SetSelected(byPos)
	p.order.OnChanged = func(string) { p.reload() }
	p.count = widget.NewLabel("")
	p.count.Importance = widget.LowImportance
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newBookmarkRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				o.(*bookmarkRow).set(p.u, p.shown[i])
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.list.UnselectAll()
		if i < len(p.shown) {
			p.u.jumpToBookmark(p.shown[i])
		}
	}
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { u.w.HidePanel(panelBookmarks) })
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, boldLabel("书签"))
	p.box = container.NewBorder(container.NewVBox(head, p.order, p.count), nil, nil, nil, p.list)
	return p
}

func (p *bookmarksPanel) reload() {
	order := notes.ByPosition
	if p.order.Selected == byTime {
		order = notes.ByTime
	}
	p.shown = p.u.svc.BookmarksIn(p.u.comp.ID, order)
	if len(p.shown) == 0 {
		p.count.SetText("还没有书签:按 Ctrl+D 给当前条目加书签")
	} else {
		p.count.SetText(fmt.Sprintf("共 %d 个书签", len(p.shown)))
	}
	p.list.Refresh()
}

// jumpToBookmark opens a bookmark's node; an orphaned one offers its
// dialog instead.
func (u *NotesUI) jumpToBookmark(b notes.Bookmark) {
	if u.svc.BookmarkAnchor(b).Orphaned {
		u.showBookmarkDialog(b)
		return
	}
	if err := u.w.OpenID(b.NodeID); err != nil {
		dialog.ShowError(err, u.w.FyneWindow())
	}
}

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
		where += "  〔原位置已不存在:" + a.Reason + "〕"
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
		u.w.status.SetText(fmt.Sprintf("已删除书签 %s “%s”,按 Ctrl+Z 撤销", b.Address, b.Name))
		u.changed()
	})
	f.delete.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { f.dlg.Hide() })
	hint := widget.NewLabel("名称留空则使用标题。")
	hint.Importance = widget.LowImportance
	content := container.NewVBox(whereLabel, widget.NewLabel("名称"), f.name, hint,
		container.NewCenter(container.NewHBox(f.delete, cancel, f.save)))
	f.dlg = dialog.NewCustomWithoutButtons("书签", content, win)
	f.dlg.Resize(fyne.NewSize(460, 0))
	f.dlg.Show()
	win.Canvas().Focus(f.name)
	return f
}

// bookmarkRow is one row of the bookmarks panel.
type bookmarkRow struct {
	widget.BaseWidget
	label  *widget.Label
	edit   *widget.Button
	box    *fyne.Container
	onEdit func()
}

func newBookmarkRow() *bookmarkRow {
	r := &bookmarkRow{label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		if r.onEdit != nil {
			r.onEdit()
		}
	})
	r.edit.Importance = widget.LowImportance
	r.box = container.NewBorder(nil, nil, nil, r.edit, r.label)
	r.ExtendBaseWidget(r)
	return r
}

func (r *bookmarkRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *bookmarkRow) set(u *NotesUI, b notes.Bookmark) {
	text := fmt.Sprintf("%s %s  %s", markBookmark, b.Address, b.Name)
	if u.svc.BookmarkAnchor(b).Orphaned {
		text = "〔原位置已不存在〕" + text
	}
	r.label.SetText(text)
	r.onEdit = func() { u.showBookmarkDialog(b) }
}
