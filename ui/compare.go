package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/compare"
	"huibian/app/export"
	"huibian/app/model"
	"huibian/app/nav"
	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
)

// Action keys of the comparison views.
const (
	actCompare = "compare"
	actMatrix  = "matrix"
)

// compareColW is the width of one department's column: three columns and
// a bit of the fourth show at 1100 px, the rest scroll sideways.
const compareColW = 336

// compareEager is how many columns are typeset before the view is first
// drawn: those in sight at 1100 px.
const compareEager = 4

// compareUI is 对照阅读 and 专题矩阵: views that take the window's place of
// the contents tree and reading pane until the reader goes back (返回阅读,
// Esc, or opening an entry in the reader).
type compareUI struct {
	w *Window
	// saved is the window's reading content while a view is shown.
	saved fyne.CanvasObject
	// view is the comparison shown, if any (nil for the matrix).
	view *compareView
	btn  *widget.Button // the toolbar's 对照 button
	// onShown, if set, runs after a view was put in the window (perf).
	onShown func()
}

// attachCompare adds 查看 › 对照阅读 (Ctrl+K) and 专题矩阵, the toolbar's
// 对照 button and 对照阅读 in the contents tree's right-click menu.
func attachCompare(w *Window) *compareUI {
	u := &compareUI{w: w}
	w.compare = u
	w.AddActions(
		Action{ID: actCompare, Menu: menuView, Label: "对照阅读", Key: ctrlKey(fyne.KeyK), Run: func() { u.OpenNode(w.current) }, Sep: true,
			Help: "对照阅读：其他各篇中最接近本部分或本条的内容"},
		Action{ID: actMatrix, Menu: menuView, Label: "专题矩阵", Run: u.OpenMatrix, Help: "专题矩阵：各篇的部分按专题排成表"},
	)
	u.btn = widget.NewButtonWithIcon("对照", theme.ViewRestoreIcon(), func() { u.OpenNode(w.current) })
	u.btn.Importance = widget.LowImportance
	w.toolbar.box.Add(widget.NewSeparator())
	w.toolbar.box.Add(u.btn)
	update := func(n model.Node) {
		u.Close() // any navigation (转到, 后退, a search result) goes back to reading
		ok := comparable(n)
		w.setMenuEnabled(actCompare, ok)
		enable(u.btn, ok)
	}
	update(w.current)
	w.OnNavigate(update)
	w.AddNodeMenu(func(n model.Node) []*fyne.MenuItem {
		if !comparable(n) {
			return nil
		}
		return []*fyne.MenuItem{fyne.NewMenuItem("对照阅读", func() { u.OpenNode(n) })}
	})
	// Build the index in the background, so that the first comparison
	// does not wait for it (the Cache is safe for concurrent use).
	warm := func(c *model.Compilation) { go w.compareIndex(c) }
	warm(w.comp)
	w.OnCompilationChanged(func(c *model.Compilation) {
		u.Close()
		update(w.current)
		warm(c)
	})
	w.OnTypedKey(func(k *fyne.KeyEvent) bool {
		if k.Name == fyne.KeyEscape && u.saved != nil {
			u.Close()
			return true
		}
		return false
	})
	return u
}

// comparable tells whether n is a section or an item.
func comparable(n model.Node) bool {
	return n.Kind() == model.KindSection || n.Kind() == model.KindItem
}

// index is the comparison index of the window's compilation (the one
// export.go keeps).
func (u *compareUI) index() *compare.Index { return u.w.compareIndex(u.w.comp) }

// show puts a view in the window in place of the reading content.
func (u *compareUI) show(obj fyne.CanvasObject) {
	if u.saved == nil {
		u.saved = u.w.win.Content()
	}
	u.w.win.SetContent(obj)
	if u.onShown != nil {
		u.onShown()
	}
}

// Close goes back to reading.
func (u *compareUI) Close() {
	if u.saved == nil {
		return
	}
	u.w.win.SetContent(u.saved)
	u.saved, u.view = nil, nil
}

