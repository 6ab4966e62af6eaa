package compare

import (
	"testing"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

// BenchmarkCompareSeed compares one section of the seed (index built once,
// as the window and command line keep it).
func BenchmarkCompareSeed(b *testing.B) {
	x := New(testcorpus.Seed(b))
	a := model.Address{Doc: 1, Section: 3}
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := x.Compare(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareItemSeed compares one item of the seed.
func BenchmarkCompareItemSeed(b *testing.B) {
	x := New(testcorpus.Seed(b))
	a := model.Address{Doc: 2, Item: 11}
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := x.Compare(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexSeed builds the index of the seed (the first comparison
// of a session pays it once).
func BenchmarkIndexSeed(b *testing.B) {
	c := testcorpus.Seed(b)
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		New(c)
	}
}

func corpus100(b *testing.B) *model.Compilation {
	b.Helper()
	c, err := testcorpus.Compilation(100)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkCompare100x compares one section of the 100× corpus (900
// documents, 5 400 sections).
func BenchmarkCompare100x(b *testing.B) {
	x := New(corpus100(b))
	a := model.Address{Doc: 451, Section: 3}
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := x.Compare(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareItem100x compares one item of the 100× corpus.
func BenchmarkCompareItem100x(b *testing.B) {
	x := New(corpus100(b))
	a := model.Address{Doc: 451, Item: 11}
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := x.Compare(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThemesSeed computes the theme matrix of the seed from its index.
func BenchmarkThemesSeed(b *testing.B) {
	x := New(testcorpus.Seed(b))
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		x.buildThemes()
	}
}

// BenchmarkThemes100x computes the theme matrix of the 100× corpus
// (1 200 sections clustered, the rest assigned).
func BenchmarkThemes100x(b *testing.B) {
	x := New(corpus100(b))
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		x.buildThemes()
	}
}
