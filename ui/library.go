package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
)

// The library view (文件 › 资料库, Ctrl+O): every compilation in the
// library with its counts, source file and import time, a box that
// filters them, and for each one 打开 and 删除. Importing is in import.go.

// Menu action keys of the library code.
const (
	actLibrary = "library"
	actImport  = "import"
)

// libraryUI is the window's library: the 资料库 view and importing.
type libraryUI struct {
	w     *Window
	lib   *library.Service
	notes *NotesUI // once the notes are attached (counts for the removal question)

	view *libraryView // the open view, if any

	imp importer // import.go

	// do runs a function on the UI goroutine: fyne.Do, or in tests a queue
	// the test drains.
	do func(func())

	// rememberOpened's writes, off the UI goroutine; closing the window
	// waits for them.
	lastMu  sync.Mutex
	last    string
	writeMu sync.Mutex
	writes  sync.WaitGroup
}

// AttachLibrary connects the library lib to window w: the 文件 menu's
// 导入汇编… and 资料库 items, files dropped on the window, and
// OpenCompilation. Call it before the notes attach (they resolve node IDs
// through the library).
func AttachLibrary(w *Window, lib *library.Service) *libraryUI {
	l := &libraryUI{w: w, lib: lib, do: fyne.Do}
	w.library = l
	w.OnClosed(l.writes.Wait)
	w.AddActions(
		Action{ID: actImport, Menu: menuFile, Label: "导入汇编…", Run: l.showImportDialog},
		Action{ID: actLibrary, Menu: menuFile, Label: "资料库", Key: ctrlKey(fyne.KeyO), Run: l.showView, Help: "资料库：打开、删除汇编"},
	)
	w.AddMenuItems(menuFile, fyne.NewMenuItemSeparator())
	w.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { l.dropped(uris) })
	return l
}

// dropped imports the files dropped on the window (folders and other
// non-file items are left out by the driver or refused by the import).
func (l *libraryUI) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		l.do(func() { l.importFiles(paths, nil) })
	}
}

// rememberOpened records id as the compilation opened last
// (library.SetLastOpened, in the data directory's settings), off the UI
// goroutine; a failure only costs the next start its choice.
func (l *libraryUI) rememberOpened(id string) {
	l.lastMu.Lock()
	l.last = id
	l.lastMu.Unlock()
	l.writes.Add(1)
	go func() {
		defer l.writes.Done()
		l.writeMu.Lock() // one write at a time, of the newest choice
		defer l.writeMu.Unlock()
		l.lastMu.Lock()
		id := l.last
		l.lastMu.Unlock()
		if err := l.lib.SetLastOpened(id); err != nil {
			fyne.LogError("记录最后打开的汇编", err)
		}
	}()
}

// startCompilation is the compilation the window opens with: the one
// opened last, or the built-in one if there is none (or it is gone).
func startCompilation(lib *library.Service) (*model.Compilation, error) {
	if id := lib.LastOpened(); id != lib.BuiltinID() {
		if c, err := lib.Get(id); err == nil {
			return c, nil
		}
	}
	return lib.Builtin()
}

// libraryView is the open 资料库 dialog.
type libraryView struct {
	l      *libraryUI
	dlg    dialog.Dialog
	filter *escEntry // Esc closes the view, Enter opens the first shown
	count  *widget.Label
	list   *widget.List
	all    []library.Info
	shown  []library.Info
}

