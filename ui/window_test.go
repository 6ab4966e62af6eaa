package ui

import (
	"errors"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/parse"
	"huibian/assets"
	uitheme "huibian/ui/theme"
)

func seedCompilation(t testing.TB) *model.Compilation {
	t.Helper()
	res, err := parse.Parse(assets.CompilationName, assets.Compilation)
	if err != nil {
		t.Fatal(err)
	}
	return res.Compilation
}

// newTestWindow opens a window on a fresh test app (in-memory preferences).
func newTestWindow(t *testing.T) (*Window, fyne.App) {
	t.Helper()
	a := test.NewTempApp(t)
	w := NewWindow(a, seedCompilation(t), Options{Version: "测试"})
	w.win.Show()
	t.Cleanup(w.win.Close)
	return w, a
}

func mustAddr(t *testing.T, s string) model.Address {
	t.Helper()
	a, err := model.ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func paraTexts(w *Window) []string {
	var out []string
	for _, p := range w.Paragraphs() {
		out = append(out, p.Text)
	}
	return out
}

func TestWindowOpensFirstDocument(t *testing.T) {
	w, _ := newTestWindow(t)
	if got := w.Current().Addr; got != (model.Address{Doc: 1}) {
		t.Fatalf("first start shows %v, want document 1", got)
	}
	ps := paraTexts(w)
	if len(ps) < 50 || ps[0] != "市委组织部2026年意识形态工作要点" {
		t.Fatalf("pane shows %d paragraphs starting %q", len(ps), ps[0])
	}
	if got := w.treeSel; got != model.DocumentID(w.comp.ID, 1) {
		t.Errorf("tree selection %q", got)
	}
	if w.win.Title() != WindowTitle {
		t.Errorf("title %q", w.win.Title())
	}
	if !strings.Contains(w.status.Text, "市委组织部2026年意识形态工作要点") {
		t.Errorf("status line %q", w.status.Text)
	}
}

func TestTreeSelectionShowsNode(t *testing.T) {
	w, _ := newTestWindow(t)
	c := w.comp
	tests := []struct {
		id        string
		first     []string
		statusHas string
	}{
		{model.ItemID(c.ID, 1, 1), []string{"市委组织部2026年意识形态工作要点 › 一、锚定政治引领根本,夯实理论武装根基", "1.构建分层分类研学体系"}, "构建分层分类研学体系"},
		{model.SectionID(c.ID, 2, 1), []string{"市委政研室2026年意识形态工作要点", "一、强化理论武装核心地位,筑牢政策研究政治根基"}, "市委政研室"},
		{model.DocumentID(c.ID, 6), []string{"法院2026年意识形态工作要点", nav.MsgNoDocText}, "法院"},
		{model.ItemID(c.ID, 5, 7), []string{"检察院2026年意识形态工作要点 › 二、阵地固防筑屏障,规范意识形态管理", "7.强化办案场所意识形态引领", "原文在此处中断：本条只存开头“7”，其后正文缺失。"}, "5.7"},
		{c.ID, []string{c.Title}, c.Title},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			w.tree.Select(tt.id)
			got := paraTexts(w)
			for i, want := range tt.first {
				if i >= len(got) || got[i] != want {
					t.Fatalf("paragraph %d: got %q, want %q", i, got, want)
				}
			}
			if w.Current().ID(c.ID) != tt.id {
				t.Errorf("Current = %s", w.Current().ID(c.ID))
			}
			if !strings.Contains(w.status.Text, tt.statusHas) {
				t.Errorf("status %q lacks %q", w.status.Text, tt.statusHas)
			}
		})
	}
}

func TestOpenRevealsInTree(t *testing.T) {
	w, _ := newTestWindow(t)
	c := w.comp
	w.tree.CloseAllBranches()
	if err := w.Open(mustAddr(t, "5.6")); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{c.ID, model.DocumentID(c.ID, 5), model.SectionID(c.ID, 5, 2)} {
		if !w.tree.IsBranchOpen(id) {
			t.Errorf("branch %s not opened", id)
		}
	}
	if got := w.treeSel; got != model.ItemID(c.ID, 5, 6) {
		t.Errorf("selected %q", got)
	}
	if err := w.Open(model.Address{Doc: 12}); err == nil || !strings.Contains(err.Error(), "没有第 12 篇") {
		t.Errorf("Open(12) error %v", err)
	}
}

