package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/notes"
	uitheme "huibian/ui/theme"
)

// treeRow is one row of the contents tree: the title, truncated with …,
// and at the right, apart from it, the markers DecorateTree adds (✓ read,
// ★ bookmark, ● notes), each note dot in its note's colour. When the title
// is cut off, hovering the row shows it whole in the status bar.
type treeRow struct {
	widget.BaseWidget
	w      *Window
	id     string        // the node shown
	label  *widget.Label // the title (and, in tests, the whole text)
	marks  string        // marker text: prefix + suffix of DecorateTree
	colors []notes.Color // colours of the note dots
	hover  bool
	saved  string // the status text before hovering
}

func newTreeRow(w *Window) *treeRow {
	r := &treeRow{w: w, label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// setMarks sets the marker text and the note colours.
func (r *treeRow) setMarks(marks string, colors []notes.Color) {
	if r.marks == marks && equalColors(r.colors, colors) {
		return
	}
	r.marks, r.colors = marks, append(r.colors[:0], colors...)
	r.Refresh()
}

func equalColors(a, b []notes.Color) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cut reports whether the title does not fit its label.
func (r *treeRow) cut() bool {
	l := r.label
	th := r.Theme()
	need := fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
	return need > l.Size().Width+0.5
}

// TappedSecondary shows the node menu (ui/export.go).
func (r *treeRow) TappedSecondary(e *fyne.PointEvent) {
	if r.id != "" {
		r.w.showNodeMenu(r.id, e.AbsolutePosition)
	}
}

// MouseIn shows a cut-off title whole in the status bar.
func (r *treeRow) MouseIn(*desktop.MouseEvent) {
	if r.w == nil || r.w.status == nil || !r.cut() {
		return
	}
	r.hover = true
	r.saved = r.w.status.Text
	r.w.status.SetText(r.label.Text)
}

// MouseMoved implements desktop.Hoverable.
func (r *treeRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut restores the status bar.
func (r *treeRow) MouseOut() {
	if !r.hover {
		return
	}
	r.hover = false
	if r.w.status.Text == r.label.Text {
		r.w.status.SetText(r.saved)
	}
}

func (r *treeRow) CreateRenderer() fyne.WidgetRenderer {
	rr := &treeRowRenderer{r: r}
	rr.build()
	return rr
}

type treeRowRenderer struct {
	r     *treeRow
	texts []*canvas.Text
	dots  []*canvas.Circle
	objs  []fyne.CanvasObject
	markW float32
}

func (rr *treeRowRenderer) MinSize() fyne.Size {
	m := rr.r.label.MinSize()
	return fyne.NewSize(m.Width+rr.markW, m.Height)
}

func (rr *treeRowRenderer) Objects() []fyne.CanvasObject { return rr.objs }
func (rr *treeRowRenderer) Destroy()                     {}

func (rr *treeRowRenderer) Refresh() {
	rr.build()
	rr.Layout(rr.r.Size())
	canvas.Refresh(rr.r)
}

// build makes the marker objects: runs of text, and a dot per note colour
// in place of each ●.
func (rr *treeRowRenderer) build() {
	r := rr.r
	th := r.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(uitheme.ColorNameSecondaryText, v)
	size := th.Size(theme.SizeNameText)
	nt, nd := 0, 0
	rr.objs = rr.objs[:0]
	text := func(s string) {
		if s == "" {
			return
		}
		if nt == len(rr.texts) {
			rr.texts = append(rr.texts, canvas.NewText("", fg))
		}
		t := rr.texts[nt]
		nt++
		t.Text, t.Color, t.TextSize = s, fg, size
		t.Refresh()
		rr.objs = append(rr.objs, t)
	}
	dot := func(c notes.Color) {
		if nd == len(rr.dots) {
			rr.dots = append(rr.dots, canvas.NewCircle(color.Transparent))
		}
		d := rr.dots[nd]
		nd++
		info, ok := c.Info()
		if !ok {
			info, _ = notes.Yellow.Info()
		}
		// The dot is the note's highlight colour with a ring of the text
		// colour, so that pale colours show on a light page too.
		fill := info.Light
		if v == theme.VariantDark {
			fill = info.Dark
		}
		d.FillColor, d.StrokeColor, d.StrokeWidth = fill, fg, 1
		d.Refresh()
		rr.objs = append(rr.objs, d)
	}
	var run []rune
	for _, c := range r.marks {
		if string(c) != markNote {
			run = append(run, c)
			continue
		}
		text(string(run))
		run = run[:0]
		if len(r.colors) == 0 {
			dot(notes.Yellow)
		}
		for _, col := range r.colors {
			dot(col)
		}
	}
	text(string(run))
	rr.objs = append(rr.objs, r.label)
}

func (rr *treeRowRenderer) Layout(size fyne.Size) {
	r := rr.r
	th := r.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	size1 := th.Size(theme.SizeNameText)
	dotD := size1 * 0.7
	// Place the markers from the left of their area; measure first.
	var w float32
	for _, o := range rr.objs {
		switch o := o.(type) {
		case *canvas.Text:
			w += o.MinSize().Width
		case *canvas.Circle:
			w += dotD + 2
		}
	}
	if w > 0 {
		w += pad / 2
	}
	rr.markW = w
	x := size.Width - w
	for _, o := range rr.objs {
		switch o := o.(type) {
		case *canvas.Text:
			ms := o.MinSize()
			o.Move(fyne.NewPos(x, (size.Height-ms.Height)/2))
			o.Resize(ms)
			x += ms.Width
		case *canvas.Circle:
			o.Move(fyne.NewPos(x+1, (size.Height-dotD)/2))
			o.Resize(fyne.NewSize(dotD, dotD))
			x += dotD + 2
		}
	}
	r.label.Move(fyne.NewPos(0, 0))
	r.label.Resize(fyne.NewSize(max(size.Width-w, 0), size.Height))
}

// treeRowParts returns the title label of a tree row object: a treeRow,
// or a plain Label (tests pass one to UpdateNode to read a row's text).
func treeRowParts(o fyne.CanvasObject) (*widget.Label, *treeRow) {
	switch o := o.(type) {
	case *treeRow:
		return o.label, o
	case *widget.Label:
		return o, nil
	}
	return nil, nil
}

// outlineTop reports whether n is the highest node of an outline-only
// part: it has no text, and its parent has some (or is the compilation).
func outlineTop(n model.Node) bool {
	if n.HasText() {
		return false
	}
	switch n.Kind() {
	case model.KindDocument:
		return true
	case model.KindSection:
		return n.Document.HasText
	case model.KindItem:
		return n.Section != nil && n.Section.HasText
	}
	return false
}

// SetTreeNoteColors registers fn giving the colours of the notes on a node:
// its ● marker in the tree is drawn as one dot in each.
func (w *Window) SetTreeNoteColors(fn func(id string) []notes.Color) { w.treeNoteColors = fn }

func (w *Window) noteColors(id string) []notes.Color {
	if w.treeNoteColors == nil {
		return nil
	}
	return w.treeNoteColors(id)
}
