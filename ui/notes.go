package ui

import (
	"bytes"
	"errors"
	"fmt"
	uitheme "huibian/ui/theme"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/notes"
	"huibian/app/search"
)

// Panel names in the window's side panel.
const (
	panelNotes     = "notes"
	panelBookmarks = "bookmarks"
)

// Menu action keys of the notes code.
const (
	actNotesPanel     = "notespanel"
	actBookmarksPanel = "bookmarkspanel"
	actUndoDelete     = "undodelete"
	actExportMD       = "exportmd"
	actExportJSON     = "exportjson"
	actImportNotes    = "importnotes"
)

// Markers shown after a tree label. The bundled font is a GB 2312 subset,
// which has ★ and ●.
const (
	markBookmark = "★"
	markNote     = "●"
)

// NotesExtension opens the user's notes and bookmarks (userdata.db in the
// data directory) and connects them to the window: the bookmark and note
// actions, the two panels, the tree and pane markers, export and import.
//
// The file is opened on a background goroutine, so that checking and
// loading a large file overlaps the window's own start-up instead of
// adding to it; the notes attach on the UI goroutine as soon as they are
// loaded (until then the bookmark and note actions stay disabled). A
// failure to open is shown in a dialog: the window stays usable for
// reading.
func NotesExtension(w *Window) error {
	openNotesAsync(w, nil)
	return nil
}

// NotesAndSearchExtension installs the search box and the notes together,
// so that notes and bookmarks are searchable: the index starts without
// them and takes them in shortly after the user-data file is open (see
// below), and again after every change. Use it instead of SearchExtension and NotesExtension.
func NotesAndSearchExtension(w *Window) error {
	_, err := attachNotesAndSearch(w)
	return err
}

func attachNotesAndSearch(w *Window) (*SearchUI, error) {
	src := &lazySource{comp: w.Compilation().ID}
	s, err := AttachSearch(w, src)
	if err != nil {
		return nil, err
	}
	// Taking 10 000 notes into the index costs a fifth of a second of CPU.
	// Done when the notes attach, it competed with drawing the tree
	// markers and a notes panel opened at start, so it waits until the
	// window has settled (searchDelay), or until the first search or the
	// first change to the notes if that comes sooner. A search typed
	// before is run again once the notes are in (ReloadExtras).
	openNotesAsync(w, func(u *NotesUI) {
		if u == nil {
			return
		}
		src.set(u.svc)
		var once sync.Once
		load := func() { once.Do(s.ReloadExtras) } // on the UI goroutine
		u.OnChange = append(u.OnChange, func() {
			once.Do(func() {})
			s.ReloadExtras()
		})
		typed := s.entry.OnChanged
		s.entry.OnChanged = func(text string) {
			load()
			if typed != nil {
				typed(text)
			}
		}
		time.AfterFunc(searchDelay, func() { s.do(load) })
	})
	return s, nil
}

// lazySource feeds the search index the notes and bookmarks of one
// compilation once the notes service is there, and nothing before.
type lazySource struct {
	comp string
	mu   sync.Mutex
	svc  *notes.Service
}

func (l *lazySource) set(svc *notes.Service) {
	l.mu.Lock()
	l.svc = svc
	l.mu.Unlock()
}

func (l *lazySource) SearchDocs() ([]search.ExtraDoc, error) {
	l.mu.Lock()
	svc := l.svc
	l.mu.Unlock()
	if svc == nil {
		return nil, nil
	}
	return svc.SearchSource(l.comp).SearchDocs()
}

// searchDelay is how long after the notes attach they go into the search
// index, unless a search or a change comes first.
const searchDelay = 2 * time.Second

// openNotesAsync opens the user data in the background and attaches it;
// then, if not nil, runs on the UI goroutine afterwards with the result
// (nil if the file could not be opened).
func openNotesAsync(w *Window, then func(*NotesUI)) {
	var mu sync.Mutex
	var svc *notes.Service
	var ui *NotesUI // set and read on the UI goroutine only
	closed := false
	w.FyneWindow().SetOnClosed(func() {
		if ui != nil {
			ui.Close() // pending reading-state writes first
		}
		mu.Lock()
		defer mu.Unlock()
		closed = true
		if svc != nil {
			svc.Close()
		}
	})
	dir, c := w.DataDir(), w.Compilation()
	go func() {
		s, err := notes.Open(dir, singleComp{c}, notes.Options{})
		mu.Lock()
		if err == nil && closed {
			s.Close()
			err = errors.New("窗口已关闭")
		}
		svc = s
		mu.Unlock()
		fyne.Do(func() {
			var u *NotesUI
			if err != nil {
				dialog.ShowError(fmt.Errorf("无法打开书签和笔记,本次只能阅读: %w", err), w.FyneWindow())
			} else {
				u, _ = AttachNotes(w, s)
				ui = u
			}
			if then != nil {
				then(u)
			}
		})
	}()
}

