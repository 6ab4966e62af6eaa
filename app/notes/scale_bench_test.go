package notes_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/app/notes"
)

// BenchmarkScale measures, on a data directory with notes.MaxNotes notes, what
// one command does apart from starting the process (issue 13 §5; the
// process-level figures come from scripts/perf/scale.sh):
//
//   - "add": open the library and the notes (LazyNotes, as note add
//     does), add one note with its fsync, close. Target: median < 20 ms.
//   - "list": open read-only (as note ls does) and list every note with
//     its anchor. Target (with the JSON output): < 1 s.
//
// It also reports the disk use of a backup against the file.
func BenchmarkScale(b *testing.B) {
	dir := b.TempDir()
	if err := setupLibrary(dir); err != nil {
		b.Fatal(err)
	}
	if err := fillNotes(dir, notes.MaxNotes, 200); err != nil {
		b.Fatal(err)
	}
	b.Run("add", func(b *testing.B) {
		var times []time.Duration
		for i := 0; b.Loop(); i++ {
			start := time.Now()
			lib, err := library.Open(dir, library.Options{})
			if err != nil {
				b.Fatal(err)
			}
			c, _ := lib.Builtin()
			svc, err := notes.Open(dir, lib, notes.Options{LazyNotes: true})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := svc.AddNote(c, c.Items()[i%len(c.Items())], notes.NoteInput{Text: "规模测试"}); err != nil {
				b.Fatal(err)
			}
			svc.Close()
			lib.Close()
			times = append(times, time.Since(start))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	})
	b.Run("list", func(b *testing.B) {
		for b.Loop() {
			lib, err := library.Open(dir, library.Options{})
			if err != nil {
				b.Fatal(err)
			}
			svc, err := notes.Open(dir, lib, notes.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for _, x := range svc.Notes(notes.Filter{}) {
				svc.NoteAnchor(x)
				n++
			}
			if n < notes.MaxNotes {
				b.Fatalf("%d notes listed", n)
			}
			svc.Close()
			lib.Close()
		}
	})
	b.Run("backup", func(b *testing.B) {
		lib, _ := library.Open(dir, library.Options{})
		defer lib.Close()
		svc, err := notes.Open(dir, lib, notes.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer svc.Close()
		var path string
		for b.Loop() {
			if path, err = svc.BackupNow(); err != nil {
				b.Fatal(err)
			}
		}
		bk, _ := os.Stat(path)
		db, _ := os.Stat(filepath.Join(dir, notes.FileName))
		b.ReportMetric(float64(bk.Size())/float64(db.Size()), "backup/file")
		b.ReportMetric(float64(bk.Size())/(1<<20), "backup-MB")
	})
}
