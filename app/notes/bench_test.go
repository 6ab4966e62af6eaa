package notes_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
	"huibian/app/notes/notestest"
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
	svc, err := notes.Open(dir, lib, notes.Options{})
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
		if _, err := svc.AddNote(c, items[i%len(items)], notes.NoteInput{Text: text, Color: notes.Palette()[i%5].Color}); err != nil {
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
	var comps notes.Compilations
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
	svc, err := notes.Open(dir, comps, notes.Options{})
	if err != nil {
		b.Fatal(err)
	}
	list := svc.Notes(notes.Filter{})
	bms := svc.Bookmarks(notes.ByPosition)
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
	if err := notestest.ImportCopies(lib, copies); err != nil {
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

// setupLibrary makes the library every benchmark data directory holds.
func setupLibrary(dir string) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	return notestest.ImportCopies(lib, copies)
}

// fillNotes writes nNotes notes and nBookmarks bookmarks into dir
// (notestest.Fill).
func fillNotes(dir string, nNotes, nBookmarks int) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	_, err = notestest.Fill(dir, lib, nNotes, nBookmarks)
	return err
}
