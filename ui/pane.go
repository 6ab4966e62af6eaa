package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"huibian/app/nav"
	uitheme "huibian/ui/theme"
)

// Highlight marks runes [Start, End) of one paragraph of a node's text
// (see nav.Paragraph.Part) with a highlight colour.
type Highlight struct {
	Part       int    // nav.Paragraph.Part: 0 heading line, k ≥ 1 k-th paragraph
	Start, End int    // rune offsets within that paragraph's Text
	Style      string // a highlight name: uitheme.HighlightYellow … uitheme.HighlightSearchCurrent
}

// HighlightLayer is the owner of a set of highlights in the pane. Each
// owner replaces only its own layer, so none has to know the others'
// styles; layers are drawn in this order, a later one over an earlier.
type HighlightLayer int

// The pane's highlight layers. A new owner (the comparison view) adds its
// own before numLayers.
const (
	LayerNotes  HighlightLayer = iota // note quotes and noted headings
	LayerSearch                       // search matches, the current one apart
	numLayers
)

// maxLineEms caps the reading text's line length, in ems of the body text:
// wider panes get side margins instead of longer lines.
const maxLineEms = 44

// Pane is the reading pane: a widget.List with one selectable, word-wrapped
// Label per paragraph, so that only the visible paragraphs are laid out.
// Row heights are computed from per-rune advances (see wrap.go) whenever
// the content, the width or the text size changes.
type Pane struct {
	widget.BaseWidget

	list    *widget.List
	content fyne.CanvasObject // what the pane draws: the list
	paras   []nav.Paragraph
	heights []float32    // row heights, without the list's separator
	lines   [][]lineSpan // wrapped lines per paragraph at the current width
	width   float32      // the width heights were computed for
	key     metricsKey   // theme state the metrics were built for
	metrics map[metricsKey]*textMetrics
	faces   map[fyne.Resource]*font.Face // parsed theme fonts, for glyph advances

	layers [numLayers]map[string][]Highlight // by layer, then node ID

	rows []*paraRow // every row object the list has created

	pendingOffset float32 // scroll offset to apply after the next layout; <0 none
	onLayout      func()  // test hook: called after heights are recomputed
}

type metricsKey struct {
	size float32
	bold bool
}

// NewPane builds an empty reading pane.
func NewPane() *Pane {
	p := &Pane{metrics: map[metricsKey]*textMetrics{}, faces: map[fyne.Resource]*font.Face{}, pendingOffset: -1}
	for i := range p.layers {
		p.layers[i] = map[string][]Highlight{}
	}
	p.list = p.newList()
	p.content = p.list
	p.ExtendBaseWidget(p)
	return p
}

// newList makes the list widget. The pane makes a new one whenever all row
// heights change (new content, width or text size): SetItemHeight on a list
// that has been drawn refreshes every visible row, once per call, while on
// a new list it only records the height.
func (p *Pane) newList() *widget.List {
	l := widget.NewList(
		func() int { return len(p.paras) },
		func() fyne.CanvasObject {
			r := newParaRow(p)
			p.rows = append(p.rows, r)
			return r
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*paraRow).setID(id) },
	)
	l.HideSeparators = true
	l.OnSelected = func(widget.ListItemID) { l.UnselectAll() }
	return l
}

// Paragraphs returns the paragraphs shown, in order. The slice must not be
// modified.
func (p *Pane) Paragraphs() []nav.Paragraph { return p.paras }

// SetParagraphs replaces the content and scrolls to the top.
func (p *Pane) SetParagraphs(ps []nav.Paragraph) {
	p.paras = ps
	p.width = -1 // force new heights
	p.pendingOffset = -1
	p.relayout()
}

// SetHighlights replaces one layer's highlights on one node's text; nil
// clears them. The other layers are left as they are.
func (p *Pane) SetHighlights(layer HighlightLayer, nodeID string, hs []Highlight) {
	if len(hs) == 0 {
		delete(p.layers[layer], nodeID)
	} else {
		p.layers[layer][nodeID] = append([]Highlight(nil), hs...)
	}
	for i, para := range p.paras {
		if para.NodeID == nodeID {
			p.list.RefreshItem(i)
		}
	}
}

