package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/nav"
	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
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

// Pane is the reading pane: a widget.List with one row per paragraph, so
// that only the visible paragraphs are drawn. Every paragraph is laid out
// by ui/typeset (Chinese line breaking, real font advances, 首行缩进两字 for
// body text) whenever the content, the width or the reading settings
// change: the layouts give the row heights, and the rows draw exactly those
// lines, so the pane never overflows and needs no correction after drawing.
type Pane struct {
	widget.BaseWidget

	list    *widget.List
	content fyne.CanvasObject // what the pane draws: the list
	paras   []nav.Paragraph
	heights []float32         // row heights, without the list's separator
	texts   []*typeset.Text   // prepared paragraphs (kept across widths)
	layouts []*typeset.Layout // laid out paragraphs at the current width
	tagged  []bool            // paragraphs marked 仅提纲 (see tagOutlines)
	width   float32           // the width heights were computed for
	faces   *typeset.Faces

	layers [numLayers]map[string][]Highlight // by layer, then node ID

	rows []*paraRow // every row object the list has created

	pendingOffset float32 // scroll offset to apply after the next layout; <0 none
	allSelected   bool    // 编辑 › 全选 selected every paragraph (selectall.go)
	onLayout      func()  // test hook: called after heights are recomputed

	// OnRowMenu, if set, gives the items a row's right-click menu adds for
	// its paragraph (export.go: 复制本条, 导出…).
	OnRowMenu func(nav.Paragraph) []*fyne.MenuItem
}

// NewPane builds an empty reading pane.
func NewPane() *Pane {
	p := &Pane{faces: typeset.NewFaces(), pendingOffset: -1}
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
	p.texts = make([]*typeset.Text, len(ps))
	p.tagged = tagOutlines(ps)
	p.allSelected = false
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
		if t := r.block.SelectedText(); t != "" {
			out, para, found = t, p.paras[r.id], true
		}
	}
	return out, para, found
}

// Theme-derived sizes of the pane: the reading text's, not the
// interface's (see uitheme.SizeNameReadingText).
type paneSizes struct {
	text, heading, subHeading float32
	innerPad, margin, paraGap float32
	measure                   float32 // characters per line at most
	pitch                     float32 // line pitch in multiples of the text size
	ui                        float32 // the interface's text size (tags)
}

func currentSizes() paneSizes {
	th := fyne.CurrentApp().Settings().Theme()
	text := th.Size(uitheme.SizeNameReadingText)
	if text <= 0 { // a theme without the reader's names (Fyne's own)
		text = th.Size(theme.SizeNameText)
	}
	s := paneSizes{
		text:       text,
		heading:    th.Size(uitheme.SizeNameReadingHeading),
		subHeading: th.Size(uitheme.SizeNameReadingSubHeading),
		innerPad:   th.Size(theme.SizeNameInnerPadding),
		margin:     th.Size(uitheme.SizeNameReadingMargin),
		paraGap:    th.Size(uitheme.SizeNameParagraphSpacing),
		measure:    th.Size(uitheme.SizeNameReadingMeasure),
		pitch:      th.Size(uitheme.SizeNameReadingPitch),
		ui:         th.Size(theme.SizeNameText),
	}
	if s.heading <= 0 {
		s.heading = th.Size(theme.SizeNameHeadingText)
	}
	if s.subHeading <= 0 {
		s.subHeading = th.Size(theme.SizeNameSubHeadingText)
	}
	if s.measure <= 0 {
		s.measure = uitheme.DefaultMeasure
	}
	if s.pitch <= 0 {
		s.pitch = uitheme.DefaultPitch
	}
	return s
}

// contentBox is the x offset and width of the text column (padding
// included) in a row of width w: at most the measure of body text, centred,
// so that a wider pane gives wider margins rather than longer lines.
func (s paneSizes) contentBox(w float32) (x, width float32) {
	width = w - 2*s.margin
	// A hair over the measure, so that measure characters always fit.
	if limit := s.measure*s.text + s.text/4 + 2*s.innerPad; width > limit {
		width = limit
	}
	if width < 4*s.text {
		width = min(w, 4*s.text)
	}
	return (w - width) / 2, width
}

