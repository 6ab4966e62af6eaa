package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/progress"
	uitheme "huibian/ui/theme"
)

// 查看 › 阅读进度: a grid of documents (rows) × items (cells) showing what
// is read, noted and bookmarked, with the totals; a click on a cell opens
// that item. What counts is app/progress's: only items with text can be
// read.

// progressView is the overview's content, kept for tests.
type progressView struct {
	box   fyne.CanvasObject
	total *widget.Label
	cells map[string]*progressCell // by item ID
	over  progress.Overview
	dlg   dialog.Dialog
}

// overview computes the grid from the read marks, notes and bookmarks.
func (r *reading) overview() progress.Overview {
	u := r.u
	return progress.Build(u.comp, progress.Marks{
		Read:       r.isRead,
		Noted:      func(id string) bool { return u.markers[id].Notes > 0 },
		Bookmarked: func(id string) bool { return u.markers[id].Bookmarked },
	})
}

// totalsText is the line above the grid: 已读 37/102 条正文 ….
func totalsText(o progress.Overview) string {
	return fmt.Sprintf("已读 %d/%d 条正文　有笔记 %d 条　有书签 %d 条", o.Total.Read, o.Total.Total, o.Noted, o.Bookmarked)
}

func (r *reading) showProgress() {
	r.observe() // count what is on screen up to now
	v := r.newProgressView()
	v.dlg = dialog.NewCustom("阅读进度", "关闭", v.box, r.u.w.FyneWindow())
	v.dlg.Resize(fyne.NewSize(1000, 600))
	v.dlg.Show()
}

func (r *reading) newProgressView() *progressView {
	w := r.u.w
	v := &progressView{over: r.overview(), cells: map[string]*progressCell{}}
	v.total = widget.NewLabel(totalsText(v.over))
	v.total.TextStyle.Bold = true
	legend := container.NewHBox(
		legendCell(cellRead), widget.NewLabel("已读"),
		legendCell(cellUnread), widget.NewLabel("未读"),
		legendCell(cellNoText), widget.NewLabel("无正文（不计）"),
		widget.NewLabel(markNote+" 有笔记　"+markBookmark+" 有书签　点击格子打开该条"),
	)
	rows := container.NewVBox()
	maxItems := 0
	for _, row := range v.over.Rows {
		maxItems = max(maxItems, len(row.Cells))
	}
	head := container.NewHBox(fixedLabel("", nameWidth))
	for i := 1; i <= maxItems; i++ {
		head.Add(columnNumber(i))
	}
	rows.Add(head)
	for _, row := range v.over.Rows {
		name := row.Doc.Short
		if name == "" {
			name = row.Doc.Title
		}
		count := "无正文"
		if row.Counts.Total > 0 {
			count = fmt.Sprintf("%d/%d", row.Counts.Read, row.Counts.Total)
		}
		line := container.NewHBox(fixedLabel(fmt.Sprintf("%d %s  %s", row.Doc.Number, name, count), nameWidth))
		for _, c := range row.Cells {
			id := c.ID
			pc := newProgressCell(c, func() {
				if v.dlg != nil {
					v.dlg.Hide()
				}
				if err := w.OpenID(id); err != nil {
					w.SetStatus(err.Error())
				}
			})
			v.cells[id] = pc
			line.Add(pc)
		}
		rows.Add(line)
	}
	v.box = container.NewBorder(container.NewVBox(v.total, legend), nil, nil, nil,
		container.NewScroll(rows))
	return v
}

// cellSize is the side of a grid cell; nameWidth the width of the
// documents' column.
const (
	cellSize  = 26
	nameWidth = 215
)

type cellState int

const (
	cellRead cellState = iota
	cellUnread
	cellNoText
)

// cellColors are a cell's fill and outline for a state, in the theme's
// colours so that both variants read.
func cellColors(st cellState) (fill, stroke color.Color) {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch st {
	case cellRead:
		return th.Color(theme.ColorNameSuccess, v), th.Color(theme.ColorNameSuccess, v)
	case cellUnread:
		return th.Color(theme.ColorNameInputBackground, v), th.Color(theme.ColorNameForeground, v)
	}
	return color.Transparent, th.Color(uitheme.ColorNameSecondaryText, v)
}

