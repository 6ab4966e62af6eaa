package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"huibian/app/model"
	"huibian/app/notes"
)

// openNotes opens the user-data file next to the library, for writing.
// The caller must Close the service.
func openNotes(env *Env) (*notes.Service, *model.Compilation, error) {
	return openNotesWith(env, notes.Options{})
}

// openNotesRead opens the user data for a command that only reads: it
// works beside a running window (through a snapshot the window writes).
func openNotesRead(env *Env) (*notes.Service, *model.Compilation, error) {
	return openNotesWith(env, notes.Options{ReadOnly: true})
}

func openNotesWith(env *Env, opt notes.Options) (*notes.Service, *model.Compilation, error) {
	lib, err := env.Library()
	if err != nil {
		return nil, nil, err
	}
	c, err := env.Compilation()
	if err != nil {
		return nil, nil, err
	}
	opt.Timeout = lockTimeout
	svc, err := notes.Open(env.DataDir, lib, opt)
	if err != nil {
		return nil, nil, err
	}
	if svc.Recovery != nil {
		fmt.Fprintln(env.Stderr, "提示:", svc.Recovery)
	}
	env.noticeNotes(svc)
	return svc, c, nil
}

// resolveAddr resolves a user-typed address in the chosen compilation,
// refusing the compilation itself.
func resolveAddr(c *model.Compilation, s string) (model.Node, error) {
	n, err := c.ResolveString(s)
	if err != nil {
		return model.Node{}, err
	}
	if n.Kind() == model.KindCompilation {
		return model.Node{}, fmt.Errorf("地址“%s”无效:应为 5、5/2 或 5.6", s)
	}
	return n, nil
}

func cmdBookmark(env *Env, args []string) error {
	if len(args) == 0 {
		return usageError{"bookmark 需要子命令:add、ls 或 rm"}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "add":
		var name string
		pos, err := flags("bookmark add", args, func(fs *flag.FlagSet) { fs.StringVar(&name, "name", "", "") })
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"用法:bookmark add ADDR [--name 名称],例如 bookmark add 5.6"}
		}
		svc, c, err := openNotes(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		n, err := resolveAddr(c, pos[0])
		if err != nil {
			return err
		}
		b, err := svc.AddBookmark(c, n, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "已添加书签 %s “%s”\n", b.Address, b.Name)
		return nil
	case "ls":
		var asJSON bool
		var byTime bool
		pos, err := flags("bookmark ls", args, func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "")
			fs.BoolVar(&byTime, "time", false, "")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageError{"用法:bookmark ls [--json] [--time]"}
		}
		svc, c, err := openNotesRead(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		order := notes.ByPosition
		if byTime {
			order = notes.ByTime
		}
		bms := svc.BookmarksIn(env.compFilter(c), order)
		if asJSON {
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
			return writeJSON(env.Stdout, out)
		}
		if len(bms) == 0 {
			fmt.Fprintln(env.Stdout, "还没有书签。")
			return nil
		}
		for _, b := range bms {
			line := fmt.Sprintf("%-8s %s", b.Address, b.Name)
			if b.Name != b.Title {
				line += fmt.Sprintf("(%s)", b.Title)
			}
			if a := svc.BookmarkAnchor(b); a.Orphaned {
				line += "  〔原位置已不存在:" + a.Reason + "〕"
			}
			fmt.Fprintln(env.Stdout, line)
		}
		return nil
	case "rm":
		pos, err := flags("bookmark rm", args, func(*flag.FlagSet) {})
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"用法:bookmark rm ADDR,例如 bookmark rm 5.6"}
		}
		addr, err := model.ParseAddress(pos[0])
		if err != nil {
			return err
		}
		if addr.Kind() == model.KindCompilation {
			return fmt.Errorf("地址“%s”无效:应为 5、5/2 或 5.6", pos[0])
		}
		svc, c, err := openNotes(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		// An orphaned bookmark can still be removed by its old address.
		id := model.Node{Addr: addr}.ID(c.ID)
		if _, ok := svc.Bookmarked(id); !ok {
			n, err := resolveAddr(c, pos[0])
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
		fmt.Fprintf(env.Stdout, "已删除书签 %s “%s”\n", b.Address, b.Name)
		return nil
	}
	return usageError{fmt.Sprintf("bookmark 没有“%s”这个子命令:应为 add、ls 或 rm", sub)}
}