// paraStyle is how a paragraph kind is drawn.
type paraStyle struct {
	size   float32
	bold   bool
	color  fyne.ThemeColorName
	indent int // first-line indent in characters
}

// outlineTag marks the headings of nodes the compilation has no text for.
const outlineTag = "仅提纲"

func (s paneSizes) styleOf(para nav.Paragraph) paraStyle {
	switch para.Kind {
	case nav.Breadcrumb:
		return paraStyle{size: s.text, color: uitheme.ColorNameSecondaryText}
	case nav.Heading, nav.Outline:
		st := paraStyle{size: s.text, bold: true, color: theme.ColorNameForeground}
		switch para.Level {
		case 1:
			st.size = s.heading
		case 2:
			st.size = s.subHeading
		}
		return st
	case nav.Note:
		return paraStyle{size: s.text, color: uitheme.ColorNameSecondaryText}
	}
	return paraStyle{size: s.text, color: theme.ColorNameForeground, indent: 2}
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

// tagOutlines says which paragraphs carry the 仅提纲 tag: the outline
// headings whose parent heading is not an outline itself, so that an
// outline-only part is marked once at its top, as in the tree.
func tagOutlines(ps []nav.Paragraph) []bool {
	out := make([]bool, len(ps))
	var outline [8]bool // by level: the last heading at that level was an outline
	for i, para := range ps {
		if para.Kind != nav.Heading && para.Kind != nav.Outline {
			continue
		}
		lv := min(max(para.Level, 1), len(outline)-1)
		isOutline := para.Kind == nav.Outline
		out[i] = isOutline && !outline[lv-1]
		outline[lv] = isOutline
		for k := lv + 1; k < len(outline); k++ {
			outline[k] = false
		}
	}
	return out
}

// tagWidth is the room the 仅提纲 tag takes at the right of a line.
func (s paneSizes) tagWidth(f *typeset.Faces) float32 {
	return f.Metrics(s.ui*0.85, fyne.TextStyle{}).Width(outlineTag) + s.ui
}

// layoutPara lays out paragraph i for a text column of width colW.
func (p *Pane) layoutPara(i int, s paneSizes, colW float32) *typeset.Layout {
	para := p.paras[i]
	st := s.styleOf(para)
	if p.texts[i] == nil {
		p.texts[i] = typeset.Prepare(para.Text, p.faces.Metrics(st.size, fyne.TextStyle{Bold: st.bold}))
	}
	if p.isTagged(i) {
		colW -= s.tagWidth(p.faces)
	}
	return p.texts[i].Layout(typeset.Options{Width: colW, Indent: st.indent, Pitch: float32(math.Round(float64(s.pitch * st.size)))})
}

func (p *Pane) isTagged(i int) bool { return i < len(p.tagged) && p.tagged[i] }

// relayout recomputes every row's height for the current width and theme.
func (p *Pane) relayout() {
	w := p.Size().Width
	if w <= 0 {
		return
	}
	s := currentSizes()
	_, cw := s.contentBox(w)
	colW := cw - 2*s.innerPad
	keep := float32(-1) // scroll offset to keep when only the width changed
	if p.width > 0 {
		keep = p.list.GetScrollOffset()
	}
	if len(p.texts) != len(p.paras) {
		p.texts = make([]*typeset.Text, len(p.paras))
	}
	p.heights = make([]float32, len(p.paras))
	p.layouts = make([]*typeset.Layout, len(p.paras))
	l := p.newList()
	for i, para := range p.paras {
		lay := p.layoutPara(i, s, colW)
		p.layouts[i] = lay
		h := s.topGap(para, i == 0) + lay.Height() + 2*s.innerPad
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

// themeChanged recomputes heights after a change of the reading settings.
func (p *Pane) themeChanged() {
	p.faces.Reset()
	p.texts = make([]*typeset.Text, len(p.paras))
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
