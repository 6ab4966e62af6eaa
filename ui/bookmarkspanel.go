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
	p.count.Importance = widget.MediumImportance
	p.list = newJumpList(&p.shown, newBookmarkRow,
		func(r *bookmarkRow, b notes.Bookmark) { r.set(p.u, b) }, p.u.jumpToBookmark)
	head := u.w.panelHead("书签", panelBookmarks)
	p.box = container.NewBorder(container.NewVBox(head, p.order, p.count), nil, nil, nil, p.list)
	return p
}

func (p *bookmarksPanel) reload() {
	order := notes.ByPosition
	if p.order.Selected == byTime {
		order = notes.ByTime
	}
	p.shown = p.u.svc.BookmarksIn(p.u.comp.ID, order)
	p.shown = append(p.shown, p.u.bookmarksOfRemoved(order)...) // library.go
	if len(p.shown) == 0 {
		p.count.SetText("还没有书签：按 Ctrl+D 给当前条目加书签")
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
