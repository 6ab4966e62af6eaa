package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/nav"
)

// Tree IDs are the stable node IDs; the compilation's own ID is its root.
func (w *Window) treeID(n model.Node) string { return n.ID(w.comp.ID) }

func (w *Window) nodeOf(id string) (model.Node, bool) {
	if id == w.comp.ID {
		return model.Node{}, true
	}
	_, a, err := model.ParseID(id)
	if err != nil {
		return model.Node{}, false
	}
	n, err := w.comp.Resolve(a)
	return n, err == nil
}

func (w *Window) newTree() *widget.Tree {
	// The callbacks read w.comp each time: SetCompilation swaps it.
	children := func(id string) []string {
		c := w.comp
		if id == "" {
			return []string{c.ID}
		}
		n, ok := w.nodeOf(id)
		if !ok {
			return nil
		}
		var out []string
		switch n.Kind() {
		case model.KindCompilation:
			for _, d := range c.Documents {
				out = append(out, model.DocumentID(c.ID, d.Number))
			}
		case model.KindDocument:
			for _, s := range n.Document.Sections {
				out = append(out, model.SectionID(c.ID, n.Addr.Doc, s.Number))
			}
		case model.KindSection:
			for _, it := range n.Section.Items {
				out = append(out, model.ItemID(c.ID, n.Addr.Doc, it.Number))
			}
		}
		return out
	}
	isBranch := func(id string) bool {
		if id == "" {
			return true
		}
		n, ok := w.nodeOf(id)
		return ok && n.Kind() != model.KindItem
	}
	create := func(bool) fyne.CanvasObject { return newTreeRow(w) } // tree_row.go; ui/export.go: right-click menu
	update := func(id string, _ bool, o fyne.CanvasObject) {
		l, row := treeRowParts(o)
		if row != nil {
			row.id = id
		}
		n, ok := w.nodeOf(id)
		if !ok || l == nil {
			return
		}
		if row != nil {
			// Outline-only content is marked, not faded: the highest node
			// without text carries 仅提纲 (tree_row.go).
			marks := ""
			if outlineTop(n) {
				marks = outlineTag
			}
			row.setMarks(marks, w.noteColors(id))
		}
		text, bold := nav.TreeLabel(w.comp, n), n.Kind() == model.KindCompilation
		if l.Text == text && l.TextStyle.Bold == bold {
			return // the tree refreshes every row on each change; skip re-measuring
		}
		l.TextStyle.Bold = bold
		l.SetText(text)
	}
	t := widget.NewTree(children, isBranch, create, update)
	t.OnSelected = func(id string) {
		w.treeSel = id
		if w.syncing {
			return
		}
		if n, ok := w.nodeOf(id); ok {
			w.showFrom(n, true, true)
		}
	}
	return t
}

// selectInTree selects n in the tree, opening its ancestors first.
func (w *Window) selectInTree(n model.Node) {
	c := w.comp
	w.syncing = true
	defer func() { w.syncing = false }()
	open := func(id string) {
		if !w.tree.IsBranchOpen(id) { // OpenBranch refreshes the whole tree
			w.tree.OpenBranch(id)
		}
	}
	open(c.ID)
	if n.Kind() >= model.KindSection {
		open(model.DocumentID(c.ID, n.Addr.Doc))
	}
	if n.Kind() == model.KindItem {
		open(model.SectionID(c.ID, n.Addr.Doc, n.Addr.Section))
	}
	if id := w.treeID(n); w.treeSel == id {
		w.tree.ScrollTo(id)
	} else {
		w.tree.Select(id) // scrolls to it too
	}
}

// RefreshTree redraws every row of the contents tree (after markers change).
func (w *Window) RefreshTree() { w.tree.Refresh() }

// RefreshTreeItem redraws the tree row of one node.
func (w *Window) RefreshTreeItem(id string) { w.tree.RefreshItem(id) }

// DecorateTree adds marks to the tree's labels: mark returns the text to
// put before a node's label (so that truncation never hides it) and after
// it. Decorations run in the order added.
func (w *Window) DecorateTree(mark func(id string) (prefix, suffix string)) {
	base := w.tree.UpdateNode
	w.tree.UpdateNode = func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
		base(id, branch, o)
		l, row := treeRowParts(o)
		if l == nil {
			return
		}
		prefix, suffix := mark(id)
		if row != nil {
			// Markers stand apart from the title, at the row's right.
			marks := row.marks
			if prefix != "" {
				marks = prefix + " " + marks
			}
			if suffix != "" {
				marks += " " + suffix
			}
			row.setMarks(strings.TrimSpace(marks), row.colors)
			return
		}
		if prefix != "" || suffix != "" {
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