// showView opens the library view (Ctrl+O), or focuses its filter box.
func (l *libraryUI) showView() {
	win := l.w.FyneWindow()
	if l.view != nil {
		win.Canvas().Focus(l.view.filter)
		return
	}
	v := &libraryView{l: l}
	v.filter = &escEntry{onEscape: func() { v.dlg.Hide() }}
	v.filter.ExtendBaseWidget(v.filter)
	v.filter.SetPlaceHolder("按标题或源文件名筛选")
	v.filter.OnChanged = func(string) { v.apply() }
	v.filter.OnSubmitted = func(string) {
		if len(v.shown) > 0 {
			v.open(v.shown[0])
		}
	}
	v.count = widget.NewLabel("正在读取资料库…")
	v.count.Importance = widget.MediumImportance
	v.list = widget.NewList(
		func() int { return len(v.shown) },
		func() fyne.CanvasObject { return newLibraryRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.shown) {
				o.(*libraryRow).set(v, v.shown[i])
			}
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		v.list.UnselectAll()
		if i < len(v.shown) {
			v.open(v.shown[i])
		}
	}
	importBtn := widget.NewButtonWithIcon("导入汇编…", theme.ContentAddIcon(), l.showImportDialog)
	closeBtn := widget.NewButton("关闭", func() { v.dlg.Hide() })
	top := container.NewBorder(nil, nil, nil, importBtn, v.filter)
	bottom := container.NewBorder(nil, nil, nil, closeBtn, v.count)
	content := container.NewBorder(top, bottom, nil, nil, v.list)
	v.dlg = dialog.NewCustomWithoutButtons("资料库", content, win)
	v.dlg.SetOnClosed(func() {
		if l.view == v {
			l.view = nil
		}
	})
	size := win.Canvas().Size()
	v.dlg.Resize(fyne.NewSize(min(860, size.Width-60), min(560, size.Height-60)))
	l.view = v
	v.dlg.Show()
	win.Canvas().Focus(v.filter)
	v.reload()
}

// reload reads the library off the UI goroutine and shows it.
func (v *libraryView) reload() {
	lib := v.l.lib
	go func() {
		infos, err := lib.List()
		v.l.do(func() {
			if err != nil {
				v.count.SetText("无法读取资料库：" + err.Error())
				return
			}
			v.all = infos
			v.apply()
		})
	}()
}

// apply shows the compilations that match the filter box: every
// space-separated term in the title or the source file name.
func (v *libraryView) apply() {
	terms := strings.Fields(strings.ToLower(v.filter.Text))
	v.shown = v.shown[:0]
	for _, in := range v.all {
		hay := strings.ToLower(in.Title + "\x00" + in.SourceName)
		ok := true
		for _, t := range terms {
			if !strings.Contains(hay, t) {
				ok = false
				break
			}
		}
		if ok {
			v.shown = append(v.shown, in)
		}
	}
	if len(v.shown) == len(v.all) {
		v.count.SetText(fmt.Sprintf("共 %d 部汇编", len(v.all)))
	} else {
		v.count.SetText(fmt.Sprintf("显示 %d 部，共 %d 部汇编", len(v.shown), len(v.all)))
	}
	v.list.Refresh()
}

// open shows a compilation in the window and closes the view.
func (v *libraryView) open(in library.Info) {
	if err := v.l.w.OpenCompilation(in.ID); err != nil {
		dialog.ShowError(fmt.Errorf("打开《%s》：%w", in.Title, err), v.l.w.FyneWindow())
		return
	}
	v.dlg.Hide()
	v.l.w.SetStatus(fmt.Sprintf("已打开《%s》", in.Title))
}

// confirmRemove asks before removing a compilation from the library.
func (v *libraryView) confirmRemove(in library.Info) {
	l := v.l
	msg := fmt.Sprintf("从资料库中删除《%s》?\n\n导入时保存的原文件副本一并删除。", in.Title)
	if u := l.notes; u != nil {
		_, nn := u.svc.NotesPage(notes.Filter{CompID: in.ID}, 0) // a count: no note is copied
		nb := len(u.svc.BookmarksIn(in.ID, notes.ByPosition))
		if nn+nb > 0 {
			msg += fmt.Sprintf("\n其中的 %d 条笔记和 %d 个书签会保留，显示为“原位置已不存在”；\n再次导入同一汇编后，它们回到原处。", nn, nb)
		}
	}
	d := dialog.NewConfirm("删除汇编", msg, func(ok bool) {
		if ok {
			l.remove(in)
		}
	}, l.w.FyneWindow())
	d.SetConfirmText("删除")
	d.SetDismissText("取消")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// remove deletes a compilation from the library, off the UI goroutine;
// the window leaves it first if it shows it.
func (l *libraryUI) remove(in library.Info) {
	if l.w.Compilation().ID == in.ID {
		if err := l.w.OpenCompilation(l.lib.BuiltinID()); err != nil {
			dialog.ShowError(err, l.w.FyneWindow())
			return
		}
	}
	go func() {
		err := l.lib.Remove(in.ID)
		l.do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("删除《%s》：%w", in.Title, err), l.w.FyneWindow())
			} else {
				l.w.SetStatus(fmt.Sprintf("已删除《%s》；它的笔记和书签仍保留", in.Title))
			}
			l.libraryChanged()
		})
	}()
}

