package search

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

// typed are real queries; the benchmarks type them one character at a
// time and search after every keystroke, as the window does.
var typed = []string{
	"网络阵地", "舆情处置", "第一议题", "三审三校", "健全网络舆情处理体系", "健全舆情处置",
	"yishixingtai", "ysxt", "意识xt", "wlyq", "5:舆情", "意识形态 阵地", "强化理论武装",
	"sssj", "wangluoyuqing", "jianquanwlyq", "网络yq",
}

// keystrokes lists every prefix of every typed query.
func keystrokes(qs []string) []string {
	var out []string
	for _, q := range qs {
		rs := []rune(q)
		for i := 1; i <= len(rs); i++ {
			out = append(out, string(rs[:i]))
		}
	}
	return out
}

// synthetic is a corpus of copies of the seed (testcorpus.Compilation):
// copy k renames and renumbers its documents, so the corpus holds n×9
// documents.
func synthetic(tb testing.TB, copies int) *model.Compilation {
	tb.Helper()
	c, err := testcorpus.Compilation(copies)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// corpus is a synthetic corpus and its index, built once per run.
type corpus struct {
	once sync.Once
	comp *model.Compilation
	x    *Index
}

func (c *corpus) get(b *testing.B, copies int) *Index {
	c.once.Do(func() {
		c.comp = synthetic(b, copies)
		c.x = New(c.comp)
	})
	return c.x
}

// big is 100 copies of the seed: 12.8 MB of text, 4.3 million characters.
// huge is 300 copies: 12.9 million characters.
var big, huge corpus

func bigIndex(b *testing.B) *Index { return big.get(b, 100) }

// paragraphs lists every text of the compilation, as the naive approach
// would search them.
func paragraphs(c *model.Compilation) []string {
	var out []string
	c.Walk(func(n model.Node) {
		titles, texts := nodeTexts(n)
		for _, s := range append(titles, texts...) {
			if s != "" {
				out = append(out, s)
			}
		}
	})
	return out
}

// timeKeystrokes searches after every keystroke and reports the median,
// 99th percentile and worst time per keystroke: wall time, and the CPU
// time of the searching thread (unaffected by other processes).
func timeKeystrokes(b *testing.B, x *Index, keys []string) {
	b.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var wall, cpu []time.Duration
	// Let the collector finish with the garbage of building the corpus, as
	// it has long before the reader types in the window.
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		for _, k := range keys {
			c0, cok := threadCPU()
			t0 := time.Now()
			x.Search(k, Options{})
			wall = append(wall, time.Since(t0))
			if c1, ok := threadCPU(); ok && cok {
				cpu = append(cpu, c1-c0)
			}
		}
	}
	b.StopTimer()
	report := func(ds []time.Duration, prefix string) {
		if len(ds) == 0 {
			return
		}
		slices.Sort(ds)
		ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
		b.ReportMetric(ms(ds[len(ds)/2]), prefix+"median-ms")
		b.ReportMetric(ms(ds[len(ds)*99/100]), prefix+"p99-ms")
		b.ReportMetric(ms(ds[len(ds)-1]), prefix+"max-ms")
	}
	report(wall, "")
	report(cpu, "cpu-")
	b.ReportMetric(float64(len(keys)), "keys/op")
}

// reportSize reports the size of the indexed text.
func reportSize(b *testing.B, x *Index) {
	_, _, n := x.Size()
	b.ReportMetric(float64(n)/1e6, "MB")
	b.ReportMetric(float64(runeLen(x.buf))/1e6, "Mchars")
}

// BenchmarkKeystrokeSeed: the whole search pipeline per keystroke on the
// seed. Target: median under 1 ms, p99 under 3 ms.
func BenchmarkKeystrokeSeed(b *testing.B) {
	timeKeystrokes(b, New(testcorpus.Seed(b)), keystrokes(typed))
}

// BenchmarkKeystroke100x: the same on 100 copies of the seed. Target:
// under 30 ms.
func BenchmarkKeystroke100x(b *testing.B) {
	x := bigIndex(b)
	timeKeystrokes(b, x, keystrokes(typed))
	reportSize(b, x)
}

// BenchmarkKeystroke13M: the same on 300 copies of the seed, about 13
// million characters.
func BenchmarkKeystroke13M(b *testing.B) {
	x := huge.get(b, 300)
	timeKeystrokes(b, x, keystrokes(typed))
	reportSize(b, x)
}

// BenchmarkBuild100x: building the index of 100 copies of the seed, and
// the memory the index keeps (index-MB: live heap with the index, less
// without it).
func BenchmarkBuild100x(b *testing.B) {
	bigIndex(b)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := New(big.comp)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	b.ResetTimer()
	for b.Loop() {
		New(big.comp)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "index-MB")
}

// BenchmarkVsNaive100x times, in the same run and on the same keystrokes,
// the engine and the naive approach (fuzzy.Find over every paragraph),
// and reports the ratio of their mean times per keystroke.
func BenchmarkVsNaive100x(b *testing.B) {
	x := bigIndex(b)
	paras := paragraphs(big.comp)
	chars := 0
	for _, p := range paras {
		chars += len([]rune(p))
	}
	keys := keystrokes([]string{"网络舆情", "ysxt", "健全舆情处置"})
	var engine, naive time.Duration
	for b.Loop() {
		for _, k := range keys {
			t0 := time.Now()
			x.Search(k, Options{})
			engine += time.Since(t0)
			t0 = time.Now()
			fuzzy.Find(k, paras)
			naive += time.Since(t0)
		}
	}
	n := float64(b.N * len(keys))
	b.ReportMetric(float64(engine)/n/1e6, "engine-ms/key")
	b.ReportMetric(float64(naive)/n/1e6, "naive-ms/key")
	b.ReportMetric(float64(naive)/float64(engine), "naive/engine")
	b.ReportMetric(float64(chars)/1e6, "Mchars")
}
