package compare

import (
	"reflect"
	"strings"
	"testing"

	"huibian/app/internal/testcorpus"
	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/parse"
	"huibian/assets"
)

func TestNeverOwnDocument(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	var n int
	c.Walk(func(nd model.Node) {
		if k := nd.Kind(); k != model.KindSection && k != model.KindItem {
			return
		}
		r, err := x.Compare(nd.Addr, Options{Candidates: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Documents) != len(c.Documents)-1 {
			t.Fatalf("%s: %d columns, want %d", nd.Addr, len(r.Documents), len(c.Documents)-1)
		}
		for _, col := range r.Documents {
			if col.Document == nd.Addr.Doc {
				t.Fatalf("%s: a column for its own document", nd.Addr)
			}
			for i, m := range col.Candidates {
				n++
				if m.Addr.Doc == nd.Addr.Doc || m.Document != col.Document {
					t.Fatalf("%s: candidate %s in column %d", nd.Addr, m.Address, col.Document)
				}
				if m.Addr.Kind() != nd.Addr.Kind() {
					t.Fatalf("%s: candidate %s is of another kind", nd.Addr, m.Address)
				}
				if i > 0 && m.Score > col.Candidates[i-1].Score {
					t.Fatalf("%s: candidates of document %d not best first", nd.Addr, col.Document)
				}
			}
		}
	})
	if n == 0 {
		t.Fatal("no candidates at all")
	}
}

func TestStableAcrossRunsAndReimport(t *testing.T) {
	c := testcorpus.Seed(t)
	want := map[string]Result{}
	for _, a := range []string{"1/3", "6/4", "2.11", "8.13"} {
		addr, _ := model.ParseAddress(a)
		r, err := New(c).Compare(addr, Options{Candidates: 3})
		if err != nil {
			t.Fatal(err)
		}
		want[a] = r
		for i := 0; i < 3; i++ {
			again, _ := New(c).Compare(addr, Options{Candidates: 3})
			if !reflect.DeepEqual(again, r) {
				t.Fatalf("%s: run %d differs", a, i)
			}
		}
	}
	// Import into a library, re-import a copy with CRLF line ends (other
	// bytes, same compilation), then reopen the library (which imports the
	// built-in text again) and compare from what the library returns.
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := lib.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	crlf := []byte(strings.ReplaceAll(string(assets.Compilation), "\n", "\r\n"))
	rep, err := lib.ImportBytes(library.Source{Name: "again.txt", Data: crlf})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Replaced {
		t.Fatalf("the CRLF copy did not replace the import: %+v", rep)
	}
	lib.Close()
	lib, err = library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	third, err := lib.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, comp := range []*model.Compilation{first, rep.Compilation, third} {
		var k Cache
		for a, w := range want {
			addr, _ := model.ParseAddress(a)
			r, err := k.Get(comp).Compare(addr, Options{Candidates: 3})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Matches, w.Matches) {
				t.Errorf("%s from the library (%s): %v, want %v", a, comp.SourceName, r.Matches, w.Matches)
			}
		}
	}
}

func TestOneDocumentGivesEmptyComparison(t *testing.T) {
	src := "一份计划\n一、加强阵地管理\n1.管好网络阵地\n2.规范内部阵地\n二、建强队伍\n3.培训骨干队伍\n"
	res, err := parse.Parse("one.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Compilation
	if len(c.Documents) != 1 {
		t.Fatalf("sample has %d documents, want 1", len(c.Documents))
	}
	x := New(c)
	for _, a := range []model.Address{{Doc: 1, Section: 1}, {Doc: 1, Item: 3}} {
		r, err := x.Compare(a, Options{})
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if len(r.Documents) != 0 || len(r.Matches) != 0 {
			t.Errorf("%s: %d columns, %d matches, want none", a, len(r.Documents), len(r.Matches))
		}
	}
}

func TestCompareBadAddress(t *testing.T) {
	x := New(testcorpus.Seed(t))
	for _, a := range []model.Address{{Doc: 3}, {Doc: 12, Section: 1}, {Doc: 1, Section: 9}, {}} {
		if _, err := x.Compare(a, Options{}); err == nil {
			t.Errorf("%v: no error", a)
		}
	}
}

func TestSharedTermsAreInBothTexts(t *testing.T) {
	c := testcorpus.Seed(t)
	x := New(c)
	r, err := x.Compare(model.Address{Doc: 1, Section: 3}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := x.secs.units[x.secs.pos[model.Address{Doc: 1, Section: 3}]].han
	for _, m := range r.Matches {
		if len(m.Terms) == 0 {
			t.Errorf("%s: no shared terms", m.Address)
		}
		dst := x.secs.units[x.secs.pos[m.Addr]].han
		for _, term := range m.Terms {
			if runeLen(term) < 2 || !strings.Contains(src, term) || !strings.Contains(dst, term) {
				t.Errorf("%s: term %q is not a phrase of both texts", m.Address, term)
			}
		}
	}
}