// NotesUI is the notes and bookmarks part of the window.
type NotesUI struct {
	w    *Window
	svc  *notes.Service
	comp *model.Compilation

	markers map[string]notes.Marker
	// reading records the reading position and read marks (reading.go).
	reading *reading
	// lit lists the nodes whose note highlights are set in the pane.
	lit map[string]bool

	notesPanel *notesPanel
	bmPanel    *bookmarksPanel

	// OnChange runs after every change to notes or bookmarks (the search
	// index uses it to refresh its copy).
	OnChange []func()
}

// singleComp resolves node IDs of the window's compilation only.
type singleComp struct{ c *model.Compilation }

func (s singleComp) Get(id string) (*model.Compilation, error) {
	if id == s.c.ID {
		return s.c, nil
	}
	return nil, fmt.Errorf("汇编 %s 不在当前窗口中", id)
}

// AttachNotes connects an open notes service to the window. The caller
// keeps ownership of svc and closes it, after calling the NotesUI's Close
// (which writes the pending reading state).
func AttachNotes(w *Window, svc *notes.Service) (*NotesUI, error) {
	if svc == nil {
		return nil, errors.New("没有打开的笔记")
	}
	u := &NotesUI{w: w, svc: svc, comp: w.Compilation(), lit: map[string]bool{}}
	u.reading = newReading(u)
	u.notesPanel = newNotesPanel(u)
	u.bmPanel = newBookmarksPanel(u)
	u.decorateTree()
	u.addMenus()
	w.SetAnnotator(u)
	w.OnNavigate(func(model.Node) { u.refreshHighlights() })
	u.refresh()
	u.reading.attach()
	if r := svc.Recovery; r != nil {
		dialog.ShowInformation("用户数据已恢复", r.String(), w.FyneWindow())
	}
	return u, nil
}

// Service is the notes service behind the window.
func (u *NotesUI) Service() *notes.Service { return u.svc }

// refresh recomputes the markers and refreshes every view of the notes.
func (u *NotesUI) refresh() {
	u.markers = u.svc.Markers()
	u.w.tree.Refresh()
	u.refreshHighlights()
	if u.panelOpen(panelNotes) {
		u.notesPanel.reload()
	}
	if u.panelOpen(panelBookmarks) {
		u.bmPanel.reload()
	}
	u.w.RefreshAnnotations()
	u.w.setMenuEnabled(actUndoDelete, u.svc.CanUndo())
}

// panelOpen reports whether a panel is open, on top or under another.
func (u *NotesUI) panelOpen(name string) bool {
	for _, p := range u.w.panels {
		if p.name == name {
			return true
		}
	}
	return false
}

func (u *NotesUI) changed() {
	u.refresh()
	for _, fn := range u.OnChange {
		fn()
	}
}

// ---- Annotator ----

// Bookmarked reports whether n has a bookmark.
func (u *NotesUI) Bookmarked(n model.Node) bool {
	_, ok := u.svc.Bookmarked(n.ID(u.comp.ID))
	return ok
}

// ToggleBookmark adds or removes the bookmark on n.
func (u *NotesUI) ToggleBookmark(n model.Node) error {
	b, on, err := u.svc.ToggleBookmark(u.comp, n)
	if err != nil {
		return err
	}
	if on {
		u.w.status.SetText(fmt.Sprintf("已添加书签 %s “%s”", b.Address, b.Name))
	} else {
		u.w.status.SetText(fmt.Sprintf("已删除书签 %s “%s”(Ctrl+Z 撤销)", b.Address, b.Name))
	}
	u.changed()
	return nil
}

