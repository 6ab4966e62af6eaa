// Command fillnotes prepares a data directory for scripts/perf/notes.sh:
// it opens (creating) the library in DIR and, with -notes/-bookmarks > 0,
// writes that many notes and bookmarks through the notes service's JSON
// import, as a user's export would bring them in.
//
// Notes go on every node of the built-in compilation (the one the window
// shows), with texts of 50 to 500 characters, a third quoting a passage
// of their node's text, in the five colours, made over several months.
// Bookmarks go on distinct nodes; when the built-in compilation has fewer
// nodes than bookmarks, copies of the seed are imported under other
// titles to hold the rest (in every data directory, full or empty, so
// that the library is the same).
//
//	go run ./scripts/perf/fillnotes -copies 4 -notes 10000 -bookmarks 1000 DIR
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
	"huibian/assets"
)

func main() {
	nNotes := flag.Int("notes", 0, "number of notes")
	nBookmarks := flag.Int("bookmarks", 0, "number of bookmarks")
	copies := flag.Int("copies", 1, "compilations in the library (the seed and copies of it)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "用法: fillnotes [-copies N] [-notes N] [-bookmarks N] 数据目录")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *copies, *nNotes, *nBookmarks); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
}

type target struct {
	id, addr, title string
	text            []rune
}

func run(dir string, copies, nNotes, nBookmarks int) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	builtin, err := lib.Builtin()
	if err != nil {
		return err
	}
	if err := importCopies(lib, copies); err != nil {
		return err
	}
	if nNotes == 0 && nBookmarks == 0 {
		return nil
	}
	infos, err := lib.List()
	if err != nil {
		return fmt.Errorf("列出资料库: %w", err)
	}
	var own, others []target
	for _, info := range infos {
		c, err := lib.Get(info.ID)
		if err != nil {
			return err
		}
		c.Walk(func(n model.Node) {
			if n.Kind() == model.KindCompilation {
				return
			}
			t := target{n.ID(c.ID), n.Addr.String(), n.Title(), []rune(nodeText(n))}
			if c.ID == builtin.ID {
				own = append(own, t)
			} else {
				others = append(others, t)
			}
		})
	}
	if len(own)+len(others) < nBookmarks {
		return fmt.Errorf("资料库只有 %d 个节点,放不下 %d 个书签(加大 -copies)", len(own)+len(others), nBookmarks)
	}

	rng := rand.New(rand.NewPCG(11, 12))
	phrases := []string{
		"坚持以习近平新时代中国特色社会主义思想为指导,", "深入学习贯彻党的二十届四中全会精神,",
		"这一条要结合本单位实际抓好落实。", "注意与去年要点的区别:", "牢牢掌握意识形态工作领导权,",
		"第三季度前完成专题学习。", "责任分工见附件2。", "要把握好时度效,", "会上传达要求:", "待核实数字。",
		"压实各级党组织主体责任,", "加强网络阵地建设和管理,", "与宣传部门对接。", "重点:", "TODO 对照检查。",
	}
	text := func(n int) string {
		var b strings.Builder
		for b.Len() < n*3 {
			b.WriteString(phrases[rng.IntN(len(phrases))])
		}
		r := []rune(b.String())
		if len(r) > n {
			r = r[:n]
		}
		return string(r)
	}
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	ex := notes.Export{Format: notes.ExportFormat, Version: notes.ExportVersion}
	for i := 0; i < nNotes; i++ {
		tg := own[i%len(own)] // every node of the shown compilation
		if i >= len(own) {
			tg = own[rng.IntN(len(own))]
		}
		created := t0.Add(time.Duration(i)*17*time.Minute + time.Duration(rng.IntN(600))*time.Second)
		n := notes.Note{ID: fmt.Sprintf("perf%05d", i), NodeID: tg.id, Address: tg.addr, Title: tg.title,
			Text: text(50 + rng.IntN(451)), Color: notes.Colors[rng.IntN(len(notes.Colors))],
			Created: created, Updated: created}
		if i%3 == 0 && len(tg.text) > 20 {
			start := rng.IntN(len(tg.text) - 10)
			end := min(len(tg.text), start+10+rng.IntN(60))
			q := strings.TrimSpace(string(tg.text[start:end]))
			q, _, _ = strings.Cut(q, "\n")
			n.Quote = q
		}
		ex.Notes = append(ex.Notes, n)
	}
	all := append(append([]target{}, own...), others...)
	for i := 0; i < nBookmarks; i++ {
		tg := all[i] // the shown compilation's nodes first, then the copies'
		created := t0.Add(time.Duration(i) * 3 * time.Hour)
		ex.Bookmarks = append(ex.Bookmarks, notes.Bookmark{NodeID: tg.id, Address: tg.addr, Name: tg.title,
			Title: tg.title, Created: created, Updated: created})
	}
	data, err := json.Marshal(ex)
	if err != nil {
		return err
	}
	svc, err := notes.Open(dir, lib, notes.Options{})
	if err != nil {
		return err
	}
	defer svc.Close()
	rep, err := svc.ImportJSON(data)
	if err != nil {
		return err
	}
	if rep.Added != nNotes+nBookmarks {
		return fmt.Errorf("导入结果不符: %s", rep)
	}
	fmt.Printf("%s: %d 条笔记(本汇编 %d 个节点), %d 个书签\n", dir, nNotes, len(own), nBookmarks)
	return nil
}

// importCopies imports copies of the seed under other titles until the
// library holds n compilations.
func importCopies(lib *library.Service, n int) error {
	const title = "局机关2026年意识形态工作要点材料汇编(9篇)"
	if !bytes.Contains(assets.Compilation, []byte(title)) {
		return fmt.Errorf("种子汇编中找不到标题 %s", title)
	}
	infos, err := lib.List()
	if err != nil {
		return fmt.Errorf("列出资料库: %w", err)
	}
	for i := len(infos) + 1; i <= n; i++ {
		data := bytes.Replace(assets.Compilation, []byte(title), []byte(fmt.Sprintf("局机关2026年意识形态工作要点材料汇编之%d(9篇)", i)), 1)
		if _, err := lib.ImportBytes(library.Source{Name: fmt.Sprintf("copy%d.txt", i), Data: data}); err != nil {
			return fmt.Errorf("导入副本 %d: %w", i, err)
		}
	}
	return nil
}

// nodeText is the text of a node's own lines (heading, preamble, intro,
// body), for quotes that are found in it.
func nodeText(n model.Node) string {
	var lines []string
	switch n.Kind() {
	case model.KindItem:
		lines = append([]string{n.Item.Marker + n.Item.Heading}, n.Item.Body...)
	case model.KindSection:
		lines = append([]string{n.Section.Marker + n.Section.Heading}, n.Section.Intro...)
	case model.KindDocument:
		lines = append([]string{n.Document.TitleLine}, n.Document.Preamble...)
	}
	return strings.Join(lines, "\n")
}
