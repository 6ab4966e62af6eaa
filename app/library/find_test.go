package library

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huibian/app/settings"
)

// importGenre imports genre samples of app/parse/testdata/genre into s and
// returns their IDs by file name.
func importGenre(t *testing.T, s *Service, names ...string) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, n := range names {
		rep, err := s.ImportFile(filepath.Join("..", "parse", "testdata", "genre", n))
		if err != nil {
			t.Fatalf("import %s: %v", n, err)
		}
		ids[n] = rep.Compilation.ID
	}
	return ids
}

func TestFind(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids := importGenre(t, s, "toc-han.txt", "restart.docx", "toc-plain.txt")
	builtin := s.BuiltinID()
	tests := []struct {
		query string
		want  string // ID; "" when an error is expected
		err   error
		in    []string // the error names these
	}{
		{builtin, builtin, nil, nil},
		{ids["toc-han.txt"], ids["toc-han.txt"], nil, nil},
		{"  " + ids["restart.docx"] + " ", ids["restart.docx"], nil, nil},
		{builtin[:6], builtin, nil, nil},
		{"意识形态", builtin, nil, nil},
		{"机关内部管理制度汇编", ids["toc-han.txt"], nil, nil},
		{"党建", ids["restart.docx"], nil, nil},
		{"第一季度", ids["toc-plain.txt"], nil, nil},
		{"制度汇编", "", ErrAmbiguous, []string{"机关内部管理制度汇编", "2026年机关党建工作制度汇编", ids["toc-han.txt"], ids["restart.docx"]}},
		{"机关", "", ErrAmbiguous, []string{"局机关2026年意识形态工作要点材料汇编", "机关内部管理制度汇编", "2026年机关党建工作制度汇编"}},
		{"财政预算", "", ErrNoMatch, []string{"财政预算", "library ls"}},
		{"", "", nil, []string{"请给出"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, err := s.Find(tc.query)
			if tc.want != "" {
				if err != nil || got.ID != tc.want {
					t.Fatalf("Find(%q) = %s, %v; want %s", tc.query, got.ID, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Find(%q) = %s (%s), want an error", tc.query, got.ID, got.Title)
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("Find(%q) error %v, want %v", tc.query, err, tc.err)
			}
			for _, w := range tc.in {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Find(%q) error %q does not name %q", tc.query, err, w)
				}
			}
		})
	}
}

// TestListInfo: List carries, for every compilation, what the library
// view and `library ls` show, with counts a reader of the samples gives
// (see app/parse's genre tests) and without decoding the compilations.
func TestListInfo(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Add(-time.Second)
	ids := importGenre(t, s, "toc-han.docx")
	s.Close()
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	infos, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 2 || !infos[0].Builtin || infos[1].ID != ids["toc-han.docx"] {
		t.Fatalf("List = %+v", infos)
	}
	b, g := infos[0], infos[1]
	if b.Title != "局机关2026年意识形态工作要点材料汇编(9篇)" && !strings.Contains(b.Title, "意识形态工作要点材料汇编") {
		t.Errorf("built-in title %q", b.Title)
	}
	if b.Stats.Documents != 9 || b.Stats.Items == 0 || b.Stats.ItemsWithText == 0 || b.Stats.ItemsWithText >= b.Stats.Items {
		t.Errorf("built-in stats %+v", b.Stats)
	}
	if g.Title != "机关内部管理制度汇编" || g.SourceName != "toc-han.docx" || g.ImportedAt.Before(before) || g.ImportedAt.After(time.Now()) {
		t.Errorf("imported info %+v", g)
	}
	if g.Stats.Documents != 3 || g.Stats.Sections == 0 || g.Stats.Items == 0 {
		t.Errorf("imported stats %+v", g.Stats)
	}
	s.cacheMu.Lock()
	decoded := len(s.cache)
	s.cacheMu.Unlock()
	if decoded != 1 { // the built-in one, loaded at Open to check it
		t.Errorf("List decoded %d compilations, want only the built-in one", decoded)
	}
	c, err := s.Get(g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stats() != g.Stats {
		t.Errorf("stored counts %+v, compilation's %+v", g.Stats, c.Stats())
	}
}

func TestLastOpened(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.LastOpened(); got != s.BuiltinID() {
		t.Errorf("fresh library: LastOpened = %q, want the built-in %q", got, s.BuiltinID())
	}
	ids := importGenre(t, s, "restart.txt", "toc-plain.txt")
	if err := s.SetLastOpened(ids["restart.txt"]); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLastOpened("no-such-id"); err == nil {
		t.Error("SetLastOpened accepted an ID not in the library")
	}
	s.Close()

	// Kept across processes, in settings.json, beside other settings.
	st, err := settings.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.String(LastKey) != ids["restart.txt"] {
		t.Errorf("settings.json holds %q", st.String(LastKey))
	}
	st.SetFloat("text.size", 16)
	s, err = Open(dir, Options{Settings: st})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.LastOpened(); got != ids["restart.txt"] {
		t.Errorf("reopened: LastOpened = %q, want %q", got, ids["restart.txt"])
	}
	if err := s.SetLastOpened(ids["toc-plain.txt"]); err != nil {
		t.Fatal(err)
	}
	if st.Float("text.size") != 16 || st.String(LastKey) != ids["toc-plain.txt"] {
		t.Errorf("shared store: text.size %v, last %q", st.Float("text.size"), st.String(LastKey))
	}
	// Removed: back to the built-in one.
	if err := s.Remove(ids["toc-plain.txt"]); err != nil {
		t.Fatal(err)
	}
	if got := s.LastOpened(); got != s.BuiltinID() {
		t.Errorf("after removal: LastOpened = %q, want the built-in", got)
	}
	// A damaged settings file: the built-in one, no error.
	if err := os.WriteFile(filepath.Join(dir, settings.FileName), []byte("{garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := s2.LastOpened(); got != s2.BuiltinID() {
		t.Errorf("damaged settings: LastOpened = %q", got)
	}
}
