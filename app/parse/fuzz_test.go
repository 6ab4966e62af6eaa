package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/assets"
)

// FuzzParse feeds the parser arbitrary bytes, starting from the files in
// testdata/. It must never panic, and whatever it accepts must satisfy the
// model's invariants: every full-text line it reconstructs is a line of the
// input, in the input's order.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		f.Fatalf("no fuzz seeds in testdata: %v", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(assets.Compilation[:4096])
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := parseBytes("fuzz.txt", data)
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
