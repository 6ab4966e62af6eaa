package export

import (
	"testing"

	"huibian/app/internal/testcorpus"
)

// BenchmarkDocxCompilation: the whole seed laid out and written as .docx
// (what 文件 › 导出全部… does before the file is saved).
func BenchmarkDocxCompilation(b *testing.B) {
	c := testcorpus.Seed(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = Docx(Compilation(c))
	}
}

// BenchmarkMarkdownCompilation: the same as Markdown.
func BenchmarkMarkdownCompilation(b *testing.B) {
	c := testcorpus.Seed(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = Markdown(Compilation(c))
	}
}

// BenchmarkDocxCorpus100: the 100× synthetic corpus (900 documents,
// 12.5 MB of text) as one .docx.
func BenchmarkDocxCorpus100(b *testing.B) {
	c, err := testcorpus.Compilation(100)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Docx(Compilation(c))
	}
}