func TestHistory(t *testing.T) {
	w, _ := newTestWindow(t)
	tb := w.toolbar
	for _, s := range []string{"1.1", "2/1", "3"} {
		if err := w.Open(mustAddr(t, s)); err != nil {
			t.Fatal(err)
		}
	}
	if tb.back.Disabled() == true || tb.forward.Disabled() == false {
		t.Fatalf("after three opens: back disabled %v, forward disabled %v", tb.back.Disabled(), tb.forward.Disabled())
	}
	steps := []struct {
		op   func()
		want string
	}{
		{w.Back, "2/1"},
		{w.Back, "1.1"},
		{w.Back, "1"}, // the first document, shown at start
		{w.Back, "1"}, // nothing further back
		{w.Forward, "1.1"},
		{func() { test.Tap(tb.forward) }, "2/1"},
		{func() { test.Tap(tb.back) }, "1.1"},
	}
	for i, s := range steps {
		s.op()
		if got := w.Current().Addr; !nav.SameNode(got, mustAddr(t, s.want)) {
			t.Fatalf("step %d: at %v, want %s", i, got, s.want)
		}
		if w.treeSel != w.Current().ID(w.comp.ID) {
			t.Fatalf("step %d: tree shows %s", i, w.treeSel)
		}
	}
	if !w.menuItem(actForward).Disabled == false {
		t.Error("forward menu item disabled with forward history")
	}
	w.Open(mustAddr(t, "9"))
	if !tb.forward.Disabled() || !w.menuItem(actForward).Disabled {
		t.Error("forward still enabled after a new visit")
	}
}

func TestGoTo(t *testing.T) {
	w, _ := newTestWindow(t)
	tests := []struct {
		in      string
		want    string // address opened
		wantErr string // part of the error
	}{
		{"5.6", "5.6", ""},
		{"5/2", "5/2", ""},
		{"5", "5", ""},
		{" ５．６ ", "5.6", ""},
		{"5.99", "", "第 5 篇没有第 99 条"},
		{"10", "", "没有第 10 篇"},
		{"5/9", "", "第 5 篇没有第 9 部分"},
		{"abc", "", "无效"},
		{"", "", "无效"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			before := w.Current().Addr
			err := w.GoTo(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("GoTo(%q) error %v, want %q", tt.in, err, tt.wantErr)
				}
				if w.Current().Addr != before {
					t.Error("a bad address moved the pane")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !nav.SameNode(w.Current().Addr, mustAddr(t, tt.want)) {
				t.Errorf("at %v, want %s", w.Current().Addr, tt.want)
			}
		})
	}
}

