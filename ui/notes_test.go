package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/notes"
	uitheme "huibian/ui/theme"
)

// newNotesWindow opens a test window with the notes attached, on a fresh
// data directory (or dir, if given).
func newNotesWindow(t *testing.T, dir string) (*Window, *NotesUI) {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	a := test.NewTempApp(t)
	c := seedCompilation(t)
	w := NewWindow(a, c, Options{Version: "测试", DataDir: dir})
	w.win.Resize(fyne.NewSize(1100, 760))
	w.win.Show()
	svc, err := notes.Open(dir, singleComp{c}, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := AttachNotes(w, svc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		u.Close()
		w.win.Close()
		svc.Close()
	})
	return w, u
}

// treeText is what the tree shows for node id.
func treeText(w *Window, id string) string {
	l := widget.NewLabel("")
	w.tree.UpdateNode(id, false, l)
	return l.Text
}

func action(t *testing.T, w *Window, key string) {
	t.Helper()
	it := w.menuItem(key)
	if it == nil {
		t.Fatalf("no menu item %s", key)
	}
	if it.Disabled {
		t.Fatalf("menu item %s is disabled", key)
	}
	it.Action()
}

func TestBookmarkToggleAndUndo(t *testing.T) {
	w, u := newNotesWindow(t, "")
	if err := w.GoTo("2.3"); err != nil {
		t.Fatal(err)
	}
	id := w.Current().ID(w.comp.ID)
	action(t, w, actBookmark) // Ctrl+D
	if _, ok := u.svc.Bookmarked(id); !ok {
		t.Fatal("Ctrl+D did not bookmark 2.3")
	}
	if w.toolbar.bookmark.Icon != uitheme.IconBookmarked || !w.menuItem(actBookmark).Checked {
		t.Error("toolbar/menu do not show the bookmark")
	}
	if got := treeText(w, id); !strings.HasPrefix(got, markBookmark+" ") {
		t.Errorf("tree label %q lacks %s", got, markBookmark)
	}
	test.Tap(w.toolbar.bookmark) // the toolbar toggles it off
	if _, ok := u.svc.Bookmarked(id); ok || w.toolbar.bookmark.Icon != uitheme.IconBookmark {
		t.Fatal("toolbar did not remove the bookmark")
	}
	if !strings.Contains(w.status.Text, "Ctrl+Z") {
		t.Errorf("status %q does not offer undo", w.status.Text)
	}
	action(t, w, actUndoDelete) // Ctrl+Z
	if _, ok := u.svc.Bookmarked(id); !ok {
		t.Error("Ctrl+Z did not restore the bookmark")
	}
	if w.menuItem(actUndoDelete).Disabled != true {
		t.Error("undo still enabled with nothing to undo")
	}
}

func TestNoteDialogWithQuote(t *testing.T) {
	w, u := newNotesWindow(t, "")
	if err := w.GoTo("1"); err != nil { // a whole document is shown
		t.Fatal(err)
	}
	// The reader selected a passage inside item 1.1.
	var para nav.Paragraph
	for _, p := range w.Paragraphs() {
		if strings.HasSuffix(p.NodeID, ":1.1") && p.Part == 1 {
			para = p
		}
	}
	if para.NodeID == "" {
		t.Fatal("no paragraph of 1.1 in the document view")
	}
	const quote = "四维学习架构"
	f := u.showNoteDialog(w.Current(), nil, "")
	f.dlg.Hide()
	w.annotator.AddNote(w.Current(), Selection{Text: quote, Paragraph: para, Ok: true})
	f = lastNoteForm(t, u)
	if f.quote.Text != quote {
		t.Fatalf("quote field %q", f.quote.Text)
	}
	test.Type(f.text, "值得借鉴:笔记用中文输入法写的。😀")
	f.color.SetSelected("蓝")
	test.Tap(f.save)
	list := u.svc.Notes(notes.Filter{})
	if len(list) != 1 {
		t.Fatalf("%d notes saved", len(list))
	}
	n := list[0]
	if n.Address != "1.1" || n.Quote != quote || n.Color != notes.Blue || n.Text != "值得借鉴:笔记用中文输入法写的。😀" {
		t.Errorf("saved %+v", n)
	}
	// The quote is highlighted in blue where it stands.
	hs := w.pane.Highlights(n.NodeID)
	if len(hs) != 1 || hs[0].Style != uitheme.HighlightBlue || hs[0].Part != 1 {
		t.Fatalf("highlights %+v", hs)
	}
	got := string([]rune(para.Text)[hs[0].Start:hs[0].End])
	if got != quote {
		t.Errorf("highlight covers %q", got)
	}
	// The tree marks the item, its section and its document.
	for id, want := range map[string]string{
		n.NodeID:                         markNote + "1 1.1 ",
		model.SectionID(w.comp.ID, 1, 1): "  (1)",
		model.DocumentID(w.comp.ID, 1):   "  (1)",
		model.ItemID(w.comp.ID, 1, 2):    "",
		model.DocumentID(w.comp.ID, 2):   "",
	} {
		got := treeText(w, id)
		switch {
		case want == "":
			if strings.ContainsAny(got, markNote+"(") {
				t.Errorf("tree %s = %q, want no marker", id, got)
			}
		case strings.HasPrefix(want, markNote):
			if !strings.HasPrefix(got, want) {
				t.Errorf("tree %s = %q, want prefix %q", id, got, want)
			}
		case !strings.HasSuffix(got, want):
			t.Errorf("tree %s = %q, want suffix %q", id, got, want)
		}
	}
}

