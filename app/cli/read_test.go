package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/nav"
)

// TestShowAgreesWithPane checks that `show` prints, for every node of the
// seed, exactly the paragraphs the reading pane shows (nav.Paragraphs):
// the same texts in the same order, the same notes in the same words
// (within 〔〕), a heading that ran into its first paragraph in the source
// joined with it again.
func TestShowAgreesWithPane(t *testing.T) {
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := lib.Builtin()
	lib.Close()
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	c.Walk(func(n model.Node) {
		var want []string
		ps := nav.Paragraphs(c, n)
		for i := 0; i < len(ps); i++ {
			p := ps[i]
			switch {
			case p.Kind == nav.Note:
				notes++
				want = append(want, "〔"+strings.TrimSuffix(p.Text, "。")+"〕")
			case p.RunIn:
				if ps[i+1].Kind != nav.Body || ps[i+1].Addr != p.Addr || ps[i+1].Part != 1 {
					t.Fatalf("%s: run-in heading %q not followed by its first paragraph", n.Addr, p.Text)
				}
				want = append(want, p.Text+ps[i+1].Text)
				i++
			default:
				want = append(want, p.Text)
			}
		}
		var got []string
		for _, l := range strings.Split(NodeText(c, n), "\n") {
			if l != "" {
				got = append(got, l)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("show %s differs from the pane:\n%q\nwant\n%q", n.Addr, got, want)
		}
	})
	if notes == 0 {
		t.Fatal("the seed's pane shows no notes")
	}
	// The CLI command itself prints that text; the window's wording for
	// the text that breaks off is the CLI's.
	code, out, _ := run(t, dir, "show", "5.7")
	n, _ := c.ResolveString("5.7")
	if code != 0 || out != NodeText(c, n) || !strings.Contains(out, "〔"+strings.TrimSuffix(fmt.Sprintf(nav.MsgBreaksOffHere, n.Item.Fragment), "。")+"〕") {
		t.Errorf("show 5.7 (exit %d):\n%s", code, out)
	}
}
