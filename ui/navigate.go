package ui

import (
	"fmt"

	"huibian/app/model"
	"huibian/app/nav"
)

// Open shows the node at addr: it selects and reveals it in the tree and
// records it in the history.
func (w *Window) Open(addr model.Address) error {
	n, err := w.comp.Resolve(addr)
	if err != nil {
		return err
	}
	w.show(n, true)
	return nil
}

// OpenID opens the node with a stable node ID.
func (w *Window) OpenID(id string) error {
	comp, addr, err := model.ParseID(id)
	if err != nil {
		return err
	}
	if comp != w.comp.ID {
		return fmt.Errorf("节点“%s”不属于本汇编", id)
	}
	return w.Open(addr)
}

// Reveal shows paragraph part of node nodeID at the top of the pane,
// opening the node unless the pane already shows its text.
func (w *Window) Reveal(nodeID string, part int) error {
	i := w.pane.Index(nodeID, part)
	if i < 0 {
		if err := w.OpenID(nodeID); err != nil {
			return err
		}
		i = w.pane.Index(nodeID, part)
	}
	w.pane.ScrollToRow(i)
	return nil
}

// show displays n; visit records it in the history.
func (w *Window) show(n model.Node, visit bool) { w.showFrom(n, visit, false) }

// showFrom displays n; fromTree says the tree selected it already.
func (w *Window) showFrom(n model.Node, visit, fromTree bool) {
	if !w.shown || !nav.SameNode(w.current.Addr, n.Addr) {
		w.pane.SetParagraphs(nav.Paragraphs(w.comp, n))
	}
	w.shown = true
	w.current = n
	if visit {
		w.history.Visit(n.Addr)
	}
	if !fromTree {
		w.selectInTree(n)
	}
	w.status.SetText(nav.FullTitle(w.comp, n))
	w.toolbar.setHistory(w.history.CanBack(), w.history.CanForward())
	w.setMenuEnabled(actBack, w.history.CanBack())
	w.setMenuEnabled(actForward, w.history.CanForward())
	_, hasPrev := nav.Prev(w.comp, n.Addr)
	_, hasNext := nav.Next(w.comp, n.Addr)
	w.setMenuEnabled(actPrev, hasPrev)
	w.setMenuEnabled(actNext, hasNext)
	w.RefreshAnnotations()
	for _, fn := range w.listeners {
		fn(n)
	}
	w.snapshot()
}

// Back goes back in the history.
func (w *Window) Back() {
	if a, ok := w.history.Back(); ok {
		w.showAddr(a)
	}
}

// Forward goes forward in the history.
func (w *Window) Forward() {
	if a, ok := w.history.Forward(); ok {
		w.showAddr(a)
	}
}

func (w *Window) showAddr(a model.Address) {
	if n, err := w.comp.Resolve(a); err == nil {
		w.show(n, false)
	}
}

// NextItem opens the next item in reading order.
func (w *Window) NextItem() {
	if n, ok := nav.Next(w.comp, w.current.Addr); ok {
		w.show(n, true)
	}
}

// PrevItem opens the previous item in reading order.
func (w *Window) PrevItem() {
	if n, ok := nav.Prev(w.comp, w.current.Addr); ok {
		w.show(n, true)
	}
}

// GoTo opens a typed address ("5", "5/2", "5.6"); the error explains in
// Chinese what is wrong with a bad one.
func (w *Window) GoTo(text string) error {
	n, err := w.comp.ResolveString(text)
	if err != nil {
		return err
	}
	w.show(n, true)
	return nil
}

// AtStart reports whether the pane shows the node it opened at start and
// the reader has not moved since (no history to go back or forward to).
func (w *Window) AtStart() bool {
	return w.shown && !w.history.CanBack() && !w.history.CanForward()
}

// RestorePosition opens node nodeID as the start of the history (Back
// does not lead to what was shown before) unless it is shown already, and
// scrolls paragraph row to the top if row > 0. It reports false, and
// changes nothing, if there is no such node (it was removed by a
// re-import).
func (w *Window) RestorePosition(nodeID string, row int) bool {
	if nodeID != w.current.ID(w.comp.ID) {
		n, ok := w.nodeOf(nodeID)
		if !ok {
			return false
		}
		w.history = nav.History{}
		w.show(n, true)
	}
	if row > 0 {
		w.pane.ScrollToRow(row)
	}
	return true
}

// TopRow is the index of the paragraph at the top of the pane.
func (w *Window) TopRow() int { return w.pane.TopRow() }
