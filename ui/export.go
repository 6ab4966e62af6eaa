package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"huibian/app/compare"
	"huibian/app/export"
	"huibian/app/model"
	"huibian/app/nav"
)

// Action keys of the export items.
const (
	actCopyNode  = "copynode"
	actExportDoc = "exportdoc"
	actExportAll = "exportall"
	actExportMat = "exportmatrix"
)

// attachExport adds getting text out of the reader: 编辑 › 复制本条 (the
// node shown, with its heading, to the clipboard), 文件 › 导出文档… (the
// document shown) and 导出全部… (the compilation) as Word or Markdown, and
// the same on a right click in the contents tree or on a paragraph of the
// reading pane. Fyne has no print API:
// the export is how a reader prints, from Word or WPS.
func attachExport(w *Window) {
	w.AddActions(
		Action{ID: actCopyNode, Menu: menuEdit, Label: "复制本条", Key: ctrlShiftKey(fyne.KeyC), Run: func() { w.CopyNode(w.current) }, Sep: true, Help: "复制本条（标题和全文）"},
		Action{ID: actExportDoc, Menu: menuFile, Label: "导出文档…", Run: func() { w.ExportNode(w.currentDocument()) }},
		Action{ID: actExportAll, Menu: menuFile, Label: "导出全部…", Run: func() { w.ExportNode(model.Node{}) }},
		Action{ID: actExportMat, Menu: menuFile, Label: "导出专题矩阵…", Run: w.ExportMatrix},
	)
	w.AddMenuItems(menuFile, fyne.NewMenuItemSeparator())
	w.pane.OnRowMenu = w.paneRowMenu
	w.AddNodeMenu(func(n model.Node) []*fyne.MenuItem {
		what := map[model.Kind]string{model.KindCompilation: "全部", model.KindDocument: "本篇",
			model.KindSection: "本部分", model.KindItem: "本条"}[n.Kind()]
		items := []*fyne.MenuItem{
			fyne.NewMenuItem("复制本条", func() { w.CopyNode(n) }),
			fyne.NewMenuItem("导出"+what+"…", func() { w.ExportNode(n) }),
		}
		if k := n.Kind(); k == model.KindSection || k == model.KindItem {
			items = append(items, fyne.NewMenuItem("导出对照阅读…", func() { w.ExportComparison(n) }))
		}
		return items
	})
}

// currentDocument is the document of the node shown (the compilation when
// the contents are shown).
func (w *Window) currentDocument() model.Node {
	n := w.current
	if n.Kind() == model.KindCompilation {
		return n
	}
	return model.Node{Addr: model.Address{Doc: n.Addr.Doc}, Document: n.Document}
}

// CopyNode puts node n on the clipboard as plain text: its heading and
// text, with its sections and items (export.PlainText).
func (w *Window) CopyNode(n model.Node) {
	text := export.PlainText(w.comp, n)
	w.app.Clipboard().SetContent(text)
	w.SetStatus(fmt.Sprintf("已复制“%s”，共 %d 字", nodeName(w.comp, n), utf8.RuneCountInString(text)))
}

// nodeName names a node in a status message: its address and short title.
func nodeName(c *model.Compilation, n model.Node) string {
	if n.Kind() == model.KindCompilation {
		return c.Title
	}
	a := n.Addr
	if n.Kind() == model.KindItem {
		a.Section = 0
	}
	return a.String() + " " + n.Title()
}

// ExportNode asks where to save node n (the compilation for the zero node)
// and writes it as Word (.docx) or Markdown (.md), told by the extension
// chosen.
func (w *Window) ExportNode(n model.Node) {
	c := w.comp
	w.layOutThenSave(func() (export.Doc, string, error) { return export.Node(c, n), fileTitle(c, n), nil })
}

// ExportComparison lays out the comparison (对照阅读) of section or item n
// with the other documents, off the UI goroutine, and asks where to save
// it.
func (w *Window) ExportComparison(n model.Node) {
	c := w.comp
	w.layOutThenSave(func() (export.Doc, string, error) {
		r, err := w.compareIndex(c).Compare(n.Addr, compare.Options{})
		if err != nil {
			return export.Doc{}, "", err
		}
		return export.Comparison(c, r, export.CompareOptions{}), "对照阅读 " + fileTitle(c, n), nil
	})
}

// ExportMatrix lays out the theme matrix (专题矩阵) of the compilation shown
// and asks where to save it.
func (w *Window) ExportMatrix() {
	c := w.comp
	w.layOutThenSave(func() (export.Doc, string, error) {
		return export.Matrix(c, w.compareIndex(c).Themes()), "专题矩阵 " + c.Title, nil
	})
}

// compareIndex is the comparison index of c, built once per compilation.
func (w *Window) compareIndex(c *model.Compilation) *compare.Index { return w.compares.Get(c) }

