package library

import (
	"os"
	"path/filepath"
	"testing"

	"huibian/app/docx"
	"huibian/app/internal/testcorpus"
)

// The benchmark's 100× .docx shows exactly the 100× text.
func TestSyntheticDocx(t *testing.T) {
	got, err := docx.Text("synthetic.docx", testcorpus.SyntheticDocx(3))
	if err != nil {
		t.Fatal(err)
	}
	if want := string(testcorpus.Synthetic(3)); got+"\n" != want {
		t.Fatalf("text of the synthetic .docx differs from the synthetic text (%d and %d bytes)", len(got)+1, len(want))
	}
}

// BenchmarkImportSeedDocx reads the seed's .docx (made by LibreOffice),
// parses and stores it (one fsynced commit).
func BenchmarkImportSeedDocx(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "docx", "testdata", "seed.docx"))
	if err != nil {
		b.Fatal(err)
	}
	benchImport(b, "seed.docx", data)
}

// BenchmarkImportSynthetic100xDocx imports a .docx of the 100× corpus.
func BenchmarkImportSynthetic100xDocx(b *testing.B) {
	benchImport(b, "synthetic.docx", testcorpus.SyntheticDocx(100))
}

func benchImport(b *testing.B, name string, data []byte) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if err := s.forceImport(Source{Name: name, Data: data}); err != nil {
			b.Fatal(err)
		}
	}
}
