package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
)

// paraRow is one row: a typeset.Block drawing the paragraph's layout with
// its highlights, and for the heading of a node without text a 仅提纲 tag.
type paraRow struct {
	widget.BaseWidget
	pane  *Pane
	id    int
	block *typeset.SelectableBlock
	tag   *canvas.Text
	tagBg *canvas.Rectangle
}

func newParaRow(p *Pane) *paraRow {
	r := &paraRow{pane: p, id: -1, block: typeset.NewSelectableBlock()}
	r.block.OnSelect = func(b *typeset.Block) {
		for _, o := range p.rows {
			if &o.block.Block != b {
				o.block.ClearSelection()
			}
		}
	}
	r.block.MoreMenu = func() []*fyne.MenuItem {
		if p.OnRowMenu == nil || r.id < 0 || r.id >= len(p.paras) {
			return nil
		}
		return p.OnRowMenu(p.paras[r.id])
	}
	r.tag = canvas.NewText(outlineTag, nil)
	r.tagBg = canvas.NewRectangle(nil)
	r.ExtendBaseWidget(r)
	return r
}

func (r *paraRow) setID(id int) {
	changed := r.id != id
	r.id = id
	p := r.pane
	if id < 0 || id >= len(p.paras) || id >= len(p.layouts) {
		return
	}
	para := p.paras[id]
	s := currentSizes()
	st := s.styleOf(para)
	r.block.ColorName = st.color
	if changed || r.block.Layout() != p.layouts[id] {
		r.block.SetLayout(p.layouts[id])
	}
	r.block.SetMarks(append(r.marks(), p.selectionMarks(id)...)) // 编辑 › 全选 drawn last
	r.Refresh()
}

// marks are the highlights of the row's paragraph, every layer's, in
// drawing order.
func (r *paraRow) marks() []typeset.Mark {
	p := r.pane
	para := p.paras[r.id]
	if para.Part < 0 {
		return nil
	}
	var ms []typeset.Mark
	th := r.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for _, layer := range p.layers { // in drawing order
		for _, h := range layer[para.NodeID] {
			if h.Part == para.Part && h.End > h.Start {
				ms = append(ms, typeset.Mark{Start: h.Start, End: h.End, Color: th.Color(uitheme.HighlightColorName(h.Style), v)})
			}
		}
	}
	return ms
}

func (r *paraRow) CreateRenderer() fyne.WidgetRenderer { return &paraRowRenderer{r} }

// A row takes the pointer's hover and taps itself, so the list draws no
// hover or selection background over reading text.
func (r *paraRow) MouseIn(*desktop.MouseEvent)    {}
func (r *paraRow) MouseMoved(*desktop.MouseEvent) {}
func (r *paraRow) MouseOut()                      {}
func (r *paraRow) Tapped(*fyne.PointEvent)        {}

type paraRowRenderer struct{ r *paraRow }

func (rr *paraRowRenderer) Layout(size fyne.Size) {
	r := rr.r
	p := r.pane
	if r.id < 0 || r.id >= len(p.paras) || r.id >= len(p.layouts) {
		return
	}
	s := currentSizes()
	x, cw := s.contentBox(size.Width)
	para := p.paras[r.id]
	gap := s.topGap(para, r.id == 0)
	lay := p.layouts[r.id]
	r.block.Move(fyne.NewPos(x+s.innerPad, gap+s.innerPad))
	r.block.Resize(fyne.NewSize(cw-2*s.innerPad, lay.Height()))
	if !p.isTagged(r.id) {
		r.tag.Hide()
		r.tagBg.Hide()
		return
	}
	th := r.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.tag.Color = th.Color(uitheme.ColorNameSecondaryText, v)
	r.tag.TextSize = s.ui * 0.85
	ts := r.tag.MinSize()
	pad := s.ui / 3
	right := x + cw - s.innerPad
	y := gap + s.innerPad + (lay.Pitch-ts.Height)/2
	r.tag.Move(fyne.NewPos(right-ts.Width-pad, y))
	r.tag.Resize(ts)
	r.tagBg.StrokeColor = r.tag.Color
	r.tagBg.StrokeWidth = 1
	r.tagBg.FillColor = nil
	r.tagBg.CornerRadius = ts.Height / 4
	r.tagBg.Move(fyne.NewPos(right-ts.Width-2*pad, y))
	r.tagBg.Resize(fyne.NewSize(ts.Width+2*pad, ts.Height))
	r.tag.Show()
	r.tagBg.Show()
	r.tag.Refresh()
	r.tagBg.Refresh()
}

func (rr *paraRowRenderer) MinSize() fyne.Size { return fyne.NewSize(40, 20) }
func (rr *paraRowRenderer) Refresh()           { rr.Layout(rr.r.Size()) }
func (rr *paraRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.r.tagBg, rr.r.tag, rr.r.block}
}
func (rr *paraRowRenderer) Destroy() {}