// SetLayer replaces a whole layer: each node in by gets its highlights,
// and every other node's highlights in the layer are cleared.
func (p *Pane) SetLayer(layer HighlightLayer, by map[string][]Highlight) {
	for id := range p.layers[layer] {
		if _, ok := by[id]; !ok {
			p.SetHighlights(layer, id, nil)
		}
	}
	for id, hs := range by {
		p.SetHighlights(layer, id, hs)
	}
}

// ClearLayer removes every highlight of one layer.
func (p *Pane) ClearLayer(layer HighlightLayer) {
	clear(p.layers[layer])
	p.list.Refresh()
}

// Highlights returns the highlights set on a node's text, every layer's,
// in drawing order.
func (p *Pane) Highlights(nodeID string) []Highlight {
	var out []Highlight
	for _, l := range p.layers {
		out = append(out, l[nodeID]...)
	}
	return out
}

// Index returns the row showing part of node nodeID, or -1.
func (p *Pane) Index(nodeID string, part int) int {
	for i, para := range p.paras {
		if para.NodeID == nodeID && para.Part == part {
			return i
		}
	}
	return -1
}

// separator is the gap the list leaves between rows.
func separator() float32 {
	return fyne.CurrentApp().Settings().Theme().Size(theme.SizeNamePadding)
}

// rowOffset is the scroll offset that puts row i at the top.
func (p *Pane) rowOffset(i int) float32 {
	y, sep := float32(0), separator()
	for j := 0; j < i && j < len(p.heights); j++ {
		y += p.heights[j] + sep
	}
	return y
}

// ScrollToRow puts row i at the top of the pane.
func (p *Pane) ScrollToRow(i int) {
	if i < 0 || i >= len(p.paras) {
		return
	}
	p.ScrollToOffset(p.rowOffset(i))
}

// ScrollToOffset scrolls to an offset; before the pane has its width the
// offset is applied after the first layout.
func (p *Pane) ScrollToOffset(y float32) {
	if p.width <= 0 {
		p.pendingOffset = y
		return
	}
	p.list.ScrollToOffset(y)
}

// ScrollOffset is the current scroll offset.
func (p *Pane) ScrollOffset() float32 {
	if p.pendingOffset >= 0 {
		return p.pendingOffset
	}
	return p.list.GetScrollOffset()
}

// TopRow is the index of the first row visible at the current offset.
func (p *Pane) TopRow() int {
	y, off, sep := float32(0), p.ScrollOffset(), separator()
	for i, h := range p.heights {
		if y+h+sep > off {
			return i
		}
		y += h + sep
	}
	return 0
}

// SelectedText returns the text selected in any visible paragraph, with the
// paragraph it is in (ok false if there is no selection).
func (p *Pane) SelectedText() (string, nav.Paragraph, bool) {
	var out string
	var para nav.Paragraph
	found := false
	for _, r := range p.rows {
		if found || r.id < 0 || r.id >= len(p.paras) || !r.Visible() {
			continue
		}
		if t := r.label.SelectedText(); t != "" {
			out, para, found = t, p.paras[r.id], true
		}
	}
	return out, para, found
}

// Theme-derived sizes of the pane.
type paneSizes struct {
	text, innerPad, margin, paraGap float32
}

func currentSizes() paneSizes {
	th := fyne.CurrentApp().Settings().Theme()
	return paneSizes{
		text:     th.Size(theme.SizeNameText),
		innerPad: th.Size(theme.SizeNameInnerPadding),
		margin:   th.Size(uitheme.SizeNameReadingMargin),
		paraGap:  th.Size(uitheme.SizeNameParagraphSpacing),
	}
}

// contentBox is the x offset and width of the text column in a row of
// width w.
func (s paneSizes) contentBox(w float32) (x, width float32) {
	width = w - 2*s.margin
	if limit := maxLineEms*s.text + 2*s.innerPad; width > limit {
		width = limit
	}
	if width < 4*s.text {
		width = min(w, 4*s.text)
	}
	return (w - width) / 2, width
}

// paraStyle is how a paragraph kind is drawn.
type paraStyle struct {
	sizeName   fyne.ThemeSizeName
	bold       bool
	importance widget.Importance
}

