package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"huibian/app/model"
	"huibian/app/parse"
	"huibian/app/search"
	"huibian/assets"
)

// waitFor runs UI updates until cond holds.
func (f *searchFixture) waitFor(what string, cond func() bool) {
	f.t.Helper()
	timeout := time.After(10 * time.Second)
	for !cond() {
		select {
		case fn := <-f.calls:
			fn()
		case <-timeout:
			f.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestSearchShowMore(t *testing.T) {
	f := newSearchFixture(t, nil)
	s := f.s
	resp := f.typeQuery("工作")
	if resp.Total <= search.DefaultLimit || len(resp.Results) != search.DefaultLimit {
		t.Fatalf("工作: %d of %d results; the test needs more than %d", len(resp.Results), resp.Total, search.DefaultLimit)
	}
	last := len(s.rows) - 1
	if !s.rows[last].more {
		t.Fatalf("last row is not 显示更多: %+v", s.rows[last])
	}
	rt := newResultRow()
	s.updateRow(last, rt)
	if all, _ := rowText(rt); !strings.Contains(all, "显示更多") || !strings.Contains(all, fmt.Sprint(resp.Total-search.DefaultLimit)) {
		t.Errorf("more row reads %q", all)
	}
	checkHeights(t, s)
	// Open the second result, then load the rest: the list keeps it current.
	f.key(fyne.KeyDown)
	f.key(fyne.KeyDown)
	active := s.rows[s.active].result
	s.list.Select(last)
	f.waitFor("every result", func() bool { return len(s.resp.Results) == resp.Total })
	for _, r := range s.rows {
		if r.more {
			t.Fatal("显示更多 still there with every result shown")
		}
	}
	if s.active < 0 || s.rows[s.active].result != active {
		t.Errorf("current result lost after 显示更多: row %d", s.active)
	}
	checkHeights(t, s)
	// Down past the last result does nothing; a new query asks for 50 again.
	resp = f.typeQuery("工作要点")
	if len(resp.Results) > search.DefaultLimit {
		t.Errorf("new query shows %d results", len(resp.Results))
	}
	// Down over the 显示更多 row loads the rest too.
	resp = f.typeQuery("工作")
	for i := 0; i < search.DefaultLimit; i++ {
		f.key(fyne.KeyDown)
	}
	f.key(fyne.KeyDown)
	f.waitFor("every result after Down", func() bool { return len(s.resp.Results) == resp.Total })
}

func TestSearchCurrentRowSelected(t *testing.T) {
	f := newSearchFixture(t, nil)
	s := f.s
	f.typeQuery("舆情")
	f.key(fyne.KeyReturn)
	first := s.active
	if first < 0 || s.rows[first].header {
		t.Fatalf("active row %d", first)
	}
	// Clicking a header keeps the current result.
	s.list.Select(0)
	if s.active != first {
		t.Errorf("header click moved the current row to %d", s.active)
	}
	f.key(fyne.KeyDown)
	if s.active == first {
		t.Errorf("Down did not move the current row")
	}
}

// fakeClipboard holds a text.
type fakeClipboard struct{ text string }

func (c *fakeClipboard) Content() string     { return c.text }
func (c *fakeClipboard) SetContent(s string) { c.text = s }

func TestSearchQueryCap(t *testing.T) {
	f := newSearchFixture(t, nil)
	e := f.w.search
	long := strings.Repeat("网络舆情处置。", 552) // 3,864 characters, as in the issue
	clip := &fakeClipboard{long}
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if n := utf8.RuneCountInString(e.Text); n != search.MaxQueryRunes {
		t.Fatalf("pasted %d characters, box holds %d, want %d", utf8.RuneCountInString(long), n, search.MaxQueryRunes)
	}
	if clip.text != long {
		t.Error("the clipboard was changed")
	}
	if !strings.Contains(f.w.status.Text, "已截断") {
		t.Errorf("status %q does not say the query was cut", f.w.status.Text)
	}
	f.wait(e.Text)
	// Typing past the cap adds nothing; text set from code is cut too.
	e.TypedRune('字')
	if n := utf8.RuneCountInString(e.Text); n != search.MaxQueryRunes {
		t.Errorf("typed past the cap: %d characters", n)
	}
	e.SetText(long)
	if n := utf8.RuneCountInString(e.Text); n != search.MaxQueryRunes {
		t.Errorf("SetText: %d characters", n)
	}
	// A paste into a selection replaces it within the cap.
	e.SetText("舆情")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &fakeClipboard{"网络舆情"}})
	if e.Text != "网络舆情" {
		t.Errorf("paste over the selection gave %q", e.Text)
	}
}

func TestSearchScopeAll(t *testing.T) {
	f := newSearchFixture(t, nil)
	s, w := f.s, f.w
	res, err := parse.Parse("other.txt", assets.Compilation)
	if err != nil {
		t.Fatal(err)
	}
	other := res.Compilation
	other.ID, other.Title = "othercomp01", "另一部测试汇编"
	for _, d := range other.Documents {
		renumberForTest(other.ID, d)
	}
	comps := map[string]*model.Compilation{w.Compilation().ID: w.Compilation(), other.ID: other}
	s.SetCatalog(search.Catalog{
		List: func() ([]search.CompRef, error) {
			return []search.CompRef{{ID: w.Compilation().ID, Title: w.Compilation().Title}, {ID: other.ID, Title: other.Title}}, nil
		},
		Load: func(id string) (*model.Compilation, error) { return comps[id], nil },
	})
	if parentOf(w.FyneWindow().Content(), s.scope) == nil {
		t.Error("the scope toggle is not in the window")
	}
	if s.scope.Disabled() || s.scope.Text != scopeThis {
		t.Fatalf("scope toggle: disabled %v, %q", s.scope.Disabled(), s.scope.Text)
	}
	one := f.typeQuery("网络舆情")
	for _, r := range one.Results {
		if r.Compilation != "" {
			t.Fatalf("this compilation only, yet a result from %q", r.Compilation)
		}
	}
	test.Tap(s.scope)
	if s.scope.Text != scopeAll {
		t.Errorf("toggle reads %q after a click", s.scope.Text)
	}
	f.waitFor("results of both compilations", func() bool { return s.resp.Total == 2*one.Total })
	var headers []string
	otherRow := -1
	for i, r := range s.rows {
		if r.header {
			rt := newResultRow()
			s.updateRow(i, rt)
			all, _ := rowText(rt)
			headers = append(headers, all)
		} else if !r.more && s.resp.Results[r.result].Compilation == other.ID && otherRow < 0 {
			otherRow = i
		}
	}
	var compHeads []string
	for _, h := range headers {
		if strings.HasPrefix(h, "《") {
			compHeads = append(compHeads, h)
		}
	}
	want := []string{fmt.Sprintf("《%s》（%d）", w.Compilation().Title, one.Total), fmt.Sprintf("《另一部测试汇编》（%d）", one.Total)}
	if len(compHeads) != 2 || compHeads[0] != want[0] || compHeads[1] != want[1] || headers[0] != want[0] {
		t.Errorf("compilation headers %q, want %q (the open one first)", compHeads, want)
	}
	// A hit in the other compilation: the window opens it if it can,
	// otherwise says where the hit is.
	s.activate(otherRow)
	if w.library != nil { // a window with a library opens it (OpenCompilation, switch.go)
		if w.Compilation().ID != other.ID {
			t.Errorf("window shows %s after opening a hit in %s", w.Compilation().ID, other.ID)
		}
	} else if !strings.Contains(w.status.Text, "另一部测试汇编") {
		t.Errorf("status %q does not name the compilation", w.status.Text)
	}
	// Back to this compilation.
	s.SetScopeAll(false)
	f.waitFor("this compilation only", func() bool { return s.resp.Total == one.Total })
}

// renumberForTest gives a document of a copied compilation IDs under comp.
func renumberForTest(comp string, d *model.Document) {
	d.ID = model.DocumentID(comp, d.Number)
	for _, sec := range d.Sections {
		sec.ID = model.SectionID(comp, d.Number, sec.Number)
		for _, it := range sec.Items {
			it.ID = model.ItemID(comp, d.Number, it.Number)
		}
	}
}
