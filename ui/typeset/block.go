package typeset

import (
	"image/color"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Mark is a highlight drawn behind runes [Start, End) of a Block's text.
type Mark struct {
	Start, End int
	Color      color.Color
}

// Block draws one laid out paragraph: a canvas.Text per line at the
// positions the layout computed (so what is measured is what is drawn and
// no line ever runs past the column), highlight marks behind the text and
// a selection. A Block takes no input, so list rows around it still get
// their taps; SelectableBlock adds the reader's selection.
//
// A Block either shows a Layout computed by its owner (SetLayout: the
// reading pane lays out every paragraph to know the row heights), or lays
// out a Text itself at its own width (SetText: list rows).
type Block struct {
	widget.BaseWidget

	// ColorName is the text colour's theme name; "" is the foreground.
	ColorName fyne.ThemeColorName
	// OnSelect is called when the reader starts a selection in the block
	// (owners use it to clear the selections of other blocks).
	OnSelect func(*Block)

	layout   *Layout
	text     *Text   // SetText: laid out at the block's width
	opt      Options // SetText options (Width comes from the size)
	maxLines int     // SetText: at most this many lines, the last cut with …
	marks    []Mark

	anchor, caret int // selection [min, max); equal: none
}

// SelectableBlock is a Block the reader selects text in: drag,
// double-click (a phrase between punctuation), Ctrl+A (the paragraph),
// copied with Ctrl+C or the right-click menu. The text copied is the
// paragraph's own: line breaks and the indent are layout, not text. Keys
// and shortcuts it does not use go on to the window, as if it did not
// have the focus.
type SelectableBlock struct {
	Block
	// MoreMenu, if set, gives items the right-click menu shows after 复制
	// and 全选 (the pane's 复制本条 and 导出…).
	MoreMenu func() []*fyne.MenuItem
}

// NewSelectableBlock returns an empty selectable block.
func NewSelectableBlock() *SelectableBlock {
	b := &SelectableBlock{}
	b.ExtendBaseWidget(b)
	return b
}

// NewBlock returns an empty block.
func NewBlock() *Block {
	b := &Block{}
	b.ExtendBaseWidget(b)
	return b
}

// SetLayout shows a layout computed by the owner and clears the selection.
func (b *Block) SetLayout(l *Layout) {
	b.layout, b.text = l, nil
	b.anchor, b.caret = 0, 0
	b.Refresh()
}

// SetText shows text laid out at the block's width with opt (its Width is
// ignored), in at most maxLines lines (0: no limit), and clears the
// selection.
func (b *Block) SetText(t *Text, opt Options, maxLines int) {
	b.text, b.opt, b.maxLines = t, opt, maxLines
	b.layout = nil
	b.anchor, b.caret = 0, 0
	b.relayout(b.Size().Width)
	b.Refresh()
}

// Layout is the layout shown (nil before any content).
func (b *Block) Layout() *Layout { return b.layout }

// Marks are the highlight marks shown.
func (b *Block) Marks() []Mark { return b.marks }

// SetMarks replaces the highlight marks.
func (b *Block) SetMarks(ms []Mark) {
	b.marks = append(b.marks[:0], ms...)
	b.Refresh()
}

// unsized is the width a SetText block lays out at before it has a size.
const unsized = 1e7

func (b *Block) relayout(w float32) {
	if b.text == nil {
		return
	}
	if w <= 0 { // not sized yet: one unbroken line until it is
		w = unsized
	}
	if b.layout != nil && b.layout.Width == w {
		return
	}
	o := b.opt
	o.Width = w
	b.layout = b.text.Layout(o)
}

// Selection returns the selected runes [start, end); start == end when
// nothing is selected.
func (b *Block) Selection() (start, end int) {
	return min(b.anchor, b.caret), max(b.anchor, b.caret)
}

// SelectedText is the selected text, "" if none.
func (b *Block) SelectedText() string {
	s, e := b.Selection()
	if b.layout == nil || s == e {
		return ""
	}
	rs := b.layout.Text.runes
	return string(rs[min(s, len(rs)):min(e, len(rs))])
}

// Select selects runes [start, end) (clamped to the text).
func (b *Block) Select(start, end int) {
	n := 0
	if b.layout != nil {
		n = len(b.layout.Text.runes)
	}
	b.anchor, b.caret = min(max(start, 0), n), min(max(end, 0), n)
	b.Refresh()
}

// ClearSelection removes the selection.
func (b *Block) ClearSelection() {
	if b.anchor != b.caret {
		b.anchor, b.caret = 0, 0
		b.Refresh()
	}
}

// MinSize is the height of the laid out text (of maxLines lines for a
// SetText block) and no width: the owner gives the width.
func (b *Block) MinSize() fyne.Size {
	if b.text != nil && b.maxLines > 0 {
		pitch := b.opt.Pitch
		if pitch <= 0 {
			pitch = b.text.m.boxH
		}
		return fyne.NewSize(0, float32(b.maxLines)*pitch)
	}
	if b.layout != nil {
		return fyne.NewSize(0, b.layout.Height())
	}
	return fyne.NewSize(0, 0)
}

// Resize lays a SetText block out again at its new width.
func (b *Block) Resize(s fyne.Size) {
	if s == b.Size() {
		return
	}
	b.relayout(s.Width)
	b.BaseWidget.Resize(s)
	b.Refresh()
}

// Cursor shows the text cursor over selectable text.
func (b *SelectableBlock) Cursor() desktop.Cursor { return desktop.TextCursor }

func (b *SelectableBlock) hit(p fyne.Position) int {
	if b.layout == nil {
		return 0
	}
	return b.layout.Hit(p.X, p.Y)
}

// MouseDown starts a selection.
func (b *SelectableBlock) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	b.focus()
	pos := b.hit(ev.Position)
	if ev.Modifier&fyne.KeyModifierShift == 0 {
		b.anchor = pos
	}
	b.caret = pos
	if b.OnSelect != nil {
		b.OnSelect(&b.Block)
	}
	b.Refresh()
}

