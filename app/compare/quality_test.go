package compare

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

// goldPair is one judged (source, document) pair of a gold table.
type goldPair struct {
	src       string
	doc       int
	accept    []string // addresses that are right; empty: none is right
	ambiguous bool
}

// readGold reads a gold table (see testdata/gold-sections.tsv).
func readGold(t *testing.T, path string) []goldPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldPair
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated columns, got %d", path, ln, len(cols))
		}
		for _, p := range strings.Fields(cols[1]) {
			d, g, ok := strings.Cut(p, "=")
			n, err := strconv.Atoi(d)
			if !ok || err != nil {
				t.Fatalf("%s:%d: bad pair %q", path, ln, p)
			}
			gp := goldPair{src: cols[0], doc: n}
			if strings.HasSuffix(g, "?") {
				gp.ambiguous = true
				g = strings.TrimSuffix(g, "?")
			}
			if g != "-" {
				gp.accept = strings.Split(g, "|")
			}
			out = append(out, gp)
		}
	}
	return out
}

// precision scores Compare against a gold table: precision at 1 on the
// pairs with a gold answer that are not ambiguous, and on all pairs with a
// gold answer.
func precision(t *testing.T, x *Index, gold []goldPair) (clear, clearN, all, allN int) {
	t.Helper()
	cache := map[string]Result{}
	for _, g := range gold {
		r, ok := cache[g.src]
		if !ok {
			a, err := model.ParseAddress(g.src)
			if err != nil {
				t.Fatal(err)
			}
			r, err = x.Compare(a, Options{})
			if err != nil {
				t.Fatal(err)
			}
			cache[g.src] = r
		}
		if len(g.accept) == 0 {
			continue
		}
		var best string
		for _, c := range r.Documents {
			if c.Document == g.doc {
				if m, ok := c.Best(); ok {
					best = m.Address
				}
			}
		}
		hit := false
		for _, a := range g.accept {
			if a == best {
				hit = true
			}
		}
		allN++
		if hit {
			all++
		}
		if !g.ambiguous {
			clearN++
			if hit {
				clear++
			} else {
				t.Logf("miss %s → doc %d: got %s, gold %s", g.src, g.doc, best, strings.Join(g.accept, "|"))
			}
		}
	}
	return
}

func TestGoldSections(t *testing.T) {
	c := testcorpus.Seed(t)
	gold := readGold(t, "testdata/gold-sections.tsv")
	// The table covers every section and every other document.
	seen := map[string]int{}
	for _, g := range gold {
		seen[g.src]++
	}
	for _, d := range c.Documents {
		for _, s := range d.Sections {
			a := model.Address{Doc: d.Number, Section: s.Number}.String()
			if seen[a] != len(c.Documents)-1 {
				t.Errorf("gold table: %s has %d pairs, want %d", a, seen[a], len(c.Documents)-1)
			}
		}
	}
	clear, clearN, all, allN := precision(t, New(c), gold)
	p := float64(clear) / float64(clearN)
	t.Logf("sections: precision@1 %.3f (%d/%d) on clear pairs, %.3f (%d/%d) with ambiguous ones",
		p, clear, clearN, float64(all)/float64(allN), all, allN)
	if p < 0.9 {
		t.Errorf("precision@1 on clear section pairs = %.3f, want ≥ 0.9", p)
	}
}

func TestGoldItems(t *testing.T) {
	c := testcorpus.Seed(t)
	gold := readGold(t, "testdata/gold-items.tsv")
	srcs := map[string]bool{}
	for _, g := range gold {
		srcs[g.src] = true
	}
	if len(srcs) < 20 {
		t.Fatalf("gold items table has %d items, want ≥ 20", len(srcs))
	}
	clear, clearN, all, allN := precision(t, New(c), gold)
	p := float64(clear) / float64(clearN)
	t.Logf("items: precision@1 %.3f (%d/%d) on clear pairs, %.3f (%d/%d) with ambiguous ones",
		p, clear, clearN, float64(all)/float64(allN), all, allN)
	if p < 0.9 {
		t.Errorf("precision@1 on clear item pairs = %.3f, want ≥ 0.9", p)
	}
}
