package export

import (
	"fmt"
	"strings"

	"huibian/app/compare"
	"huibian/app/model"
)

// Matrix lays out the theme matrix (专题矩阵) as one table on landscape
// pages: a row per theme (its label), a column per department, each cell
// the department's sections on the theme (address and title), or 未涉及.
// A section known only from the outline in a document that has text is
// marked 〔仅提纲〕; a department known only from its outline says so in
// its column's header.
func Matrix(c *model.Compilation, m *compare.Matrix) Doc {
	d := Doc{Title: "专题矩阵", Landscape: true}
	if c != nil {
		d.Title = "专题矩阵：" + c.Title
	}
	d.add(Block{Kind: Heading, Depth: 0, Text: d.Title})
	d.add(Block{Kind: Note, Text: "〔各篇的部分按内容自动归为专题（平均连锁聚类，每个专题每篇至多一个部分，与对照阅读用同一相似度）；" +
		"专题名为其特征词。“" + Unmatched + "”表示该篇没有这一专题的部分〕"})
	if m == nil || len(m.Themes) == 0 {
		d.add(Block{Kind: Note, Text: "〔汇编只有一篇文件，没有可以对照的专题〕"})
		return d
	}
	t := &TableData{Header: []string{"专题"}, Widths: []int{3}}
	for _, h := range m.Documents {
		name := h.Short
		if name == "" {
			name = h.Title
		}
		if !h.HasText {
			name += "（仅提纲）"
		}
		t.Header = append(t.Header, name)
		t.Widths = append(t.Widths, 2)
	}
	hasText := map[int]bool{}
	for _, h := range m.Documents {
		hasText[h.Number] = h.HasText
	}
	for i, th := range m.Themes {
		row := []string{fmt.Sprintf("%d. %s", i+1, th.Label)}
		for _, cell := range th.Cells {
			if cell.Empty() {
				row = append(row, Unmatched)
				continue
			}
			var lines []string
			for _, e := range cell.Entries {
				title := e.Title
				if hasText[cell.Document] && !e.HasText {
					title += OutlineMark
				}
				lines = append(lines, e.Addr.String()+" "+title)
			}
			row = append(row, strings.Join(lines, "\n"))
		}
		t.Rows = append(t.Rows, row)
	}
	d.add(Block{Kind: Table, Table: t})
	return d
}
