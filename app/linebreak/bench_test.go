package linebreak

import (
	"testing"
)

// The reading pane's switch budget: a relayout on a resize must stay well
// inside it.
const budgetMs = 50

// prepared is every paragraph of the seed, analysed once, as the pane keeps
// them while the width changes.
func prepared(b *testing.B, m Measure) ([]*Text, int) {
	b.Helper()
	var ts []*Text
	runes := 0
	for _, p := range seedParagraphs(b) {
		text := []rune(p)
		runes += len(text)
		ts = append(ts, Prepare(text, m))
	}
	return ts, runes
}

// BenchmarkRelayoutSeed breaks the whole built-in compilation (all nine
// documents, ~42,000 characters) at a new width, cycling through the five
// test widths: what a resize costs when every paragraph is re-broken. The
// metric ms/relayout is one whole-compilation relayout; budget-ratio is it
// over the 50 ms switch budget.
func BenchmarkRelayoutSeed(b *testing.B) {
	ts, runes := prepared(b, fontAdvances(b))
	var buf []Line
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt := Options{Width: widthsEm[i%len(widthsEm)] * textSize, Indent: 2}
		for _, t := range ts {
			buf = t.AppendLines(buf[:0], opt)
		}
	}
	reportRelayout(b, runes)
}

// BenchmarkPrepareAndBreakSeed also analyses every paragraph and sums its
// advances: a relayout after the text size or font changes.
func BenchmarkPrepareAndBreakSeed(b *testing.B) {
	m := fontAdvances(b)
	paras := seedParagraphs(b)
	texts := make([][]rune, len(paras))
	runes := 0
	for i, p := range paras {
		texts[i] = []rune(p)
		runes += len(texts[i])
	}
	var buf []Line
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt := Options{Width: widthsEm[i%len(widthsEm)] * textSize, Indent: 2}
		for _, text := range texts {
			buf = Prepare(text, m).AppendLines(buf[:0], opt)
		}
	}
	reportRelayout(b, runes)
}

// BenchmarkRelayoutSeedStrings is BenchmarkRelayoutSeed with a Strings
// measure (every candidate line measured as a string).
func BenchmarkRelayoutSeedStrings(b *testing.B) {
	a := fontAdvances(b)
	ts, runes := prepared(b, Strings(func(s string) float32 {
		var w float32
		for _, r := range s {
			w += a(r)
		}
		return w
	}))
	var buf []Line
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt := Options{Width: widthsEm[i%len(widthsEm)] * textSize, Indent: 2}
		for _, t := range ts {
			buf = t.AppendLines(buf[:0], opt)
		}
	}
	reportRelayout(b, runes)
}

func reportRelayout(b *testing.B, runes int) {
	ms := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / 1e6
	b.ReportMetric(ms, "ms/relayout")
	b.ReportMetric(ms/budgetMs, "budget-ratio")
	b.ReportMetric(float64(runes), "runes")
}
