package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/progress"
	"huibian/app/search"
)

// Switching the compilation the window shows. Everything that depends on
// the compilation (the tree, the pane, the history, the search index, the
// notes' markers and panels, the reading position) follows one method,
// SetCompilation; OpenCompilation loads one from the library first.
// Feature code hooks the switch with OnCompilationLeaving (save what
// belongs to the old one) and OnCompilationChanged (take up the new one).

// OnCompilationLeaving registers fn to run on the UI goroutine just
// before the window switches away from compilation old: the pane still
// shows it, so fn can save the reading position in it.
func (w *Window) OnCompilationLeaving(fn func(old *model.Compilation)) {
	w.onCompOut = append(w.onCompOut, fn)
}

// OnCompilationChanged registers fn to run on the UI goroutine when the
// window has switched to compilation c: Compilation() is c and the tree
// shows it, but no node of it is shown yet. A handler may show one (the
// reading position); if none does, the window shows its first document.
// Use OnNavigate for what depends on the node shown.
func (w *Window) OnCompilationChanged(fn func(c *model.Compilation)) {
	w.onComp = append(w.onComp, fn)
}

// SetCompilation shows compilation c in the window: the tree's root
// becomes its title, the history starts afresh, and the reading position
// stored for it (or its first document) is opened. A new copy of the
// compilation shown (a re-import) replaces it the same way.
func (w *Window) SetCompilation(c *model.Compilation) {
	if c == nil || c == w.comp {
		return
	}
	for _, fn := range w.onCompOut {
		fn(w.comp)
	}
	w.comp = c
	w.history = nav.History{}
	w.shown, w.current = false, model.Node{}
	// No UnselectAll: it walks every node of the old compilation; showing
	// the first node selects a node of the new one instead.
	w.treeSel = ""
	w.tree.Refresh()
	for _, fn := range w.onComp {
		fn(c)
	}
	if !w.shown {
		w.openStart()
	}
}

// openStart shows the first document, or the contents of a compilation
// without documents.
func (w *Window) openStart() {
	if len(w.comp.Documents) > 0 {
		_ = w.Open(model.Address{Doc: 1})
	} else {
		w.show(model.Node{}, true)
	}
}

// errNoLibrary is returned by OpenCompilation in a window without a
// library (tests).
var errNoLibrary = errors.New("窗口没有打开资料库")

// OpenCompilation loads compilation id from the library and shows it
// (SetCompilation), and remembers it as the one opened last.
func (w *Window) OpenCompilation(id string) error {
	if w.library == nil {
		return errNoLibrary
	}
	if id == w.comp.ID {
		return nil
	}
	c, err := w.library.lib.Get(id)
	if err != nil {
		return err
	}
	w.SetCompilation(c)
	w.library.rememberOpened(c.ID)
	return nil
}

// setCompilation follows the window to compilation c: with a library
// (the scope toggle's search.Multi), c's index is built with its notes and
// bookmarks, off the UI goroutine, the first time the window shows this
// copy of c (again after a re-import), and replaces any older one; then a
// search in the box runs again. The old results and highlights go at once.
func (s *SearchUI) setCompilation(c *model.Compilation) {
	s.opened = nil
	s.setMatches(nil)
	text := s.entry.Text
	if strings.TrimSpace(text) == "" && (len(s.rows) > 0 || s.w.PanelOpen(SearchPanel)) {
		s.gen.Add(1)
		s.clearResults() // lays the window out again: only when there is something to clear
	}
	st := &s.scopeSt
	st.mu.Lock()
	m := st.multi
	st.added = true // the open compilation's index goes in here, not at the first search
	st.mu.Unlock()
	if m == nil {
		return // no library: the window cannot switch (tests)
	}
	rerun := func() {
		if s.w.Compilation() == c && s.entry.Text == text && strings.TrimSpace(text) != "" {
			s.limit, s.keepPlace = search.DefaultLimit, false
			s.request(text)
		}
	}
	if s.built[c] {
		rerun() // its index, with its notes, is in m already (ReloadExtras keeps it so)
		return
	}
	if s.built == nil {
		s.built = map[*model.Compilation]bool{}
	}
	s.built[c] = true
	src := s.src
	go func() {
		x := search.New(c)
		if src != nil {
			if err := x.LoadExtras(src); err != nil {
				fyne.LogError("搜索索引读取笔记失败", err)
			}
		}
		m.Add(x)
		s.do(rerun)
	}()
}

// currentIndex is the index of compilation comp (the one shown when the
// caller asked): from the library's indexes when there is a library, so
// that the notes of the compilation shown go into its own index. Off the
// UI goroutine.
func (s *SearchUI) currentIndex(comp string) *search.Index {
	x := s.Index()
	st := &s.scopeSt
	st.mu.Lock()
	m := st.multi
	st.mu.Unlock()
	if m != nil && comp != x.Compilation().ID {
		if y, err := m.Index(comp); err == nil {
			return y
		}
	}
	return x
}

// savedPos is a reading position: a node and its paragraph at the top.
type savedPos struct {
	node string
	row  int
}

// followCompilation makes the notes follow the window to another
// compilation: the position in the one left is saved, the notes panel's
// documents and the panels change, and the position stored for the new one
// is opened. Positions are kept per compilation (notes.Service.Position);
// the ones saved in this session are also kept here, since the write queue
// may not have written them yet.
func (u *NotesUI) followCompilation() {
	w, r := u.w, u.reading
	if w.library != nil {
		w.library.notes = u
	}
	mem := map[string]savedPos{}
	w.OnCompilationLeaving(func(old *model.Compilation) {
		r.leave()
		r.savePosition(w.TopRow())
		if r.lastNode != "" {
			mem[old.ID] = savedPos{r.lastNode, r.lastRow}
		}
	})
	w.OnCompilationChanged(func(c *model.Compilation) {
		u.comp = c
		r.cur, r.lastNode, r.lastRow = "", "", -1
		r.tracker = progress.NewTracker(c)
		u.notesPanel.setDocuments(c)
		pos, ok := mem[c.ID]
		if !ok {
			if p, found, err := u.svc.Position(c.ID); err == nil && found {
				pos, ok = savedPos{p.NodeID, int(p.Offset)}, true
			}
		}
		if ok {
			if pos.node == c.ID {
				w.show(model.Node{}, true)
			} else {
				w.RestorePosition(pos.node, pos.row)
			}
		}
		if w.PanelOpen(panelNotes) {
			u.notesPanel.reload()
		}
		if w.PanelOpen(panelBookmarks) {
			u.bmPanel.reload()
		}
		r.updateMenu()
	})
}
