package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	uitheme "huibian/ui/theme"
)

// paraRow is one row: highlight rectangles behind a selectable label.
type paraRow struct {
	widget.BaseWidget
	pane  *Pane
	id    int
	label *widget.Label
	marks []*canvas.Rectangle
	bg    *fyne.Container
}

func newParaRow(p *Pane) *paraRow {
	r := &paraRow{pane: p, id: -1}
	r.label = widget.NewLabel("")
	r.label.Wrapping = fyne.TextWrapWord
	r.label.Selectable = true
	r.bg = container.NewWithoutLayout()
	r.ExtendBaseWidget(r)
	return r
}

func (r *paraRow) setID(id int) {
	r.id = id
	if id < 0 || id >= len(r.pane.paras) {
		return
	}
	para := r.pane.paras[id]
	st := styleOf(para)
	l := r.label
	if l.Text != para.Text || l.SizeName != st.sizeName || l.TextStyle.Bold != st.bold || l.Importance != st.importance {
		l.Text = para.Text
		l.SizeName = st.sizeName
		l.TextStyle = fyne.TextStyle{Bold: st.bold}
		l.Importance = st.importance
		l.Refresh()
	}
	r.Refresh()
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
	if r.id < 0 || r.id >= len(p.paras) {
		return
	}
	s := currentSizes()
	x, cw := s.contentBox(size.Width)
	gap := s.topGap(p.paras[r.id], r.id == 0)
	r.label.Move(fyne.NewPos(x, gap))
	r.label.Resize(fyne.NewSize(cw, size.Height-gap))
	r.bg.Resize(size)
	r.layoutMarks(x, gap, s)

	// Correct the row height if the label wraps differently than the
	// estimate (rare: shaping differs from summed advances).
	if p.width == size.Width && r.id < len(p.heights) {
		need := float32(math.Ceil(float64(r.label.MinSize().Height + gap)))
		if r.id == len(p.paras)-1 {
			need += s.paraGap * 2
		}
		if math.Abs(float64(need-p.heights[r.id])) >= 1 {
			id, l := r.id, p.list
			p.heights[id] = need
			fyne.Do(func() {
				if p.list == l && id < len(p.heights) && p.heights[id] == need {
					l.SetItemHeight(id, need)
				}
			})
		}
	}
}

// layoutMarks places the highlight rectangles of the row's paragraph.
func (r *paraRow) layoutMarks(x, y float32, s paneSizes) {
	p := r.pane
	para := p.paras[r.id]
	var hs []Highlight
	if para.Part >= 0 {
		for _, layer := range p.layers { // in drawing order
			for _, h := range layer[para.NodeID] {
				if h.Part == para.Part && h.End > h.Start {
					hs = append(hs, h)
				}
			}
		}
	}
	n := 0
	if len(hs) > 0 && r.id < len(p.lines) {
		m := p.metricsFor(styleOf(para))
		text := []rune(para.Text)
		w := m.prefixWidths(text)
		th := r.Theme()
		v := fyne.CurrentApp().Settings().ThemeVariant()
		for _, h := range hs {
			fill := th.Color(uitheme.HighlightColorName(h.Style), v)
			for li, ln := range p.lines[r.id] {
				a, b := max(h.Start, ln.begin), min(h.End, ln.end)
				if a >= b || b > len(text) {
					continue
				}
				if n == len(r.marks) {
					r.marks = append(r.marks, canvas.NewRectangle(color.Transparent))
				}
				rect := r.marks[n]
				n++
				rect.FillColor = fill
				rect.CornerRadius = 2
				rect.Move(fyne.NewPos(x+s.innerPad+w.of(ln.begin, a), y+s.innerPad+float32(li)*m.lineH))
				rect.Resize(fyne.NewSize(w.of(a, b), m.lineH))
				rect.Show()
				rect.Refresh()
			}
		}
	}
	for _, rect := range r.marks[n:] {
		rect.Hide()
	}
	objs := make([]fyne.CanvasObject, len(r.marks))
	for i, m := range r.marks {
		objs[i] = m
	}
	r.bg.Objects = objs
}

func (rr *paraRowRenderer) MinSize() fyne.Size { return fyne.NewSize(40, 20) }
func (rr *paraRowRenderer) Refresh() {
	rr.Layout(rr.r.Size())
	rr.r.bg.Refresh()
}
func (rr *paraRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.r.bg, rr.r.label}
}
func (rr *paraRowRenderer) Destroy() {}
