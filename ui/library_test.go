package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
	"huibian/app/search"
)

// libFixture is a window on a real library in a temporary data directory,
// with the library, notes and search attached. The test goroutine plays
// the UI goroutine: it runs what background work hands over (fyne.Do in
// the app) in drain.
type libFixture struct {
	t     *testing.T
	dir   string
	lib   *library.Service
	w     *Window
	l     *libraryUI
	u     *NotesUI
	s     *SearchUI
	calls chan func()
	done  int // import batches finished
}

func newLibFixture(t *testing.T) *libFixture {
	t.Helper()
	f := &libFixture{t: t, dir: t.TempDir(), calls: make(chan func(), 1000)}
	lib, err := library.Open(f.dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.lib = lib
	c, err := startCompilation(lib)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	f.w = NewWindow(a, c, Options{Version: "测试", DataDir: f.dir})
	f.w.win.Resize(fyne.NewSize(1100, 760))
	f.w.win.Show()
	f.l = AttachLibrary(f.w, lib)
	f.l.do = func(fn func()) { f.calls <- fn }
	f.l.imp.onFinished = func() { f.done++ }
	svc, err := notes.Open(f.dir, lib, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.u, err = AttachNotes(f.w, svc); err != nil {
		t.Fatal(err)
	}
	// The reading ticker would run UI code on its own goroutine (fyne.Do
	// runs at once in tests): these tests do not measure reading.
	f.u.reading.stopTicker()
	if f.s, err = AttachSearch(f.w, nil); err != nil {
		t.Fatal(err)
	}
	f.s.do = func(fn func()) { f.calls <- fn }
	f.s.SetCatalog(libraryCatalog(lib))
	t.Cleanup(func() {
		f.u.Close()
		f.w.win.Close()
		svc.Close()
		lib.Close()
	})
	return f
}

// drain runs handed-over UI work until cond holds.
func (f *libFixture) drain(what string, cond func() bool) {
	f.t.Helper()
	timeout := time.After(20 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case fn := <-f.calls:
			fn()
		case <-tick.C: // for conditions that need no UI work
		case <-timeout:
			f.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// importFiles imports files as the menu and drops do, and waits for it.
func (f *libFixture) importFiles(paths ...string) []error {
	f.t.Helper()
	var errs []error
	n := f.done
	f.l.importFiles(paths, func(err error) { errs = append(errs, err) })
	f.drain("the import", func() bool { return f.done > n })
	return errs
}

const (
	genreDocx = "../app/parse/testdata/genre/toc-han.docx" // 机关内部管理制度汇编
	genreTxt  = "../app/parse/testdata/genre/restart.txt"  // 2026年机关党建工作制度汇编
)

// overlayTexts is every text shown in the window's top overlay (a dialog).
func overlayTexts(w *Window) []string {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var out []string
	for _, o := range test.LaidOutObjects(top) {
		switch o := o.(type) {
		case *canvas.Text:
			out = append(out, o.Text)
		case *widget.Label:
			out = append(out, o.Text)
		}
	}
	return out
}

func overlayHas(w *Window, s string) bool {
	return strings.Contains(strings.Join(overlayTexts(w), "\n"), s)
}

// overlayButton finds a button by its label in the top overlay.
func overlayButton(t *testing.T, w *Window, label string) *widget.Button {
	t.Helper()
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		for _, o := range test.LaidOutObjects(top) {
			if b, ok := o.(*widget.Button); ok && b.Text == label {
				return b
			}
		}
	}
	t.Fatalf("no button %q in the dialog: %q", label, overlayTexts(w))
	return nil
}

func closeOverlays(w *Window) {
	for w.win.Canvas().Overlays().Top() != nil {
		w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())
	}
}

func TestImportOpensNewCompilation(t *testing.T) {
	tests := []struct {
		file, title string
		docs        int
	}{
		{genreDocx, "机关内部管理制度汇编", 3},
		{genreTxt, "2026年机关党建工作制度汇编", 3},
	}
	f := newLibFixture(t)
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			if errs := f.importFiles(tt.file); errs[0] != nil {
				t.Fatal(errs[0])
			}
			c := f.w.Compilation()
			if c.Title != tt.title || len(c.Documents) != tt.docs {
				t.Fatalf("window shows 《%s》 with %d documents, want 《%s》 with %d", c.Title, len(c.Documents), tt.title, tt.docs)
			}
			if got := treeText(f.w, c.ID); !strings.Contains(got, tt.title) {
				t.Errorf("tree root %q", got)
			}
			if cur := f.w.Current(); cur.Addr != (model.Address{Doc: 1}) {
				t.Errorf("pane shows %v, want document 1", cur.Addr)
			}
			if ps := paraTexts(f.w); len(ps) == 0 || ps[0] != c.Documents[0].Title {
				t.Errorf("pane starts %q", ps)
			}
			if !strings.Contains(f.w.status.Text, "已导入《"+tt.title+"》") {
				t.Errorf("status %q", f.w.status.Text)
			}
			if overlayTexts(f.w) != nil {
				t.Errorf("a dialog after a plain import: %q", overlayTexts(f.w))
			}
		})
	}
	infos, err := f.lib.List()
	if err != nil || len(infos) != 3 {
		t.Fatalf("library holds %d compilations (%v), want 3", len(infos), err)
	}
}

