package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"huibian/app/model"
	"huibian/app/notes"
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

// NotesUI is the notes and bookmarks part of the window.
type NotesUI struct {
	w    *Window
	svc  *notes.Service
	comp *model.Compilation

	markers map[string]notes.Marker
	// reading records the reading position and read marks (reading.go).
	reading *reading

	notesPanel *notesPanel
	bmPanel    *bookmarksPanel
	backups    *backupWarner // once-per-session backup failure notice (backups.go)

	// OnChange runs after every change to notes or bookmarks (the search
	// index uses it to refresh its copy).
	OnChange []func()
}

// AttachNotes connects an open notes service to the window. The caller
// keeps ownership of svc and closes it, after calling the NotesUI's Close
// (which writes the pending reading state).
func AttachNotes(w *Window, svc *notes.Service) (*NotesUI, error) {
	return attachNotes(w, svc, newBackupWarner(w))
}

// attachNotes is AttachNotes with the backup-failure notice that the notes
// service was opened with (notes.Options.OnBackupError).
func attachNotes(w *Window, svc *notes.Service, warner *backupWarner) (*NotesUI, error) {
	if svc == nil {
		return nil, errors.New("没有打开的笔记")
	}
	u := &NotesUI{w: w, svc: svc, comp: w.Compilation(), backups: warner}
	u.reading = newReading(u)
	u.notesPanel = newNotesPanel(u)
	u.bmPanel = newBookmarksPanel(u)
	u.w.DecorateTree(u.treeMark) // ✓ (read), ★ (bookmark), ● (notes)
	u.w.SetTreeNoteColors(func(id string) []notes.Color { return u.markers[id].Colors })
	u.addMenus()
	w.SetAnnotator(u)
	w.OnNavigate(func(model.Node) { u.refreshHighlights() })
	u.refresh()
	u.reading.attach()
	u.followCompilation() // switch.go
	if r := svc.Recovery; r != nil {
		dialog.ShowInformation("用户数据已恢复", r.String(), w.FyneWindow())
	}
	u.showDataNotices()
	return u, nil
}

// refresh recomputes the markers and refreshes every view of the notes.
func (u *NotesUI) refresh() {
	u.markers = u.svc.Markers()
	u.w.RefreshTree()
	u.refreshHighlights()
	if u.w.PanelOpen(panelNotes) {
		u.notesPanel.reload()
	}
	if u.w.PanelOpen(panelBookmarks) {
		u.bmPanel.reload()
	}
	u.w.RefreshAnnotations()
	u.w.setMenuEnabled(actUndoDelete, u.svc.CanUndo())
	u.checkRepairs()
}

func (u *NotesUI) changed() {
	u.refresh()
	for _, fn := range u.OnChange {
		fn()
	}
}

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
	u.changed()
	if on {
		u.w.SetStatus(fmt.Sprintf("已添加书签 %s “%s”", b.Address, b.Name))
	} else {
		u.offerUndo(fmt.Sprintf("已删除书签 %s “%s”，按 Ctrl+Z 撤销", b.Address, b.Name))
	}
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

func (u *NotesUI) deleteNote(id string) {
	n, err := u.svc.DeleteNote(id)
	if err != nil {
		dialog.ShowError(err, u.w.FyneWindow())
		return
	}
	u.changed()
	u.offerUndo(fmt.Sprintf("已删除笔记（%s），按 Ctrl+Z 撤销", noteWhere(n)))
}

// offerUndo says what was deleted, with an 撤销 button in the status line.
func (u *NotesUI) offerUndo(msg string) { u.w.SetStatusAction(msg, "撤销", u.UndoDelete) }

// UndoDelete restores the note or bookmark deleted last.
func (u *NotesUI) UndoDelete() {
	d, err := u.svc.UndoDelete()
	if err != nil {
		if !errors.Is(err, notes.ErrNothingToUndo) {
			dialog.ShowError(err, u.w.FyneWindow())
		}
		u.w.SetStatus(err.Error())
		return
	}
	if d.Note != nil {
		u.w.SetStatus(fmt.Sprintf("已恢复笔记（%s）", noteWhere(*d.Note)))
	} else {
		u.w.SetStatus(fmt.Sprintf("已恢复书签 %s “%s”", d.Bookmark.Address, d.Bookmark.Name))
	}
	u.changed()
}

// undoShortcut is Ctrl+Z: in a text field it undoes typing, elsewhere it
// restores the last deleted note or bookmark.
func (u *NotesUI) undoShortcut() {
	if e, ok := u.w.focusedEditor(); ok {
		e.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	u.UndoDelete()
}

// noteWhere names a note for the status bar by where it is (address and
// title), never by its internal ID.
func noteWhere(n notes.Note) string {
	if n.Title == "" {
		return n.Address
	}
	return oneLine(n.Address+" "+n.Title, 30)
}
