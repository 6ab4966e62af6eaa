package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"huibian/app/model"
	"huibian/app/notes"
)

// openNotesWith opens the user-data file next to the library. The caller
// must Close the service.
func openNotesWith(env *Env, opt notes.Options) (*notes.Service, error) {
	lib, err := env.Library()
	if err != nil {
		return nil, err
	}
	opt.Timeout = lockTimeout
	svc, err := notes.Open(env.DataDir, lib, opt)
	if err != nil {
		return nil, err
	}
	if svc.Recovery != nil {
		fmt.Fprintf(env.Stderr, "提示：%v\n", svc.Recovery)
	}
	env.noticeNotes(svc)
	return svc, nil
}

// resolveAddr resolves a user-typed address in the chosen compilation,
// refusing the compilation itself.
func resolveAddr(c *model.Compilation, s string) (model.Node, error) {
	n, err := c.ResolveString(s)
	if err != nil {
		return model.Node{}, err
	}
	if n.Kind() == model.KindCompilation {
		return model.Node{}, fmt.Errorf("地址“%s”无效：应为 5、5/2 或 5.6", s)
	}
	return n, nil
}

// bookmarkCommand adds, lists and removes bookmarks.
var bookmarkCommand = command{name: "bookmark", usage: "add|ls|rm", summary: "书签：add ADDR [--name 名称] · ls [--json] · rm ADDR",
	noSub: "bookmark 需要子命令：add、ls 或 rm", unknownSub: "bookmark 没有“%s”这个子命令：应为 add、ls 或 rm",
	subs: []command{
		{name: "add", flags: []flagDef{stringFlag("name", "")}, args: exactArgs(1),
			argsErr: "用法：bookmark add ADDR [--name 名称]，例如 bookmark add 5.6", needs: needWrite | needComp, run: runBookmarkAdd},
		{name: "ls", flags: []flagDef{boolFlag("json"), boolFlag("time")},
			argsErr: "用法：bookmark ls [--json] [--time]", needs: needNotes, run: runBookmarkLs},
		{name: "rm", args: exactArgs(1), argsErr: "用法：bookmark rm ADDR，例如 bookmark rm 5.6",
			check: func(x *call) error { _, err := bookmarkAddr(x.args[0]); return err },
			needs: needWrite | needComp, run: runBookmarkRm},
	}}

func runBookmarkAdd(x *call) error {
	n, err := resolveAddr(x.comp, x.args[0])
	if err != nil {
		return err
	}
	b, err := x.notes.AddBookmark(x.comp, n, x.str("name"))
	if err != nil {
		return err
	}
	fmt.Fprintf(x.Stdout, "已添加书签 %s “%s”\n", b.Address, b.Name)
	return nil
}

func runBookmarkLs(x *call) error {
	svc := x.notes
	order := notes.ByPosition
	if x.bool("time") {
		order = notes.ByTime
	}
	comp, err := x.compFilter()
	if err != nil {
		return err
	}
	bms := svc.BookmarksIn(comp, order)
	if x.bool("json") {
		type row struct {
			notes.Bookmark
			Orphaned bool   `json:"orphaned"`
			Reason   string `json:"orphan_reason,omitempty"`
		}
		out := struct {
			Bookmarks []row `json:"bookmarks"`
		}{Bookmarks: []row{}}
		for _, b := range bms {
			a := svc.BookmarkAnchor(b)
			out.Bookmarks = append(out.Bookmarks, row{b, a.Orphaned, a.Reason})
		}
		return writeJSON(x.Stdout, out)
	}
	if len(bms) == 0 {
		fmt.Fprintln(x.Stdout, "还没有书签。")
		return nil
	}
	for _, b := range bms {
		line := fmt.Sprintf("%-8s %s", b.Address, b.Name)
		if b.Name != b.Title {
			line += fmt.Sprintf("（%s）", b.Title)
		}
		if a := svc.BookmarkAnchor(b); a.Orphaned {
			line += "  〔原位置已不存在：" + a.Reason + "〕"
		}
		fmt.Fprintln(x.Stdout, line)
	}
	return nil
}

// bookmarkAddr parses the address of a bookmark to remove.
func bookmarkAddr(s string) (model.Address, error) {
	addr, err := model.ParseAddress(s)
	if err != nil {
		return addr, err
	}
	if addr.Kind() == model.KindCompilation {
		return addr, fmt.Errorf("地址“%s”无效：应为 5、5/2 或 5.6", s)
	}
	return addr, nil
}

