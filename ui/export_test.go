package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"huibian/app/docx"
	"huibian/app/export"
	"huibian/app/model"
)

// TestCopyNodeMenu: 编辑 › 复制本条 puts the item shown, heading first, on
// the clipboard and says so.
func TestCopyNodeMenu(t *testing.T) {
	w, a := newTestWindow(t)
	attachExport(w)
	if err := w.Open(mustAddr(t, "1.1")); err != nil {
		t.Fatal(err)
	}
	it := w.menuItem(actCopyNode)
	if it == nil || it.Shortcut == nil {
		t.Fatal("no 复制本条 item with a shortcut")
	}
	it.Action()
	got := a.Clipboard().Content()
	n := w.Current()
	if got != export.PlainText(w.Compilation(), n) || !strings.HasPrefix(got, "1.构建分层分类研学体系\n") ||
		!strings.Contains(got, n.Item.Body[0]) {
		t.Errorf("clipboard %.200q", got)
	}
	if s := w.status.Text; !strings.Contains(s, "已复制") || !strings.Contains(s, "1.1") {
		t.Errorf("status %q", s)
	}
}

// TestTreeRightClick: a right click on a tree row shows 复制本条 and 导出…
// for that row's node, not the one shown.
func TestTreeRightClick(t *testing.T) {
	w, a := newTestWindow(t)
	attachExport(w)
	if err := w.Open(mustAddr(t, "2.1")); err != nil {
		t.Fatal(err)
	}
	want := model.ItemID(w.Compilation().ID, 2, 3)
	var row *treeRow
	walk(w.tree, func(o fyne.CanvasObject) {
		if r, ok := o.(*treeRow); ok && r.id == want {
			row = r
		}
	})
	if row == nil {
		t.Fatal("no tree row for item 2.3")
	}
	if l, _ := treeLabel(row); !strings.HasPrefix(l.Text, "2.3 ") {
		t.Fatalf("row label %q", l.Text)
	}
	test.TapSecondary(row)
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no pop-up menu after a right click")
	}
	var texts []string
	walk(top, func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok {
			texts = append(texts, tx.Text)
		}
	})
	if all := strings.Join(texts, "|"); !strings.Contains(all, "复制本条") || !strings.Contains(all, "导出本条…") {
		t.Errorf("menu shows %q", all)
	}
	var copyItem *fyne.MenuItem
	// The menu's items are the ones AddNodeMenu gave for item 2.3.
	n, _ := w.nodeOf(want)
	items := w.nodeMenus[0](n)
	for _, it := range items {
		if it.Label == "复制本条" {
			copyItem = it
		}
	}
	if copyItem == nil || items[1].Label != "导出本条…" || items[2].Label != "导出对照阅读…" {
		t.Fatalf("menu items %v", items)
	}
	copyItem.Action()
	if got := a.Clipboard().Content(); !strings.HasPrefix(got, "3.抓实“分层分类”精准教育") {
		t.Errorf("clipboard %.100q", got)
	}
}

func TestExportBytesAndNames(t *testing.T) {
	w, _ := newTestWindow(t)
	c := w.Compilation()
	n, _ := c.ResolveString("2/2")
	if got := fileTitle(c, n); got != "市委政研室 2-2 压实意识形态工作责任" {
		t.Errorf("file title %q", got)
	}
	if got := exportFileName(`a/b:c*?"<>|` + "\x01"); got != "a_b_c______" {
		t.Errorf("file name %q", got)
	}
	d := export.Node(c, n)
	dir := t.TempDir()
	for _, name := range []string{"x.docx", "x.md", "x"} {
		data, err := exportBytes(d, filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
		text := string(data)
		if name != "x.md" {
			if text, err = docx.Text(name, data); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if !strings.Contains(text, "压实意识形态工作责任") {
			t.Errorf("%s: %.100q", name, text)
		}
	}
}

// TestExportComparisonAndMatrix: 导出对照阅读… and 文件 › 导出专题矩阵… lay
// out off the UI goroutine, then open the save dialog; the tree menu of a
// document has no comparison.
func TestExportComparisonAndMatrix(t *testing.T) {
	w, _ := newTestWindow(t)
	attachExport(w)
	c := w.Compilation()
	doc, _ := c.ResolveString("1")
	for _, it := range w.nodeMenus[0](doc) {
		if strings.Contains(it.Label, "对照") {
			t.Errorf("document menu has %q", it.Label)
		}
	}
	if w.compareIndex(c) != w.compareIndex(c) {
		t.Error("the comparison index is built again")
	}
	for name, run := range map[string]func(){
		"comparison": func() { n, _ := c.ResolveString("1/3"); w.ExportComparison(n) },
		"matrix":     w.menuItem(actExportMat).Action,
	} {
		run()
		shown := false
		for i := 0; i < 200 && !shown; i++ {
			time.Sleep(10 * time.Millisecond)
			fyne.DoAndWait(func() { shown = w.win.Canvas().Overlays().Top() != nil })
		}
		if !shown {
			t.Fatalf("%s: no save dialog", name)
		}
		fyne.DoAndWait(func() { w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top()) })
	}
}

// TestPaneRightClick: a right click on a paragraph of the pane offers 复制,
// 全选 and then the node menu of the paragraph's node.
func TestPaneRightClick(t *testing.T) {
	w, a := newTestWindow(t)
	attachExport(w)
	if err := w.Open(mustAddr(t, "1/1")); err != nil {
		t.Fatal(err)
	}
	var row *paraRow
	for _, r := range w.pane.rows {
		if r.id >= 0 && r.id < len(w.pane.paras) && w.pane.paras[r.id].Addr == (model.Address{Doc: 1, Section: 1, Item: 2}) {
			row = r
			break
		}
	}
	if row == nil {
		t.Fatal("no row of item 1.2 in the pane")
	}
	test.TapSecondary(row.block)
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no menu after a right click in the pane")
	}
	var texts []string
	walk(top, func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok {
			texts = append(texts, tx.Text)
		}
	})
	all := strings.Join(texts, "|")
	for _, want := range []string{"复制", "全选", "复制本条", "导出本条…", "导出对照阅读…"} {
		if !strings.Contains(all, want) {
			t.Errorf("pane menu lacks %s: %q", want, all)
		}
	}
	items := w.pane.OnRowMenu(w.pane.paras[row.id])
	items[0].Action()
	if got := a.Clipboard().Content(); !strings.HasPrefix(got, "2.") {
		t.Errorf("复制本条 from the pane copied %.60q, want item 1.2", got)
	}
}