// Shown tells whether a comparison or the matrix is shown.
func (u *compareUI) Shown() bool { return u.saved != nil }

// OpenNode shows the comparison of section or item n.
func (u *compareUI) OpenNode(n model.Node) {
	if !comparable(n) {
		u.w.SetStatus("对照阅读需要先选中某一部分或某一条")
		return
	}
	res, err := u.index().Compare(n.Addr, compare.Options{Candidates: 4})
	if err != nil {
		u.w.SetStatus(err.Error())
		return
	}
	u.showResult(res)
}

// OpenTheme shows the comparison of row i of the matrix across all
// departments.
func (u *compareUI) OpenTheme(th compare.Theme) {
	u.showResult(u.index().CompareTheme(th, compare.Options{Candidates: 4}))
}

func (u *compareUI) showResult(res compare.Result) {
	v := newCompareView(u, res)
	u.view = v
	u.show(v.root)
}

// openInReader goes back to reading and opens node a.
func (u *compareUI) openInReader(a model.Address) {
	u.Close()
	if err := u.w.Open(a); err != nil {
		u.w.SetStatus(err.Error())
	}
}

// --- the comparison view ----------------------------------------------------

// compareView shows one comparison: a column per department, the source's
// first, each with its candidate (the reader can pick another), its score
// and shared terms, and its text with those terms highlighted.
type compareView struct {
	u      *compareUI
	res    compare.Result
	pick   map[int]int  // document → candidate index shown (-1: none, for a theme's 未涉及)
	hidden map[int]bool // departments the reader hid
	root   *fyne.Container
	cols   *fyne.Container
	faces  *typeset.Faces
	// selBlock is the block where the reader last selected text (for 笔记).
	selBlock *typeset.Block
	selPara  nav.Paragraph
	// pending typesets the columns out of sight, after the first drawing.
	pending []func()
}

func newCompareView(u *compareUI, res compare.Result) *compareView {
	v := &compareView{u: u, res: res, pick: map[int]int{}, hidden: map[int]bool{}, faces: typeset.NewFaces()}
	for _, col := range res.Documents {
		if res.Kind == compare.KindTheme && len(col.Candidates) > 0 && !col.Candidates[0].InTheme {
			v.pick[col.Document] = -1
		}
	}
	title := widget.NewLabelWithStyle(v.title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	depts := widget.NewButton("部门…", nil)
	depts.OnTapped = func() { v.showDeptMenu(depts) }
	exp := widget.NewButton("导出…", v.export)
	back := widget.NewButtonWithIcon("返回阅读", theme.NavigateBackIcon(), u.Close)
	back.Importance = widget.HighImportance
	hint := widget.NewLabel(v.hint())
	hint.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(depts, exp, back), title),
		hint, widget.NewSeparator())
	v.cols = container.NewHBox()
	v.fill()
	v.root = container.NewBorder(top, nil, nil, nil, container.NewHScroll(v.cols))
	return v
}

func (v *compareView) title() string {
	r := v.res
	if r.Kind == compare.KindTheme {
		return "专题对照：" + r.Address
	}
	return fmt.Sprintf("对照阅读：%s %s（%s）", r.Address, r.Source.Title, r.Source.DocShort)
}

func (v *compareView) hint() string {
	if len(v.res.Documents) == 0 {
		return "汇编中没有其他文件可以对照。"
	}
	if v.res.Kind == compare.KindTheme {
		return "每栏是一篇中属于这个专题的部分；未涉及的可从下拉框选最接近的部分参考。高亮为共同词。"
	}
	return "每栏是另一篇中内容最接近的" + kindName(v.res.Kind) + "；下拉框可换成下一个候选。高亮为共同词，相关度为 0 到 1 的相似度。"
}

func kindName(kind string) string {
	if kind == compare.KindItem {
		return "条"
	}
	return "部分"
}

