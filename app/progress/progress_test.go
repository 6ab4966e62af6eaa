package progress

import (
	"testing"
	"time"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

func node(t *testing.T, c *model.Compilation, addr string) model.Node {
	t.Helper()
	n, err := c.ResolveString(addr)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func set(ids ...string) func(string) bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return func(id string) bool { return m[id] }
}

// Which nodes count: items with text only; the seed has 102 of them, as
// `info` says, 24 in each of documents 1–4, 6 in document 5 (cut off
// at 5.7) and none in the outline-only documents 6–9.
func TestCountableOnSeed(t *testing.T) {
	c := testcorpus.Seed(t)
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"1.1", true}, {"5.6", true},
		{"5.7", false},               // cut off: only the fragment "7"
		{"5.10", false},              // no text (the 5.10 got ✓ all the same)
		{"6.1", false},               // outline-only document
		{"2", false}, {"2/1", false}, // documents and sections are counted, not read
	} {
		if got := Countable(node(t, c, tc.addr)); got != tc.want {
			t.Errorf("Countable(%s) = %v, want %v", tc.addr, got, tc.want)
		}
	}
	if got, want := Build(c, Marks{set(), set(), set()}).Total.Total, c.Stats().ItemsWithText; got != want || got != 102 {
		t.Errorf("items with text %d, info says %d (want 102)", got, want)
	}
	for _, tc := range []struct {
		addr  string
		total int
	}{
		{"1", 24}, {"4", 24}, {"5", 6}, {"6", 0}, {"9", 0}, {"2/1", 4}, {"5/2", 2}, {"2.3", 1}, {"5.10", 0},
	} {
		if got := Count(c.ID, node(t, c, tc.addr), set()).Total; got != tc.total {
			t.Errorf("items with text under %s: %d, want %d", tc.addr, got, tc.total)
		}
	}
}

// Read marks on documents, sections, or items without text (left by older
// versions) never count; the totals read like 已读 3/102.
func TestCountsIgnoreMarksThatCannotBeRead(t *testing.T) {
	c := testcorpus.Seed(t)
	id := func(a string) string { return node(t, c, a).ID(c.ID) }
	read := set(id("1"), id("2"), id("2/1"), id("5.10"), id("9.1"), id("2.1"), id("2.3"), id("5.1"))
	o := Build(c, Marks{Read: read, Noted: set(id("5.10"), id("2.1")), Bookmarked: set(id("2.3"))})
	if o.Total != (Counts{3, 102}) {
		t.Errorf("total %+v, want 3/102", o.Total)
	}
	if got := Count(c.ID, node(t, c, "2/1"), read); got != (Counts{2, 4}) {
		t.Errorf("section 2/1: %+v, want 2/4", got)
	}
	if got := o.Rows[1].Counts; got != (Counts{2, 24}) {
		t.Errorf("document 2: %+v, want 2/24", got)
	}
	if o.Noted != 2 || o.Bookmarked != 1 {
		t.Errorf("noted %d, bookmarked %d", o.Noted, o.Bookmarked)
	}
	for _, cell := range o.Rows[4].Cells {
		if cell.Addr.Item == 10 && (cell.Read || !cell.Noted || cell.HasText) {
			t.Errorf("5.10: %+v", cell)
		}
	}
	if n := len(o.Rows); n != 9 || len(o.Rows[8].Cells) != 24 {
		t.Errorf("%d rows", n)
	}
}

// spans is what a pane showing item addr's first k runes of each body
// paragraph (k < 0: all) reports.
func spans(t *testing.T, c *model.Compilation, addr string, k int) []Span {
	n := node(t, c, addr)
	var out []Span
	for i, p := range n.Item.Body {
		end := len([]rune(p))
		if k >= 0 {
			end = min(end, k)
		}
		out = append(out, Span{NodeID: n.ID(c.ID), Part: i + 1, End: end})
	}
	return out
}

func TestTrackerReadsAtReadingSpeed(t *testing.T) {
	c := testcorpus.Seed(t)
	id := func(a string) string { return node(t, c, a).ID(c.ID) }
	chars := func(a string) int { return textLen(node(t, c, a).Item.Body) }
	need := func(a string) time.Duration {
		return time.Duration(float64(chars(a)) * ReadShare / CharsPerSecond * float64(time.Second))
	}
	type step struct {
		spans func() []Span
		for_  time.Duration
	}
	tick := 500 * time.Millisecond
	for _, tc := range []struct {
		name  string
		steps []step
		want  []string // read at the end
		not   []string // not read
	}{
		{
			name: "2 seconds at the top of document 2 read nothing",
			steps: []step{{func() []Span {
				// document 2's preamble and the first lines of 2.1 and 2.2
				return append(spans(t, c, "2.1", 60), spans(t, c, "2.2", 30)...)
			}, 2 * time.Second}},
			not: []string{"2.1", "2.2"},
		},
		{
			name:  "2.3 on screen long enough",
			steps: []step{{func() []Span { return spans(t, c, "2.3", -1) }, need("2.3") + time.Second}},
			want:  []string{"2.3"},
		},
		{
			name:  "2.3 on screen too briefly",
			steps: []step{{func() []Span { return spans(t, c, "2.3", -1) }, need("2.3") / 2}},
			not:   []string{"2.3"},
		},
		{
			name: "two items on screen share the reading time: the first is read first",
			steps: []step{{func() []Span { return append(spans(t, c, "1.1", -1), spans(t, c, "1.2", -1)...) },
				need("1.1") + 2*time.Second}},
			want: []string{"1.1"},
			not:  []string{"1.2"},
		},
		{
			name: "scrolled through at reading speed: each half in turn",
			steps: []step{
				{func() []Span { return spans(t, c, "3.4", chars("3.4")/2) }, need("3.4")/2 + time.Second},
				{func() []Span { return spans(t, c, "3.4", -1) }, need("3.4")/2 + time.Second},
			},
			want: []string{"3.4"},
		},
		{
			name: "items without text are never read",
			steps: []step{{func() []Span {
				return []Span{{NodeID: id("5.10"), Part: 1, End: 100}, {NodeID: id("5.7"), Part: 1, End: 100}}
			}, time.Minute}},
			not: []string{"5.10", "5.7"},
		},
		{
			name: "a window left open does not save up reading time",
			steps: []step{
				{func() []Span { return nil }, 10 * time.Minute},
				{func() []Span { return spans(t, c, "4.2", -1) }, tick},
			},
			not: []string{"4.2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := NewTracker(c)
			read := map[string]bool{}
			for _, s := range tc.steps {
				for el := time.Duration(0); el < s.for_; el += tick {
					for _, r := range tr.Observe(s.spans(), tick) {
						read[r] = true
					}
				}
			}
			for _, a := range tc.want {
				if !read[id(a)] {
					t.Errorf("%s not read (%.0f%%)", a, 100*tr.Share(id(a)))
				}
			}
			for _, a := range tc.not {
				if read[id(a)] {
					t.Errorf("%s read (%.0f%%)", a, 100*tr.Share(id(a)))
				}
			}
		})
	}
}
