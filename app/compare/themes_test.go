package compare

import (
	"reflect"
	"strings"
	"testing"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
	"huibian/app/parse"
)

// themeOf finds the row holding the section at a.
func themeOf(t *testing.T, m *Matrix, a string) Theme {
	t.Helper()
	for _, th := range m.Themes {
		for _, c := range th.Cells {
			for _, got := range c.Addresses {
				if got == a {
					return th
				}
			}
		}
	}
	t.Fatalf("section %s is in no theme", a)
	return Theme{}
}

func TestThemesSeed(t *testing.T) {
	x := New(testcorpus.Seed(t))
	m := x.Themes()
	checkMatrix(t, x.Compilation(), m)
	tests := []struct {
		name  string
		term  string   // a term of the label
		holds []string // sections the theme must hold
		not   []string // sections it must not hold
	}{
		// The 阵地 theme is section 3 of document 1, 2 of document 4, 4 of document 3.
		{"阵地", "阵地", []string{"1/3", "4/2", "3/4", "2/3", "5/2", "6/3", "7/2", "9/2"}, []string{"1/2", "8/2"}},
		// 队伍建设 is section 6, 5 or 4 depending on the department.
		{"队伍", "队伍", []string{"1/6", "2/5", "4/4", "5/5", "7/4"}, []string{"1/2", "2/2"}},
		{"责任", "责任", []string{"1/2", "2/2", "3/6", "4/5", "5/6", "6/6", "7/6", "8/6", "9/6"}, []string{"1/6"}},
		{"理论", "理论", []string{"1/1", "2/1", "3/1", "3/2", "4/1", "5/1", "6/1", "6/2", "7/1", "8/1", "9/1"}, nil},
		{"风险", "风险", []string{"4/6", "5/3", "7/3", "8/2", "9/4"}, []string{"1/3"}},
	}
	for _, tc := range tests {
		th := themeOf(t, m, tc.holds[0])
		if !strings.Contains(th.Label, tc.term) {
			t.Errorf("%s: label %q lacks %s", tc.name, th.Label, tc.term)
		}
		for _, a := range tc.holds[1:] {
			if got := themeOf(t, m, a); got.Label != th.Label {
				t.Errorf("%s: %s is in %q, want %q", tc.name, a, got.Label, th.Label)
			}
		}
		for _, a := range tc.not {
			if got := themeOf(t, m, a); got.Label == th.Label {
				t.Errorf("%s: %s should not be in %q", tc.name, a, th.Label)
			}
		}
	}
	// 数智赋能 is document 1's alone: its row is empty elsewhere (未涉及).
	th := themeOf(t, m, "1/5")
	for _, c := range th.Cells {
		if c.Document != 1 && !c.Empty() {
			t.Errorf("1/5's theme %q has %v in document %d", th.Label, c.Addresses, c.Document)
		}
	}
}

// checkMatrix checks the shape every matrix has: one cell per document in
// order, every section in exactly one cell of its own document, labels.
func checkMatrix(t *testing.T, c *model.Compilation, m *Matrix) {
	t.Helper()
	seen := map[string]int{}
	for _, th := range m.Themes {
		if th.Label == "" || len(th.Cells) != len(c.Documents) {
			t.Fatalf("theme %q: %d cells, want %d, and a label", th.Label, len(th.Cells), len(c.Documents))
		}
		n := 0
		for i, cell := range th.Cells {
			if cell.Document != i+1 || len(cell.Addresses) != len(cell.Entries) {
				t.Fatalf("theme %q: cell %d is document %d", th.Label, i, cell.Document)
			}
			for _, e := range cell.Entries {
				if e.Addr.Doc != cell.Document || e.Addr.Kind() != model.KindSection {
					t.Errorf("theme %q: %s in the cell of document %d", th.Label, e.Addr, cell.Document)
				}
				seen[e.Addr.String()]++
				n++
			}
		}
		if n == 0 || n != th.Sections {
			t.Errorf("theme %q: %d sections, Sections says %d", th.Label, n, th.Sections)
		}
	}
	total := 0
	for _, d := range c.Documents {
		for _, s := range d.Sections {
			total++
			a := model.Address{Doc: d.Number, Section: s.Number}.String()
			if len(c.Documents) > 1 && seen[a] != 1 {
				t.Errorf("section %s is in %d themes, want 1", a, seen[a])
			}
		}
	}
	if len(c.Documents) < 2 && len(m.Themes) != 0 {
		t.Errorf("one document gives %d themes, want none", len(m.Themes))
	}
	if len(c.Documents) > 1 && len(seen) != total {
		t.Errorf("%d of %d sections in the matrix", len(seen), total)
	}
}