// fill builds the columns: the source's, then each shown department's.
func (v *compareView) fill() {
	v.cols.Objects = nil
	if v.res.Kind != compare.KindTheme {
		v.cols.Objects = append(v.cols.Objects, v.sourceColumn())
	}
	for _, col := range v.res.Documents {
		if v.hidden[col.Document] {
			continue
		}
		v.cols.Objects = append(v.cols.Objects, v.column(col))
	}
	if len(v.res.Documents) == 0 {
		v.cols.Objects = append(v.cols.Objects, container.New(fixedWidth{compareColW}, widget.NewLabel("汇编只有一篇文件。")))
	}
	v.cols.Refresh()
	if len(v.pending) > 0 {
		pending := v.pending
		v.pending = nil
		go fyne.Do(func() {
			for _, f := range pending {
				f()
			}
		})
	}
}

// allTerms are the shared terms of every candidate shown: the source's
// column highlights them all.
func (v *compareView) allTerms() []string {
	var ts []string
	seen := map[string]bool{}
	for _, col := range v.res.Documents {
		if v.hidden[col.Document] {
			continue
		}
		if m, ok := v.shown(col); ok {
			for _, t := range m.Terms {
				if !seen[t] {
					seen[t] = true
					ts = append(ts, t)
				}
			}
		}
	}
	return ts
}

// shown is the candidate a column shows.
func (v *compareView) shown(col compare.Column) (compare.Match, bool) {
	i, ok := v.pick[col.Document]
	if !ok {
		i = 0
	}
	if i < 0 || i >= len(col.Candidates) {
		return compare.Match{}, false
	}
	return col.Candidates[i], true
}

func (v *compareView) sourceColumn() fyne.CanvasObject {
	s := v.res.Source
	head := deptHead(s.Document, s.DocShort, "（出发点）")
	info := wrapLabel(fmt.Sprintf("%s %s%s", s.Addr, s.Title, outlineOnly(s.HasText)))
	info.TextStyle = fyne.TextStyle{Bold: true}
	n, err := v.u.w.comp.Resolve(s.Addr)
	if err != nil {
		return widget.NewLabel(err.Error())
	}
	return v.columnBox(container.NewVBox(head, info, v.entryButtons(n)), n, v.allTerms())
}

func (v *compareView) column(col compare.Column) fyne.CanvasObject {
	hide := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		v.hidden[col.Document] = true
		v.fill()
	})
	hide.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, hide, deptHead(col.Document, col.DocShort, ""))
	if len(col.Candidates) == 0 {
		return v.columnBox(container.NewVBox(head, wrapLabel("这一篇没有可对照的"+kindName(v.res.Kind)+"。")), model.Node{}, nil)
	}
	// The candidates, best first, with their scores.
	opts := make([]string, 0, len(col.Candidates)+1)
	if v.pick[col.Document] < 0 {
		opts = append(opts, export.Unmatched+"（未选）")
	}
	for _, m := range col.Candidates {
		opts = append(opts, candidateLabel(m))
	}
	sel := widget.NewSelect(opts, nil)
	m, ok := v.shown(col)
	if ok {
		sel.SetSelected(candidateLabel(m))
	} else {
		sel.SetSelected(opts[0])
	}
	sel.OnChanged = func(s string) {
		for i, c := range col.Candidates {
			if candidateLabel(c) == s {
				v.pick[col.Document] = i
			}
		}
		v.fill()
		v.u.w.win.Canvas().Unfocus() // so that Esc goes back to reading
	}
	if !ok {
		note := wrapLabel(export.Unmatched + "：这一篇没有属于这个专题的部分。")
		note.Importance = widget.WarningImportance
		return v.columnBox(container.NewVBox(head, sel, note), model.Node{}, nil)
	}
	line := fmt.Sprintf("相关度 %.3f", m.Score)
	if m.Weak {
		line += "（相关度低）"
	}
	if len(m.Terms) > 0 {
		line += "　共同词：" + strings.Join(m.Terms, "、")
	}
	info := wrapLabel(line)
	parts := []fyne.CanvasObject{head, sel, info}
	if !m.HasText {
		tag := widget.NewLabel("（仅提纲）本篇只有提纲，没有正文")
		tag.Importance = widget.WarningImportance
		parts = append(parts, tag)
	}
	n, err := v.u.w.comp.Resolve(m.Addr)
	if err != nil {
		return widget.NewLabel(err.Error())
	}
	parts = append(parts, v.entryButtons(n))
	return v.columnBox(container.NewVBox(parts...), n, m.Terms)
}

