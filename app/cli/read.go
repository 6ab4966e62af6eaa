package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"huibian/app/model"
	"huibian/app/nav"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// readCommands read the library and its compilations.
var readCommands = []command{
	{name: "info", usage: "[--json]", summary: "显示资料库中各汇编的篇数、条数和字数",
		flags: []flagDef{boolFlag("json")}, argsErr: "info 不接受其他参数", needs: needLibrary, run: runInfo},
	{name: "toc", usage: "[--json]", summary: "显示目录（篇、部分、条）",
		flags: []flagDef{boolFlag("json")}, argsErr: "toc 不接受其他参数", needs: needComp, run: runToc},
	{name: "show", usage: "ADDR", summary: "显示一个节点的全文，地址如 5、5/2、5.6",
		args: exactArgs(1), argsErr: "show 需要一个地址，例如 5.6", needs: needComp, run: runShow},
	{name: "dump", summary: "按阅读顺序输出整部汇编的纯文本",
		argsErr: "dump 不接受其他参数", needs: needComp, run: runDump},
	{name: "import", usage: "FILE", summary: "导入一个汇编：Word 文档（.docx）或文本文件（UTF-8、UTF-16 或 GBK）",
		args: exactArgs(1), argsErr: "import 需要一个文件路径", needs: needLibrary, run: runImport},
}

func runInfo(x *call) error {
	infos, err := x.library.List()
	if err != nil {
		return err
	}
	if x.bool("json") {
		type comp struct {
			ID    string `json:"id"`
			Title string `json:"title"`
			model.Stats
			Source  string `json:"source"`
			Builtin bool   `json:"builtin"`
		}
		out := struct {
			DataDir      string `json:"data_dir"`
			Compilations []comp `json:"compilations"`
		}{DataDir: x.library.Dir(), Compilations: []comp{}}
		for _, i := range infos {
			out.Compilations = append(out.Compilations, comp{ID: i.ID, Title: i.Title, Stats: i.Stats, Source: i.SourceName, Builtin: i.Builtin})
		}
		return writeJSON(x.Stdout, out)
	}
	fmt.Fprintf(x.Stdout, "数据目录：%s\n", x.library.Dir())
	for _, i := range infos {
		tag := ""
		if i.Builtin {
			tag = "（内置）"
		}
		fmt.Fprintf(x.Stdout, "\n《%s》%s\n", i.Title, tag)
		fmt.Fprintf(x.Stdout, "  标识：%s\n  来源：%s\n", i.ID, i.SourceName)
		fmt.Fprintf(x.Stdout, "  %d 篇，%d 部分，%d 条（其中 %d 条有正文），%d 字\n",
			i.Stats.Documents, i.Stats.Sections, i.Stats.Items, i.Stats.ItemsWithText, i.Stats.Characters)
	}
	return nil
}

func runToc(x *call) error {
	c := x.comp
	if x.bool("json") {
		type item struct {
			Address string `json:"address"`
			ID      string `json:"id"`
			Title   string `json:"title"`
			HasText bool   `json:"has_text"`
		}
		type section struct {
			item
			Items []item `json:"items"`
		}
		type doc struct {
			item
			Page      int       `json:"page,omitempty"`
			Truncated bool      `json:"truncated,omitempty"`
			Sections  []section `json:"sections"`
		}
		out := struct {
			ID        string `json:"id"`
			Title     string `json:"title"`
			Documents []doc  `json:"documents"`
		}{ID: c.ID, Title: c.Title}
		for _, d := range c.Documents {
			dd := doc{item: item{model.Address{Doc: d.Number}.String(), d.ID, d.Title, d.HasText}, Page: d.Page, Truncated: d.Truncated}
			for _, s := range d.Sections {
				ss := section{item: item{model.Address{Doc: d.Number, Section: s.Number}.String(), s.ID, s.Title, s.HasText}}
				for _, it := range s.Items {
					ss.Items = append(ss.Items, item{model.Address{Doc: d.Number, Item: it.Number}.String(), it.ID, it.Title, it.HasText})
				}
				dd.Sections = append(dd.Sections, ss)
			}
			out.Documents = append(out.Documents, dd)
		}
		return writeJSON(x.Stdout, out)
	}
	w := x.Stdout
	fmt.Fprintf(w, "《%s》\n", c.Title)
	for _, d := range c.Documents {
		page := ""
		if d.Page > 0 {
			page = fmt.Sprintf(" ……第 %d 页", d.Page)
		}
		fmt.Fprintf(w, "%-6s %s%s%s\n", fmt.Sprint(d.Number), d.Title, page, noText(d.HasText, d.Truncated))
		for _, s := range d.Sections {
			fmt.Fprintf(w, "  %-6s %s%s\n", fmt.Sprintf("%d/%d", d.Number, s.Number), s.Title, noText(s.HasText || !d.HasText, false))
			for _, it := range s.Items {
				fmt.Fprintf(w, "    %-6s %s%s\n", fmt.Sprintf("%d.%d", d.Number, it.Number), it.Title, noText(it.HasText || !d.HasText, false))
			}
		}
	}
	return nil
}

