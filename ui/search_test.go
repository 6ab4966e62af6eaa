package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/parse"
	"huibian/app/search"
	"huibian/assets"
	uitheme "huibian/ui/theme"
)

type searchFixture struct {
	t     *testing.T
	w     *Window
	s     *SearchUI
	calls chan func() // what the search goroutine hands to the UI goroutine
}

func newSearchFixture(t *testing.T, src search.ExtraSource) *searchFixture {
	t.Helper()
	res, err := parse.Parse("compilation.txt", assets.Compilation)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := NewWindow(a, res.Compilation, Options{Version: "测试"})
	w.win.Show()
	t.Cleanup(w.win.Close)
	s, err := AttachSearch(w, src)
	if err != nil {
		t.Fatal(err)
	}
	f := &searchFixture{t: t, w: w, s: s, calls: make(chan func(), 100)}
	// The test goroutine plays the UI goroutine: it runs what the search
	// goroutine hands over (fyne.Do in the app).
	s.do = func(fn func()) { f.calls <- fn }
	s.Index()
	return f
}

// wait runs UI updates until the results of raw are shown.
func (f *searchFixture) wait(raw string) search.Response {
	f.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case fn := <-f.calls:
			fn()
			if f.s.query.Raw == raw {
				return f.s.Results()
			}
		case <-timeout:
			f.t.Fatalf("no results shown for %q", raw)
		}
	}
}

// typeQuery clears the box and types q one character at a time.
func (f *searchFixture) typeQuery(q string) search.Response {
	f.t.Helper()
	f.w.search.SetText("")
	test.Type(f.w.search, q)
	return f.wait(q)
}

func (f *searchFixture) key(name fyne.KeyName) {
	f.w.search.TypedKey(&fyne.KeyEvent{Name: name})
}

// searchHighlights lists the search highlights of the pane, with the text
// they cover, in pane order.
func (f *searchFixture) searchHighlights() (texts []string, current []string) {
	for _, p := range f.w.Paragraphs() {
		if p.Part < 0 {
			continue
		}
		for _, h := range f.w.Pane().Highlights(p.NodeID) {
			if h.Part != p.Part || (h.Style != uitheme.HighlightSearch && h.Style != uitheme.HighlightSearchCurrent) {
				continue
			}
			rs := []rune(p.Text)
			if h.Start < 0 || h.End > len(rs) || h.Start >= h.End {
				f.t.Fatalf("highlight %+v outside %q", h, p.Text)
			}
			s := string(rs[h.Start:h.End])
			texts = append(texts, s)
			if h.Style == uitheme.HighlightSearchCurrent {
				current = append(current, s)
			}
		}
	}
	return texts, current
}

func rowText(r *resultRow) (all, marked string) {
	for _, seg := range r.rt.Segments {
		ts := seg.(*widget.TextSegment)
		if r.snippet.Visible() && ts.Text == " " {
			continue // the blank line the snippet is drawn over
		}
		all += ts.Text
		if ts.Style.TextStyle.Bold && ts.Style.ColorName == theme.ColorNamePrimary {
			marked += ts.Text + "|"
		}
	}
	if lay := r.snippet.Layout(); lay != nil && r.snippet.Visible() {
		rs := lay.Text.Runes()
		all += string(rs)
		for _, m := range r.snippet.Marks() {
			marked += string(rs[m.Start:m.End]) + "|"
		}
	}
	return all, marked
}