// columnBox is a column: its head, then node n's text with terms
// highlighted, scrolling on its own.
func (v *compareView) columnBox(head fyne.CanvasObject, n model.Node, terms []string) fyne.CanvasObject {
	var body fyne.CanvasObject = layout.NewSpacer()
	if n.Kind() != model.KindCompilation {
		scroll := container.NewVScroll(layout.NewSpacer())
		body = scroll
		fill := func() {
			scroll.Content = v.text(n, terms)
			scroll.Refresh()
		}
		// The columns out of sight at first are typeset just after the
		// view is drawn, so that it opens as fast as three columns.
		if len(v.cols.Objects) < compareEager {
			fill()
		} else {
			v.pending = append(v.pending, fill)
		}
	}
	box := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, body)
	return container.New(fixedWidth{compareColW}, container.NewPadded(box))
}

// entryButtons are 阅读 (open in the reader), 书签 and 笔记 for node n.
func (v *compareView) entryButtons(n model.Node) fyne.CanvasObject {
	w := v.u.w
	read := widget.NewButtonWithIcon("阅读", theme.DocumentIcon(), func() { v.u.openInReader(n.Addr) })
	mark := widget.NewButtonWithIcon("书签", uitheme.IconBookmark, func() {
		if w.annotator == nil {
			return
		}
		if err := w.annotator.ToggleBookmark(n); err != nil {
			w.SetStatus(err.Error())
			return
		}
		w.RefreshAnnotations()
		v.fill()
	})
	if w.annotator != nil && w.annotator.Bookmarked(n) {
		mark.SetText("已加书签")
		mark.Importance = widget.HighImportance
	}
	note := widget.NewButtonWithIcon("笔记", uitheme.IconNote, func() {
		if w.annotator == nil {
			return
		}
		sel := Selection{}
		if v.selBlock != nil && v.selPara.Addr == n.Addr {
			if t := v.selBlock.SelectedText(); t != "" {
				sel = Selection{Text: t, Paragraph: v.selPara, Ok: true}
			}
		}
		w.annotator.AddNote(n, sel)
	})
	if w.annotator == nil {
		mark.Disable()
		note.Disable()
	}
	read.Importance, note.Importance = widget.LowImportance, widget.LowImportance
	if mark.Importance != widget.HighImportance {
		mark.Importance = widget.LowImportance
	}
	return container.NewHBox(read, mark, note)
}

// text is node n's paragraphs as the reading pane has them (headings, text,
// outline lines, the note that a node is outline only), laid out at the
// column's width, terms highlighted.
func (v *compareView) text(n model.Node, terms []string) fyne.CanvasObject {
	size := theme.TextSize()
	width := float32(compareColW) - 4*theme.Padding() - 12 // padding and the scroll bar
	// Through the reader's theme, which knows the light or dark variant
	// the reader chose (as the pane's highlights, pararow.go).
	mark := v.u.w.app.Settings().Theme().Color(uitheme.HighlightColorName(uitheme.HighlightSearch), v.u.w.app.Settings().ThemeVariant())
	box := container.NewVBox()
	for _, p := range nav.Paragraphs(v.u.w.comp, n) {
		if p.Kind == nav.Breadcrumb {
			continue
		}
		style := fyne.TextStyle{Bold: p.Kind == nav.Heading}
		indent := 2
		if p.Kind != nav.Body {
			indent = 0
		}
		t := typeset.Prepare(p.Text, v.faces.Metrics(size, style))
		b := typeset.NewSelectableBlock()
		if p.Kind == nav.Note || p.Kind == nav.Outline {
			b.ColorName = theme.ColorNamePlaceHolder
		}
		para := p
		b.OnSelect = func(b *typeset.Block) {
			if v.selBlock != nil && v.selBlock != b {
				v.selBlock.ClearSelection()
			}
			v.selBlock, v.selPara = b, para
		}
		b.SetLayout(t.Layout(typeset.Options{Width: width, Indent: indent, Pitch: size * 1.6}))
		b.SetMarks(termMarks(p.Text, terms, mark))
		box.Add(b)
		if p.Kind != nav.Heading {
			box.Add(spacerH(size * 0.4))
		}
	}
	return box
}