// lastNoteForm finds the note dialog shown last.
func lastNoteForm(t *testing.T, u *NotesUI) *noteForm {
	t.Helper()
	// AddNote goes through showNoteDialog, which returns the form; the
	// test reaches it again through the overlay's content.
	ov := u.w.win.Canvas().Overlays().Top()
	if ov == nil {
		t.Fatal("no dialog shown")
	}
	var entries []*widget.Entry
	var radio *widget.RadioGroup
	var buttons []*widget.Button
	walk(ov, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Entry:
			entries = append(entries, v)
		case *cappedEntry:
			entries = append(entries, &v.Entry)
		case *widget.RadioGroup:
			radio = v
		case *widget.Button:
			buttons = append(buttons, v)
		}
	})
	if len(entries) < 2 || radio == nil {
		t.Fatalf("dialog has %d entries", len(entries))
	}
	f := &noteForm{quote: entries[0], text: entries[1], color: radio}
	for _, b := range buttons {
		if b.Text == "保存" {
			f.save = b
		}
		if b.Text == "删除" {
			f.delete = b
		}
	}
	return f
}

// walk visits every object under o.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		for _, c := range r.Objects() {
			walk(c, fn)
		}
	}
}

func TestNoteTooLong(t *testing.T) {
	w, u := newNotesWindow(t, "")
	f := u.showNoteDialog(w.Current(), nil, "")
	// Laying out 100 000 characters in a wrapped Entry takes Fyne minutes,
	// so the test feeds the text to the entry's change handler directly.
	f.text.OnChanged(strings.Repeat("字", notes.MaxTextLen))
	if f.save.Disabled() {
		t.Fatal("save disabled at exactly the limit")
	}
	f.text.OnChanged(strings.Repeat("字", notes.MaxTextLen+1))
	if !f.save.Disabled() || !strings.Contains(f.count.Text, "笔记太长") {
		t.Errorf("over the limit: save disabled %v, count %q", f.save.Disabled(), f.count.Text)
	}
}