// MouseUp ends a click.
func (b *SelectableBlock) MouseUp(*desktop.MouseEvent) {}

// Dragged extends the selection.
func (b *SelectableBlock) Dragged(ev *fyne.DragEvent) {
	b.caret = b.hit(ev.Position)
	b.Refresh()
}

// DragEnd ends a drag.
func (b *SelectableBlock) DragEnd() {}

// DoubleTapped selects the phrase under the pointer: the run between two
// punctuation marks or spaces.
func (b *SelectableBlock) DoubleTapped(ev *fyne.PointEvent) {
	if b.layout == nil {
		return
	}
	rs := b.layout.Text.runes
	pos := b.hit(ev.Position)
	if pos >= len(rs) {
		pos = len(rs) - 1
	}
	if pos < 0 {
		return
	}
	brk := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) }
	s, e := pos, pos
	for s > 0 && !brk(rs[s-1]) {
		s--
	}
	for e < len(rs) && !brk(rs[e]) {
		e++
	}
	if s == e {
		e = s + 1
	}
	if b.OnSelect != nil {
		b.OnSelect(&b.Block)
	}
	b.Select(s, e)
}

// TappedSecondary offers 复制 and 全选, then MoreMenu's items.
func (b *SelectableBlock) TappedSecondary(ev *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	cp := fyne.NewMenuItem("复制", b.copy)
	cp.Disabled = b.SelectedText() == ""
	all := fyne.NewMenuItem("全选", b.selectAll)
	items := []*fyne.MenuItem{cp, all}
	if b.MoreMenu != nil {
		if more := b.MoreMenu(); len(more) > 0 {
			items = append(append(items, fyne.NewMenuItemSeparator()), more...)
		}
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, ev.AbsolutePosition)
}

func (b *SelectableBlock) copy() {
	if t := b.SelectedText(); t != "" {
		fyne.CurrentApp().Clipboard().SetContent(t)
	}
}

func (b *SelectableBlock) selectAll() {
	if b.layout == nil {
		return
	}
	if b.OnSelect != nil {
		b.OnSelect(&b.Block)
	}
	b.Select(0, len(b.layout.Text.runes))
}

func (b *SelectableBlock) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && c.Focused() != b {
		c.Focus(b)
	}
}

// FocusGained implements fyne.Focusable.
func (b *SelectableBlock) FocusGained() {}

// FocusLost implements fyne.Focusable; the selection stays.
func (b *SelectableBlock) FocusLost() {}

// TypedRune passes runes on to the window.
func (b *SelectableBlock) TypedRune(r rune) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && c.OnTypedRune() != nil {
		c.OnTypedRune()(r)
	}
}

