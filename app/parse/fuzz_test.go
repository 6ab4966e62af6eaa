package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/app/docx"
	"huibian/assets"
)

// FuzzParse feeds the parser arbitrary bytes, starting from the small
// files in testdata/ and testdata/genre/ and two slices of the seed. It must
// never panic, and whatever it accepts must satisfy the model's
// invariants: every full-text line it reconstructs is a line of the
// input, in the input's order.
//
// Seeds stay under maxFuzzSeed bytes: the fuzzer minimises every new
// input it finds, and minimising one grown from a large seed (the whole
// seed once, a 20 KB head of it later) kept the 20-second run in CI
// waiting at 0 execs/s most of the time. Large inputs are tested by the
// ordinary tests.
func FuzzParse(f *testing.F) {
	const maxFuzzSeed = 2 << 10
	files, err := filepath.Glob("testdata/*.txt")
	genre, _ := filepath.Glob("testdata/genre/*.txt")
	files = append(files, genre...)
	if err != nil || len(files) == 0 {
		f.Fatalf("no fuzz seeds in testdata: %v", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > maxFuzzSeed {
			f.Fatalf("fuzz seed %s has %d bytes, more than %d", p, len(b), maxFuzzSeed)
		}
		f.Add(b)
	}
	// The seed's outline tail, title, contents and first full text.
	seed := string(assets.Compilation)
	start := strings.LastIndex(seed[:strings.Index(seed, "局机关2026年意识形态工作要点材料汇编")], "二、") // the last outline section
	end := strings.LastIndex(seed[:start+maxFuzzSeed], "\n")
	f.Add([]byte(seed[start:end]))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := parseBytes("fuzz.txt", data)
		if docx.Sniff(data) != docx.FormatOther {
			return // read as a Word document: not lines of the input
		}
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		c := res.Compilation
		text, _ := Decode("fuzz.txt", data)
		text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
		var src []string
		for _, l := range strings.Split(text, "\n") {
			if l = trimLine(l); l != "" {
				src = append(src, l)
			}
		}
		i := 0
		for _, l := range c.FullTextLines() {
			for i < len(src) && src[i] != l {
				i++
			}
			if i == len(src) {
				t.Fatalf("reconstructed line %q is not in the input (in order)", l)
			}
			i++
		}
		st := c.Stats()
		if st.Documents != len(c.Documents) || st.Documents == 0 {
			t.Fatalf("stats %+v for %d documents", st, len(c.Documents))
		}
		for _, it := range c.Items() {
			if _, err := c.Resolve(it.Addr); err != nil {
				t.Fatalf("item %v does not resolve: %v", it.Addr, err)
			}
		}
	})
}
