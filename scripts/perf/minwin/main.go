// Command minwin is the baseline for scripts/perf/perf.sh: a minimal Fyne
// window showing one label, the same size as the reader's first window.
// With HUIBIAN_PERF=FILE it writes "rss_kb N" to FILE two seconds after
// start (as the reader does), and quits if HUIBIAN_PERF_QUIT=1.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.huibian.perfmin")
	w := a.NewWindow("minwin")
	w.SetContent(widget.NewLabel("Hello, Fyne"))
	w.Resize(fyne.NewSize(1100, 760))
	if path := os.Getenv("HUIBIAN_PERF"); path != "" {
		go func() {
			time.Sleep(2 * time.Second)
			os.WriteFile(path, []byte(fmt.Sprintf("rss_kb %d\ndone 1\n", rssKiB())), 0o644)
			if os.Getenv("HUIBIAN_PERF_QUIT") == "1" {
				fyne.Do(a.Quit)
			}
		}()
	}
	w.ShowAndRun()
}

func rssKiB() int {
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
