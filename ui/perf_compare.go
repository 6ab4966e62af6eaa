//go:build perf

package ui

import (
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"

	"huibian/app/model"
)

// perfCompare measures opening 对照阅读 (PerfOpenEnv=compare,
// scripts/perf/compare.sh): with section 1/3 of the seed shown, it taps
// the toolbar's 对照 button and captures the canvas (which lays out and
// paints the view): click to drawn. Then back to reading, and again, 21
// times; the first, which may still build the comparison index, is
// reported apart. The same for the theme matrix (查看 › 专题矩阵).
func perfCompare(w *Window, f *os.File, out func(string, any)) {
	time.Sleep(2 * time.Second)
	u := w.compare
	ms := perfMs
	fyne.DoAndWait(func() { w.Open(model.Address{Doc: 1, Section: 3}) })
	measure := func(key string, open func()) {
		var times, cpus []time.Duration
		cpu0 := CPUMillis()
		for i := 0; i < 21; i++ {
			fyne.DoAndWait(func() {
				c0, t0 := rusageCPU(), time.Now()
				open()
				w.win.Canvas().Capture()
				times = append(times, time.Since(t0))
				cpus = append(cpus, rusageCPU()-c0)
			})
			time.Sleep(100 * time.Millisecond) // the columns typeset after drawing
			fyne.DoAndWait(func() {
				u.Close()
				w.win.Canvas().Capture()
			})
		}
		slices.Sort(cpus[1:])
		// CPU time of the process from the click to the view drawn: what an
		// idle core would take, whatever the machine's load.
		out(key+"_cpu_ms_median", ms(cpus[1+len(cpus[1:])/2]))
		out(key+"_first_ms", ms(times[0]))
		rest := slices.Clone(times[1:])
		slices.Sort(rest)
		out(key+"_ms_median", ms(rest[len(rest)/2]))
		out(key+"_ms_max", ms(rest[len(rest)-1]))
		var all []string
		for _, t := range times {
			all = append(all, ms(t))
		}
		out(key+"_ms_all", strings.Join(all, ","))
		out(key+"_cpu_ms_total", CPUMillis()-cpu0)
	}
	measure("compare_open", func() { u.btn.OnTapped() })
	measure("matrix_open", u.OpenMatrix)
	out("done", 1)
	perfFinish(w, f)
}

// rusageCPU is the CPU time the process has used, to the microsecond.
func rusageCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
