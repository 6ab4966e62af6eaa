// Command panelprof runs, in one process, what the window does with the
// notes when it starts with the notes panel open: open the notes, compute
// the tree markers, list the panel's first view. Under a CPU profile.
//
//	go run ./scripts/perf/panelprof -n 5 -cpuprofile /tmp/p.out DATADIR
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"huibian/app/library"
	"huibian/app/notes"
)

func main() {
	n := flag.Int("n", 5, "runs")
	prof := flag.String("cpuprofile", "", "write a CPU profile here")
	flag.Parse()
	dir := flag.Arg(0)
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c, err := lib.Builtin()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *prof != "" {
		f, _ := os.Create(*prof)
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	for i := 0; i < *n; i++ {
		t0 := time.Now()
		svc, err := notes.Open(dir, lib, notes.Options{ReadOnly: true})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		t1 := time.Now()
		m := svc.Markers()
		t2 := time.Now()
		list, _ := svc.NotesPage(notes.Filter{CompID: c.ID}, 200)
		orph := svc.Notes(notes.Filter{Orphaned: notes.OnlyOrphaned})
		cnt := svc.NoteCount()
		t3 := time.Now()
		fmt.Printf("open %v markers %v list %v (%d markers, %d listed, %d orphaned, %d)\n", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), len(m), len(list), len(orph), cnt)
		svc.Close()
	}
}
