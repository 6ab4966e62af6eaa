package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"huibian/app/library"
	"huibian/app/notes"
	"huibian/app/notes/notestest"
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
		// Room for 1 000 bookmarks on distinct nodes, in both directories.
		err = notestest.ImportCopies(lib, 4)
		if err == nil && d == full {
			_, err = notestest.Fill(d, lib, 10000, 1000)
		}
		lib.Close()
		if err != nil {
			b.Fatal(err)
		}
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