func TestImportDuplicateOpensExisting(t *testing.T) {
	f := newLibFixture(t)
	f.importFiles(genreTxt)
	id := f.w.Compilation().ID
	if err := f.w.OpenCompilation(f.lib.BuiltinID()); err != nil {
		t.Fatal(err)
	}
	// The same bytes under another name and place.
	cp := filepath.Join(t.TempDir(), "副本.txt")
	data, err := os.ReadFile(genreTxt)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{genreTxt, cp} {
		closeOverlays(f.w)
		if errs := f.importFiles(file); errs[0] != nil {
			t.Fatal(errs[0])
		}
		if f.w.Compilation().ID != id {
			t.Errorf("%s: the window shows %s, want the existing %s", file, f.w.Compilation().ID, id)
		}
		if !overlayHas(f.w, "已经导入过") || !overlayHas(f.w, "没有重复导入") {
			t.Errorf("%s: the user is not told: %q", file, overlayTexts(f.w))
		}
		if infos, _ := f.lib.List(); len(infos) != 2 {
			t.Errorf("%s: library holds %d compilations, want 2", file, len(infos))
		}
	}
}

func TestImportErrorsNameFileAndReason(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	tests := []struct {
		path   string
		reason string
	}{
		{write("旧格式.doc", ole), "另存为 .docx"},
		{write("空文件.txt", nil), "空文件.txt"},
		{write("坏的.docx", []byte("PK\x03\x04 not really a zip")), "坏的.docx"},
		{filepath.Join(dir, "不存在.txt"), "无法打开文件"},
	}
	f := newLibFixture(t)
	builtin := f.w.Compilation()
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			closeOverlays(f.w)
			errs := f.importFiles(tt.path)
			if errs[0] == nil {
				t.Fatal("imported")
			}
			msg := strings.Join(overlayTexts(f.w), "\n")
			for _, want := range []string{filepath.Base(tt.path), tt.reason} {
				if !strings.Contains(msg, want) {
					t.Errorf("error dialog %q lacks %q", msg, want)
				}
			}
			if f.w.Compilation() != builtin {
				t.Error("the window left its compilation")
			}
		})
	}
	if infos, _ := f.lib.List(); len(infos) != 1 {
		t.Errorf("library holds %d compilations after failed imports", len(infos))
	}
	// Several files at once: the good one is imported and opened, the bad
	// one reported.
	closeOverlays(f.w)
	errs := f.importFiles(tests[0].path, genreDocx)
	if errs[0] == nil || errs[1] != nil {
		t.Fatalf("batch outcomes %v", errs)
	}
	if f.w.Compilation().Title != "机关内部管理制度汇编" || !overlayHas(f.w, "旧格式.doc") {
		t.Errorf("batch: window shows 《%s》, dialog %q", f.w.Compilation().Title, overlayTexts(f.w))
	}
}

// openView opens the library view with Ctrl+O's action and waits for its list.
func (f *libFixture) openView() *libraryView {
	f.t.Helper()
	action(f.t, f.w, actLibrary)
	v := f.l.view
	if v == nil {
		f.t.Fatal("Ctrl+O opened no library view")
	}
	f.drain("the library list", func() bool { return len(v.all) > 0 })
	return v
}