func runBookmarkRm(x *call) error {
	svc, c := x.notes, x.comp
	addr, _ := bookmarkAddr(x.args[0]) // checked
	// An orphaned bookmark can still be removed by its old address.
	id := model.Node{Addr: addr}.ID(c.ID)
	if _, ok := svc.Bookmarked(id); !ok {
		n, err := resolveAddr(c, x.args[0])
		if err != nil {
			return err
		}
		id = n.ID(c.ID)
	}
	b, ok := svc.Bookmarked(id)
	if !ok {
		return fmt.Errorf("%s 没有书签", addr)
	}
	if _, err := svc.DeleteBookmark(id); err != nil {
		return err
	}
	fmt.Fprintf(x.Stdout, "已删除书签 %s “%s”\n", b.Address, b.Name)
	return nil
}

// noteCommand adds, edits, removes and lists notes.
var noteCommand = command{name: "note", usage: "add|edit|rm|ls",
	summary: "笔记：add ADDR TEXT [--quote 引文] [--color 黄|绿|蓝|粉|紫] · edit ID TEXT · rm ID · ls [--json]",
	noSub:   "note 需要子命令：add、edit、rm 或 ls", unknownSub: "note 没有“%s”这个子命令：应为 add、edit、rm 或 ls",
	subs: []command{
		{name: "add", flags: []flagDef{stringFlag("quote", ""), stringFlag("color", "")}, args: exactArgs(2),
			argsErr: "用法：note add ADDR TEXT [--quote 引文] [--color 颜色]，例如 note add 5.6 \"要点\" --color 蓝",
			check:   checkColor, needs: needWrite | needLazy | needComp, run: runNoteAdd}, // reads no notes
		{name: "edit", flags: []flagDef{stringFlag("color", "")}, args: exactArgs(2),
			argsErr: "用法：note edit ID TEXT [--color 颜色]", check: checkColor, needs: needWrite, run: runNoteEdit},
		{name: "rm", args: exactArgs(1), argsErr: "用法：note rm ID", needs: needWrite, run: runNoteRm},
		// Lazy: the listing streams the notes instead of holding them all.
		{name: "ls", flags: []flagDef{boolFlag("json"), boolFlag("time"), stringFlag("color", ""), stringFlag("q", ""), stringFlag("doc", "")},
			argsErr: "用法：note ls [--json] [--time] [--color 颜色] [--doc 篇] [--q 关键词]", needs: needNotes | needLazy, run: runNoteLs},
	}}

// checkColor checks --color; "" (the default colour) passes.
func checkColor(x *call) error {
	_, err := noteColor(x)
	return err
}

// noteColor is the colour --color names; nil without --color.
func noteColor(x *call) (*notes.Color, error) {
	if x.str("color") == "" {
		return nil, nil
	}
	col, err := notes.ParseColor(x.str("color"))
	if err != nil {
		return nil, err
	}
	return &col, nil
}

func runNoteAdd(x *call) error {
	n, err := resolveAddr(x.comp, x.args[0])
	if err != nil {
		return err
	}
	var col notes.Color
	if c, _ := noteColor(x); c != nil {
		col = *c
	}
	note, err := x.notes.AddNote(x.comp, n, notes.NoteInput{Text: x.args[1], Quote: x.str("quote"), Color: col})
	if err != nil {
		return err
	}
	fmt.Fprintln(x.Stdout, note.ID)
	return nil
}

func runNoteEdit(x *call) error {
	e := notes.NoteEdit{Text: &x.args[1]}
	e.Color, _ = noteColor(x)
	note, err := x.notes.EditNote(x.args[0], e)
	if err != nil {
		return noteErr(err, x.args[0])
	}
	fmt.Fprintf(x.Stdout, "已修改笔记 %s（%s）\n", note.ID, note.Address)
	return nil
}

func runNoteRm(x *call) error {
	note, err := x.notes.DeleteNote(x.args[0])
	if err != nil {
		return noteErr(err, x.args[0])
	}
	fmt.Fprintf(x.Stdout, "已删除笔记 %s（%s）\n", note.ID, note.Address)
	return nil
}