// TypedKey passes keys on to the window (scrolling, the window's keys), as
// if the block did not have the focus.
func (b *SelectableBlock) TypedKey(ev *fyne.KeyEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// TypedShortcut copies or selects all; other shortcuts go to the window's
// canvas, as if the block did not have the focus.
func (b *SelectableBlock) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutCopy:
		b.copy()
		return
	case *fyne.ShortcutSelectAll:
		b.selectAll()
		return
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(b).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// CreateRenderer implements fyne.Widget.
func (b *Block) CreateRenderer() fyne.WidgetRenderer { return &blockRenderer{b: b} }

type blockRenderer struct {
	b     *Block
	marks []*canvas.Rectangle // highlight marks, then selection
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *blockRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *blockRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *blockRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *blockRenderer) Destroy()                     {}

// rect returns the n-th rectangle, shown.
func (r *blockRenderer) rect(n int) *canvas.Rectangle {
	for len(r.marks) <= n {
		r.marks = append(r.marks, canvas.NewRectangle(color.Transparent))
	}
	rc := r.marks[n]
	rc.Show()
	return rc
}

// span adds rectangles over runes [s, e) to r.marks from n on; it returns
// the next free index.
func (r *blockRenderer) span(n, s, e int, fill color.Color, lines int) int {
	l := r.b.layout
	m := l.Text.m
	h := min(l.Pitch, m.boxH)
	for i := 0; i < lines; i++ {
		ln := l.Lines[i]
		a, z := max(s, ln.Start), min(e, ln.End)
		if a >= z {
			continue
		}
		x1, x2 := l.X(i, a), l.X(i, z)
		if x2 <= x1 {
			continue
		}
		rc := r.rect(n)
		n++
		rc.FillColor = fill
		rc.CornerRadius = 2
		rc.Move(fyne.NewPos(x1, float32(i)*l.Pitch+(l.Pitch-h)/2))
		rc.Resize(fyne.NewSize(x2-x1, h))
		rc.Refresh()
	}
	return n
}

func (r *blockRenderer) Refresh() {
	b := r.b
	l := b.layout
	th := b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	nMarks, nTexts := 0, 0
	if l != nil {
		lines := len(l.Lines)
		cut := b.text != nil && b.maxLines > 0 && lines > b.maxLines
		if cut {
			lines = b.maxLines
		}
		for _, mk := range b.marks {
			nMarks = r.span(nMarks, mk.Start, mk.End, mk.Color, lines)
		}
		if s, e := b.Selection(); s < e {
			nMarks = r.span(nMarks, s, e, th.Color(theme.ColorNameSelection, v), lines)
		}
		name := b.ColorName
		if name == "" {
			name = theme.ColorNameForeground
		}
		fg := th.Color(name, v)
		m := l.Text.m
		for i := 0; i < lines; i++ {
			s := l.LineText(i)
			if cut && i == lines-1 {
				s = ellipsize(l, i, m)
			}
			if s == "" {
				continue
			}
			for len(r.texts) <= nTexts {
				r.texts = append(r.texts, canvas.NewText("", fg))
			}
			t := r.texts[nTexts]
			nTexts++
			t.Text, t.Color, t.TextSize, t.TextStyle = s, fg, m.size, m.style
			t.Move(fyne.NewPos(l.Lines[i].Indent, l.TextTop(i)))
			t.Resize(fyne.NewSize(l.Lines[i].Width-l.Lines[i].Indent+1, m.boxH))
			t.Show()
			t.Refresh()
		}
	}
	for _, rc := range r.marks[nMarks:] {
		rc.Hide()
	}
	for _, t := range r.texts[nTexts:] {
		t.Hide()
	}
	r.objs = r.objs[:0]
	for _, rc := range r.marks {
		r.objs = append(r.objs, rc)
	}
	for _, t := range r.texts {
		r.objs = append(r.objs, t)
	}
}

// ellipsize is line i with the rest of the text cut to fit the column
// with "…" after it.
func ellipsize(l *Layout, i int, m *Metrics) string {
	ln := l.Lines[i]
	rs := l.Text.runes
	avail := l.Width - ln.Indent - m.Advance('…')
	w := float32(0)
	k := ln.Start
	for k < len(rs) && rs[k] != '\n' && w+m.Advance(rs[k]) <= avail {
		w += m.Advance(rs[k])
		k++
	}
	return string(rs[ln.Start:k]) + "…"
}