// AddNote opens the note dialog for n. A passage selected in the pane
// becomes the quote, and the note goes on the node the passage belongs to.
func (u *NotesUI) AddNote(n model.Node, sel Selection) {
	quote := ""
	if sel.Ok && sel.Text != "" {
		quote = sel.Text
		if sel.Paragraph.NodeID != "" && sel.Paragraph.Part >= 0 {
			if _, a, err := model.ParseID(sel.Paragraph.NodeID); err == nil {
				if pn, err := u.comp.Resolve(a); err == nil {
					n = pn
				}
			}
		}
	}
	u.showNoteDialog(n, nil, quote)
}

// ---- note dialog ----

// noteForm is the content of the note dialog, kept for tests.
type noteForm struct {
	quote  *widget.Entry
	text   *widget.Entry
	color  *widget.RadioGroup
	count  *widget.Label
	save   *widget.Button
	delete *widget.Button
	move   *widget.Button // only for an orphaned note
	dlg    dialog.Dialog
}

var colorByLabel = func() map[string]notes.Color {
	m := map[string]notes.Color{}
	for _, c := range notes.Colors {
		m[c.Chinese()] = c
	}
	return m
}()

func colorLabels() []string {
	var out []string
	for _, c := range notes.Colors {
		out = append(out, c.Chinese())
	}
	return out
}

// showNoteDialog opens the dialog for a new note on n (old nil) or for
// editing old.
func (u *NotesUI) showNoteDialog(n model.Node, old *notes.Note, quote string) *noteForm {
	f := &noteForm{}
	f.quote = widget.NewMultiLineEntry()
	f.quote.Wrapping = fyne.TextWrapWord
	f.quote.SetMinRowsVisible(2)
	f.quote.SetPlaceHolder("(可选)原文中的一段话;在正文中选中文字后再添加笔记,会自动填入")
	f.text = widget.NewMultiLineEntry()
	f.text.Wrapping = fyne.TextWrapWord
	f.text.SetMinRowsVisible(8)
	f.text.SetPlaceHolder("写下笔记……")
	f.count = widget.NewLabel("")
	f.count.Importance = widget.LowImportance
	f.color = widget.NewRadioGroup(colorLabels(), nil)
	f.color.Horizontal = true
	f.color.Required = true

	title := "添加笔记"
	where := fmt.Sprintf("%s  %s", n.Addr, n.Title())
	f.color.SetSelected(notes.Yellow.Chinese())
	f.quote.SetText(quote)
	if old != nil {
		title = "编辑笔记"
		where = fmt.Sprintf("%s  %s", old.Address, old.Title)
		if a := u.svc.NoteAnchor(*old); a.Orphaned {
			where += "  〔原位置已不存在:" + a.Reason + "〕"
		}
		f.quote.SetText(old.Quote)
		f.text.SetText(old.Text)
		f.color.SetSelected(old.Color.Chinese())
	}
	updateCount := func(s string) {
		k := utf8.RuneCountInString(s)
		f.count.SetText(fmt.Sprintf("%d / %d 字", k, notes.MaxTextLen))
		if k > notes.MaxTextLen {
			f.count.Importance = widget.DangerImportance
			f.count.SetText(fmt.Sprintf("%d / %d 字:笔记太长,请删去 %d 字", k, notes.MaxTextLen, k-notes.MaxTextLen))
			if f.save != nil {
				f.save.Disable()
			}
		} else {
			f.count.Importance = widget.LowImportance
			if f.save != nil {
				f.save.Enable()
			}
		}
		f.count.Refresh()
	}
	f.text.OnChanged = updateCount

	whereLabel := widget.NewLabel(where)
	whereLabel.Truncation = fyne.TextTruncateEllipsis
	whereLabel.TextStyle.Bold = true
	form := container.NewVBox(
		whereLabel,
		widget.NewLabel("引文"), f.quote,
		widget.NewLabel("笔记"), f.text, f.count,
		container.NewHBox(widget.NewLabel("颜色"), f.color),
	)
	win := u.w.FyneWindow()
	f.save = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), func() {
		col := colorByLabel[f.color.Selected]
		var err error
		if old == nil {
			var nn notes.Note
			nn, err = u.svc.AddNote(u.comp, n, notes.NoteInput{Text: f.text.Text, Quote: f.quote.Text, Color: col})
			if err == nil {
				u.w.status.SetText(fmt.Sprintf("笔记已保存(%s)", nn.Address))
			}
		} else {
			text, q := f.text.Text, f.quote.Text
			_, err = u.svc.EditNote(old.ID, notes.NoteEdit{Text: &text, Quote: &q, Color: &col})
			if err == nil {
				u.w.status.SetText(fmt.Sprintf("笔记已保存(%s)", old.Address))
			}
		}
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		f.dlg.Hide()
		u.changed()
	})
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { f.dlg.Hide() })
	buttons := container.NewHBox(cancel, f.save)
	if old != nil {
		f.delete = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() {
			f.dlg.Hide()
			u.deleteNote(old.ID)
		})
		f.delete.Importance = widget.DangerImportance
		buttons = container.NewHBox(f.delete, cancel, f.save)
		cur := u.w.Current()
		if u.svc.NoteAnchor(*old).Orphaned && cur.Kind() != model.KindCompilation {
			// The note's place is gone: offer the node the reader is on.
			f.move = widget.NewButton(fmt.Sprintf("移到当前位置 %s", cur.Addr), func() {
				if _, err := u.svc.MoveNote(old.ID, u.comp, cur); err != nil {
					dialog.ShowError(err, win)
					return
				}
				f.dlg.Hide()
				u.w.status.SetText(fmt.Sprintf("已将笔记 %s 移到 %s", old.ID, cur.Addr))
				u.changed()
			})
			buttons = container.NewHBox(f.move, f.delete, cancel, f.save)
		}
	}
	updateCount(f.text.Text)
	content := container.NewBorder(nil, container.NewCenter(buttons), nil, nil, form)
	f.dlg = dialog.NewCustomWithoutButtons(title, content, win)
	f.dlg.Resize(fyne.NewSize(560, 0))
	f.dlg.Show()
	win.Canvas().Focus(f.text)
	return f
}