func runNoteLs(x *call) error {
	svc := x.notes
	comp, err := x.compFilter()
	if err != nil {
		return err
	}
	f := notes.Filter{Query: x.str("q"), CompID: comp}
	if x.bool("time") {
		f.Order = notes.ByTime
	}
	col, err := noteColor(x)
	if err != nil {
		return err
	}
	if col != nil {
		f.Colors = []notes.Color{*col}
	}
	if doc := x.str("doc"); doc != "" {
		c, err := x.Compilation()
		if err != nil {
			return err
		}
		n, err := resolveAddr(c, doc)
		if err != nil {
			return err
		}
		f.DocID = model.DocumentID(c.ID, n.Addr.Doc)
	}
	if x.bool("json") {
		return writeJSONRowsWith(x.Stdout, "notes", func(yield func(noteRow) error) error {
			return svc.EachNote(f, func(n notes.Note) error {
				a := svc.NoteAnchor(n)
				return yield(noteRow{n, n.Color.Chinese(), a.Orphaned, a.Reason})
			})
		}, appendNoteRow)
	}
	i := 0
	err = svc.EachNote(f, func(n notes.Note) error {
		if i > 0 {
			fmt.Fprintln(x.Stdout)
		}
		i++
		head := fmt.Sprintf("%s  %-6s %s  %s", n.ID, n.Address, n.Color.Chinese(), n.Title)
		if a := svc.NoteAnchor(n); a.Orphaned {
			head += "  〔原位置已不存在：" + a.Reason + "〕"
		}
		fmt.Fprintln(x.Stdout, head)
		if n.Quote != "" {
			fmt.Fprintf(x.Stdout, "  引文：%s\n", oneLine(n.Quote, 200))
		}
		if strings.TrimSpace(n.Text) != "" {
			fmt.Fprintf(x.Stdout, "  %s\n", oneLine(n.Text, 200))
		}
		if n.TextMissing() {
			fmt.Fprintln(x.Stdout, "  〔正文已损坏，无法读取〕")
		}
		return nil
	})
	if err == nil && i == 0 {
		fmt.Fprintln(x.Stdout, "没有笔记。")
	}
	return err
}

// noteErr says which ID was not found in the words a user expects.
func noteErr(err error, id string) error {
	if errors.Is(err, notes.ErrNoteNotFound) {
		return fmt.Errorf("没有编号为“%s”的笔记（用 note ls 查看编号）", id)
	}
	return err
}

// oneLine folds line breaks and shortens s to at most max characters.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ⏎ ")), " ")
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "……"
	}
	return s
}

// notesFileCommands export and import the notes and bookmarks.
var notesFileCommands = []command{
	{name: "export", usage: "--format md|json [-o FILE]", summary: "导出全部笔记和书签（Markdown 或 JSON）",
		flags: []flagDef{stringFlag("format", "md"), stringFlag("o", "")}, argsErr: "export 不接受其他参数",
		check: func(x *call) error {
			if f := strings.ToLower(x.str("format")); f != "md" && f != "json" {
				return usageError{fmt.Sprintf("格式“%s”无效：应为 md 或 json", f)}
			}
			return nil
		},
		needs: needNotes, run: runExport},
	{name: "import-notes", usage: "FILE", summary: "导入 JSON 笔记文件，合并而不重复",
		args: exactArgs(1), argsErr: "import-notes 需要一个 JSON 文件路径", needs: needWrite, run: runImportNotes},
}

func runExport(x *call) error {
	svc, out := x.notes, x.str("o")
	var buf bytes.Buffer
	var err error
	if strings.ToLower(x.str("format")) == "md" {
		err = svc.ExportMarkdown(&buf, nil)
	} else {
		err = svc.ExportJSON(&buf)
	}
	if err != nil {
		return err
	}
	if toFile, err := writeOutput(x.Stdout, out, buf.Bytes()); err != nil || !toFile {
		return err
	}
	fmt.Fprintf(x.Stdout, "已导出 %d 条笔记、%d 个书签到 %s\n", svc.NoteCount(), len(svc.Bookmarks(notes.ByTime)), out)
	return nil
}

// writeOutput writes an export to stdout when out is "", or else to the
// file out, atomically; toFile says which.
func writeOutput(stdout io.Writer, out string, data []byte) (toFile bool, err error) {
	if out == "" {
		_, err := stdout.Write(data)
		return false, err
	}
	if err := writeFileAtomic(out, data); err != nil {
		return true, fmt.Errorf("写入导出文件 %s：%w", out, err)
	}
	return true, nil
}

// writeFileAtomic writes data to path through a temporary file, so an
// existing export is never left half-written.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func runImportNotes(x *call) error {
	rep, err := x.notes.ImportJSONFile(x.args[0])
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(x.Stderr, "注意：%v\n", p)
	}
	fmt.Fprintf(x.Stdout, "已导入 %s：%s。\n", x.args[0], rep)
	if rep.Added == 0 && rep.Updated == 0 && rep.Skipped > 0 {
		return fmt.Errorf("%s 中的 %d 条记录全部跳过，没有导入任何内容（已经导入过，或记录无效）", x.args[0], rep.Skipped)
	}
	return nil
}
