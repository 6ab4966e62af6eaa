package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/search"
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

// newResultRow is the list's row template: two lines (address and title,
// then the snippet), truncated to the panel's width.
func newResultRow() *widget.RichText {
	rt := widget.NewRichText(
		&widget.TextSegment{Text: "0.0 标题", Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: "摘要", Style: widget.RichTextStyleParagraph},
	)
	rt.Wrapping = fyne.TextWrapOff
	rt.Truncation = fyne.TextTruncateEllipsis
	return rt
}

// headerHeight is the height of a one-line document header row.
func headerHeight() float32 {
	rt := widget.NewRichText(&widget.TextSegment{Text: "第 1 篇", Style: widget.RichTextStyleParagraph})
	return rt.MinSize().Height
}

// snippetLead is how many runes of context to keep before the first
// highlighted character when the snippet is shown on one line.
const snippetLead = 8

func (s *SearchUI) updateRow(id widget.ListItemID, rt *widget.RichText) {
	if id >= len(s.rows) {
		return
	}
	row := s.rows[id]
	if row.more {
		rt.Segments = []widget.RichTextSegment{&widget.TextSegment{
			Text:  fmt.Sprintf("显示更多（还有 %d 条）", s.resp.Total-len(s.resp.Results)),
			Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameHyperlink},
		}}
		rt.Refresh()
		return
	}
	if row.header {
		g := row.group
		title := "其他笔记和书签" // notes and bookmarks outside any document
		if g.Doc > 0 {
			title = fmt.Sprintf("第 %d 篇 %s", g.Doc, g.DocTitle)
		}
		if row.comp != "" {
			rt.Segments = []widget.RichTextSegment{&widget.TextSegment{
				Text:  fmt.Sprintf("《%s》（%d）", row.comp, row.compCount),
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
	r := s.resp.Results[row.result]
	addrStyle := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}
	if id == s.active {
		addrStyle.ColorName = theme.ColorNameHyperlink
	}
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: r.Address + "  ", Style: addrStyle},
		&widget.TextSegment{Text: r.Title + "  ", Style: widget.RichTextStyleInline},
		&widget.TextSegment{Text: "〔" + r.Kind.Label() + "〕", Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}},
	}
	text, pos := leadSnippet(r.Snippet, r.Positions, snippetLead)
	segs = append(segs, markedSegments(text, pos)...)
	rt.Segments = segs
	rt.Refresh()
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

// markedSegments turns a text and its highlighted rune positions into
// one line of inline segments, the highlighted ones bold and coloured.
func markedSegments(text string, pos []int) []widget.RichTextSegment {
	hit := make(map[int]bool, len(pos))
	for _, p := range pos {
		hit[p] = true
	}
	var segs []widget.RichTextSegment
	var b strings.Builder
	in := false
	flush := func() {
		if b.Len() == 0 {
			return
		}
		st := widget.RichTextStyleInline
		if in {
			st = widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}
		}
		segs = append(segs, &widget.TextSegment{Text: b.String(), Style: st})
		b.Reset()
	}
	i := 0
	for _, r := range text {
		if hit[i] != in {
			flush()
			in = hit[i]
		}
		b.WriteRune(r)
		i++
	}
	flush()
	if len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: " "})
	}
	// The last segment ends the line.
	last := segs[len(segs)-1].(*widget.TextSegment)
	last.Style.Inline = false
	return segs
}