func (u *NotesUI) deleteNote(id string) {
	n, err := u.svc.DeleteNote(id)
	if err != nil {
		dialog.ShowError(err, u.w.FyneWindow())
		return
	}
	u.w.status.SetText(fmt.Sprintf("已删除笔记 %s(%s),按 Ctrl+Z 撤销", n.ID, n.Address))
	u.changed()
}

// UndoDelete restores the note or bookmark deleted last.
func (u *NotesUI) UndoDelete() {
	d, err := u.svc.UndoDelete()
	if err != nil {
		if !errors.Is(err, notes.ErrNothingToUndo) {
			dialog.ShowError(err, u.w.FyneWindow())
		}
		u.w.status.SetText(err.Error())
		return
	}
	if d.Note != nil {
		u.w.status.SetText(fmt.Sprintf("已恢复笔记 %s(%s)", d.Note.ID, d.Note.Address))
	} else {
		u.w.status.SetText(fmt.Sprintf("已恢复书签 %s “%s”", d.Bookmark.Address, d.Bookmark.Name))
	}
	u.changed()
}

// undoShortcut is Ctrl+Z: in a text field it undoes typing, elsewhere it
// restores the last deleted note or bookmark.
func (u *NotesUI) undoShortcut() {
	if e, ok := u.w.FyneWindow().Canvas().Focused().(*widget.Entry); ok {
		e.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	u.UndoDelete()
}

// ---- tree and pane markers ----

// decorateTree adds ✓ (read), ★ (bookmark) and ● (notes) to the tree's labels.
func (u *NotesUI) decorateTree() {
	t := u.w.tree
	base := t.UpdateNode
	t.UpdateNode = func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
		base(id, branch, o)
		l, ok := o.(*widget.Label)
		if !ok {
			return
		}
		if prefix, suffix := u.treeMark(id); prefix != "" || suffix != "" {
			text := l.Text
			if prefix != "" {
				text = prefix + " " + text
			}
			if suffix != "" {
				text += "  " + suffix
			}
			l.SetText(text)
		}
	}
}

// treeMark is the marker text for a tree node. Before the label (so that
// truncation never hides it): ✓ for a node marked read, ★ for a bookmark,
// ● and the number of notes on the node. After it: (n) for the notes
// further down.
func (u *NotesUI) treeMark(id string) (prefix, suffix string) {
	if u.reading != nil && u.reading.isRead(id) {
		prefix = markRead
	}
	m, ok := u.markers[id]
	if !ok {
		return prefix, ""
	}
	if m.Bookmarked {
		prefix += markBookmark
	}
	if m.Notes > 0 {
		prefix += fmt.Sprintf("%s%d", markNote, m.Notes)
	}
	if m.Inside > 0 {
		suffix = fmt.Sprintf("(%d)", m.Inside)
	}
	return prefix, suffix
}

