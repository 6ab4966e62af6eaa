package docx

import (
	"os"
	"testing"
)

// BenchmarkTextSeed reads the seed's .docx (made by LibreOffice) as text.
func BenchmarkTextSeed(b *testing.B) {
	data, err := os.ReadFile("testdata/seed.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Text("seed.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}
