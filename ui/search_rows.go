package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/search"
	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
)

// searchRow is one row of the results list: a document header or a result.
type searchRow struct {
	header bool
	more   bool // the 显示更多 row after the first results
	// comp, on a header row, is a compilation's title: the first row of
	// its results in a search of every compilation.
	comp      string
	compCount int
	group     search.Group
	result    int // index into resp.Results
}

// resultRow is a row of the results list: a RichText with two lines
// (address, title and kind, then a blank line), and over the blank line the
// snippet, drawn by a typeset.Block: broken and cut with … by the Chinese
// rules (no opening quote left before the …), matches highlighted. Header
// and 显示更多 rows use the RichText only.
type resultRow struct {
	widget.BaseWidget
	rt      *widget.RichText
	snippet *typeset.Block
}

// newResultRow is the list's row template, truncated to the panel's width.
func newResultRow() *resultRow {
	rt := widget.NewRichText(
		&widget.TextSegment{Text: "0.0 标题", Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: "摘要", Style: widget.RichTextStyleParagraph},
	)
	rt.Wrapping = fyne.TextWrapOff
	rt.Truncation = fyne.TextTruncateEllipsis
	r := &resultRow{rt: rt, snippet: typeset.NewBlock()}
	r.snippet.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *resultRow) CreateRenderer() fyne.WidgetRenderer { return &resultRowRenderer{r} }

type resultRowRenderer struct{ r *resultRow }

func (rr *resultRowRenderer) Layout(size fyne.Size) {
	r := rr.r
	r.rt.Resize(size)
	r.rt.Move(fyne.NewPos(0, 0))
	if lay := r.snippet.Layout(); lay != nil || r.snippet.Visible() {
		pad := r.Theme().Size(theme.SizeNameInnerPadding)
		h := r.snippet.MinSize().Height
		r.snippet.Move(fyne.NewPos(pad, size.Height-pad-h))
		r.snippet.Resize(fyne.NewSize(max(size.Width-2*pad, 0), h))
	}
}
func (rr *resultRowRenderer) MinSize() fyne.Size { return rr.r.rt.MinSize() }
func (rr *resultRowRenderer) Refresh() {
	rr.Layout(rr.r.Size())
	rr.r.rt.Refresh()
	rr.r.snippet.Refresh()
}
func (rr *resultRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.r.rt, rr.r.snippet}
}
func (rr *resultRowRenderer) Destroy() {}

// setSnippet shows text with the runes at pos highlighted as matches.
func (s *SearchUI) setSnippet(r *resultRow, text string, pos []int) {
	th := r.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fill := th.Color(uitheme.HighlightColorName(uitheme.HighlightSearch), v)
	var marks []typeset.Mark
	for i := 0; i < len(pos); {
		j := i + 1
		for j < len(pos) && pos[j] == pos[j-1]+1 {
			j++
		}
		marks = append(marks, typeset.Mark{Start: pos[i], End: pos[j-1] + 1, Color: fill})
		i = j
	}
	if s.faces == nil {
		s.faces = typeset.NewFaces()
	}
	m := s.faces.Metrics(th.Size(theme.SizeNameText), fyne.TextStyle{})
	r.snippet.SetText(typeset.Prepare(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' ' // one line, rune for rune (pos stays valid)
		}
		return r
	}, text), m), typeset.Options{}, 1)
	r.snippet.SetMarks(marks)
	r.snippet.Show()
	r.Refresh()
}

// headerHeight is the height of a one-line document header row.
func headerHeight() float32 {
	rt := widget.NewRichText(&widget.TextSegment{Text: "第 1 篇", Style: widget.RichTextStyleParagraph})
	return rt.MinSize().Height
}

// snippetLead is how many runes of context to keep before the first
// highlighted character when the snippet is shown on one line.
const snippetLead = 8

func (s *SearchUI) updateRow(id widget.ListItemID, row *resultRow) {
	rt := row.rt
	row.snippet.Hide()
	if id >= len(s.rows) {
		return
	}
	sr := s.rows[id]
	if sr.more {
		rt.Segments = []widget.RichTextSegment{&widget.TextSegment{
			Text:  fmt.Sprintf("显示更多（还有 %d 条）", s.resp.Total-len(s.resp.Results)),
			Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameHyperlink},
		}}
		rt.Refresh()
		return
	}
	if sr.header {
		g := sr.group
		title := "其他笔记和书签" // notes and bookmarks outside any document
		if g.Doc > 0 {
			title = fmt.Sprintf("第 %d 篇 %s", g.Doc, g.DocTitle)
		}
		if sr.comp != "" {
			rt.Segments = []widget.RichTextSegment{&widget.TextSegment{
				Text:  fmt.Sprintf("《%s》（%d）", sr.comp, sr.compCount),
				Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary},
			}}
			rt.Refresh()
			return
		}
		rt.Segments = []widget.RichTextSegment{&widget.TextSegment{
			Text:  fmt.Sprintf("%s（%d）", title, len(g.Results)),
			Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameForeground},
		}}
		rt.Refresh()
		return
	}
	r := s.resp.Results[sr.result]
	addrStyle := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}
	if id == s.active {
		addrStyle.ColorName = theme.ColorNameHyperlink
	}
	// The title last: a long one is cut with … at the panel's edge (Fyne
	// truncates the line's last segment).
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: r.Address + "  ", Style: addrStyle},
		&widget.TextSegment{Text: "〔" + r.Kind.Label() + "〕", Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}},
		&widget.TextSegment{Text: r.Title, Style: widget.RichTextStyleParagraph},
	}
	segs = append(segs, &widget.TextSegment{Text: " ", Style: widget.RichTextStyleParagraph})
	rt.Segments = segs
	rt.Refresh()
	text, pos := leadSnippet(r.Snippet, r.Positions, snippetLead)
	s.setSnippet(row, text, pos)
}

// leadSnippet cuts a snippet so that its first highlighted character is
// at most lead runes from the start, where a narrow panel still shows it.
func leadSnippet(snippet string, pos []int, lead int) (string, []int) {
	if len(pos) == 0 || pos[0] <= lead+1 {
		return snippet, pos
	}
	cut := pos[0] - lead
	runes := []rune(snippet)
	out := make([]int, 0, len(pos))
	for _, p := range pos {
		out = append(out, p-cut+1)
	}
	return "…" + string(runes[cut:]), out
}