func isNoteStyle(s string) bool {
	for _, c := range notes.Colors {
		if string(c) == s {
			return true
		}
	}
	return false
}

// refreshHighlights sets the note highlights of the nodes the pane shows:
// each quoted passage in its note's colour, and the heading line of a node
// with notes that quote nothing. Only the shown nodes are computed, so the
// cost does not grow with the number of notes elsewhere.
func (u *NotesUI) refreshHighlights() {
	paras := map[string][]nav.Paragraph{}
	var ids []string
	for _, p := range u.w.Paragraphs() {
		if p.NodeID == "" || p.Part < 0 {
			continue
		}
		if _, ok := paras[p.NodeID]; !ok {
			ids = append(ids, p.NodeID)
		}
		paras[p.NodeID] = append(paras[p.NodeID], p)
	}
	want := map[string][]Highlight{}
	for id, ns := range u.svc.NotesOn(ids) {
		for _, n := range ns {
			if u.svc.NoteAnchor(n).Orphaned {
				continue
			}
			if h, ok := quoteHighlight(paras[id], n); ok {
				want[id] = append(want[id], h)
			}
		}
	}
	for id := range u.lit {
		if _, ok := want[id]; !ok {
			u.setNoteHighlights(id, nil)
		}
	}
	u.lit = map[string]bool{}
	for id, hs := range want {
		u.setNoteHighlights(id, hs)
		u.lit[id] = true
	}
}

// setNoteHighlights replaces the note highlights of one node, keeping the
// search highlights on it.
func (u *NotesUI) setNoteHighlights(nodeID string, hs []Highlight) {
	var keep []Highlight
	for _, h := range u.w.pane.Highlights(nodeID) {
		if !isNoteStyle(h.Style) {
			keep = append(keep, h)
		}
	}
	u.w.SetHighlights(nodeID, append(keep, hs...))
}

// quoteHighlight finds a note's quote in its node's paragraphs; a note
// without a quote (or whose quote is no longer in the text) marks the
// node's heading line.
func quoteHighlight(ps []nav.Paragraph, n notes.Note) (Highlight, bool) {
	style := string(n.Color)
	if q := strings.TrimSpace(n.Quote); q != "" {
		// A quote may span paragraphs; its first line is enough to find it.
		first, _, _ := strings.Cut(q, "\n")
		first = strings.TrimSpace(first)
		for _, p := range ps {
			if i := strings.Index(p.Text, first); i >= 0 {
				start := utf8.RuneCountInString(p.Text[:i])
				return Highlight{Part: p.Part, Start: start, End: start + utf8.RuneCountInString(first), Style: style}, true
			}
		}
	}
	for _, p := range ps {
		if p.Part == 0 {
			return Highlight{Part: 0, Start: 0, End: utf8.RuneCountInString(p.Text), Style: style}, true
		}
	}
	return Highlight{}, false
}

// quotePart is the paragraph a note's quote is in (0 if none), for jumps.
func (u *NotesUI) quotePart(n notes.Note) int {
	a := u.svc.NoteAnchor(n)
	if a.Orphaned {
		return 0
	}
	var ps []nav.Paragraph
	for _, p := range nav.Paragraphs(u.comp, a.Node) {
		if p.NodeID == n.NodeID && p.Part >= 0 {
			ps = append(ps, p)
		}
	}
	if h, ok := quoteHighlight(ps, n); ok {
		return h.Part
	}
	return 0
}

// jumpToNote shows a note's node with its quote at the top; an orphaned
// note opens its dialog instead, since its place is gone.
func (u *NotesUI) jumpToNote(n notes.Note) {
	if u.svc.NoteAnchor(n).Orphaned {
		u.showNoteDialog(model.Node{}, &n, "")
		return
	}
	if err := u.w.Reveal(n.NodeID, u.quotePart(n)); err != nil {
		dialog.ShowError(err, u.w.FyneWindow())
	}
}

// ---- menus, export and import ----