func legendCell(st cellState) fyne.CanvasObject {
	fill, stroke := cellColors(st)
	r := canvas.NewRectangle(fill)
	r.StrokeColor, r.StrokeWidth, r.CornerRadius = stroke, 1, 3
	if st == cellNoText {
		r.StrokeWidth = 0
		dash := canvas.NewText("—", stroke)
		return container.NewCenter(container.NewGridWrap(fyne.NewSize(18, 18), container.NewStack(r, container.NewCenter(dash))))
	}
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(18, 18), r))
}

func fixedLabel(s string, width float32) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, cellSize+6)), l)
}

// columnNumber is an item number above its column.
func columnNumber(i int) fyne.CanvasObject {
	th := fyne.CurrentApp().Settings().Theme()
	t := canvas.NewText(fmt.Sprint(i), th.Color(uitheme.ColorNameSecondaryText, fyne.CurrentApp().Settings().ThemeVariant()))
	t.TextSize = th.Size(theme.SizeNameCaptionText)
	t.Alignment = fyne.TextAlignCenter
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(cellSize, cellSize)), container.NewCenter(t))
}

// progressCell is one item of the grid: its state as a coloured square,
// ★ and ● for a bookmark and notes; tapping it opens the item.
type progressCell struct {
	widget.BaseWidget
	cell   progress.Cell
	state  cellState
	onTap  func()
	marker string
}

func newProgressCell(c progress.Cell, onTap func()) *progressCell {
	pc := &progressCell{cell: c, onTap: onTap}
	switch {
	case c.Read:
		pc.state = cellRead
	case c.HasText:
		pc.state = cellUnread
	default:
		pc.state = cellNoText
	}
	if c.Bookmarked {
		pc.marker += markBookmark
	}
	if c.Noted {
		pc.marker += markNote
	}
	pc.ExtendBaseWidget(pc)
	return pc
}

// Tapped opens the item.
func (pc *progressCell) Tapped(*fyne.PointEvent) {
	if pc.onTap != nil {
		pc.onTap()
	}
}

func (pc *progressCell) MinSize() fyne.Size { return fyne.NewSize(cellSize, cellSize+6) }

func (pc *progressCell) CreateRenderer() fyne.WidgetRenderer {
	fill, stroke := cellColors(pc.state)
	rect := canvas.NewRectangle(fill)
	rect.StrokeColor, rect.StrokeWidth, rect.CornerRadius = stroke, 1, 4
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	text := pc.marker
	col := th.Color(theme.ColorNameForeground, v)
	if pc.state == cellNoText {
		rect.StrokeWidth = 0
		if text == "" {
			text = "—"
		}
		col = th.Color(uitheme.ColorNameSecondaryText, v)
	}
	mark := canvas.NewText(text, col)
	mark.TextSize = th.Size(theme.SizeNameCaptionText)
	mark.Alignment = fyne.TextAlignCenter
	return &progressCellRenderer{rect: rect, mark: mark}
}

type progressCellRenderer struct {
	rect *canvas.Rectangle
	mark *canvas.Text
}

func (r *progressCellRenderer) Layout(s fyne.Size) {
	side := min(s.Width, s.Height) - 4
	pos := fyne.NewPos((s.Width-side)/2, (s.Height-side)/2)
	r.rect.Move(pos)
	r.rect.Resize(fyne.NewSize(side, side))
	ms := r.mark.MinSize()
	r.mark.Move(fyne.NewPos((s.Width-ms.Width)/2, (s.Height-ms.Height)/2))
	r.mark.Resize(ms)
}
func (r *progressCellRenderer) MinSize() fyne.Size { return fyne.NewSize(cellSize, cellSize+6) }
func (r *progressCellRenderer) Refresh() {
	r.rect.Refresh()
	r.mark.Refresh()
}
func (r *progressCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.rect, r.mark}
}
func (r *progressCellRenderer) Destroy() {}