func TestGoToDialog(t *testing.T) {
	w, _ := newTestWindow(t)
	w.ShowGoTo()
	e, ok := w.win.Canvas().Focused().(*escEntry)
	if !ok {
		t.Fatalf("focus on %T, want the address entry", w.win.Canvas().Focused())
	}
	test.Type(e, "5.99")
	if err := e.Validate(); err == nil || !strings.Contains(err.Error(), "第 5 篇没有第 99 条") {
		t.Errorf("validation error %v", err)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.gotoEntry == nil {
		t.Fatal("Enter on a bad address closed the dialog")
	}
	if !strings.Contains(dialogText(w), "第 5 篇没有第 99 条：共 24 条") {
		t.Errorf("the dialog does not say what is wrong: %q", dialogText(w))
	}
	w.ShowGoTo() // a second Ctrl+G reuses the open dialog
	e.SetText("5.6")
	if err := e.Validate(); err != nil {
		t.Fatalf("5.6 rejected: %v", err)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := w.Current().Addr; !nav.SameNode(got, mustAddr(t, "5.6")) {
		t.Errorf("Enter in the dialog opened %v", got)
	}
	if w.gotoEntry != nil {
		t.Error("dialog still open after going")
	}
	w.ShowGoTo()
	w.gotoEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.gotoEntry != nil {
		t.Error("Esc did not close the dialog")
	}
}

// dialogText joins the texts of the labels in the window's overlays.
func dialogText(w *Window) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range w.win.Canvas().Overlays().List() {
		walk(o)
	}
	return b.String()
}

func TestNextPrevItem(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Open(mustAddr(t, "1.23"))
	for _, want := range []string{"1.24", "2.1", "2.2"} {
		w.NextItem()
		if !nav.SameNode(w.Current().Addr, mustAddr(t, want)) {
			t.Fatalf("next: at %v, want %s", w.Current().Addr, want)
		}
	}
	for _, want := range []string{"2.1", "1.24"} {
		w.PrevItem()
		if !nav.SameNode(w.Current().Addr, mustAddr(t, want)) {
			t.Fatalf("prev: at %v, want %s", w.Current().Addr, want)
		}
	}
	w.Open(mustAddr(t, "9.24"))
	if !w.menuItem(actNext).Disabled || w.menuItem(actPrev).Disabled {
		t.Error("at the last item next should be disabled and previous enabled")
	}
	w.NextItem()
	if !nav.SameNode(w.Current().Addr, mustAddr(t, "9.24")) {
		t.Error("next moved past the last item")
	}
}

func TestFontSize(t *testing.T) {
	w, a := newTestWindow(t)
	w.Open(mustAddr(t, "1.1"))
	h0 := append([]float32(nil), w.pane.heights...)
	w.StepTextSize(1)
	if w.TextSize() != uitheme.DefaultTextSize+1 || a.Settings().Theme().Size(uitheme.SizeNameReadingText) != uitheme.DefaultTextSize+1 {
		t.Fatalf("text size %v, theme %v", w.TextSize(), a.Settings().Theme().Size(uitheme.SizeNameReadingText))
	}
	// Only the reading text grows: menus, toolbar and tree keep their size.
	if got := a.Settings().Theme().Size(theme.SizeNameText); got != uitheme.DefaultTextSize {
		t.Errorf("interface text size %v after Ctrl+=, want %v", got, uitheme.DefaultTextSize)
	}
	if got := a.Preferences().Float(prefTextSize); got != float64(uitheme.DefaultTextSize+1) {
		t.Errorf("stored size %v", got)
	}
	if last := len(h0) - 1; w.pane.heights[last] <= h0[last] {
		t.Errorf("body row height %v → %v: not relaid for the larger text", h0[last], w.pane.heights[last])
	}
	for i := 0; i < 40; i++ {
		w.StepTextSize(1)
	}
	if w.TextSize() != uitheme.MaxTextSize {
		t.Errorf("size %v, want clamped to %v", w.TextSize(), uitheme.MaxTextSize)
	}
	w.ResetTextSize()
	if w.TextSize() != uitheme.DefaultTextSize {
		t.Errorf("reset gives %v", w.TextSize())
	}
	w.StepTextSize(-2)
	// A new window on the same preferences starts with the stored settings.
	w.SetVariant(uitheme.VariantDark)
	w2 := NewWindow(a, w.comp, Options{})
	defer w2.win.Close()
	if s := w2.Settings(); s.TextSize != uitheme.DefaultTextSize-2 || s.Variant != uitheme.VariantDark {
		t.Errorf("restored settings %+v", s)
	}
	if !w2.menuItem(actDark).Checked || w2.menuItem(actLight).Checked {
		t.Error("查看 menu does not check 深色")
	}
}

func TestRestoresLastNodeAndScroll(t *testing.T) {
	w, a := newTestWindow(t)
	w.Open(mustAddr(t, "1"))
	w.pane.ScrollToRow(20)
	off := w.pane.ScrollOffset()
	if off <= 0 {
		t.Fatalf("scroll offset %v after scrolling to row 20", off)
	}
	w.split.SetOffset(0.4)
	w.win.Resize(fyne.NewSize(900, 700))
	w.SaveState()

	w2 := NewWindow(a, w.comp, Options{})
	w2.win.Show()
	defer w2.win.Close()
	if w2.Current().Addr != (model.Address{Doc: 1}) {
		t.Fatalf("reopened %v", w2.Current().Addr)
	}
	if got := w2.pane.ScrollOffset(); got != off {
		t.Errorf("scroll offset %v, want %v", got, off)
	}
	if w2.split.Offset != 0.4 {
		t.Errorf("split %v", w2.split.Offset)
	}
	if s := w2.win.Canvas().Size(); s.Width != 900 || s.Height != 700 {
		t.Errorf("window size %v", s)
	}
}

// Row heights are the heights of the rows' own layouts.
func TestRowHeightsMatchLayouts(t *testing.T) {
	w, _ := newTestWindow(t)
	for _, width := range []float32{1100, 820, 640} {
		w.win.Resize(fyne.NewSize(width, 700))
		for _, a := range []string{"1", "5.7", "2/3"} {
			w.Open(mustAddr(t, a))
			p := w.pane
			s := currentSizes()
			_, cw := s.contentBox(p.Size().Width)
			for i, para := range p.paras {
				lay := p.layouts[i]
				want := float32(math.Ceil(float64(lay.Height() + 2*s.innerPad + s.topGap(para, i == 0))))
				if i == len(p.paras)-1 {
					want = float32(math.Ceil(float64(lay.Height() + 2*s.innerPad + s.topGap(para, i == 0) + 2*s.paraGap)))
				}
				if got := p.heights[i]; got != want {
					t.Fatalf("width %v, %s row %d: height %v, layout needs %v (%q)", width, a, i, got, want, para.Text)
				}
				for k, ln := range lay.Lines {
					if ln.Width > cw-2*s.innerPad+0.01 && ln.End-ln.Start > 1 {
						t.Errorf("width %v, %s row %d line %d: %v wider than the column %v", width, a, i, k, ln.Width, cw-2*s.innerPad)
					}
				}
			}
		}
	}
}

func TestHighlights(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(900, 700))
	w.Open(mustAddr(t, "1.1"))
	id := model.ItemID(w.comp.ID, 1, 1)
	w.SetHighlights(LayerSearch, id, []Highlight{{Part: 1, Start: 0, End: 300, Style: uitheme.HighlightSearch}})
	row := w.pane.Index(id, 1)
	var marks []fyne.CanvasObject
	for _, r := range w.pane.rows {
		if r.id == row {
			for _, m := range test.WidgetRenderer(r.block).Objects() {
				if _, ok := m.(*canvas.Rectangle); ok && m.Visible() {
					marks = append(marks, m)
				}
			}
		}
	}
	if len(w.pane.layouts[row].Lines) < 2 || len(marks) < 2 {
		t.Fatalf("300 highlighted characters over %d lines gave %d rectangles", len(w.pane.layouts[row].Lines), len(marks))
	}
	if marks[1].Position().Y <= marks[0].Position().Y {
		t.Error("second line's mark not below the first")
	}
	w.ClearHighlights(LayerSearch)
	if len(w.pane.Highlights(id)) != 0 {
		t.Error("ClearHighlights kept the search layer")
	}
}