func (u *NotesUI) addMenus() {
	w := u.w
	item := func(key, label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		w.menuItems[key] = it
		return it
	}
	w.AddMenuItems("笔记",
		item(actNotesPanel, "笔记面板", ctrlShift(fyne.KeyN), u.toggleNotesPanel),
		item(actBookmarksPanel, "书签面板", ctrlShift(fyne.KeyB), u.toggleBookmarksPanel),
		fyne.NewMenuItemSeparator(),
		item(actUndoDelete, "撤销删除", ctrl(fyne.KeyZ), u.undoShortcut),
	)
	w.AddMenuItems("文件",
		item(actExportMD, "导出笔记为 Markdown…", nil, func() { u.showExport("md") }),
		item(actExportJSON, "导出笔记为 JSON…", nil, func() { u.showExport("json") }),
		item(actImportNotes, "导入笔记(JSON)…", nil, u.showImport),
		fyne.NewMenuItemSeparator(),
	)
}

func (u *NotesUI) toggleNotesPanel() {
	if u.w.PanelShown(panelNotes) {
		u.w.HidePanel(panelNotes)
		return
	}
	u.notesPanel.reload()
	u.w.ShowPanel(panelNotes, u.notesPanel.box) // lays the reading area out again, now
}

func (u *NotesUI) toggleBookmarksPanel() {
	if u.w.PanelShown(panelBookmarks) {
		u.w.HidePanel(panelBookmarks)
		return
	}
	u.bmPanel.reload()
	u.w.ShowPanel(panelBookmarks, u.bmPanel.box) // lays the reading area out again, now
}

// export writes every note and bookmark in format "md" or "json".
func (u *NotesUI) export(w io.Writer, format string) error {
	if format == "json" {
		return u.svc.ExportJSON(w)
	}
	return u.svc.ExportMarkdown(w, nil)
}

func (u *NotesUI) showExport(format string) {
	win := u.w.FyneWindow()
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("导出笔记: %w", err), win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		var buf bytes.Buffer
		err = u.export(&buf, format)
		if err == nil {
			_, err = wc.Write(buf.Bytes())
		}
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("导出笔记到 %s: %w", wc.URI().Path(), err), win)
			return
		}
		u.w.status.SetText(fmt.Sprintf("已导出 %d 条笔记到 %s", u.svc.NoteCount(), wc.URI().Path()))
	}, win)
	if format == "json" {
		d.SetFileName("汇编阅读器笔记.json")
		d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	} else {
		d.SetFileName("汇编阅读器笔记.md")
		d.SetFilter(storage.NewExtensionFileFilter([]string{".md"}))
	}
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// importData merges a JSON export and says what it did, in Chinese.
func (u *NotesUI) importData(name string, data []byte) (string, error) {
	rep, err := u.svc.ImportJSON(data)
	if err != nil {
		return "", fmt.Errorf("导入文件 %s: %w", name, err)
	}
	u.changed()
	msg := fmt.Sprintf("已导入 %s:%s。", name, rep)
	if len(rep.Problems) > 0 {
		shown := rep.Problems
		if len(shown) > 10 {
			shown = shown[:10]
		}
		msg += "\n\n内容有误而跳过的记录:\n" + strings.Join(shown, "\n")
	}
	return msg, nil
}

func (u *NotesUI) showImport() {
	win := u.w.FyneWindow()
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("导入笔记: %w", err), win)
			return
		}
		if rc == nil {
			return
		}
		defer rc.Close()
		name := rc.URI().Path()
		data, err := io.ReadAll(rc)
		if err != nil {
			dialog.ShowError(fmt.Errorf("读取导入文件 %s: %w", name, err), win)
			return
		}
		msg, err := u.importData(name, data)
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		dialog.ShowInformation("导入笔记", msg, win)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// ---- notes panel ----

const (
	allDocs   = "全部篇目"
	allColors = "全部颜色"
	byPos     = "按位置"
	byTime    = "按时间"
)

type notesPanel struct {
	u      *NotesUI
	box    fyne.CanvasObject
	doc    *widget.Select
	color  *widget.Select
	order  *widget.Select
	query  *widget.Entry
	count  *widget.Label
	list   *widget.List
	shown  []notes.Note
	docIDs map[string]string // select label → document node ID
}