func TestLibraryViewFilter(t *testing.T) {
	f := newLibFixture(t)
	f.importFiles(genreDocx, genreTxt)
	v := f.openView()
	tests := []struct {
		filter string
		want   []string
		count  string
	}{
		{"", []string{"局机关2026年意识形态工作要点材料汇编(9篇)", "2026年机关党建工作制度汇编", "机关内部管理制度汇编"}, "共 3 部汇编"},
		{"党建", []string{"2026年机关党建工作制度汇编"}, "显示 1 部，共 3 部汇编"},
		{"DOCX", []string{"机关内部管理制度汇编"}, "显示 1 部"},                     // the source file name, any case
		{"机关 制度", []string{"2026年机关党建工作制度汇编", "机关内部管理制度汇编"}, "显示 2 部"}, // every term
		{"预算", nil, "显示 0 部"},
	}
	for _, tt := range tests {
		test.Type(v.filter, "") // focus
		v.filter.SetText(tt.filter)
		var got []string
		for _, in := range v.shown {
			got = append(got, in.Title)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("filter %q shows %q, want %q", tt.filter, got, tt.want)
		}
		if !strings.Contains(v.count.Text, tt.count) {
			t.Errorf("filter %q: count %q, want %q", tt.filter, v.count.Text, tt.count)
		}
	}
	// A row shows the counts, the source file and the import time; Enter
	// opens the first compilation shown.
	v.filter.SetText("党建")
	row := newLibraryRow()
	row.set(v, v.shown[0])
	for _, want := range []string{"3 篇", "11 条，其中 11 条有正文", "源文件：restart.txt", "导入于 " + time.Now().Format("2006-01-02")} {
		if !strings.Contains(row.detail.Text, want) {
			t.Errorf("row detail %q lacks %q", row.detail.Text, want)
		}
	}
	if err := f.w.OpenCompilation(f.lib.BuiltinID()); err != nil {
		t.Fatal(err)
	}
	v.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.w.Compilation().Title != "2026年机关党建工作制度汇编" {
		t.Errorf("Enter opened 《%s》", f.w.Compilation().Title)
	}
	if f.l.view != nil {
		t.Error("the view stayed open after opening a compilation")
	}
	// Esc closes it.
	v = f.openView()
	v.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.l.view != nil {
		t.Error("Esc did not close the view")
	}
}

