package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/compare"
	"huibian/app/model"
	"huibian/app/parse"
	uitheme "huibian/ui/theme"
)

// findButtons lists the buttons under o with this text, in layout order.
func findButtons(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				out = append(out, x)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		}
	}
	walk(o)
	return out
}

func TestCompareView(t *testing.T) {
	w, _ := newTestWindow(t)
	u := attachCompare(w)
	f := &fakeAnnotator{marked: map[string]bool{}}
	w.SetAnnotator(f)
	reading := w.win.Content()

	w.Open(mustAddr(t, "1"))
	if !u.btn.Disabled() || !w.menuItem(actCompare).Disabled {
		t.Error("对照阅读 enabled on a document")
	}
	w.Open(mustAddr(t, "1/3"))
	if u.btn.Disabled() || w.menuItem(actCompare).Disabled {
		t.Fatal("对照阅读 disabled on a section")
	}
	test.Tap(u.btn)
	v := u.view
	if v == nil || w.win.Content() == reading || !u.Shown() {
		t.Fatal("the comparison did not replace the reading view")
	}
	if got := len(v.cols.Objects); got != 9 {
		t.Fatalf("%d columns, want the source's and 8 others", got)
	}
	if v.res.Source.Addr.String() != "1/3" {
		t.Errorf("source %s", v.res.Source.Addr)
	}
	for _, col := range v.res.Documents {
		if col.Document == 1 {
			t.Error("a column for the source's own document")
		}
	}
	best := map[int]string{}
	for _, col := range v.res.Documents {
		if m, ok := v.shown(col); ok {
			best[col.Document] = m.Address
		}
	}
	if best[4] != "4/2" || best[3] != "3/4" {
		t.Errorf("best matches %v, want 4/2 and 3/4", best)
	}

	// Hide department 2, show it again.
	v.hidden[2] = true
	v.fill()
	if got := len(v.cols.Objects); got != 8 {
		t.Errorf("%d columns with one hidden", got)
	}
	v.hidden = map[int]bool{}
	v.fill()

	// Pick the next candidate of document 4.
	v.pick[4] = 1
	v.fill()
	if m, _ := v.shown(v.res.Documents[2]); m.Address == "4/2" || m.Rank != 2 {
		t.Errorf("document 4 shows %s (rank %d) after picking the second", m.Address, m.Rank)
	}
	v.pick[4] = 0
	v.fill()

	// Bookmark 2/3 (the second column, document 2) from the comparison.
	marks := findButtons(v.cols, "书签")
	if len(marks) != 9 {
		t.Fatalf("%d 书签 buttons, want one per column", len(marks))
	}
	test.Tap(marks[1])
	if !f.marked["2/3"] {
		t.Errorf("bookmarks %v, want 2/3", f.marked)
	}
	if len(findButtons(u.view.cols, "已加书签")) != 1 {
		t.Error("the bookmarked column does not say 已加书签")
	}
	test.Tap(findButtons(u.view.cols, "笔记")[2])
	if len(f.notes) != 1 || f.notes[0] != "3/4" {
		t.Errorf("notes %v, want one on 3/4", f.notes)
	}

	// 阅读 opens the entry in the reader and goes back.
	test.Tap(findButtons(u.view.cols, "阅读")[3])
	if u.Shown() || w.win.Content() != reading || w.Current().Addr.String() != "4/2" {
		t.Errorf("after 阅读: shown %v, current %s", u.Shown(), w.Current().Addr)
	}

	// Navigating elsewhere (转到, 后退) goes back to reading.
	u.OpenNode(w.Current())
	w.Open(mustAddr(t, "5/2"))
	if u.Shown() {
		t.Error("the comparison stayed over the reader after navigating")
	}

	// Esc goes back too.
	w.Open(mustAddr(t, "2.11"))
	u.OpenNode(w.Current())
	if u.view.res.Kind != compare.KindItem {
		t.Fatalf("kind %s for an item", u.view.res.Kind)
	}
	w.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.Shown() {
		t.Error("Esc did not go back to reading")
	}
}

func TestMatrixView(t *testing.T) {
	w, _ := newTestWindow(t)
	u := attachCompare(w)
	reading := w.win.Content()
	u.OpenMatrix()
	if !u.Shown() {
		t.Fatal("the matrix is not shown")
	}
	m := u.index().Themes()
	row := -1
	for i, th := range m.Themes {
		for _, a := range th.Cells[0].Addresses {
			if a == "1/3" {
				row = i + 1
			}
		}
	}
	if row < 0 {
		t.Fatal("1/3 in no theme")
	}
	if text, _ := matrixText(m, row, 0); !strings.Contains(text, "阵地") {
		t.Errorf("row of 1/3 is labelled %q", text)
	}
	if text, empty := matrixText(m, row, 8); !empty || text != "未涉及" {
		t.Errorf("document 8 on the 阵地 theme: %q", text)
	}
	if text, _ := matrixText(m, 0, 3); !strings.Contains(text, "市委直属机关工委") {
		t.Errorf("header of document 3: %q", text)
	}
	// 未涉及 is drawn in the secondary text colour (readable, unlike a
	// low-importance label's disabled colour), a section title in the
	// foreground colour.
	u.OpenMatrix() // the themes are grouped by now: the table itself
	var table *widget.Table
	walk(w.win.Content(), func(o fyne.CanvasObject) {
		if tb, ok := o.(*widget.Table); ok {
			table = tb
		}
	})
	if table == nil {
		t.Fatal("no table in the matrix view")
	}
	for _, tc := range []struct {
		col  int
		want fyne.ThemeColorName
	}{{8, uitheme.ColorNameSecondaryText}, {1, theme.ColorNameForeground}} {
		cell := table.CreateCell()
		table.UpdateCell(widget.TableCellID{Row: row, Col: tc.col}, cell)
		seg := cell.(*widget.RichText).Segments[0].(*widget.TextSegment)
		if seg.Style.ColorName != tc.want {
			t.Errorf("cell (%d, %d) %q drawn in %q, want %q", row, tc.col, seg.Text, seg.Style.ColorName, tc.want)
		}
	}
	// A theme's label opens its comparison across all departments.
	matrixOpen(u, m, widget.TableCellID{Row: row, Col: 0})
	if u.view == nil || u.view.res.Kind != compare.KindTheme || len(u.view.cols.Objects) != 9 {
		t.Fatalf("theme comparison not shown")
	}
	// A cell opens its section in the reader.
	u.OpenMatrix()
	matrixOpen(u, m, widget.TableCellID{Row: row, Col: 4})
	if u.Shown() || w.win.Content() != reading || w.Current().Addr.String() != "4/2" {
		t.Errorf("cell: shown %v, current %s", u.Shown(), w.Current().Addr)
	}
}

func TestCompareOneDocument(t *testing.T) {
	res, err := parse.Parse("one.txt", []byte("一份计划\n一、加强阵地管理\n1.管好网络阵地\n2.规范内部阵地\n二、建强队伍\n3.培训骨干队伍\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := NewWindow(a, res.Compilation, Options{Version: "测试"})
	w.win.Show()
	t.Cleanup(w.win.Close)
	u := attachCompare(w)
	w.Open(model.Address{Doc: 1, Section: 1})
	u.OpenNode(w.Current())
	if !u.Shown() || len(u.view.res.Documents) != 0 || len(u.view.cols.Objects) != 2 {
		t.Fatalf("one document: shown %v", u.Shown())
	}
	u.OpenMatrix()
	if !u.Shown() {
		t.Fatal("matrix of one document not shown")
	}
}
