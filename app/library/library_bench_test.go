package library

import (
	"huibian/app/parse"
	"path/filepath"
	"testing"

	"huibian/app/internal/testcorpus"
	"huibian/assets"
)

// BenchmarkImportSeed parses the seed and stores it (one fsynced commit).
func BenchmarkImportSeed(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetBytes(int64(len(assets.Compilation)))
	b.ResetTimer()
	for b.Loop() {
		if err := s.forceImport(Source{Name: "seed.txt", Data: assets.Compilation}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportSynthetic100x imports a compilation 100 times the seed.
func BenchmarkImportSynthetic100x(b *testing.B) {
	data := testcorpus.Synthetic(100)
	dir := b.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if err := s.forceImport(Source{Name: "synthetic.txt", Data: data}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenLibrary opens an already imported library and loads the
// built-in compilation, as every start of the reader does.
func BenchmarkOpenLibrary(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(filepath.Clean(dir), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Builtin(); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// forceImport parses and stores a source even when the same bytes were
// imported before (benchmarks measure the whole import).
func (s *Service) forceImport(src Source) error {
	res, err := parse.Parse(src.Name, src.Data)
	if err != nil {
		return err
	}
	return s.write(func() error { return s.putLocked(res.Compilation) })
}