func TestNotesPanelFilterJumpEditDelete(t *testing.T) {
	w, u := newNotesWindow(t, "")
	add := func(addr, text, quote string, c notes.Color) notes.Note {
		n, err := w.comp.ResolveString(addr)
		if err != nil {
			t.Fatal(err)
		}
		note, err := u.svc.AddNote(w.comp, n, notes.NoteInput{Text: text, Quote: quote, Color: c})
		if err != nil {
			t.Fatal(err)
		}
		return note
	}
	add("1.1", "组织部研学", "", notes.Yellow)
	target := add("5.6", "宣传栏检查", "", notes.Pink)
	add("2.3", "政研室", "", notes.Pink)
	u.refresh()

	action(t, w, actNotesPanel)
	if !w.PanelShown(panelNotes) {
		t.Fatal("notes panel not shown")
	}
	p := u.notesPanel
	if len(p.shown) != 3 || p.count.Text != "共 3 条笔记" {
		t.Fatalf("panel lists %d: %q", len(p.shown), p.count.Text)
	}
	p.color.SetSelected("粉")
	if len(p.shown) != 2 || p.shown[0].Address != "2.3" {
		t.Errorf("pink: %v", p.shown)
	}
	p.doc.SetSelected(p.doc.Options[5])
	if len(p.shown) != 1 || p.shown[0].ID != target.ID || p.count.Text != "显示 1 条，共 3 条笔记" {
		t.Errorf("document 5, pink: %v %q", p.shown, p.count.Text)
	}
	p.doc.SetSelected(allDocs)
	p.color.SetSelected(allColors)
	test.Type(p.query, "研学")
	if len(p.shown) != 1 || p.shown[0].Address != "1.1" {
		t.Errorf("search 研学: %v", p.shown)
	}
	p.query.SetText("")

	// A click jumps to the note.
	for i, n := range p.shown {
		if n.ID == target.ID {
			p.list.Select(i)
		}
	}
	if got := w.Current().Addr.String(); got != "5.6" {
		t.Fatalf("click went to %s", got)
	}

	// Edit through the dialog, then delete and undo with Ctrl+Z.
	f := u.showNoteDialog(model.Node{}, &target, "")
	f.text.SetText("宣传栏每月检查")
	f.color.SetSelected("紫")
	test.Tap(f.save)
	got, _ := u.svc.Note(target.ID)
	if got.Text != "宣传栏每月检查" || got.Color != notes.Purple {
		t.Errorf("edited: %+v", got)
	}
	f = u.showNoteDialog(model.Node{}, &got, "")
	test.Tap(f.delete)
	if _, err := u.svc.Note(target.ID); err == nil || len(p.shown) != 2 {
		t.Fatal("delete did not remove the note from the store and the panel")
	}
	w.win.Canvas().Unfocus()
	action(t, w, actUndoDelete)
	if _, err := u.svc.Note(target.ID); err != nil || len(p.shown) != 3 {
		t.Errorf("undo: %v, panel %d", err, len(p.shown))
	}
	// In a text field Ctrl+Z undoes typing instead.
	e := widget.NewEntry()
	w.win.SetContent(e)
	w.win.Canvas().Focus(e)
	n, _ := u.svc.DeleteNote(target.ID)
	u.refresh()
	action(t, w, actUndoDelete)
	if _, err := u.svc.Note(n.ID); err == nil {
		t.Error("Ctrl+Z in an entry restored a note")
	}
}

func TestBookmarksPanelRenameDelete(t *testing.T) {
	w, u := newNotesWindow(t, "")
	for _, a := range []string{"3.2", "1.4", "2/1"} {
		if err := w.GoTo(a); err != nil {
			t.Fatal(err)
		}
		action(t, w, actBookmark)
	}
	action(t, w, actBookmarksPanel)
	p := u.bmPanel
	addrs := func() string {
		var s []string
		for _, b := range p.shown {
			s = append(s, b.Address)
		}
		return strings.Join(s, " ")
	}
	if got := addrs(); got != "1.4 2/1 3.2" {
		t.Errorf("by position: %s", got)
	}
	p.order.SetSelected(byTime)
	if got := addrs(); got != "2/1 1.4 3.2" {
		t.Errorf("by time: %s", got)
	}
	p.list.Select(2)
	if got := w.Current().Addr.String(); got != "3.2" {
		t.Errorf("click went to %s", got)
	}
	f := u.showBookmarkDialog(p.shown[1])
	f.name.SetText("研学要点")
	test.Tap(f.save)
	if b, _ := u.svc.Bookmarked(p.shown[1].NodeID); b.Name != "研学要点" {
		t.Errorf("rename: %+v", b)
	}
	f = u.showBookmarkDialog(p.shown[0])
	test.Tap(f.delete)
	if got := addrs(); got != "1.4 3.2" {
		t.Errorf("after delete: %s", got)
	}
}

func TestExportImportFromWindow(t *testing.T) {
	w, u := newNotesWindow(t, "")
	n, _ := w.comp.ResolveString("4.2")
	if _, err := u.svc.AddNote(w.comp, n, notes.NoteInput{Text: "编办笔记", Color: notes.Green}); err != nil {
		t.Fatal(err)
	}
	var md, js bytes.Buffer
	if err := u.export(&md, "md"); err != nil || !strings.Contains(md.String(), "编办笔记") || !strings.Contains(md.String(), "### 4. ") {
		t.Fatalf("markdown: %v\n%s", err, md.String())
	}
	if err := u.export(&js, "json"); err != nil || !strings.Contains(js.String(), `"format": "huibian-notes"`) {
		t.Fatalf("json: %v", err)
	}
	w2, u2 := newNotesWindow(t, "")
	msg, err := u2.importData("笔记.json", js.Bytes())
	if err != nil || !strings.Contains(msg, "新增 1 条，更新 0 条，跳过 0 条") {
		t.Fatalf("import: %q %v", msg, err)
	}
	if got := treeText(w2, n.ID(w2.comp.ID)); !strings.HasPrefix(got, markNote+"1 ") {
		t.Errorf("imported note not marked in the tree: %q", got)
	}
	if _, err := u2.importData("坏.json", []byte("{")); err == nil || !strings.Contains(err.Error(), "坏.json") {
		t.Errorf("bad file: %v", err)
	}
}

