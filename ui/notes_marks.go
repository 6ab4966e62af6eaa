package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2/dialog"

	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/notes"
)

// treeMark is the marker text for a tree node. Before the label (so that
// truncation never hides it): ✓ for a node marked read, ★ for a bookmark,
// ● and the number of notes on the node. After it: (n) for the notes
// further down.
func (u *NotesUI) treeMark(id string) (prefix, suffix string) {
	if u.reading != nil {
		prefix = u.reading.treeMark(id) // ✓, or 3/4 and 17/24 (reading.go)
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
	u.w.SetHighlightLayer(LayerNotes, want)
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
