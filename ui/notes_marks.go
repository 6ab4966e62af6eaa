package ui

import (
	"fmt"
	"slices"
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
	for id, marks := range u.svc.QuotesOn(ids) {
		for _, m := range marks {
			if h, ok := quoteHighlight(paras[id], m.Quote, m.Color); ok {
				want[id] = append(want[id], h)
			}
		}
	}
	for id, hs := range want {
		want[id] = flattenHighlights(hs)
	}
	u.w.SetHighlightLayer(LayerNotes, want)
}

// flattenHighlights returns highlights that paint what hs paint, drawn in
// order (opaque fills, a later one over an earlier): per paragraph, the
// runs of runes whose last covering highlight has the same style, in
// paragraph and rune order. With 100 000 notes a node carries hundreds,
// mostly the same heading line or overlapping quotes; drawn one by one
// (a rounded rectangle per line each) they made the window's start-up
// cost more than a second of CPU.
func flattenHighlights(hs []Highlight) []Highlight {
	if len(hs) < 2 {
		return hs
	}
	byPart := map[int][]Highlight{}
	var parts []int
	for _, h := range hs {
		if h.End <= h.Start || h.Start < 0 {
			continue
		}
		if _, ok := byPart[h.Part]; !ok {
			parts = append(parts, h.Part)
		}
		byPart[h.Part] = append(byPart[h.Part], h)
	}
	slices.Sort(parts)
	var out []Highlight
	for _, part := range parts {
		list := byPart[part]
		end := 0
		for _, h := range list {
			end = max(end, h.End)
		}
		top := make([]int, end) // index+1 in list of the highlight on top of each rune
		for i, h := range list {
			for r := h.Start; r < h.End; r++ {
				top[r] = i + 1
			}
		}
		for r := 0; r < end; {
			if top[r] == 0 {
				r++
				continue
			}
			style := list[top[r]-1].Style
			s := r
			for r < end && top[r] != 0 && list[top[r]-1].Style == style {
				r++
			}
			out = append(out, Highlight{Part: part, Start: s, End: r, Style: style})
		}
	}
	return out
}

// quoteHighlight finds a note's quote in its node's paragraphs; a note
// without a quote (or whose quote is no longer in the text) marks the
// node's heading line.
func quoteHighlight(ps []nav.Paragraph, quote string, color notes.Color) (Highlight, bool) {
	style := string(color)
	if q := strings.TrimSpace(quote); q != "" {
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
	if h, ok := quoteHighlight(ps, n.Quote, n.Color); ok {
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
