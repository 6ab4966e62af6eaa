package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// libraryCommand lists and removes the compilations in the library (the
// window's 资料库 view does the same through library.Service).
var libraryCommand = command{name: "library", usage: "ls [--json] | rm ID",
	summary: "资料库：ls 列出各汇编（标识、标题、篇数、条数、来源文件、导入时间） · rm ID 删除一部导入的汇编（ID 也可以是标题中的几个字；笔记和书签保留）",
	noSub:   "library 需要子命令：ls 或 rm", unknownSub: "library 没有“%s”这个子命令：应为 ls 或 rm",
	subs: []command{
		{name: "ls", flags: []flagDef{boolFlag("json")}, argsErr: "用法：library ls [--json]", needs: needLibrary, run: runLibraryLs},
		{name: "rm", args: exactArgs(1), argsErr: "用法：library rm ID（ID 见 library ls，也可以是标题中的几个字）", needs: needLibrary, run: runLibraryRm},
	}}

func runLibraryRm(x *call) error {
	info, err := x.library.Find(x.args[0])
	if err != nil {
		return err
	}
	if info.Builtin {
		return fmt.Errorf("《%s》是内置汇编，不能删除", info.Title)
	}
	if err := x.library.Remove(info.ID); err != nil {
		return fmt.Errorf("删除《%s》：%w", info.Title, err)
	}
	fmt.Fprintf(x.Stdout, "已删除《%s》（标识 %s）及保存的原文件 %s。它的笔记和书签仍然保留，再次导入同一文件后即可恢复。\n", info.Title, info.ID, info.SourceName)
	return nil
}

// runLibraryLs prints every compilation: as JSON, or as a table.
func runLibraryLs(x *call) error {
	lib := x.library
	infos, err := lib.List()
	if err != nil {
		return err
	}
	if x.bool("json") {
		type comp struct {
			ID            string    `json:"id"`
			Title         string    `json:"title"`
			Documents     int       `json:"documents"`
			Sections      int       `json:"sections"`
			Items         int       `json:"items"`
			ItemsWithText int       `json:"items_with_text"`
			Source        string    `json:"source"`
			Imported      time.Time `json:"imported"`
		}
		out := struct {
			Compilations []comp `json:"compilations"`
		}{Compilations: []comp{}}
		for _, i := range infos {
			out.Compilations = append(out.Compilations, comp{ID: i.ID, Title: i.Title, Documents: i.Stats.Documents,
				Sections: i.Stats.Sections, Items: i.Stats.Items, ItemsWithText: i.Stats.ItemsWithText,
				Source: i.SourceName, Imported: i.ImportedAt})
		}
		return writeJSON(x.Stdout, out)
	}
	current := lib.LastOpened()
	rows := [][]string{{"", "标识", "标题", "篇", "部分", "条", "有正文", "来源文件", "导入时间"}}
	for _, i := range infos {
		mark, title := "", "《"+i.Title+"》"
		if i.ID == current {
			mark = "*"
		}
		if i.Builtin {
			title += "（内置）"
		}
		rows = append(rows, []string{mark, i.ID, title, fmt.Sprint(i.Stats.Documents), fmt.Sprint(i.Stats.Sections),
			fmt.Sprint(i.Stats.Items), fmt.Sprint(i.Stats.ItemsWithText), i.SourceName,
			i.ImportedAt.Local().Format("2006-01-02 15:04")})
	}
	writeTable(x.Stdout, rows, map[int]bool{3: true, 4: true, 5: true, 6: true})
	fmt.Fprintf(x.Stdout, "\n共 %d 部汇编。* 为命令默认使用的汇编（窗口中最后打开的）；用 --comp 标识或标题中的几个字选择其他汇编。\n", len(infos))
	return nil
}

// writeTable writes rows in columns, counting a Chinese character as two
// columns wide; the columns in right are right-aligned.
func writeTable(w io.Writer, rows [][]string, right map[int]bool) {
	widths := map[int]int{}
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], textWidth(cell))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-textWidth(cell))
			if i > 0 {
				b.WriteString("  ")
			}
			if right[i] {
				b.WriteString(pad + cell)
			} else if i < len(r)-1 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString(cell)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// textWidth is how many terminal columns s takes: two for a wide (East
// Asian) character, one for others.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