func TestSearchPanelTypeAndOpen(t *testing.T) {
	f := newSearchFixture(t, nil)
	w, s := f.w, f.s
	resp := f.typeQuery("舆情")
	want := search.New(w.Compilation()).Search("舆情", search.Options{})
	if resp.Total != want.Total || resp.Total == 0 {
		t.Fatalf("panel total %d, engine %d", resp.Total, want.Total)
	}
	if !w.PanelShown(SearchPanel) {
		t.Fatal("results panel not shown")
	}
	if !strings.Contains(s.count.Text, "共") || !strings.Contains(s.count.Text, "条结果") {
		t.Errorf("count label %q", s.count.Text)
	}
	// Grouped by document: a header, then its results.
	groups := search.GroupByDocument(resp.Results)
	if len(s.rows) != len(groups)+len(resp.Results) || !s.rows[0].header || s.list.Length() != len(s.rows) {
		t.Fatalf("%d rows for %d groups and %d results", len(s.rows), len(groups), len(resp.Results))
	}
	rt := newResultRow()
	checkHeights(t, s)
	s.updateRow(0, rt)
	if all, _ := rowText(rt); !strings.HasPrefix(all, "第 1 篇 市委组织部") {
		t.Errorf("header row %q", all)
	}
	s.updateRow(1, rt)
	all, marked := rowText(rt)
	if !strings.HasPrefix(all, "1.18") || !strings.Contains(all, "构建智能化舆情监测体系") || marked != "1.18  |舆情|" {
		t.Errorf("result row %q, marked %q", all, marked)
	}

	// Enter opens the first result and highlights every match.
	f.key(fyne.KeyReturn)
	if got := w.Current().Addr; got.Doc != 1 || got.Item != 18 {
		t.Fatalf("Enter opened %v, want 1.18", got)
	}
	texts, cur := f.searchHighlights()
	n := 0
	for _, p := range w.Paragraphs() {
		if p.Part >= 0 {
			n += strings.Count(p.Text, "舆情")
		}
	}
	if len(texts) != n || n < 2 {
		t.Fatalf("%d highlights for %d matches in the pane", len(texts), n)
	}
	for _, s := range texts {
		if s != "舆情" {
			t.Errorf("highlight covers %q", s)
		}
	}
	if len(cur) != 1 {
		t.Fatalf("%d current matches", len(cur))
	}
	if count, at := s.Matches(); count != n || at != 0 {
		t.Errorf("matches %d at %d", count, at)
	}
	// F3 steps forward, Shift+F3 (Step -1) back, wrapping around.
	f.key(fyne.KeyF3)
	if _, at := s.Matches(); at != 1 {
		t.Errorf("F3: current %d, want 1", at)
	}
	s.Step(-1)
	s.Step(-1)
	if _, at := s.Matches(); at != n-1 {
		t.Errorf("Shift+F3 twice: current %d, want %d", at, n-1)
	}
	if !strings.Contains(s.place.Text, "/") {
		t.Errorf("place label %q", s.place.Text)
	}

	// A click on a row opens its node: 5.10 has only an outline title.
	row := -1
	for i, r := range s.rows {
		if !r.header && resp.Results[r.result].Address == "5.10" {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("5.10 not among the results")
	}
	s.list.Select(row)
	if got := w.Current().Addr; got.Doc != 5 || got.Item != 10 {
		t.Fatalf("click opened %v, want 5.10", got)
	}
	if texts, cur := f.searchHighlights(); len(texts) == 0 || len(cur) != 1 || cur[0] != "舆情" {
		t.Errorf("after click: highlights %q, current %q", texts, cur)
	}

	// Esc clears the box, the panel and the highlights.
	f.key(fyne.KeyEscape)
	if w.search.Text != "" || w.PanelShown(SearchPanel) {
		t.Errorf("after Esc: box %q, panel shown %v", w.search.Text, w.PanelShown(SearchPanel))
	}
	if texts, _ := f.searchHighlights(); len(texts) != 0 {
		t.Errorf("after Esc: highlights %q", texts)
	}
}

// checkHeights checks that header rows are one line high and result rows
// two, whatever the rows held before.
func checkHeights(t *testing.T, s *SearchUI) {
	t.Helper()
	one := headerHeight()
	two := newResultRow().MinSize().Height
	for i, r := range s.rows {
		want := two
		if r.header || r.more {
			want = one
		}
		if got := s.heights[i]; got != want || len(s.heights) != len(s.rows) {
			t.Errorf("row %d (header %v) is %v high, want %v", i, r.header, got, want)
		}
	}
}

func TestSearchPanelPinyinHighlightsHeading(t *testing.T) {
	f := newSearchFixture(t, nil)
	f.typeQuery("舆情")
	resp := f.typeQuery("wlyq")
	checkHeights(t, f.s)
	if len(resp.Results) == 0 || resp.Results[0].Address != "5.10" || resp.Results[0].Kind != search.KindPinyin {
		t.Fatalf("wlyq: %+v", resp.Results)
	}
	f.key(fyne.KeyReturn)
	if got := f.w.Current().Addr; got.Doc != 5 || got.Item != 10 {
		t.Fatalf("opened %v", got)
	}
	texts, cur := f.searchHighlights()
	if len(texts) != 1 || len(cur) != 1 || cur[0] != "网络舆情" {
		t.Errorf("pinyin highlights %q, current %q; want 网络舆情 on the heading", texts, cur)
	}
	// Down opens the next result.
	f.key(fyne.KeyDown)
	if got := f.w.Current().Addr; got.Doc != 8 || got.Item != 13 {
		t.Errorf("Down opened %v, want 8.13", got)
	}
}

func TestSearchPanelDropsStaleResults(t *testing.T) {
	f := newSearchFixture(t, nil)
	var seen []string
	f.s.onApplied = func() { seen = append(seen, f.s.query.Raw) }
	// The first keystroke's search finishes and hands its results to the
	// UI goroutine, which has not shown them yet when the reader types on:
	// every keystroke is a new generation, and results of older ones must
	// never show.
	f.s.changed("意")
	var stale func()
	select {
	case stale = <-f.calls:
	case <-time.After(10 * time.Second):
		t.Fatal("the first search never finished")
	}
	for _, q := range []string{"意识", "意识形态", "三", "三审", "三审三校"} {
		f.s.changed(q)
	}
	stale() // the UI goroutine gets to the first results only now
	f.wait("三审三校")
	for {
		select {
		case fn := <-f.calls:
			fn()
			continue
		case <-time.After(200 * time.Millisecond):
		}
		break
	}
	// Exactly one result set was shown, the last query's.
	if len(seen) != 1 || seen[0] != "三审三校" {
		t.Errorf("results shown for %q, want only 三审三校", seen)
	}
	if f.s.Results().Total == 0 {
		t.Error("三审三校 found nothing")
	}
	// Whitespace only clears at once, without a search.
	f.s.changed("   ")
	if f.w.PanelShown(SearchPanel) || len(f.s.rows) != 0 {
		t.Error("a blank query left results up")
	}
}

func TestSearchFindsNotesAndCtrlFFocuses(t *testing.T) {
	src := fakeExtras{docs: []search.ExtraDoc{{ID: "n1", Address: "2.3", Kind: search.KindNote, Text: "这一条要和处室同事核对"}}}
	f := newSearchFixture(t, src)
	resp := f.typeQuery("核对")
	if len(resp.Results) != 1 || resp.Results[0].Kind != search.KindNote || resp.Results[0].ExtraID != "n1" {
		t.Fatalf("note search: %+v", resp.Results)
	}
	f.key(fyne.KeyReturn)
	if got := f.w.Current().Addr; got != (model.Address{Doc: 2, Section: got.Section, Item: 3}) {
		t.Errorf("note opened %v, want 2.3", got)
	}
	// The 编辑 menu has the search items.
	var labels []string
	for _, it := range f.w.menus["编辑"].Items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, ","); !strings.Contains(got, "下一处匹配,上一处匹配,清除搜索（Esc）") {
		t.Errorf("编辑 menu: %s", got)
	}
	f.w.win.Canvas().Unfocus()
	f.w.menuItem(actFind).Action()
	if f.w.win.Canvas().Focused() != f.w.search {
		t.Errorf("Ctrl+F focused %v", f.w.win.Canvas().Focused())
	}
}

type fakeExtras struct{ docs []search.ExtraDoc }

func (f fakeExtras) SearchDocs() ([]search.ExtraDoc, error) { return f.docs, nil }
