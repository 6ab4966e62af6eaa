package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"huibian/app/notes"
)

// The 阅读进度 overview: totals over the items with text, one cell per
// item in the state of its read mark, note and bookmark; a click opens it.
func TestProgressOverview(t *testing.T) {
	s := openReading(t, test.NewTempApp(t), t.TempDir(), nil)
	w, u := s.w, s.u
	clk := newFakeClock().install(u)
	id := func(a string) string { n, _ := w.comp.ResolveString(a); return n.ID(w.comp.ID) }
	goTo(t, w, "2.3")
	clk.readFor(u, readTime(t, w, "2.3"))
	n510, _ := w.comp.ResolveString("5.10")
	if _, err := u.svc.AddNote(w.comp, n510, notes.NoteInput{Text: "提纲", Color: notes.Blue}); err != nil {
		t.Fatal(err)
	}
	goTo(t, w, "1.2")
	if _, _, err := u.svc.ToggleBookmark(w.comp, w.Current()); err != nil {
		t.Fatal(err)
	}
	u.changed()

	v := u.reading.newProgressView()
	if got := v.total.Text; !strings.HasPrefix(got, "已读 1/102 条正文") || !strings.Contains(got, "有笔记 1 条") || !strings.Contains(got, "有书签 1 条") {
		t.Errorf("totals %q", got)
	}
	if len(v.cells) != 9*24 {
		t.Errorf("%d cells, want 216", len(v.cells))
	}
	for _, tc := range []struct {
		addr   string
		state  cellState
		marker string
	}{
		{"2.3", cellRead, ""},
		{"2.4", cellUnread, ""},
		{"1.2", cellUnread, markBookmark},
		{"5.10", cellNoText, markNote},
		{"9.24", cellNoText, ""},
	} {
		c := v.cells[id(tc.addr)]
		if c == nil || c.state != tc.state || c.marker != tc.marker {
			t.Errorf("%s: cell %+v, want state %d marker %q", tc.addr, c, tc.state, tc.marker)
		}
	}
	test.Tap(v.cells[id("4.7")])
	if got := w.Current().Addr.String(); got != "4.7" {
		t.Errorf("click opened %s, want 4.7", got)
	}
	if it := w.menuItem(actProgress); it == nil || it.Disabled {
		t.Error("no 查看 › 阅读进度")
	}
}
