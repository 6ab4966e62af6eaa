package notes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/assets"
)

// BenchmarkAddNote measures adding one note, including the fsync of the
// commit (and the automatic backup every 50 changes), and reports the
// median. Target: under 20 ms.
func BenchmarkAddNote(b *testing.B) {
	dir := b.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	c, _ := lib.Builtin()
	svc, err := Open(dir, lib, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer svc.Close()
	items := c.Items()
	text := strings.Repeat("学习贯彻会议精神,", 20)
	var times []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := svc.AddNote(c, items[i%len(items)], NoteInput{Text: text, Color: Colors[i%5]}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkPanel measures the path the window takes at start-up to show
// the notes panel: open the library and the user-data file, list the notes
// and bookmarks for the panel, and compute the per-node markers for the
// tree. It compares a data directory with 10 000 notes and 1 000 bookmarks
// against one with none (the library is the same in both) and reports the
// ratio. Target: within 1.2×.
//
// "notes-only" measures the same without opening the library (which the
// window does anyway), to show what the notes themselves cost.
func BenchmarkPanel(b *testing.B) {
	empty, full := b.TempDir(), b.TempDir()
	for _, dir := range []string{empty, full} {
		if err := setupLibrary(dir); err != nil {
			b.Fatal(err)
		}
	}
	if err := fillNotes(full, 10000, 1000); err != nil {
		b.Fatal(err)
	}
	parsed := parsedOnce(b)
	type result struct{ none, full time.Duration }
	measure := func(b *testing.B, withLibrary bool) {
		var total result
		n := 0
		for b.Loop() {
			total.none += panelPath(b, empty, withLibrary, parsed)
			total.full += panelPath(b, full, withLibrary, parsed)
			n++
		}
		none := float64(total.none.Microseconds()) / 1000 / float64(n)
		fullMs := float64(total.full.Microseconds()) / 1000 / float64(n)
		b.ReportMetric(none, "none-ms")
		b.ReportMetric(fullMs, "10k-ms")
		b.ReportMetric(fullMs/none, "ratio")
	}
	b.Run("startup", func(b *testing.B) { measure(b, true) })
	b.Run("notes-only", func(b *testing.B) { measure(b, false) })
}

// panelPath runs the start-up path once and returns how long it took.
func panelPath(b *testing.B, dir string, withLibrary bool, parsed compMap) time.Duration {
	start := time.Now()
	var comps Compilations
	var lib *library.Service
	if withLibrary {
		var err error
		lib, err = library.Open(dir, library.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := lib.Builtin(); err != nil {
			b.Fatal(err)
		}
		comps = lib
	} else {
		comps = parsed
	}
	svc, err := Open(dir, comps, Options{})
	if err != nil {
		b.Fatal(err)
	}
	list := svc.Notes(Filter{})
	bms := svc.Bookmarks(ByPosition)
	marks := svc.Markers()
	d := time.Since(start)
	if len(list) > 0 && (len(list) != 10000 || len(bms) != 1000 || len(marks) == 0) {
		b.Fatalf("%d notes, %d bookmarks, %d markers", len(list), len(bms), len(marks))
	}
	svc.Close()
	if lib != nil {
		lib.Close()
	}
	return d
}

// compMap resolves compilations already in memory.
type compMap map[string]*model.Compilation

func (m compMap) Get(id string) (*model.Compilation, error) {
	if c, ok := m[id]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("no %s", id)
}

func parsedOnce(b testing.TB) compMap {
	b.Helper()
	lib, err := library.Open(b.TempDir(), library.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	m := compMap{}
	if err := importCopies(lib); err != nil {
		b.Fatal(err)
	}
	infos, err := lib.List()
	if err != nil {
		b.Fatal(err)
	}
	for _, i := range infos {
		c, err := lib.Get(i.ID)
		if err != nil {
			b.Fatal(err)
		}
		m[c.ID] = c
	}
	return m
}

// copies is how many compilations the benchmark library holds: 1 000
// bookmarks need more nodes than one compilation has.
const copies = 4

// importCopies imports copies of the seed under other titles.
func importCopies(lib *library.Service) error {
	const title = "局机关2026年意识形态工作要点材料汇编(9篇)"
	if !bytes.Contains(assets.Compilation, []byte(title)) {
		return fmt.Errorf("seed title not found")
	}
	for i := 2; i <= copies; i++ {
		data := bytes.Replace(assets.Compilation, []byte(title), []byte(fmt.Sprintf("局机关2026年意识形态工作要点材料汇编之%d(9篇)", i)), 1)
		if _, err := lib.ImportBytes(library.Source{Name: fmt.Sprintf("copy%d.txt", i), Data: data}); err != nil {
			return err
		}
	}
	return nil
}

func setupLibrary(dir string) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	return importCopies(lib)
}

// fillNotes writes nNotes notes spread over every item, section and
// document of the library (texts of 10 to 600 characters, a third with a
// quote) and nBookmarks bookmarks on distinct nodes, through ImportJSON.
func fillNotes(dir string, nNotes, nBookmarks int) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	infos, err := lib.List()
	if err != nil {
		return err
	}
	type target struct {
		id, addr, title, text string
	}
	var nodes []target
	for _, i := range infos {
		c, err := lib.Get(i.ID)
		if err != nil {
			return err
		}
		c.Walk(func(n model.Node) {
			nodes = append(nodes, target{n.ID(c.ID), n.Addr.String(), n.Title(), nodeText(n)})
		})
	}
	if len(nodes) < nBookmarks {
		return fmt.Errorf("only %d nodes for %d bookmarks", len(nodes), nBookmarks)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	filler := []rune(strings.Repeat("坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十届四中全会精神。", 20))
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	ex := Export{Format: ExportFormat, Version: ExportVersion}
	for i := 0; i < nNotes; i++ {
		tg := nodes[rng.IntN(len(nodes))]
		l := 10 + rng.IntN(590)
		n := Note{ID: fmt.Sprintf("bench%05d", i), NodeID: tg.id, Address: tg.addr, Title: tg.title,
			Text: string(filler[:l]), Color: Colors[rng.IntN(5)], Created: t0.Add(time.Duration(i) * time.Minute)}
		if i%3 == 0 {
			if r := []rune(tg.text); len(r) > 40 {
				n.Quote = string(r[10:40])
			}
		}
		n.Updated = n.Created
		ex.Notes = append(ex.Notes, n)
	}
	for i, p := range rng.Perm(len(nodes))[:nBookmarks] {
		tg := nodes[p]
		ex.Bookmarks = append(ex.Bookmarks, Bookmark{NodeID: tg.id, Address: tg.addr, Name: tg.title, Title: tg.title,
			Created: t0.Add(time.Duration(i) * time.Hour), Updated: t0.Add(time.Duration(i) * time.Hour)})
	}
	data, err := json.Marshal(ex)
	if err != nil {
		return err
	}
	svc, err := Open(dir, lib, Options{})
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
