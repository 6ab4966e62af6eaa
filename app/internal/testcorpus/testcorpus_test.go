package testcorpus

import (
	"fmt"
	"testing"

	"huibian/app/model"
)

// A corpus parsed in parts is the corpus parsed whole: the same documents
// in the same order, numbered on, with IDs that match their numbers.
func TestCompilationInParts(t *testing.T) {
	whole, err := compilation(5, 100)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := compilation(5, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Documents) != 45 || len(parts.Documents) != 45 || parts.Title != whole.Title {
		t.Fatalf("%d and %d documents, titles %q %q", len(whole.Documents), len(parts.Documents), whole.Title, parts.Title)
	}
	key := func(c *model.Compilation) []string {
		var out []string
		c.Walk(func(n model.Node) {
			t := n.Text()
			out = append(out, fmt.Sprintf("%s %s %s %d", n.Addr, t.Title, t.Heading, len(t.Paras)))
		})
		return out
	}
	kw, kp := key(whole), key(parts)
	if len(kw) != len(kp) {
		t.Fatalf("%d nodes whole, %d in parts", len(kw), len(kp))
	}
	for i := range kw {
		if kw[i] != kp[i] {
			t.Fatalf("node %d: %q whole, %q in parts", i, kw[i], kp[i])
		}
	}
	parts.Walk(func(n model.Node) {
		var id string
		switch n.Kind() {
		case model.KindDocument:
			id = n.Document.ID
		case model.KindSection:
			id = n.Section.ID
		default:
			id = n.Item.ID
		}
		if id != n.ID(parts.ID) {
			t.Fatalf("%s has ID %s, want %s", n.Addr, id, n.ID(parts.ID))
		}
	})
}
