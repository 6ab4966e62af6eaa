package export

import (
	"fmt"
	"strconv"
	"strings"

	"huibian/app/compare"
	"huibian/app/model"
)

// CompareOptions tune Comparison.
type CompareOptions struct {
	// All lists every candidate of each department, not only the best.
	All bool
	// NoTexts leaves out the texts of the source and its matches after the
	// table.
	NoTexts bool
}

// Unmatched is what a department's cell says when it has no such section.
const Unmatched = "未涉及"

// Comparison lays out a comparison (对照阅读) of one section, item or
// theme: a table with one row per department (the source's first), its
// matching section or item, the score and the shared terms; then, unless
// opt.NoTexts, the text of the source and of each department's best match,
// so that they can be read one after the other on paper.
func Comparison(c *model.Compilation, r compare.Result, opt CompareOptions) Doc {
	var d Doc
	what := "部分"
	if r.Kind == compare.KindItem {
		what = "条"
	}
	switch r.Kind {
	case compare.KindTheme:
		d.Title = "专题对照：" + r.Address
	default:
		d.Title = fmt.Sprintf("对照阅读：%s %s %s", r.Source.DocShort, r.Address, r.Source.Title)
	}
	d.add(Block{Kind: Heading, Depth: 0, Text: d.Title})
	if c != nil {
		d.add(Block{Kind: Note, Text: "〔出自《" + c.Title + "》〕"})
	}
	switch r.Kind {
	case compare.KindTheme:
		d.add(Block{Kind: Note, Text: "〔各篇中属于本专题的部分，按篇序排列；相关度为 0 到 1 的相似度，共同词为两者都有的主要词语〕"})
	default:
		d.add(Block{Kind: Note, Text: fmt.Sprintf("〔其他各篇中与本%s内容最接近的%s，按篇序排列；相关度为 0 到 1 的相似度，共同词为两者都有的主要词语〕", what, what)})
	}

	t := &TableData{Header: []string{"部门", "地址", "标题", "相关度", "共同词"}, Widths: []int{3, 2, 7, 2, 6}}
	if r.Kind != compare.KindTheme {
		t.Rows = append(t.Rows, []string{r.Source.DocShort + "（本篇）", r.Address, markOutline(r.Source.Title, r.Source.HasText), "—", "—"})
	}
	for _, col := range r.Documents {
		dept := col.DocShort
		if dept == "" {
			dept = col.DocTitle
		}
		shown := 0
		for _, m := range col.Candidates {
			if !shows(r, m, opt) {
				continue
			}
			shown++
			name := dept
			if m.Rank > 1 && !m.InTheme {
				name = fmt.Sprintf("%s（候选 %d）", dept, m.Rank)
			}
			score := strconv.FormatFloat(m.Score, 'f', 3, 64)
			if m.Weak {
				score += "（相关度低）"
			}
			t.Rows = append(t.Rows, []string{name, m.Address, markOutline(m.Title, m.HasText), score, strings.Join(m.Terms, "、")})
		}
		if shown == 0 {
			t.Rows = append(t.Rows, []string{dept, "", Unmatched, "", ""})
		}
	}
	d.add(Block{Kind: Heading, Depth: 2, Text: "对照表"})
	d.add(Block{Kind: Table, Table: t})

	if opt.NoTexts || c == nil {
		return d
	}
	d.add(Block{Kind: Heading, Depth: 2, Text: "各篇原文"})
	addText := func(dept string, a model.Address) {
		n, err := c.Resolve(a)
		if err != nil {
			return
		}
		// The node's own heading, named by its department, then its text
		// and items one level below.
		for _, b := range Node(c, n).Blocks {
			switch {
			case b.Source:
				continue
			case b.Kind == Heading && b.Depth == 0:
				b.Depth = 3
				b.Text = fmt.Sprintf("%s(%s):%s", dept, a, b.Text)
			case b.Kind == Heading:
				b.Depth = 4
			}
			d.add(b)
		}
	}
	if r.Kind != compare.KindTheme {
		addText(r.Source.DocShort+"，本篇", r.Source.Addr)
	}
	for _, col := range r.Documents {
		for _, m := range col.Candidates {
			if m.Rank == 1 && r.Kind != compare.KindTheme || r.Kind == compare.KindTheme && m.InTheme {
				addText(col.DocShort, m.Addr)
			}
		}
	}
	return d
}

// shows reports whether the table has a row for candidate m: the best
// of a section's or item's column, a theme's own sections; every
// candidate with opt.All.
func shows(r compare.Result, m compare.Match, opt CompareOptions) bool {
	switch {
	case opt.All:
		return true
	case r.Kind == compare.KindTheme:
		return m.InTheme
	}
	return m.Rank == 1
}

// markOutline adds the outline mark to the title of a node without text.
func markOutline(title string, hasText bool) string {
	if hasText {
		return title
	}
	return title + OutlineMark
}