// termMarks marks every occurrence of the terms in text.
func termMarks(text string, terms []string, c interface {
	RGBA() (r, g, b, a uint32)
}) []typeset.Mark {
	var ms []typeset.Mark
	for _, t := range terms {
		if t == "" {
			continue
		}
		from := 0
		for {
			i := strings.Index(text[from:], t)
			if i < 0 {
				break
			}
			start := utf8.RuneCountInString(text[:from+i])
			ms = append(ms, typeset.Mark{Start: start, End: start + utf8.RuneCountInString(t), Color: c})
			from += i + len(t)
		}
	}
	return ms
}

// showDeptMenu lets the reader hide and show departments.
func (v *compareView) showDeptMenu(anchor fyne.CanvasObject) {
	var items []*fyne.MenuItem
	for _, col := range v.res.Documents {
		doc := col.Document
		it := fyne.NewMenuItem(fmt.Sprintf("第 %d 篇 %s", doc, col.DocShort), func() {
			v.hidden[doc] = !v.hidden[doc]
			v.fill()
		})
		it.Checked = !v.hidden[doc]
		items = append(items, it)
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("全部显示", func() {
		v.hidden = map[int]bool{}
		v.fill()
	}))
	c := v.u.w.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(anchor).AddXY(0, anchor.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// export saves the comparison as shown: the departments shown, each with
// the candidate picked first.
func (v *compareView) export() {
	r := v.res
	r.Documents = nil
	for _, col := range v.res.Documents {
		if v.hidden[col.Document] {
			continue
		}
		if i := v.pick[col.Document]; i > 0 && i < len(col.Candidates) {
			cs := append([]compare.Match{col.Candidates[i]}, col.Candidates[:i]...)
			col.Candidates = append(cs, col.Candidates[i+1:]...)
		}
		r.Documents = append(r.Documents, col)
	}
	r.Matches = r.Flat(false)
	name := "对照阅读 " + strings.ReplaceAll(r.Address, "/", "-")
	if r.Kind == compare.KindTheme {
		name = "专题对照 " + r.Address
	}
	v.u.w.ExportDoc(export.Comparison(v.u.w.comp, r, export.CompareOptions{}), name)
}

func candidateLabel(m compare.Match) string {
	return fmt.Sprintf("%s %s%s　%.3f", m.Address, m.Title, outlineOnly(m.HasText), m.Score)
}

func outlineOnly(hasText bool) string {
	if hasText {
		return ""
	}
	return "（仅提纲）"
}

func deptHead(doc int, short, extra string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(fmt.Sprintf("第 %d 篇 %s%s", doc, short, extra), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// spacerH is an empty object h high.
func spacerH(h float32) fyne.CanvasObject {
	r := layout.NewSpacer()
	return container.New(minHeight{h}, r)
}

// fixedWidth lays out its objects stacked, exactly w wide.
type fixedWidth struct{ w float32 }

func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := layout.NewStackLayout().MinSize(objs)
	return fyne.NewSize(f.w, s.Height)
}

func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}

// minHeight lays out its objects stacked, at least h high.
type minHeight struct{ h float32 }

func (m minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := layout.NewStackLayout().MinSize(objs)
	return fyne.NewSize(s.Width, max(s.Height, m.h))
}

func (m minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}