// layOutThenSave runs lay (building a comparison index can take a while on
// a large compilation) off the UI goroutine, then shows the save dialog.
func (w *Window) layOutThenSave(lay func() (export.Doc, string, error)) {
	w.SetStatus("正在准备导出……")
	go func() {
		d, name, err := lay()
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, w.win)
				w.SetStatus("")
				return
			}
			w.SetStatus("")
			w.ExportDoc(d, name)
		})
	}()
}

// ExportDoc asks where to save d (a node, a comparison, the theme matrix)
// and writes it as Word (.docx) or Markdown (.md), told by the extension
// chosen; name is the file name suggested, without its extension.
func (w *Window) ExportDoc(d export.Doc, name string) {
	save := dialog.NewFileSave(func(uc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("无法保存导出文件：%w", err), w.win)
			return
		}
		if uc == nil {
			return // cancelled
		}
		// Writing a large compilation takes a second or more (the 100×
		// corpus: 1.3 s): off the UI goroutine.
		path := uc.URI().Path()
		w.SetStatus("正在导出到 " + path + "……")
		go func() {
			data, err := exportBytes(d, path)
			if err == nil {
				_, err = uc.Write(data)
			}
			if cerr := uc.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					w.SetStatus("")
					dialog.ShowError(fmt.Errorf("写入导出文件 %s 失败：%w", path, err), w.win)
					return
				}
				w.SetStatus(fmt.Sprintf("已导出《%s》到 %s", d.Title, path))
			})
		}()
	}, w.win)
	save.SetFilter(storage.NewExtensionFileFilter([]string{".docx", ".md"}))
	save.SetFileName(exportFileName(name) + ".docx")
	save.SetConfirmText("导出")
	save.SetDismissText("取消")
	save.Resize(fyne.NewSize(760, 520))
	save.Show()
}

// exportBytes renders d for path: Markdown for .md (and .markdown, .txt),
// else Word.
func exportBytes(d export.Doc, path string) ([]byte, error) {
	var b bytes.Buffer
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".txt":
		return export.Markdown(d), nil
	}
	err := export.WriteDocx(&b, d)
	return b.Bytes(), err
}

// fileTitle names the file a node is exported to: the title of the
// compilation or document; for a section or item its department, address
// and short title ("市委政研室 2-2 压实意识形态工作责任").
func fileTitle(c *model.Compilation, n model.Node) string {
	switch n.Kind() {
	case model.KindCompilation:
		return c.Title
	case model.KindDocument:
		return n.Document.Title
	}
	short := n.Document.Short
	if short == "" {
		short = n.Document.Title
	}
	return short + " " + strings.ReplaceAll(nodeName(c, n), "/", "-")
}

// exportFileName makes a title usable as a file name on every system.
func exportFileName(title string) string {
	name := strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|':
			return '_'
		}
		if r < 0x20 {
			return -1
		}
		return r
	}, strings.TrimSpace(title))
	if utf8.RuneCountInString(name) > 60 {
		name = string([]rune(name)[:60])
	}
	if name == "" {
		name = "导出"
	}
	return name
}

// --- the contents tree's right-click menu ---------------------------------

// AddNodeMenu adds items to the menu a right click on a row of the
// contents tree shows; items returns them for the node clicked. Menus
// added later come after a separator.
func (w *Window) AddNodeMenu(items func(n model.Node) []*fyne.MenuItem) {
	w.nodeMenus = append(w.nodeMenus, items)
}

// showNodeMenu shows the right-click menu of the tree row of node id at
// pos (absolute, on the window's canvas).
func (w *Window) showNodeMenu(id string, pos fyne.Position) {
	n, ok := w.nodeOf(id)
	if !ok {
		return
	}
	if items := w.nodeMenuItems(n); len(items) > 0 {
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), w.win.Canvas(), pos)
	}
}

// nodeMenuItems are the node menu's items for n, each feature's after a
// separator.
func (w *Window) nodeMenuItems(n model.Node) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, fn := range w.nodeMenus {
		more := fn(n)
		if len(more) == 0 {
			continue
		}
		if len(items) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		items = append(items, more...)
	}
	return items
}

// paneRowMenu is what a right click on a paragraph of the pane adds to
// 复制 and 全选: the node menu of the paragraph's node (a breadcrumb's: the
// document or section it names).
func (w *Window) paneRowMenu(p nav.Paragraph) []*fyne.MenuItem {
	n, err := w.comp.Resolve(p.Addr)
	if err != nil || p.NodeID == w.comp.ID {
		n = model.Node{}
	}
	return w.nodeMenuItems(n)
}

// treeLabel is the label of a tree row (treeRow in tree_row.go).
func treeLabel(o fyne.CanvasObject) (*widget.Label, bool) {
	l, _ := treeRowParts(o)
	return l, l != nil
}