type fakeAnnotator struct {
	marked map[string]bool
	notes  []string
}

func (f *fakeAnnotator) Bookmarked(n model.Node) bool { return f.marked[n.Addr.String()] }
func (f *fakeAnnotator) ToggleBookmark(n model.Node) error {
	if n.Kind() == model.KindCompilation {
		return errors.New("不能")
	}
	f.marked[n.Addr.String()] = !f.marked[n.Addr.String()]
	return nil
}
func (f *fakeAnnotator) AddNote(n model.Node, sel Selection) {
	f.notes = append(f.notes, n.Addr.String())
}

func TestAnnotatorHook(t *testing.T) {
	w, _ := newTestWindow(t)
	tb := w.toolbar
	if !tb.bookmark.Disabled() || !tb.note.Disabled() || !w.menuItem(actBookmark).Disabled {
		t.Fatal("annotation actions enabled without an annotator")
	}
	f := &fakeAnnotator{marked: map[string]bool{}}
	w.SetAnnotator(f)
	w.Open(mustAddr(t, "2.3"))
	if tb.bookmark.Disabled() || tb.bookmark.Icon != uitheme.IconBookmark {
		t.Fatal("bookmark button not enabled/outlined")
	}
	test.Tap(tb.bookmark)
	if !f.marked["2.3"] || tb.bookmark.Icon != uitheme.IconBookmarked || !w.menuItem(actBookmark).Checked {
		t.Error("toggle did not mark 2.3 and show it")
	}
	test.Tap(tb.note)
	if len(f.notes) != 1 || f.notes[0] != "2.3" {
		t.Errorf("notes %v", f.notes)
	}
	w.Open(mustAddr(t, "2.4"))
	if tb.bookmark.Icon != uitheme.IconBookmark {
		t.Error("2.4 shows as bookmarked")
	}
}

