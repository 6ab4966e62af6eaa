package cli

import (
	"fmt"
	"io"
	"strings"

	"huibian/app/compare"
	"huibian/app/model"
)

// compareOut is the JSON of `compare`: the source and, per other document
// in document order, its best match (with --all every candidate).
type compareOut struct {
	Address string          `json:"address"`
	Kind    string          `json:"kind"`
	Matches []compare.Match `json:"matches"`
}

// compareCommands compare the chosen compilation's documents.
var compareCommands = []command{
	{name: "compare", usage: "[--json] [--all] [--export docx|md [-o FILE]] ADDR", summary: "对照阅读：找出其他各篇中与某一部分或某一条最接近的内容（--all 列出备选；--export 导出为 Word 或 Markdown）",
		flags: []flagDef{boolFlag("json"), boolFlag("all"), stringFlag("export", ""), stringFlag("o", "")}, args: exactArgs(1),
		argsErr: "compare 需要一个部分或条的地址，例如 1/3 或 2.11", check: checkExportFormat, needs: needComp,
		run: func(x *call) error {
			if x.str("export") != "" { // exportdoc.go
				return exportComparison(x, x.args[0])
			}
			return writeCompare(x.Stdout, x.comp, x.args[0], x.bool("all"), x.bool("json"))
		}},
	{name: "themes", usage: "[--json] [--export docx|md [-o FILE]]", summary: "专题矩阵：把各篇的部分按内容归成专题，列出每篇涉及的部分（--export 导出为 Word 或 Markdown 表格）",
		flags: []flagDef{boolFlag("json"), stringFlag("export", ""), stringFlag("o", "")}, args: exactArgs(0),
		argsErr: "themes 不接受其他参数", check: checkExportFormat, needs: needComp,
		run: func(x *call) error {
			if x.str("export") != "" { // exportdoc.go
				return exportThemes(x, "")
			}
			return writeThemes(x.Stdout, x.comp, x.bool("json"))
		}},
}

// writeCompare prints the comparison of the node at addr of c.
func writeCompare(w io.Writer, c *model.Compilation, addr string, all, asJSON bool) error {
	n, err := c.ResolveString(addr)
	if err != nil {
		return err
	}
	if k := n.Kind(); k != model.KindSection && k != model.KindItem {
		return usageError{fmt.Sprintf("compare 只能对照某一部分（如 1/3）或某一条（如 2.11），“%s”不是", addr)}
	}
	res, err := compare.New(c).Compare(n.Addr, compare.Options{})
	if err != nil {
		return fmt.Errorf("对照 %s：%w", addr, err)
	}
	if asJSON {
		return writeJSON(w, compareOut{Address: res.Address, Kind: res.Kind, Matches: res.Flat(all)})
	}
	src := res.Source
	fmt.Fprintf(w, "对照阅读：%s %s（第 %d 篇 %s）%s\n", res.Address, src.Title, src.Document, src.DocShort, outlineMark(src.HasText))
	if len(res.Documents) == 0 {
		fmt.Fprintln(w, "汇编中没有其他文件可以对照。")
		return nil
	}
	for _, col := range res.Documents {
		fmt.Fprintf(w, "\n第 %d 篇 %s\n", col.Document, col.DocShort)
		if len(col.Candidates) == 0 {
			fmt.Fprintln(w, "  （没有可对照的内容）")
			continue
		}
		for _, m := range col.Candidates {
			if m.Rank > 1 && !all {
				break
			}
			lead := "  "
			if all {
				lead = fmt.Sprintf("  %d.", m.Rank)
			}
			weak := ""
			if m.Weak {
				weak = " 相关度低"
			}
			fmt.Fprintf(w, "%s %-6s %s%s  相关度 %.3f%s\n", lead, m.Address, m.Title, outlineMark(m.HasText), m.Score, weak)
			if len(m.Terms) > 0 {
				fmt.Fprintf(w, "%s        共同词：%s\n", strings.Repeat(" ", len(lead)-2), strings.Join(m.Terms, "、"))
			}
		}
	}
	return nil
}

// outlineMark is " (仅提纲)" for a node known only from the outline.
func outlineMark(hasText bool) string {
	if hasText {
		return ""
	}
	return "（仅提纲）"
}

// writeThemes prints the theme matrix of c.
func writeThemes(w io.Writer, c *model.Compilation, asJSON bool) error {
	m := compare.New(c).Themes()
	if asJSON {
		return writeJSON(w, m)
	}
	if len(m.Themes) == 0 {
		fmt.Fprintln(w, "汇编只有一篇文件，没有可以对照的专题。")
		return nil
	}
	for i, th := range m.Themes {
		docs := 0
		for _, cell := range th.Cells {
			if !cell.Empty() {
				docs++
			}
		}
		fmt.Fprintf(w, "专题 %d：%s（%d 篇涉及）\n", i+1, th.Label, docs)
		for k, cell := range th.Cells {
			name := m.Documents[k].Short
			if cell.Empty() {
				fmt.Fprintf(w, "  第 %d 篇 %s：未涉及\n", cell.Document, name)
				continue
			}
			var parts []string
			for _, e := range cell.Entries {
				parts = append(parts, fmt.Sprintf("%s %s%s", e.Addr, e.Title, outlineMark(e.HasText)))
			}
			fmt.Fprintf(w, "  第 %d 篇 %s：%s\n", cell.Document, name, strings.Join(parts, "；"))
		}
		fmt.Fprintln(w)
	}
	return nil
}