func TestRecoveryNotice(t *testing.T) {
	dir := t.TempDir()
	svc, err := notes.Open(dir, nil, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc.Close()
	svc, _ = notes.Open(dir, nil, notes.Options{}) // a backup now exists
	svc.Close()
	if err := os.WriteFile(filepath.Join(dir, notes.FileName), bytes.Repeat([]byte{0xA5}, 16384), 0o600); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := NewWindow(a, seedCompilation(t), Options{DataDir: dir})
	w.win.Show()
	defer w.win.Close()
	done := make(chan *NotesUI, 1)
	openNotesAsync(w, func(u *NotesUI) { done <- u })
	if u := <-done; u == nil {
		t.Fatal("notes not attached")
	}
	ov := w.win.Canvas().Overlays().Top()
	if ov == nil {
		t.Fatal("no recovery notice")
	}
	var texts []string
	walk(ov, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "用户数据文件已损坏") || !strings.Contains(all, ".damaged-") {
		t.Errorf("notice says %q", all)
	}
}

// TestNotesLockedShowsError: when another process holds userdata.db, the
// window still opens for reading and says why notes are unavailable.
func TestNotesLockedShowsError(t *testing.T) {
	dir := t.TempDir()
	holder, err := notes.Open(dir, nil, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	a := test.NewTempApp(t)
	w := NewWindow(a, seedCompilation(t), Options{DataDir: dir})
	w.win.Show()
	defer w.win.Close()
	done := make(chan *NotesUI, 1)
	openNotesAsync(w, func(u *NotesUI) { done <- u })
	if u := <-done; u != nil {
		t.Fatal("notes attached although the file is locked")
	}
	var texts []string
	walk(w.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "无法打开书签和笔记") || !strings.Contains(all, "另一个汇编阅读器进程") {
		t.Errorf("error dialog says %q", all)
	}
	if w.menuItem(actBookmark).Disabled != true {
		t.Error("bookmark action enabled without notes")
	}
}

// TestNotesFeedSearch: notes and bookmarks reach the search index once the
// notes are open, and again after a change.
func TestNotesFeedSearch(t *testing.T) {
	dir := t.TempDir()
	a := test.NewTempApp(t)
	w := NewWindow(a, seedCompilation(t), Options{DataDir: dir})
	w.win.Show()
	defer w.win.Close()
	src := &lazySource{comp: w.comp.ID}
	s, err := AttachSearch(w, src)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *NotesUI, 1)
	openNotesAsync(w, func(u *NotesUI) {
		src.set(u.svc)
		u.OnChange = append(u.OnChange, s.ReloadExtras)
		done <- u
	})
	u := <-done
	n, _ := w.comp.ResolveString("3.3")
	if _, err := u.svc.AddNote(w.comp, n, notes.NoteInput{Text: "独一无二的批注词"}); err != nil {
		t.Fatal(err)
	}
	u.changed()
	deadline := time.Now().Add(10 * time.Second)
	for {
		found := false
		for _, e := range s.Index().Extras() {
			if strings.Contains(e.Text, "独一无二的批注词") && e.Address == "3.3" {
				found = true
			}
		}
		if found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the note never reached the search index")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMoveOrphanedNote: an orphaned note's dialog offers to move it to the
// node shown, after which it is anchored again.
func TestMoveOrphanedNote(t *testing.T) {
	w, u := newNotesWindow(t, "")
	ex := `{"format":"huibian-notes","version":1,"notes":[{"id":"orphan1","node_id":"` + w.comp.ID +
		`:9.99","address":"9.99","title":"已删去的一条","text":"旧笔记","color":"pink","created":"2026-01-01T00:00:00Z"}]}`
	if _, err := u.importData("旧.json", []byte(ex)); err != nil {
		t.Fatal(err)
	}
	n, _ := u.svc.Note("orphan1")
	if !u.svc.NoteAnchor(n).Orphaned {
		t.Fatal("note on 9.99 not orphaned")
	}
	if err := w.GoTo("9.3"); err != nil {
		t.Fatal(err)
	}
	f := u.showNoteDialog(model.Node{}, &n, "")
	if f.move == nil {
		t.Fatal("no move button for an orphaned note")
	}
	test.Tap(f.move)
	n, _ = u.svc.Note("orphan1")
	if n.Address != "9.3" || u.svc.NoteAnchor(n).Orphaned {
		t.Errorf("after move: %+v", n)
	}
	if got := treeText(w, n.NodeID); !strings.HasPrefix(got, markNote+"1 ") {
		t.Errorf("tree %q", got)
	}
}