func styleOf(para nav.Paragraph) paraStyle {
	switch para.Kind {
	case nav.Breadcrumb:
		return paraStyle{theme.SizeNameText, false, widget.LowImportance}
	case nav.Heading, nav.Outline:
		s := paraStyle{theme.SizeNameText, true, widget.MediumImportance}
		switch para.Level {
		case 1:
			s.sizeName = theme.SizeNameHeadingText
		case 2:
			s.sizeName = theme.SizeNameSubHeadingText
		}
		if para.Kind == nav.Outline {
			s.importance = widget.LowImportance
		}
		return s
	case nav.Note:
		return paraStyle{theme.SizeNameText, false, widget.WarningImportance}
	}
	return paraStyle{theme.SizeNameText, false, widget.MediumImportance}
}

// topGap is the extra space above a paragraph, setting headings apart.
func (s paneSizes) topGap(para nav.Paragraph, first bool) float32 {
	if first {
		return s.paraGap / 2
	}
	switch para.Kind {
	case nav.Heading, nav.Outline:
		switch para.Level {
		case 1:
			return s.paraGap * 1.5
		case 2:
			return s.paraGap * 1.5
		default:
			return s.paraGap * 0.75
		}
	}
	return 0
}

func (p *Pane) metricsFor(st paraStyle) *textMetrics {
	size := fyne.CurrentApp().Settings().Theme().Size(st.sizeName)
	k := metricsKey{size, st.bold}
	m, ok := p.metrics[k]
	if !ok {
		m = newTextMetrics(size, fyne.TextStyle{Bold: st.bold}, p.faces)
		p.metrics[k] = m
	}
	return m
}

// relayout recomputes every row's height for the current width and theme.
func (p *Pane) relayout() {
	w := p.Size().Width
	if w <= 0 {
		return
	}
	s := currentSizes()
	_, cw := s.contentBox(w)
	wrapW := cw - 2*s.innerPad
	keep := float32(-1) // scroll offset to keep when only the width changed
	if p.width > 0 {
		keep = p.list.GetScrollOffset()
	}
	p.heights = make([]float32, len(p.paras))
	p.lines = make([][]lineSpan, len(p.paras))
	l := p.newList()
	for i, para := range p.paras {
		m := p.metricsFor(styleOf(para))
		text := []rune(para.Text)
		ls := wrapWord(text, m.prefixWidths(text), wrapW)
		p.lines[i] = ls
		n := max(len(ls), 1)
		h := s.topGap(para, i == 0) + float32(n)*m.lineH + 2*s.innerPad
		if i == len(p.paras)-1 {
			h += s.paraGap * 2 // room below the last paragraph
		}
		p.heights[i] = float32(math.Ceil(float64(h)))
		l.SetItemHeight(i, p.heights[i])
	}
	p.width = w
	p.rows = nil
	p.list = l
	p.content = l
	l.Resize(p.Size())
	p.BaseWidget.Refresh()
	if p.pendingOffset >= 0 {
		keep = p.pendingOffset
		p.pendingOffset = -1
	}
	if keep > 0 {
		l.ScrollToOffset(keep)
	}
	if p.onLayout != nil {
		p.onLayout()
	}
}

// themeChanged recomputes heights after a text size change.
func (p *Pane) themeChanged() {
	p.metrics = map[metricsKey]*textMetrics{}
	p.pendingOffset = -1
	p.width = -1
	p.relayout()
}

// CreateRenderer implements fyne.Widget.
func (p *Pane) CreateRenderer() fyne.WidgetRenderer { return &paneRenderer{p} }

type paneRenderer struct{ p *Pane }

func (r *paneRenderer) Layout(size fyne.Size) {
	if size.Width != r.p.width {
		r.p.relayout()
	}
	r.p.content.Resize(size)
	r.p.content.Move(fyne.NewPos(0, 0))
}
func (r *paneRenderer) MinSize() fyne.Size           { return fyne.NewSize(120, 120) }
func (r *paneRenderer) Refresh()                     { r.p.content.Refresh() }
func (r *paneRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.content} }
func (r *paneRenderer) Destroy()                     {}
