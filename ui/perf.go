//go:build perf

package ui

// Performance instrumentation for scripts/perf, built only with -tags perf
// (perf_off.go stands in for it otherwise), so release binaries neither
// carry it nor react to HUIBIAN_PERF*.

import (
	"bufio"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"huibian/app/model"
)

// PerfEnv names a file: when set, the window measures itself for
// scripts/perf (see there) and writes "key value" lines to it: resident
// memory two seconds after start (document 1 shown), then the time from
// selecting a document in the tree to the new content having been drawn
// (canvas captured), alternating documents 1 and 2. With PerfQuitEnv=1 it
// quits when done.
//
// With PerfOpenEnv=switch it measures switching compilations in the
// library view instead (scripts/perf/library.sh, perf_library.go).
//
// With PerfOpenEnv=compare it measures opening 对照阅读 and 专题矩阵
// (scripts/perf/compare.sh, perf_compare.go).
//
// With PerfOpenEnv=notes it measures the notes panel instead
// (scripts/perf/notes.sh): as soon as the notes are loaded it opens the
// notes panel, captures the canvas (which lays out and paints it) and
// writes the wall-clock time then (panel_unix_ns), to be compared with the
// process start.
const (
	PerfEnv     = "HUIBIAN_PERF"
	PerfQuitEnv = "HUIBIAN_PERF_QUIT"
	PerfOpenEnv = "HUIBIAN_PERF_OPEN"
)

// perfHook starts the measurements if PerfEnv is set.
func perfHook(w *Window) func() {
	path := os.Getenv(PerfEnv)
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil
	}
	out := func(k string, v any) { fmt.Fprintf(f, "%s %v\n", k, v) }
	w.app.Lifecycle().SetOnStarted(func() { out("started_unix_ns", time.Now().UnixNano()) })
	if os.Getenv(PerfOpenEnv) == "notes" {
		go perfNotesPanel(w, f, out)
		return func() {}
	}
	if os.Getenv(PerfOpenEnv) == "compare" {
		go perfCompare(w, f, out) // perf_compare.go
		return func() {}
	}
	if os.Getenv(PerfOpenEnv) == "switch" {
		go perfSwitch(w, f, out) // perf_library.go
		return func() {}
	}
	if os.Getenv(PerfOpenEnv) == "start" {
		go perfStart(w, f, out) // perf_library.go
		return func() {}
	}
	go func() {
		time.Sleep(2 * time.Second)
		out("rss_kb", RSSKiB())
		var times, selects, captures []time.Duration
		for i := 0; i < 21; i++ {
			doc := 2 - i%2
			fyne.DoAndWait(func() {
				t0 := time.Now()
				w.tree.Select(model.DocumentID(w.comp.ID, doc))
				t1 := time.Now()
				w.win.Canvas().Capture()
				times = append(times, time.Since(t0))
				selects = append(selects, t1.Sub(t0))
				t2 := time.Now()
				w.win.Canvas().Capture() // nothing changed: the cost of a capture alone
				captures = append(captures, time.Since(t2))
			})
			time.Sleep(50 * time.Millisecond)
		}
		ms := perfMs
		median := func(ds []time.Duration) time.Duration {
			ds = slices.Clone(ds[1:]) // the first switch warms caches
			slices.Sort(ds)
			return ds[len(ds)/2]
		}
		out("switch_ms_median", ms(median(times)))
		out("switch_ms_max", ms(slices.Max(times[1:])))
		all := make([]string, len(times))
		for i, t := range times {
			all[i] = ms(t)
		}
		out("switch_ms_all", strings.Join(all, ","))
		out("select_ms_median", ms(median(selects)))
		out("capture_only_ms_median", ms(median(captures)))
		for k, v := range w.startTimes {
			out(k, ms(v))
		}
		out("done", 1)
		perfFinish(w, f)
	}()
	return func() {}
}

// perfNotesPanel waits for the notes to attach (their menu item appears),
// then opens the notes panel and draws it, and writes when that was done.
func perfNotesPanel(w *Window, f *os.File, out func(string, any)) {
	deadline := time.Now().Add(60 * time.Second)
	shown := false
	for !shown && time.Now().Before(deadline) {
		fyne.DoAndWait(func() {
			it := w.menuItem(actNotesPanel)
			if it == nil {
				return
			}
			t0 := time.Now()
			out("notes_ready_unix_ns", t0.UnixNano())
			it.Action()
			w.win.Canvas().Capture()
			t1 := time.Now()
			out("panel_unix_ns", t1.UnixNano())
			out("panel_cpu_ms", CPUMillis())
			out("panel_ms", fmt.Sprintf("%.1f", float64(t1.Sub(t0).Microseconds())/1000))
			shown = true
		})
		if !shown {
			time.Sleep(2 * time.Millisecond)
		}
	}
	if shown {
		for k, v := range w.startTimes {
			out(k, fmt.Sprintf("%.1f", float64(v.Microseconds())/1000))
		}
		out("done", 1)
	} else {
		out("failed", "notes panel never became available")
	}
	perfFinish(w, f)
}

// perfProfile writes a CPU profile of the whole run to $HUIBIAN_PERF.cpu
// when HUIBIAN_PERF_CPU=1.
func perfProfile() func() {
	path := os.Getenv(PerfEnv)
	if path == "" || os.Getenv("HUIBIAN_PERF_CPU") != "1" {
		return nil
	}
	f, err := os.Create(path + ".cpu")
	if err != nil {
		return nil
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// CPUMillis is the CPU time (user and system) the process has used so
// far, in milliseconds (Linux, 10 ms steps), or 0. Unlike wall-clock time
// it hardly depends on what else the machine is doing.
func CPUMillis() int {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces), from field 3:
	// utime and stime are fields 14 and 15, in clock ticks (100 a second).
	_, rest, ok := strings.Cut(string(data), ") ")
	if !ok {
		return 0
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	var u, s int
	fmt.Sscan(f[11], &u)
	fmt.Sscan(f[12], &s)
	return (u + s) * 10
}

// RSSKiB is the process's resident set size in KiB (Linux), or 0.
func RSSKiB() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			var n int
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &n)
			return n
		}
	}
	return 0
}

// perfMs formats a duration in milliseconds, to 0.1 ms.
func perfMs(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

// perfFinish closes the measurement file and, with PerfQuitEnv=1, quits
// the app (saving its state as 退出 does).
func perfFinish(w *Window, f *os.File) {
	f.Close()
	if os.Getenv(PerfQuitEnv) == "1" {
		fyne.Do(func() {
			w.SaveState()
			w.app.Quit()
		})
	}
}