func newNotesPanel(u *NotesUI) *notesPanel {
	p := &notesPanel{u: u, docIDs: map[string]string{}}
	docs := []string{allDocs}
	for _, d := range u.comp.Documents {
		label := fmt.Sprintf("%d. %s", d.Number, d.Short)
		if d.Short == "" {
			label = fmt.Sprintf("%d. %s", d.Number, d.Title)
		}
		docs = append(docs, label)
		p.docIDs[label] = model.DocumentID(u.comp.ID, d.Number)
	}
	p.doc = widget.NewSelect(docs, nil)
	p.doc.SetSelected(allDocs)
	p.color = widget.NewSelect(append([]string{allColors}, colorLabels()...), nil)
	p.color.SetSelected(allColors)
	p.order = widget.NewSelect([]string{byPos, byTime}, nil)
	p.order.SetSelected(byPos)
	p.query = widget.NewEntry()
	p.query.SetPlaceHolder("在笔记中搜索")
	reload := func(string) { p.reload() }
	p.doc.OnChanged, p.color.OnChanged, p.order.OnChanged, p.query.OnChanged = reload, reload, reload, reload
	p.count = widget.NewLabel("")
	p.count.Importance = widget.LowImportance
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newNoteRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				o.(*noteRow).set(p.u, p.shown[i])
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.list.UnselectAll()
		if i < len(p.shown) {
			p.u.jumpToNote(p.shown[i])
		}
	}
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { u.w.HidePanel(panelNotes) })
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, boldLabel("笔记"))
	filters := container.NewVBox(head, p.doc, container.NewGridWithColumns(2, p.color, p.order), p.query, p.count)
	p.box = container.NewBorder(filters, nil, nil, nil, p.list)
	return p
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

// filter is what the panel's controls select.
func (p *notesPanel) filter() notes.Filter {
	f := notes.Filter{CompID: p.u.comp.ID, Query: p.query.Text}
	if id, ok := p.docIDs[p.doc.Selected]; ok {
		f.DocID = id
	}
	if c, ok := colorByLabel[p.color.Selected]; ok {
		f.Colors = []notes.Color{c}
	}
	if p.order.Selected == byTime {
		f.Order = notes.ByTime
	}
	return f
}

func (p *notesPanel) reload() {
	p.shown = p.u.svc.Notes(p.filter())
	total := p.u.svc.NoteCount()
	if len(p.shown) == total {
		p.count.SetText(fmt.Sprintf("共 %d 条笔记", total))
	} else {
		p.count.SetText(fmt.Sprintf("显示 %d 条,共 %d 条笔记", len(p.shown), total))
	}
	p.list.Refresh()
}

// noteRow is one row of the notes panel: a colour swatch, where the note
// is, and the start of its text.
type noteRow struct {
	widget.BaseWidget
	swatch *canvas.Rectangle
	where  *widget.Label
	text   *widget.Label
	edit   *widget.Button
	box    *fyne.Container
	onEdit func()
}

func newNoteRow() *noteRow {
	r := &noteRow{swatch: canvas.NewRectangle(uitheme.HighlightColor(uitheme.HighlightYellow, theme.VariantLight))}
	r.swatch.SetMinSize(fyne.NewSize(6, 10))
	r.where = widget.NewLabel("")
	r.where.TextStyle.Bold = true
	r.where.Truncation = fyne.TextTruncateEllipsis
	r.text = widget.NewLabel("")
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		if r.onEdit != nil {
			r.onEdit()
		}
	})
	r.edit.Importance = widget.LowImportance
	r.box = container.NewBorder(nil, nil, r.swatch, r.edit, container.NewVBox(r.where, r.text))
	r.ExtendBaseWidget(r)
	return r
}

func (r *noteRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *noteRow) set(u *NotesUI, n notes.Note) {
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	r.swatch.FillColor = uitheme.HighlightColor(string(n.Color), variant)
	r.swatch.Refresh()
	where := fmt.Sprintf("%s  %s", n.Address, n.Title)
	if u.svc.NoteAnchor(n).Orphaned {
		where = "〔原位置已不存在〕" + where
	}
	r.where.SetText(where)
	text := strings.TrimSpace(n.Text)
	if n.Quote != "" {
		if text == "" {
			text = "“" + n.Quote + "”"
		} else {
			text = "“" + n.Quote + "” " + text
		}
	}
	r.text.SetText(oneLine(text, 80))
	r.onEdit = func() { u.showNoteDialog(model.Node{}, &n, "") }
}

// oneLine folds line breaks and shortens s to at most max characters.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return s
}