func TestThemesDeterministic(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	if x.ThemesReady() {
		t.Error("themes ready before they were asked for")
	}
	want := x.Themes()
	if !x.ThemesReady() || x.Themes() != want {
		t.Error("themes not kept with the index")
	}
	for i := 0; i < 3; i++ {
		if got := New(testcorpus.Seed(t)).Themes(); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d gives another matrix", i)
		}
	}
}

func TestThemesOneDocument(t *testing.T) {
	src := "一份计划\n一、加强阵地管理\n1.管好网络阵地\n2.规范内部阵地\n二、建强队伍\n3.培训骨干队伍\n"
	res, err := parse.Parse("one.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := New(res.Compilation).Themes()
	if m.Themes == nil || len(m.Themes) != 0 || len(m.Documents) != 1 {
		t.Fatalf("one document: %d themes, %d documents; want none and 1", len(m.Themes), len(m.Documents))
	}
}

// The genre samples: other outlines, other numbers of sections per document.
func TestThemesGenre(t *testing.T) {
	testcorpus.EachGenre(t, func(t *testing.T, c *model.Compilation) {
		x := New(c)
		m := x.Themes()
		checkMatrix(t, c, m)
		for _, th := range m.Themes {
			r := x.CompareTheme(th, Options{})
			if len(r.Documents) != len(c.Documents) {
				t.Errorf("theme %q: %d columns, want %d", th.Label, len(r.Documents), len(c.Documents))
			}
		}
	})
}

// Beyond maxClustered sections the rest are assigned to the themes found
// among the first: copies of the seed's documents land, nearly all, where
// the first copy's sections are.
func TestThemesAssignRest(t *testing.T) {
	c, err := testcorpus.Compilation(3)
	if err != nil {
		t.Fatal(err)
	}
	x := New(c)
	groups := x.cluster(&x.secs, 54)
	where := map[model.Address]int{}
	for g, mem := range groups {
		for _, i := range mem {
			where[x.secs.units[i].addr] = g
		}
	}
	if len(where) != len(x.secs.units) {
		t.Fatalf("%d of %d sections grouped", len(where), len(x.secs.units))
	}
	// A copy of a document that has two sections in one theme (2/2 and
	// 2/6) may see the second go elsewhere: centroids are not average
	// linkage. Nine in ten must land with their originals.
	same, n := 0, 0
	for _, d := range c.Documents[9:] {
		for _, s := range d.Sections {
			a := model.Address{Doc: d.Number, Section: s.Number}
			orig := model.Address{Doc: (d.Number-1)%9 + 1, Section: s.Number}
			n++
			if where[a] == where[orig] {
				same++
			}
		}
	}
	if 10*same < 9*n {
		t.Errorf("%d of %d copied sections are with their originals", same, n)
	}
}

func TestCompareTheme(t *testing.T) {
	x := New(testcorpus.Seed(t))
	m := x.Themes()
	th := themeOf(t, m, "1/6") // 队伍
	r := x.CompareTheme(th, Options{Candidates: 2})
	if r.Kind != KindTheme || r.Address != th.Label || len(r.Documents) != 9 {
		t.Fatalf("kind %s, address %q, %d columns", r.Kind, r.Address, len(r.Documents))
	}
	for i, col := range r.Documents {
		cell := th.Cells[i]
		if col.Document != cell.Document || len(col.Candidates) == 0 {
			t.Fatalf("column %d: document %d, %d candidates", i, col.Document, len(col.Candidates))
		}
		best := col.Candidates[0]
		if cell.Empty() {
			if best.InTheme || !best.Weak {
				t.Errorf("document %d says nothing on %q, yet %s is offered as in the theme", col.Document, th.Label, best.Address)
			}
			continue
		}
		if !best.InTheme || best.Address != cell.Addresses[0] {
			t.Errorf("document %d: first candidate %s, want the theme's %s", col.Document, best.Address, cell.Addresses[0])
		}
		if len(best.Terms) == 0 {
			t.Errorf("document %d: no shared terms", col.Document)
		}
	}
}
