package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/compare"
	"huibian/app/export"
	uitheme "huibian/ui/theme"
)

// Sizes of the matrix's cells.
const (
	matrixLabelW = 190 // the theme column
	matrixCellW  = 128 // a department's column
	matrixRowH   = 74  // two lines of text
	matrixMoreH  = 48  // and two more for each further section in a cell
	matrixHeadH  = 70  // the departments' names, on two lines if long
)

// OpenMatrix shows the theme matrix (专题矩阵) of the window's
// compilation: rows are themes, columns departments, cells the sections
// (or 未涉及). A cell opens its section in the reader, a theme's label the
// comparison of the theme across all departments.
func (u *compareUI) OpenMatrix() {
	x := u.index()
	if x.ThemesReady() {
		u.view = nil
		u.show(newMatrixView(u, x.Themes()))
		return
	}
	// A large compilation takes a while (seconds for 900 documents): say
	// so, and group the sections off the UI goroutine.
	back := widget.NewButtonWithIcon("返回阅读", theme.NavigateBackIcon(), u.Close)
	wait := container.NewBorder(container.NewBorder(nil, nil, nil, back), nil, nil, nil,
		container.NewCenter(widget.NewLabel("正在把各篇的部分归纳成专题……")))
	u.view = nil
	u.show(wait)
	go func() {
		m := x.Themes()
		fyne.Do(func() {
			if u.saved != nil && u.w.win.Content() == wait {
				u.show(newMatrixView(u, m))
			}
		})
	}()
}

// matrixText is what cell (row, col) of the table shows: row 0 the
// departments, column 0 the themes.
func matrixText(m *compare.Matrix, row, col int) (text string, empty bool) {
	switch {
	case row == 0 && col == 0:
		return "专题 \\ 部门", false
	case row == 0:
		d := m.Documents[col-1]
		return fmt.Sprintf("%d %s", d.Number, d.Short), false // wraps
	}
	th := m.Themes[row-1]
	if col == 0 {
		n := 0
		for _, c := range th.Cells {
			if !c.Empty() {
				n++
			}
		}
		return fmt.Sprintf("%s\n%d 篇涉及 ›", th.Label, n), false
	}
	c := th.Cells[col-1]
	if c.Empty() {
		return export.Unmatched, true
	}
	var parts []string
	for _, e := range c.Entries {
		parts = append(parts, e.Addr.String()+" "+e.Title)
	}
	return strings.Join(parts, "\n"), false
}

func newMatrixView(u *compareUI, m *compare.Matrix) fyne.CanvasObject {
	back := widget.NewButtonWithIcon("返回阅读", theme.NavigateBackIcon(), u.Close)
	back.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(fmt.Sprintf("专题矩阵：%d 个专题 × %d 篇", len(m.Themes), len(m.Documents)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel("点专题名打开该专题的对照阅读，点格子打开那一部分；“未涉及”表示这一篇没有这个专题的部分。")
	hint.Truncation = fyne.TextTruncateEllipsis
	exp := widget.NewButton("导出…", u.w.ExportMatrix)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(exp, back), title), hint, widget.NewSeparator())
	if len(m.Themes) == 0 {
		msg := widget.NewLabel("汇编只有一篇文件，没有可以对照的专题。")
		return container.NewBorder(top, nil, nil, nil, container.NewCenter(msg))
	}
	t := widget.NewTable(
		func() (int, int) { return len(m.Themes) + 1, len(m.Documents) + 1 },
		func() fyne.CanvasObject {
			// RichText rather than a Label: an empty cell (未涉及) is drawn
			// in the secondary text colour, which keeps 4.5:1 contrast; a
			// Label's LowImportance would use the faint disabled colour.
			l := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleInline})
			l.Wrapping = fyne.TextWrapBreak // Chinese breaks anywhere; a space must not start a new line
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.RichText)
			seg := l.Segments[0].(*widget.TextSegment)
			text, empty := matrixText(m, id.Row, id.Col)
			seg.Text = text
			seg.Style.TextStyle = fyne.TextStyle{Bold: id.Row == 0 || id.Col == 0}
			seg.Style.ColorName = theme.ColorNameForeground
			if empty {
				seg.Style.ColorName = uitheme.ColorNameSecondaryText
			}
			l.Refresh()
		})
	t.StickyRowCount, t.StickyColumnCount = 1, 1
	t.SetColumnWidth(0, matrixLabelW)
	for c := 1; c <= len(m.Documents); c++ {
		t.SetColumnWidth(c, matrixCellW)
	}
	t.SetRowHeight(0, matrixHeadH)
	for r, th := range m.Themes {
		k := 1
		for _, c := range th.Cells {
			k = max(k, len(c.Entries))
		}
		t.SetRowHeight(r+1, matrixRowH+float32(k-1)*matrixMoreH)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		// Switch views after the table has finished with the tap (it
		// focuses itself, which fails once it is off the canvas).
		go fyne.Do(func() { matrixOpen(u, m, id) })
	}
	return container.NewBorder(top, nil, nil, nil, t)
}

// matrixOpen acts on a tap on cell id: a theme's comparison, or a section.
func matrixOpen(u *compareUI, m *compare.Matrix, id widget.TableCellID) {
	switch {
	case id.Row == 0:
	case id.Col == 0:
		u.OpenTheme(m.Themes[id.Row-1])
	default:
		c := m.Themes[id.Row-1].Cells[id.Col-1]
		if !c.Empty() {
			u.openInReader(c.Entries[0].Addr)
		}
	}
}