func TestRemoveAsksAndKeepsNotes(t *testing.T) {
	f := newLibFixture(t)
	f.importFiles(genreDocx)
	c := f.w.Compilation()
	if err := f.w.GoTo("2.1"); err != nil {
		t.Fatal(err)
	}
	n, err := f.u.svc.AddNote(c, f.w.Current(), notes.NoteInput{Text: "会议要提前通知"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.u.svc.ToggleBookmark(c, f.w.Current()); err != nil {
		t.Fatal(err)
	}
	v := f.openView()
	var info library.Info
	for _, in := range v.all {
		if in.ID == c.ID {
			info = in
		}
		// The built-in compilation cannot be removed.
		row := newLibraryRow()
		row.set(v, in)
		if row.remove.Disabled() != in.Builtin {
			t.Errorf("《%s》: remove disabled %v", in.Title, row.remove.Disabled())
		}
	}
	v.confirmRemove(info)
	if !overlayHas(f.w, "删除《机关内部管理制度汇编》") || !overlayHas(f.w, "1 条笔记和 1 个书签会保留") {
		t.Fatalf("confirmation %q", overlayTexts(f.w))
	}
	test.Tap(overlayButton(t, f.w, "取消"))
	if _, err := f.lib.Get(c.ID); err != nil {
		t.Fatal("cancel removed the compilation")
	}
	v.confirmRemove(info)
	test.Tap(overlayButton(t, f.w, "删除"))
	f.drain("the removal", func() bool { return len(v.all) == 1 })
	if f.w.Compilation().ID != f.lib.BuiltinID() {
		t.Errorf("the window still shows the removed compilation")
	}
	if _, err := f.lib.Get(c.ID); err == nil {
		t.Error("the compilation is still in the library")
	}
	// Its note and bookmark are kept, orphaned, and the notes panel lists
	// the note.
	got, err := f.u.svc.Note(n.ID)
	if err != nil {
		t.Fatalf("note lost: %v", err)
	}
	if !f.u.svc.NoteAnchor(got).Orphaned || len(f.u.svc.OrphanedBookmarks()) != 1 {
		t.Error("note or bookmark not orphaned")
	}
	action(t, f.w, actNotesPanel)
	if !panelListsNote(f.u, n.ID) {
		t.Error("the notes panel does not show the orphaned note")
	}
	// Imported again, the same IDs: both are back in place.
	closeOverlays(f.w)
	f.importFiles(genreDocx)
	if f.u.svc.NoteAnchor(got).Orphaned || len(f.u.svc.OrphanedBookmarks()) != 0 {
		t.Error("note or bookmark still orphaned after the re-import")
	}
	if f.w.Compilation().ID != c.ID {
		t.Fatal("the re-import did not open")
	}
	if m := f.u.markers[n.NodeID]; m.Notes != 1 || !m.Bookmarked {
		t.Errorf("markers after re-import %+v", m)
	}
}

func panelListsNote(u *NotesUI, id string) bool {
	for _, n := range u.notesPanel.shown {
		if n.ID == id {
			return true
		}
	}
	return false
}

func TestSwitchingCompilations(t *testing.T) {
	f := newLibFixture(t)
	seed := f.w.Compilation()
	f.importFiles(genreDocx)
	docx := f.w.Compilation()
	if docx == seed {
		t.Fatal("import did not switch")
	}
	// Read somewhere in each, switch back and forth: each comes back where
	// it was left, with its own tree, history and notes panel.
	if err := f.w.GoTo("2"); err != nil {
		t.Fatal(err)
	}
	if err := f.w.OpenCompilation(seed.ID); err != nil {
		t.Fatal(err)
	}
	if f.w.Current().Addr != (model.Address{Doc: 1}) || treeText(f.w, seed.ID) == "" {
		t.Errorf("seed opened at %v", f.w.Current().Addr)
	}
	if err := f.w.GoTo("5.6"); err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		c    *model.Compilation
		addr string
	}{{docx, "2"}, {seed, "5.6"}, {docx, "2"}} {
		if err := f.w.OpenCompilation(want.c.ID); err != nil {
			t.Fatal(err)
		}
		if f.w.Compilation() != want.c || f.w.Current().Addr.String() != want.addr {
			t.Errorf("switch %d: 《%s》 at %s, want 《%s》 at %s", i, f.w.Compilation().Title, f.w.Current().Addr, want.c.Title, want.addr)
		}
		if f.w.history.CanBack() {
			t.Errorf("switch %d: Back leads into the other compilation", i)
		}
		if got := f.w.tree.Root; got != "" {
			t.Errorf("tree root %q", got)
		}
		if kids := f.w.tree.ChildUIDs(""); len(kids) != 1 || kids[0] != want.c.ID {
			t.Errorf("switch %d: tree root %v", i, kids)
		}
		if f.w.treeSel != f.w.Current().ID(want.c.ID) {
			t.Errorf("switch %d: tree selection %q", i, f.w.treeSel)
		}
		docs := f.u.notesPanel.doc.Options
		if len(docs) != len(want.c.Documents)+1 {
			t.Errorf("switch %d: notes panel offers %d documents", i, len(docs)-1)
		}
	}
	// The position is stored per compilation in the user data.
	f.u.reading.writer.flush(5 * time.Second)
	for _, c := range []*model.Compilation{seed, docx} {
		if p, ok, err := f.u.svc.Position(c.ID); err != nil || !ok || !strings.HasPrefix(p.NodeID, c.ID+":") {
			t.Errorf("stored position of 《%s》: %+v %v %v", c.Title, p, ok, err)
		}
	}
	// The search box searches the compilation shown.
	f.w.search.SetText("公文处理")
	f.drain("the search", func() bool { return f.s.query.Raw == "公文处理" })
	if f.s.resp.Total == 0 {
		t.Fatal("no results in the docx compilation")
	}
	for _, r := range f.s.resp.Results {
		if !strings.HasPrefix(r.ID, docx.ID) {
			t.Errorf("result %s is not in the compilation shown", r.ID)
		}
	}
	if err := f.w.OpenCompilation(seed.ID); err != nil {
		t.Fatal(err)
	}
	f.drain("the search again", func() bool {
		return f.s.Index().Compilation() == seed && f.s.resp.Query.Raw == "公文处理" && !resultsIn(f.s.resp, docx.ID)
	})
	// The choice is remembered for the next start.
	f.drain("remembering", func() bool {
		c, err := startCompilation(f.lib)
		return err == nil && c.ID == seed.ID
	})
	if err := f.w.OpenCompilation(docx.ID); err != nil {
		t.Fatal(err)
	}
	f.drain("remembering", func() bool {
		c, err := startCompilation(f.lib)
		return err == nil && c.ID == docx.ID
	})
	if err := f.w.OpenCompilation("c0000000000ff"); err == nil {
		t.Error("opened a compilation that does not exist")
	}
}

func resultsIn(r search.Response, compID string) bool {
	for _, x := range r.Results {
		if strings.HasPrefix(x.ID, compID) {
			return true
		}
	}
	return false
}

func TestDropAndImportDialog(t *testing.T) {
	f := newLibFixture(t)
	// Files dropped on the window are imported, in order; the last opens.
	var uris []fyne.URI
	for _, p := range []string{genreTxt, genreDocx} {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		uris = append(uris, storage.NewFileURI(abs))
	}
	n := f.done
	f.l.dropped(uris)
	f.drain("the dropped files", func() bool { return f.done > n })
	if f.w.Compilation().Title != "机关内部管理制度汇编" {
		t.Errorf("after the drop the window shows 《%s》", f.w.Compilation().Title)
	}
	if infos, _ := f.lib.List(); len(infos) != 3 {
		t.Errorf("library holds %d compilations after dropping two files", len(infos))
	}
	// 文件 › 导入汇编… opens a file dialog.
	closeOverlays(f.w)
	action(t, f.w, actImport)
	if !overlayHas(f.w, "导入汇编（.txt 或 .docx）") {
		t.Errorf("no import dialog: %q", overlayTexts(f.w))
	}
}
