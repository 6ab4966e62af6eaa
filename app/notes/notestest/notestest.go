// Package notestest fills a data directory with many notes and bookmarks,
// for the benchmarks and performance scripts that measure the reader with
// a user's years of notes: one fixture for all of them.
// DamageText (damage.go) damages a stored note text for the tests of what
// a reader then meets, in the window and on the command line.
package notestest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
	"huibian/assets"
)

// ImportCopies imports copies of the seed under other titles until lib
// holds n compilations, so that there are nodes for more bookmarks than
// the seed has nodes. Do it in every data directory a benchmark compares,
// so that their libraries are the same.
func ImportCopies(lib *library.Service, n int) error {
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

// target is a node a note or bookmark can go on.
type target struct {
	id, addr, title string
	text            []rune // its own heading line and paragraphs, for quotes
}

// Report says what Fill wrote.
type Report struct {
	Notes, Bookmarks int
	// Nodes is the number of nodes of the built-in compilation, which
	// carry the notes.
	Nodes int
}

// Fill writes nNotes notes and nBookmarks bookmarks into dir's user data
// through the notes service's JSON import, as a user's export would bring
// them in. The same arguments always give the same records.
//
// Notes go on every node of the built-in compilation (the one the window
// shows), then on random ones of it, with texts of 50 to 500 characters, a
// third quoting a passage of their node's text, in the five colours, made
// over several months. Bookmarks go on distinct nodes, the built-in
// compilation's first, then the other compilations' (see ImportCopies).
// lib must be open on dir; the user-data file must not be.
func Fill(dir string, lib *library.Service, nNotes, nBookmarks int) (Report, error) {
	builtin, err := lib.Builtin()
	if err != nil {
		return Report{}, err
	}
	infos, err := lib.List()
	if err != nil {
		return Report{}, fmt.Errorf("列出资料库: %w", err)
	}
	var own, others []target
	for _, info := range infos {
		c, err := lib.Get(info.ID)
		if err != nil {
			return Report{}, err
		}
		c.Walk(func(n model.Node) {
			t := n.Text()
			lines := append([]string{t.Marker + t.Heading}, t.Paras...)
			tg := target{n.ID(c.ID), n.Addr.String(), n.Title(), []rune(strings.Join(lines, "\n"))}
			if c.ID == builtin.ID {
				own = append(own, tg)
			} else {
				others = append(others, tg)
			}
		})
	}
	if len(own)+len(others) < nBookmarks {
		return Report{}, fmt.Errorf("资料库只有 %d 个节点,放不下 %d 个书签(先用 ImportCopies 导入副本)", len(own)+len(others), nBookmarks)
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
	palette := notes.Palette()
	for i := 0; i < nNotes; i++ {
		tg := own[i%len(own)] // every node of the shown compilation
		if i >= len(own) {
			tg = own[rng.IntN(len(own))]
		}
		created := t0.Add(time.Duration(i)*17*time.Minute + time.Duration(rng.IntN(600))*time.Second)
		n := notes.Note{ID: fmt.Sprintf("fill%05d", i), NodeID: tg.id, Address: tg.addr, Title: tg.title,
			Text: text(50 + rng.IntN(451)), Color: palette[rng.IntN(len(palette))].Color,
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
		return Report{}, err
	}
	svc, err := notes.Open(dir, lib, notes.Options{})
	if err != nil {
		return Report{}, err
	}
	defer svc.Close()
	rep, err := svc.ImportJSON(data)
	if err != nil {
		return Report{}, err
	}
	if rep.Added != nNotes+nBookmarks {
		return Report{}, fmt.Errorf("导入结果不符: %s", rep)
	}
	return Report{Notes: nNotes, Bookmarks: nBookmarks, Nodes: len(own)}, nil
}
