//go:build perf

package ui

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// perfSwitch measures switching compilations as the reader does it in the
// library view (scripts/perf/library.sh, PerfOpenEnv=switch): with the
// view open, the time from the 打开 click (libraryView.open) to the other
// compilation drawn (canvas captured), alternating between the first two
// imported compilations, 21 times; the first, with cold caches, is reported
// apart.
func perfSwitch(w *Window, f *os.File, out func(string, any)) {
	time.Sleep(2 * time.Second)
	var ids []string
	if infos, err := w.library.lib.List(); err == nil {
		for _, in := range infos {
			if !in.Builtin {
				ids = append(ids, in.ID)
			}
		}
	}
	if len(ids) < 2 {
		out("failed", "the library holds fewer than two imported compilations")
		f.Close()
		return
	}
	var times []time.Duration
	for i := 0; i < 21; i++ {
		id := ids[i%2]
		var v *libraryView
		fyne.DoAndWait(func() { w.library.showView() })
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			fyne.DoAndWait(func() {
				if v = w.library.view; v != nil && len(v.all) == 0 {
					v = nil
				}
			})
			if v != nil {
				break
			}
		}
		if v == nil {
			out("failed", "the library view never listed the library")
			break
		}
		fyne.DoAndWait(func() {
			w.win.Canvas().Capture() // the view drawn, not timed
			for _, in := range v.all {
				if in.ID == id {
					t0 := time.Now()
					v.open(in)
					w.win.Canvas().Capture()
					times = append(times, time.Since(t0))
				}
			}
		})
		time.Sleep(50 * time.Millisecond)
	}
	if len(times) == 21 {
		ms := perfMs
		rest := slices.Clone(times[1:])
		slices.Sort(rest)
		out("switch_comp_ms_first", ms(times[0]))
		out("switch_comp_ms_median", ms(rest[len(rest)/2]))
		out("switch_comp_ms_max", ms(rest[len(rest)-1]))
		all := make([]string, len(times))
		for i, t := range times {
			all[i] = ms(t)
		}
		out("switch_comp_ms_all", strings.Join(all, ","))
		out("done", 1)
	}
	perfFinish(w, f)
}

// perfStart writes the CPU time the process has used once the window
// shows its first node, drawn (PerfOpenEnv=start, scripts/perf/library.sh):
// unlike the wall-clock start time it hardly depends on the machine's
// other load. Then it quits.
func perfStart(w *Window, f *os.File, out func(string, any)) {
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		shown := false
		fyne.DoAndWait(func() {
			if shown = w.Shown(); shown {
				w.win.Canvas().Capture()
			}
		})
		if shown {
			out("shown_cpu_ms", CPUMillis())
			for k, v := range w.startTimes {
				out(k, fmt.Sprintf("%.1f", float64(v.Microseconds())/1000))
			}
			out("done", 1)
			break
		}
	}
	f.Close()
	// Quitting at once, while GLFW still delivers the first events, can
	// crash in its cursor handling (a nil window): let the window settle.
	time.Sleep(time.Second)
	fyne.Do(func() {
		w.SaveState()
		w.app.Quit()
	})
}
