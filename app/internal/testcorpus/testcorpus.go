// Package testcorpus builds large synthetic compilations from the seed for
// benchmarks: the same shape (outline, table of contents, full texts),
// n times the size.
package testcorpus

import (
	"fmt"
	"strings"
	"testing"

	"huibian/app/model"
	"huibian/app/parse"
	"huibian/assets"
)

// Synthetic returns a compilation made of n copies of the seed's nine
// documents, renamed so that every document has its own title: an outline
// for all of them, a table of contents and the full texts the seed has.
func Synthetic(n int) []byte { return part(0, n) }

// part is copies first+1 to first+n of Synthetic's documents, as a
// compilation of its own.
func part(first, n int) []byte {
	lines := strings.Split(string(assets.Compilation), "\n")
	// Locate the parts of the seed by their landmarks.
	title, toc := -1, -1
	for i, l := range lines {
		switch strings.TrimSpace(l) {
		case "局机关2026年意识形态工作要点材料汇编(9篇)":
			title = i
		case "目录":
			toc = i
		}
	}
	// Outline: from the first "一、" to the compilation title.
	outStart := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "一、") {
			outStart = i
			break
		}
	}
	outline := lines[outStart:title]
	full := lines[toc+11:] // the ten lines of contents after "目录" ("1" / ".市委组织部…" is split in two)
	names := []string{}
	for _, l := range lines[toc+2 : toc+11] {
		l = strings.TrimLeft(strings.TrimSpace(l), "0123456789.")
		names = append(names, strings.TrimSpace(strings.TrimRightFunc(l, func(r rune) bool { return r >= '0' && r <= '9' })))
	}
	var b strings.Builder
	b.Grow(n * len(assets.Compilation))
	for k := 0; k < n; k++ {
		for _, l := range outline {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "合成测试汇编(%d篇)\n目录\n", 9*n)
	for k := 0; k < n; k++ {
		for j, name := range names {
			fmt.Fprintf(&b, "%d.第%d组%s %d\n", k*9+j+1, first+k+1, name, k*9+j+2)
		}
	}
	for k := 0; k < n; k++ {
		for _, l := range full {
			t := strings.TrimSpace(l)
			renamed := false
			for _, name := range names {
				if t == name {
					fmt.Fprintf(&b, "第%d组%s\n", first+k+1, name)
					renamed = true
				}
			}
			if !renamed && t != "7" {
				b.WriteString(l)
				b.WriteByte('\n')
			}
		}
	}
	return []byte(b.String())
}

// Compilation is Synthetic(n) parsed: 9n documents, copy k's documents
// numbered 9(k-1)+1 to 9k in the seed's order. The parser refuses more
// than 999 documents, so it parses at most partCopies copies at a time and
// appends their documents, renumbered, with IDs to match.
func Compilation(n int) (*model.Compilation, error) { return compilation(n, 100) }

func compilation(n, partCopies int) (*model.Compilation, error) {
	var out *model.Compilation
	for done := 0; done < n; {
		k := min(partCopies, n-done)
		res, err := parse.Parse("synthetic.txt", part(done, k))
		if err != nil {
			return nil, fmt.Errorf("parse copies %d to %d of the seed: %w", done+1, done+k, err)
		}
		c := res.Compilation
		if got := len(c.Documents); got != 9*k {
			return nil, fmt.Errorf("%d copies of the seed parsed into %d documents, want %d", k, got, 9*k)
		}
		if out == nil {
			out = c
		} else {
			for _, d := range c.Documents {
				renumber(out.ID, d, len(out.Documents)+1)
				out.Documents = append(out.Documents, d)
			}
		}
		done += k
	}
	if out != nil {
		out.Title = fmt.Sprintf("合成测试汇编(%d篇)", len(out.Documents))
	}
	return out, nil
}

// renumber makes d document number num of compilation comp.
func renumber(comp string, d *model.Document, num int) {
	d.Number, d.ID = num, model.DocumentID(comp, num)
	for _, s := range d.Sections {
		s.ID = model.SectionID(comp, num, s.Number)
		for _, it := range s.Items {
			it.ID = model.ItemID(comp, num, it.Number)
		}
	}
}

// Seed is the built-in compilation, parsed, for tests; a parse error
// fails t.
func Seed(t testing.TB) *model.Compilation {
	t.Helper()
	res, err := parse.Parse(assets.CompilationName, assets.Compilation)
	if err != nil {
		t.Fatal(err)
	}
	return res.Compilation
}