func noText(has, truncated bool) string {
	switch {
	case !has:
		return "  〔无正文〕"
	case truncated:
		return "  〔正文不完整〕"
	}
	return ""
}

func runShow(x *call) error {
	n, err := x.comp.ResolveString(x.args[0])
	if err != nil {
		return err
	}
	if n.Kind() == model.KindCompilation {
		return usageError{"show 需要一个地址，例如 5.6"}
	}
	_, err = io.WriteString(x.Stdout, NodeText(x.comp, n))
	return err
}

func runDump(x *call) error {
	_, err := io.WriteString(x.Stdout, DumpText(x.comp))
	return err
}

func runImport(x *call) error {
	rep, err := x.library.ImportFile(x.args[0])
	if err != nil {
		return err
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(x.Stderr, "注意：%v\n", w)
	}
	c := rep.Compilation
	st := c.Stats()
	switch {
	case rep.Unchanged:
		fmt.Fprintf(x.Stdout, "《%s》已导入过，内容未变。\n", c.Title)
	case rep.Replaced:
		fmt.Fprintf(x.Stdout, "已更新《%s》（标识 %s）：%d 篇，%d 部分，%d 条，其中 %d 条有正文。\n", c.Title, c.ID, st.Documents, st.Sections, st.Items, st.ItemsWithText)
	default:
		fmt.Fprintf(x.Stdout, "已导入《%s》（标识 %s）：%d 篇，%d 部分，%d 条，其中 %d 条有正文。\n", c.Title, c.ID, st.Documents, st.Sections, st.Items, st.ItemsWithText)
	}
	return nil
}

// NodeText renders one node as plain text, the way `show` prints it: the
// paragraphs the reading pane shows (nav.Paragraphs), with the same notes.
func NodeText(c *model.Compilation, n model.Node) string {
	var b strings.Builder
	writeParagraphs(&b, nav.Paragraphs(c, n))
	return b.String()
}

// DumpText renders the whole compilation in reading order: its title, then
// every document as `show` prints it.
func DumpText(c *model.Compilation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Title)
	for _, d := range c.Documents {
		b.WriteString("\n")
		writeParagraphs(&b, nav.Paragraphs(c, model.Node{Addr: model.Address{Doc: d.Number}, Document: d}))
	}
	return b.String()
}

// writeParagraphs writes paragraphs one to a line: a blank line after the
// breadcrumb and before the heading of each document and section, notes in
// 〔〕, and a heading that ran into its first paragraph in the source joined
// with it again, so that the text reads as written.
func writeParagraphs(b *strings.Builder, ps []nav.Paragraph) {
	start := b.Len()
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		switch p.Kind {
		case nav.Breadcrumb:
			fmt.Fprintf(b, "%s\n\n", p.Text)
			start = b.Len()
		case nav.Note:
			fmt.Fprintf(b, "〔%s〕\n", strings.TrimSuffix(p.Text, "。"))
		case nav.Heading, nav.Outline:
			if p.Addr.Kind() != model.KindItem && b.Len() > start {
				b.WriteString("\n")
			}
			text := p.Text
			if p.RunIn && i+1 < len(ps) && ps[i+1].Kind == nav.Body {
				i++
				text += ps[i].Text
			}
			fmt.Fprintf(b, "%s\n", text)
		default:
			fmt.Fprintf(b, "%s\n", p.Text)
		}
	}
}
