package ui

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
)

// BenchmarkStartupNotesPanel measures what Run does before the reader sees
// the notes panel, with the test driver instead of OpenGL: open the library
// and the compilation, build the window, open the user-data file and attach
// the notes (tree markers, pane highlights, panel lists), open the notes
// panel and draw the window once. It compares a data directory holding
// 10 000 notes and 1 000 bookmarks with an empty one and reports the
// ratio (target: within 1.2×).
func BenchmarkStartupNotesPanel(b *testing.B) {
	empty, full := b.TempDir(), b.TempDir()
	for _, d := range []string{empty, full} {
		lib, err := library.Open(d, library.Options{})
		if err != nil {
			b.Fatal(err)
		}
		lib.Close()
	}
	if err := fillUserData(full, 10000, 1000); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	var none, many time.Duration
	n := 0
	for b.Loop() {
		none += startupPath(b, a, empty)
		many += startupPath(b, a, full)
		n++
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	b.ReportMetric(ms(none), "none-ms")
	b.ReportMetric(ms(many), "10k-ms")
	b.ReportMetric(ms(many)/ms(none), "ratio")
}

func startupPath(b *testing.B, a fyne.App, dir string) time.Duration {
	start := time.Now()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		b.Fatal(err)
	}
	c, err := lib.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	w := NewWindow(a, c, Options{DataDir: dir})
	w.win.Resize(fyne.NewSize(1100, 760))
	w.win.Show()
	svc, err := notes.Open(dir, singleComp{c}, notes.Options{})
	if err != nil {
		b.Fatal(err)
	}
	u, err := AttachNotes(w, svc)
	if err != nil {
		b.Fatal(err)
	}
	u.toggleNotesPanel()
	w.win.Canvas().Capture()
	d := time.Since(start)
	if !w.PanelShown(panelNotes) {
		b.Fatal("panel not shown")
	}
	w.win.Close()
	svc.Close()
	lib.Close()
	return d
}

// fillUserData writes nNotes notes (10 to 600 characters, a third with a
// quote taken from the node's text) on random nodes of the built-in
// compilation, and nBookmarks bookmarks, through the JSON import. The seed
// has fewer nodes than 1 000, so bookmarks beyond one per node go on item
// addresses of another compilation (kept, and listed as orphans).
func fillUserData(dir string, nNotes, nBookmarks int) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	c, err := lib.Builtin()
	if err != nil {
		return err
	}
	type target struct{ id, addr, title, text string }
	var nodes []target
	c.Walk(func(n model.Node) {
		text := n.Title()
		if n.Item != nil && len(n.Item.Body) > 0 {
			text = n.Item.Body[0]
		}
		nodes = append(nodes, target{n.ID(c.ID), n.Addr.String(), n.Title(), text})
	})
	rng := rand.New(rand.NewPCG(3, 4))
	filler := []rune(strings.Repeat("坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十届四中全会精神。", 20))
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	ex := notes.Export{Format: notes.ExportFormat, Version: notes.ExportVersion}
	for i := 0; i < nNotes; i++ {
		tg := nodes[rng.IntN(len(nodes))]
		n := notes.Note{ID: fmt.Sprintf("bench%05d", i), NodeID: tg.id, Address: tg.addr, Title: tg.title,
			Text: string(filler[:10+rng.IntN(590)]), Color: notes.Colors[rng.IntN(5)], Created: t0.Add(time.Duration(i) * time.Minute)}
		if r := []rune(tg.text); i%3 == 0 && len(r) > 30 {
			n.Quote = string(r[5:30])
		}
		n.Updated = n.Created
		ex.Notes = append(ex.Notes, n)
	}
	for i := 0; i < nBookmarks; i++ {
		b := notes.Bookmark{Created: t0.Add(time.Duration(i) * time.Hour)}
		if i < len(nodes) {
			b.NodeID, b.Address, b.Name, b.Title = nodes[i].id, nodes[i].addr, nodes[i].title, nodes[i].title
		} else {
			b.NodeID = model.ItemID("c0000000other", 1+i/100, 1+i%100)
			b.Name = fmt.Sprintf("书签 %d", i)
		}
		b.Updated = b.Created
		ex.Bookmarks = append(ex.Bookmarks, b)
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
		return fmt.Errorf("filled %+v", rep)
	}
	return nil
}
