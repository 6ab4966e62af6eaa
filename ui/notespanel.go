package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/notes"
	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
)

const (
	allDocs   = "全部篇目"
	allColors = "全部颜色"
	byPos     = "按位置"
	byTime    = "按时间"
)

type notesPanel struct {
	u     *NotesUI
	box   fyne.CanvasObject
	doc   *widget.Select
	color *widget.Select
	order *widget.Select
	query *widget.Entry
	count *widget.Label
	list  *widget.List
	// shown is the rows fetched so far, in order: the first of the
	// compilation's notes (a page, NotesPage), followed by removed once
	// every one of them is in. rows is how many rows the list has.
	shown   []notes.Note
	removed []notes.Note // notes on compilations removed from the library
	compN   int          // how many of the compilation's notes pass the filter
	rows    int
	docIDs  map[string]string // select label → document node ID
}

// notesPage is how many rows the panel fetches at first, and by how many
// at least it fetches more when the list scrolls past them: with 100 000
// notes, sorting and copying them all made opening the panel cost a third
// of a second.
const notesPage = 200

func newNotesPanel(u *NotesUI) *notesPanel {
	p := &notesPanel{u: u}
	p.doc = widget.NewSelect(nil, nil)
	p.setDocuments(u.comp)
	p.color = widget.NewSelect(append([]string{allColors}, colorLabels()...), nil)
	p.color.SetSelected(allColors)
	p.order = widget.NewSelect([]string{byPos, byTime}, nil)
	p.order.SetSelected(byPos)
	p.query = widget.NewEntry()
	p.query.SetPlaceHolder("在笔记中搜索")
	reload := func(string) { p.reload() }
	p.doc.OnChanged, p.color.OnChanged, p.order.OnChanged, p.query.OnChanged = reload, reload, reload, reload
	p.count = widget.NewLabel("")
	p.count.Importance = widget.MediumImportance
	faces := typeset.NewFaces()
	p.list = widget.NewList(
		func() int { return p.rows },
		func() fyne.CanvasObject { return newNoteRow(faces) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if n, ok := p.row(i); ok {
				o.(*noteRow).set(p.u, n)
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.list.UnselectAll()
		if n, ok := p.row(i); ok {
			p.u.jumpToNote(n)
		}
	}
	head := u.w.panelHead("笔记", panelNotes)
	filters := container.NewVBox(head, p.doc, container.NewGridWithColumns(2, p.color, p.order), p.query, p.count)
	p.box = container.NewBorder(filters, nil, nil, nil, p.list)
	return p
}

// setDocuments fills the document filter with the documents of c (again
// when the window switches compilation) and selects all of them.
func (p *notesPanel) setDocuments(c *model.Compilation) {
	p.docIDs = map[string]string{}
	docs := []string{allDocs}
	for _, d := range c.Documents {
		label := fmt.Sprintf("%d. %s", d.Number, d.Short)
		if d.Short == "" {
			label = fmt.Sprintf("%d. %s", d.Number, d.Title)
		}
		docs = append(docs, label)
		p.docIDs[label] = model.DocumentID(c.ID, d.Number)
	}
	p.doc.Options = docs
	p.doc.Selected = allDocs // without OnChanged: the caller reloads if the panel is up
	p.doc.Refresh()
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

// filter is what the panel's controls select.
func (p *notesPanel) filter() notes.Filter {
	f := notes.Filter{CompID: p.u.comp.ID, Query: p.query.Text}
	if id, ok := p.docIDs[p.doc.Selected]; ok {
		f.DocID = id
	}
	if c, ok := colorByLabel[p.color.Selected]; ok {
		f.Colors = []notes.Color{c}
	}
	if p.order.Selected == byTime {
		f.Order = notes.ByTime
	}
	return f
}

func (p *notesPanel) reload() {
	p.removed = nil
	if p.doc.Selected == allDocs {
		p.removed = p.u.notesOfRemoved(p.filter()) // library.go
	}
	p.fetch(notesPage)
	total := p.u.svc.NoteCount()
	if p.rows == total {
		p.count.SetText(fmt.Sprintf("共 %d 条笔记", total))
	} else {
		p.count.SetText(fmt.Sprintf("显示 %d 条，共 %d 条笔记", p.rows, total))
	}
	p.list.Refresh()
	// The rows' texts are read now, not when the notes were opened: a
	// damaged one is found (and repaired, or reported) here.
	p.u.checkRepairs()
}

// fetch reads the first n of the compilation's notes that pass the
// filter (and the removed ones after them once all are in).
func (p *notesPanel) fetch(n int) {
	p.shown, p.compN = p.u.svc.NotesPage(p.filter(), n)
	if len(p.shown) == p.compN {
		p.shown = append(p.shown, p.removed...)
	}
	p.rows = p.compN + len(p.removed)
}

// row is the list's row i, fetching more rows when the list scrolls
// past those fetched.
func (p *notesPanel) row(i int) (notes.Note, bool) {
	if i < 0 || i >= p.rows {
		return notes.Note{}, false
	}
	if i >= len(p.shown) {
		p.fetch(max(2*len(p.shown), i+1+notesPage))
	}
	if i < len(p.shown) {
		return p.shown[i], true
	}
	return notes.Note{}, false
}

// noteRow is one row of the notes panel: a colour swatch, where the note
// is, and the start of its text.
type noteRow struct {
	widget.BaseWidget
	swatch *canvas.Rectangle
	where  *widget.Label
	text   *typeset.Block // two lines, broken by the Chinese rules
	faces  *typeset.Faces
	edit   *widget.Button
	box    *fyne.Container
	onEdit func()
}

func newNoteRow(faces *typeset.Faces) *noteRow {
	r := &noteRow{swatch: canvas.NewRectangle(uitheme.HighlightColor(uitheme.HighlightYellow, theme.VariantLight)), faces: faces}
	r.swatch.SetMinSize(fyne.NewSize(6, 10))
	r.where = widget.NewLabel("")
	r.where.TextStyle.Bold = true
	r.where.Truncation = fyne.TextTruncateEllipsis
	r.text = typeset.NewBlock()
	r.setText("")
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		if r.onEdit != nil {
			r.onEdit()
		}
	})
	r.edit.Importance = widget.LowImportance
	pad := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameInnerPadding)
	text := container.New(layout.NewCustomPaddedLayout(0, pad/2, pad, pad), r.text)
	r.box = container.NewBorder(nil, nil, r.swatch, r.edit, container.NewVBox(r.where, text))
	r.ExtendBaseWidget(r)
	return r
}

func (r *noteRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *noteRow) set(u *NotesUI, n notes.Note) {
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	r.swatch.FillColor = uitheme.HighlightColor(string(n.Color), variant)
	r.swatch.Refresh()
	where := fmt.Sprintf("%s  %s", n.Address, n.Title)
	if u.svc.NoteAnchor(n).Orphaned {
		where = "〔原位置已不存在〕" + where
	}
	r.where.SetText(where)
	text := strings.TrimSpace(n.Text)
	if n.TextMissing() {
		text = "〔正文已损坏，无法读取〕"
	}
	if n.Quote != "" {
		if text == "" {
			text = "“" + n.Quote + "”"
		} else {
			text = "“" + n.Quote + "” " + text
		}
	}
	r.setText(oneLine(text, 160))
	r.onEdit = func() { u.showNoteDialog(model.Node{}, &n, "") }
}

// setText shows the start of a note's text in two lines at the
// interface's text size.
func (r *noteRow) setText(s string) {
	m := r.faces.Metrics(fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText), fyne.TextStyle{})
	r.text.SetText(typeset.Prepare(s, m), typeset.Options{}, 2)
}

// oneLine folds line breaks and shortens s to at most max characters.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return s
}