func cmdNote(env *Env, args []string) error {
	if len(args) == 0 {
		return usageError{"note 需要子命令:add、edit、rm 或 ls"}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "add":
		var quote, color string
		pos, err := flags("note add", args, func(fs *flag.FlagSet) {
			fs.StringVar(&quote, "quote", "", "")
			fs.StringVar(&color, "color", "", "")
		})
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return usageError{"用法:note add ADDR TEXT [--quote 引文] [--color 颜色],例如 note add 5.6 \"要点\" --color 蓝"}
		}
		col, err := notes.ParseColor(color)
		if err != nil {
			return err
		}
		svc, c, err := openNotesWith(env, notes.Options{LazyNotes: true}) // reads no notes
		if err != nil {
			return err
		}
		defer svc.Close()
		n, err := resolveAddr(c, pos[0])
		if err != nil {
			return err
		}
		note, err := svc.AddNote(c, n, notes.NoteInput{Text: pos[1], Quote: quote, Color: col})
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, note.ID)
		return nil
	case "edit":
		var color string
		pos, err := flags("note edit", args, func(fs *flag.FlagSet) { fs.StringVar(&color, "color", "", "") })
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return usageError{"用法:note edit ID TEXT [--color 颜色]"}
		}
		e := notes.NoteEdit{Text: &pos[1]}
		if color != "" {
			col, err := notes.ParseColor(color)
			if err != nil {
				return err
			}
			e.Color = &col
		}
		svc, _, err := openNotes(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		note, err := svc.EditNote(pos[0], e)
		if err != nil {
			return noteErr(err, pos[0])
		}
		fmt.Fprintf(env.Stdout, "已修改笔记 %s(%s)\n", note.ID, note.Address)
		return nil
	case "rm":
		pos, err := flags("note rm", args, func(*flag.FlagSet) {})
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"用法:note rm ID"}
		}
		svc, _, err := openNotes(env)
		if err != nil {
			return err
		}
		defer svc.Close()
		note, err := svc.DeleteNote(pos[0])
		if err != nil {
			return noteErr(err, pos[0])
		}
		fmt.Fprintf(env.Stdout, "已删除笔记 %s(%s)\n", note.ID, note.Address)
		return nil
	case "ls":
		var asJSON, byTime bool
		var color, query, doc string
		pos, err := flags("note ls", args, func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "")
			fs.BoolVar(&byTime, "time", false, "")
			fs.StringVar(&color, "color", "", "")
			fs.StringVar(&query, "q", "", "")
			fs.StringVar(&doc, "doc", "", "")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usageError{"用法:note ls [--json] [--time] [--color 颜色] [--doc 篇] [--q 关键词]"}
		}
		// Lazy: the listing streams the notes instead of holding them all.
		svc, c, err := openNotesWith(env, notes.Options{ReadOnly: true, LazyNotes: true})
		if err != nil {
			return err
		}
		defer svc.Close()
		f := notes.Filter{Query: query, CompID: env.compFilter(c)}
		if byTime {
			f.Order = notes.ByTime
		}
		if color != "" {
			col, err := notes.ParseColor(color)
			if err != nil {
				return err
			}
			f.Colors = []notes.Color{col}
		}
		if doc != "" {
			n, err := resolveAddr(c, doc)
			if err != nil {
				return err
			}
			f.DocID = model.DocumentID(c.ID, n.Addr.Doc)
		}
		if asJSON {
			type row struct {
				notes.Note
				ColorName string `json:"color_name"`
				Orphaned  bool   `json:"orphaned"`
				Reason    string `json:"orphan_reason,omitempty"`
			}
			return writeJSONRows(env.Stdout, "notes", func(yield func(row) error) error {
				return svc.EachNote(f, func(n notes.Note) error {
					a := svc.NoteAnchor(n)
					return yield(row{n, n.Color.Chinese(), a.Orphaned, a.Reason})
				})
			})
		}
		i := 0
		err = svc.EachNote(f, func(n notes.Note) error {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			i++
			head := fmt.Sprintf("%s  %-6s %s  %s", n.ID, n.Address, n.Color.Chinese(), n.Title)
			if a := svc.NoteAnchor(n); a.Orphaned {
				head += "  〔原位置已不存在:" + a.Reason + "〕"
			}
			fmt.Fprintln(env.Stdout, head)
			if n.Quote != "" {
				fmt.Fprintf(env.Stdout, "  引文:%s\n", oneLine(n.Quote, 200))
			}
			if strings.TrimSpace(n.Text) != "" {
				fmt.Fprintf(env.Stdout, "  %s\n", oneLine(n.Text, 200))
			}
			return nil
		})
		if err == nil && i == 0 {
			fmt.Fprintln(env.Stdout, "没有笔记。")
		}
		return err
	}
	return usageError{fmt.Sprintf("note 没有“%s”这个子命令:应为 add、edit、rm 或 ls", sub)}
}

// noteErr says which ID was not found in the words a user expects.
func noteErr(err error, id string) error {
	if errors.Is(err, notes.ErrNoteNotFound) {
		return fmt.Errorf("没有编号为“%s”的笔记(用 note ls 查看编号)", id)
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

func cmdExport(env *Env, args []string) error {
	var format, out string
	pos, err := flags("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "md", "")
		fs.StringVar(&out, "o", "", "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"export 不接受其他参数"}
	}
	format = strings.ToLower(format)
	if format != "md" && format != "json" {
		return usageError{fmt.Sprintf("格式“%s”无效:应为 md 或 json", format)}
	}
	svc, _, err := openNotesRead(env)
	if err != nil {
		return err
	}
	defer svc.Close()
	var buf bytes.Buffer
	if format == "md" {
		err = svc.ExportMarkdown(&buf, nil)
	} else {
		err = svc.ExportJSON(&buf)
	}
	if err != nil {
		return err
	}
	if out == "" {
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return fmt.Errorf("写入导出文件 %s: %w", out, err)
	}
	fmt.Fprintf(env.Stdout, "已导出 %d 条笔记、%d 个书签到 %s\n", svc.NoteCount(), len(svc.Bookmarks(notes.ByTime)), out)
	return nil
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

func cmdImportNotes(env *Env, args []string) error {
	pos, err := flags("import-notes", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"import-notes 需要一个 JSON 文件路径"}
	}
	svc, _, err := openNotes(env)
	if err != nil {
		return err
	}
	defer svc.Close()
	rep, err := svc.ImportJSONFile(pos[0])
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(env.Stderr, "注意:", p)
	}
	fmt.Fprintf(env.Stdout, "已导入 %s:%s。\n", pos[0], rep)
	if rep.Added == 0 && rep.Updated == 0 && rep.Skipped > 0 {
		return fmt.Errorf("%s 中的 %d 条记录全部跳过,没有导入任何内容(已经导入过,或记录无效)", pos[0], rep.Skipped)
	}
	return nil
}
