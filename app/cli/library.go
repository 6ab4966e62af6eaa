package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// libraryCommand lists and removes the compilations in the library (the
// window's 资料库 view does the same through library.Service).
var libraryCommand = Command{"library", "ls [--json] | rm ID", "资料库:ls 列出各汇编(标识、标题、篇数、条数、来源文件、导入时间) · rm ID 删除一部导入的汇编(ID 也可以是标题中的几个字;笔记和书签保留)", cmdLibrary}

func cmdLibrary(env *Env, args []string) error {
	if len(args) == 0 {
		return usageError{"library 需要子命令:ls 或 rm"}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "ls":
		var asJSON bool
		pos, err := flags("library ls", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "") })
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageError{"用法:library ls [--json]"}
		}
		return libraryList(env, asJSON)
	case "rm":
		pos, err := flags("library rm", args, func(*flag.FlagSet) {})
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"用法:library rm ID(ID 见 library ls,也可以是标题中的几个字)"}
		}
		lib, err := env.Library()
		if err != nil {
			return err
		}
		info, err := lib.Find(pos[0])
		if err != nil {
			return err
		}
		if info.Builtin {
			return fmt.Errorf("《%s》是内置汇编,不能删除", info.Title)
		}
		if err := lib.Remove(info.ID); err != nil {
			return fmt.Errorf("删除《%s》: %w", info.Title, err)
		}
		fmt.Fprintf(env.Stdout, "已删除《%s》(标识 %s)及保存的原文件 %s。它的笔记和书签仍然保留,再次导入同一文件后即可恢复。\n", info.Title, info.ID, info.SourceName)
		return nil
	}
	return usageError{fmt.Sprintf("library 没有“%s”这个子命令:应为 ls 或 rm", sub)}
}

// libraryList prints every compilation: as JSON, or as a table.
func libraryList(env *Env, asJSON bool) error {
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
		return writeJSON(env.Stdout, out)
	}
	current := lib.LastOpened()
	rows := [][]string{{"", "标识", "标题", "篇", "部分", "条", "有正文", "来源文件", "导入时间"}}
	for _, i := range infos {
		mark, title := "", "《"+i.Title+"》"
		if i.ID == current {
			mark = "*"
		}
		if i.Builtin {
			title += "(内置)"
		}
		rows = append(rows, []string{mark, i.ID, title, fmt.Sprint(i.Stats.Documents), fmt.Sprint(i.Stats.Sections),
			fmt.Sprint(i.Stats.Items), fmt.Sprint(i.Stats.ItemsWithText), i.SourceName,
			i.ImportedAt.Local().Format("2006-01-02 15:04")})
	}
	writeTable(env, rows, map[int]bool{3: true, 4: true, 5: true, 6: true})
	fmt.Fprintf(env.Stdout, "\n共 %d 部汇编。* 为命令默认使用的汇编(窗口中最后打开的);用 --comp 标识或标题中的几个字选择其他汇编。\n", len(infos))
	return nil
}

// writeTable writes rows in columns, counting a Chinese character as two
// columns wide; the columns in right are right-aligned.
func writeTable(env *Env, rows [][]string, right map[int]bool) {
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
		fmt.Fprintln(env.Stdout, strings.TrimRight(b.String(), " "))
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
