package cli

import (
	"encoding/json"
	"flag"
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

func cmdInfo(env *Env, args []string) error {
	var asJSON bool
	pos, err := flags("info", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "") })
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"info 不接受其他参数"}
	}
	lib, err := env.Library()
	if err != nil {
		return err
	}
	infos, err := lib.List()
	if err != nil {
		return err
	}
	if asJSON {
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
		}{DataDir: lib.Dir(), Compilations: []comp{}}
		for _, i := range infos {
			out.Compilations = append(out.Compilations, comp{ID: i.ID, Title: i.Title, Stats: i.Stats, Source: i.SourceName, Builtin: i.Builtin})
		}
		return writeJSON(env.Stdout, out)
	}
	fmt.Fprintf(env.Stdout, "数据目录:%s\n", lib.Dir())
	for _, i := range infos {
		tag := ""
		if i.Builtin {
			tag = "(内置)"
		}
		fmt.Fprintf(env.Stdout, "\n《%s》%s\n", i.Title, tag)
		fmt.Fprintf(env.Stdout, "  标识:%s\n  来源:%s\n", i.ID, i.SourceName)
		fmt.Fprintf(env.Stdout, "  %d 篇,%d 部分,%d 条(其中 %d 条有正文),%d 字\n",
			i.Stats.Documents, i.Stats.Sections, i.Stats.Items, i.Stats.ItemsWithText, i.Stats.Characters)
	}
	return nil
}

func cmdToc(env *Env, args []string) error {
	var asJSON bool
	pos, err := flags("toc", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "") })
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"toc 不接受其他参数"}
	}
	c, err := builtin(env)
	if err != nil {
		return err
	}
	if asJSON {
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
		return writeJSON(env.Stdout, out)
	}
	w := env.Stdout
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

func builtin(env *Env) (*model.Compilation, error) {
	lib, err := env.Library()
	if err != nil {
		return nil, err
	}
	return lib.Builtin()
}

func cmdShow(env *Env, args []string) error {
	pos, err := flags("show", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"show 需要一个地址,例如 5.6"}
	}
	c, err := builtin(env)
	if err != nil {
		return err
	}
	n, err := c.ResolveString(pos[0])
	if err != nil {
		return err
	}
	if n.Kind() == model.KindCompilation {
		return usageError{"show 需要一个地址,例如 5.6"}
	}
	_, err = io.WriteString(env.Stdout, NodeText(n))
	return err
}

func cmdDump(env *Env, args []string) error {
	pos, err := flags("dump", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"dump 不接受其他参数"}
	}
	c, err := builtin(env)
	if err != nil {
		return err
	}
	_, err = io.WriteString(env.Stdout, DumpText(c))
	return err
}

func cmdImport(env *Env, args []string) error {
	pos, err := flags("import", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"import 需要一个文件路径"}
	}
	lib, err := env.Library()
	if err != nil {
		return err
	}
	rep, err := lib.ImportFile(pos[0])
	if err != nil {
		return err
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(env.Stderr, "注意:", w)
	}
	c := rep.Compilation
	st := c.Stats()
	switch {
	case rep.Unchanged:
		fmt.Fprintf(env.Stdout, "《%s》已导入过,内容未变。\n", c.Title)
	case rep.Replaced:
		fmt.Fprintf(env.Stdout, "已更新《%s》(标识 %s):%d 篇,%d 部分,%d 条,其中 %d 条有正文。\n", c.Title, c.ID, st.Documents, st.Sections, st.Items, st.ItemsWithText)
	default:
		fmt.Fprintf(env.Stdout, "已导入《%s》(标识 %s):%d 篇,%d 部分,%d 条,其中 %d 条有正文。\n", c.Title, c.ID, st.Documents, st.Sections, st.Items, st.ItemsWithText)
	}
	return nil
}

// NodeText renders one node as plain text, the way `show` prints it.
func NodeText(n model.Node) string {
	var b strings.Builder
	switch n.Kind() {
	case model.KindDocument:
		writeDoc(&b, n.Document)
	case model.KindSection:
		fmt.Fprintf(&b, "%s › %s\n\n", n.Document.Title, nav.SectionHeading(n.Section))
		writeSection(&b, n.Document, n.Section)
	case model.KindItem:
		fmt.Fprintf(&b, "%s › %s\n\n", n.Document.Title, nav.SectionHeading(n.Section))
		writeItem(&b, n.Document, n.Item, true)
	}
	return b.String()
}

// DumpText renders the whole compilation in reading order.
func DumpText(c *model.Compilation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Title)
	for _, d := range c.Documents {
		b.WriteString("\n")
		writeDoc(&b, d)
	}
	return b.String()
}

const missing = "〔本汇编未收录此部分正文〕"

func writeDoc(b *strings.Builder, d *model.Document) {
	fmt.Fprintf(b, "%d. %s\n", d.Number, d.Title)
	if !d.HasText {
		fmt.Fprintf(b, "%s(以下为提纲)\n", missing)
	} else if d.Truncated {
		b.WriteString("〔本篇正文不完整:原文在中途截断,其余各条仅有提纲标题〕\n")
	}
	for _, p := range d.Preamble {
		fmt.Fprintf(b, "\n%s\n", p)
	}
	for _, s := range d.Sections {
		b.WriteString("\n")
		writeSection(b, d, s)
	}
}

func writeSection(b *strings.Builder, d *model.Document, s *model.Section) {
	fmt.Fprintf(b, "%s\n", nav.SectionHeading(s))
	for _, p := range s.Intro {
		fmt.Fprintf(b, "%s\n", p)
	}
	for _, it := range s.Items {
		writeItem(b, d, it, false)
	}
}

func writeItem(b *strings.Builder, d *model.Document, it *model.Item, alone bool) {
	if !it.HasText {
		fmt.Fprintf(b, "%s\n", nav.ItemHeading(it))
		switch {
		case it.Fragment != "":
			fmt.Fprintf(b, "〔原文在此处中断,只留下“%s”;本条只有提纲标题〕\n", it.Fragment)
		case d.HasText || alone:
			fmt.Fprintf(b, "%s\n", missing)
		}
		return
	}
	body := it.Body
	if it.Inline && len(body) > 0 {
		// As in the source: the heading runs into the first paragraph.
		fmt.Fprintf(b, "%s%s%s\n", it.Marker, it.Heading, body[0])
		body = body[1:]
	} else {
		fmt.Fprintf(b, "%s\n", nav.ItemHeading(it))
	}
	for _, p := range body {
		fmt.Fprintf(b, "%s\n", p)
	}
}