// libraryChanged updates what shows the library after an import or a
// removal: the notes (which resolve their nodes again) and the view.
func (l *libraryUI) libraryChanged() {
	if u := l.notes; u != nil {
		u.svc.Refresh()
		u.changed()
	}
	if l.view != nil {
		l.view.reload()
	}
}

// libraryRow is one compilation in the library view.
type libraryRow struct {
	widget.BaseWidget
	title  *widget.Label
	detail *widget.Label
	open   *widget.Button
	remove *widget.Button
	box    *fyne.Container
}

func newLibraryRow() *libraryRow {
	r := &libraryRow{}
	r.title = widget.NewLabel("")
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabel("")
	r.detail.Importance = widget.MediumImportance // readable: the counts are what the view is for
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.open = widget.NewButton("打开", nil)
	r.remove = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), nil)
	r.remove.Importance = widget.LowImportance
	btns := container.NewHBox(r.open, r.remove)
	r.box = container.NewBorder(nil, nil, nil, container.NewCenter(btns), container.NewVBox(r.title, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

func (r *libraryRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *libraryRow) set(v *libraryView, in library.Info) {
	title := "《" + in.Title + "》"
	if in.ID == v.l.w.Compilation().ID {
		title += "（正在阅读）"
	}
	r.title.SetText(title)
	r.detail.SetText(libraryDetail(in))
	r.open.OnTapped = func() { v.open(in) }
	r.remove.OnTapped = func() { v.confirmRemove(in) }
	if in.Builtin {
		r.remove.Disable() // the built-in one cannot be removed
	} else {
		r.remove.Enable()
	}
}

// libraryDetail is a compilation's second line in the view: counts,
// source file and import time.
func libraryDetail(in library.Info) string {
	st := in.Stats
	src := in.SourceName
	if in.Builtin {
		src = "内置"
	} else if src == "" {
		src = "（未知）"
	}
	return fmt.Sprintf("%d 篇 · %d 条，其中 %d 条有正文 · 源文件：%s · 导入于 %s",
		st.Documents, st.Items, st.ItemsWithText, filepath.Base(src), in.ImportedAt.Local().Format("2006-01-02 15:04"))
}

// removedComp reports whether the compilation of node ID id is no longer
// in the library (it was removed); known caches the answers of one call.
func (u *NotesUI) removedComp(id string, known map[string]bool) bool {
	comp, _, err := model.ParseID(id)
	if err != nil || comp == u.comp.ID || u.w.library == nil {
		return false
	}
	gone, ok := known[comp]
	if !ok {
		_, err := u.w.library.lib.Get(comp)
		gone = err != nil
		known[comp] = gone
	}
	return gone
}

// notesOfRemoved lists the notes passing f (but for its compilation and
// document) that are on compilations removed from the library: the notes
// panel shows them with the current compilation's, marked as orphaned,
// until the compilation is imported again.
func (u *NotesUI) notesOfRemoved(f notes.Filter) []notes.Note {
	f.CompID, f.DocID, f.Orphaned = "", "", notes.OnlyOrphaned
	known := map[string]bool{}
	var out []notes.Note
	for _, n := range u.svc.Notes(f) {
		if u.removedComp(n.NodeID, known) {
			out = append(out, n)
		}
	}
	return out
}

// bookmarksOfRemoved lists the bookmarks on compilations removed from the
// library (see notesOfRemoved).
func (u *NotesUI) bookmarksOfRemoved(order notes.Order) []notes.Bookmark {
	known := map[string]bool{}
	var out []notes.Bookmark
	for _, b := range u.svc.Bookmarks(order) {
		if u.removedComp(b.NodeID, known) {
			out = append(out, b)
		}
	}
	return out
}