func TestPanels(t *testing.T) {
	w, _ := newTestWindow(t)
	a, b := widget.NewLabel("甲"), widget.NewLabel("乙")
	w.ShowPanel("search", a)
	w.ShowPanel("notes", b)
	if !w.PanelShown("notes") || !w.panelHost.Visible() {
		t.Fatal("notes panel not shown")
	}
	w.HidePanel("notes")
	if !w.PanelShown("search") {
		t.Error("search panel not back on top")
	}
	w.HidePanel("search")
	if w.panelHost.Visible() {
		t.Error("panel host visible with no panels")
	}
}

func TestMenus(t *testing.T) {
	w, _ := newTestWindow(t)
	mm := w.win.MainMenu()
	var names []string
	for _, m := range mm.Items {
		names = append(names, m.Label)
	}
	if strings.Join(names, " ") != "文件 编辑 查看 转到 帮助" {
		t.Fatalf("menus %v", names)
	}
	want := map[string]string{actGoTo: "G", actNext: "Down", actPrev: "Up", actBack: "Left", actForward: "Right",
		actBigger: "=", actSmaller: "-", actResetSize: "0", actFind: "F", actQuit: "Q"}
	for k, key := range want {
		it := w.menuItem(k)
		if it == nil || it.Shortcut == nil {
			t.Errorf("%s has no shortcut", k)
			continue
		}
		if got := string(it.Shortcut.(fyne.KeyboardShortcut).Key()); got != key {
			t.Errorf("%s shortcut key %q, want %q", k, got, key)
		}
	}
	w.AddMenuItems("编辑", fyne.NewMenuItem("书签列表", nil))
	w.AddMenuItems("文件", fyne.NewMenuItem("导出笔记…", nil))
	file := w.win.MainMenu().Items[0].Items
	if file[len(file)-1].Label != "退出" {
		t.Error("退出 is not last in 文件")
	}
}

func TestChineseFyneStrings(t *testing.T) {
	test.NewTempApp(t)
	if err := UseChinese(); err != nil {
		t.Fatal(err)
	}
	for en, zh := range map[string]string{"Cancel": "取消", "OK": "确定", "Copy": "复制", "Quit": "退出", "Yes": "是", "No": "否"} {
		if got := lang.L(en); got != zh {
			t.Errorf("lang.L(%q) = %q, want %q", en, got, zh)
		}
	}
}

// A markup snapshot of the window showing an item (golden under testdata/).
func TestMarkupItem(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(900, 600))
	w.Open(mustAddr(t, "5.7"))
	test.AssertRendersToMarkup(t, "item_5_7.xml", w.win.Canvas())
}

// TestHandlerLists: close and typed-key handlers are added to, never
// replaced; a key handler that uses the key stops the ones after it.
func TestHandlerLists(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewWindow(a, seedCompilation(t), Options{Version: "测试"})
	w.win.Show()
	var got []string
	w.OnTypedKey(func(k *fyne.KeyEvent) bool { got = append(got, "a"+string(k.Name)); return k.Name == fyne.KeyF3 })
	w.OnTypedKey(func(k *fyne.KeyEvent) bool { got = append(got, "b"+string(k.Name)); return true })
	w.win.Canvas().Unfocus()
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyF3} {
		w.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: k})
	}
	if s := strings.Join(got, " "); s != "aEscape bEscape aF3" {
		t.Errorf("key handlers ran %q", s)
	}
	got = nil
	w.OnClosed(func() { got = append(got, "first") })
	w.OnClosed(func() { got = append(got, "second") })
	w.win.Close()
	if s := strings.Join(got, " "); s != "first second" {
		t.Errorf("close handlers ran %q", s)
	}
}
