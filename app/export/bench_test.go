package export

import "testing"

// BenchmarkDocxCompilation: the whole seed laid out and written as .docx
// (what 文件 › 导出全部… does before the file is saved).
func BenchmarkDocxCompilation(b *testing.B) {
	c := seed(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = Docx(Compilation(c))
	}
}

// BenchmarkMarkdownCompilation: the same as Markdown.
func BenchmarkMarkdownCompilation(b *testing.B) {
	c := seed(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = Markdown(Compilation(c))
	}
}
