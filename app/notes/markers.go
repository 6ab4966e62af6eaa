package notes

import (
	"huibian/app/model"
)

// Marker summarises the notes and bookmark on one node, for the tree and
// the reading pane.
type Marker struct {
	// Notes is the number of notes on the node itself.
	Notes int
	// Colors are the distinct colours of those notes, in palette (menu) order.
	Colors []Color
	// Inside is the number of notes on nodes below this one (the items
	// of a document or section).
	Inside int
	// Bookmarked is set when the node has a bookmark.
	Bookmarked bool
}

// Markers maps node IDs to what the tree and pane should show on them.
// Only nodes with notes (on themselves or inside) or a bookmark appear.
func (s *Service) Markers() map[string]Marker {
	s.mu.Lock()
	defer s.mu.Unlock()
	groups := s.groupsLocked()
	out := make(map[string]Marker, len(groups)+len(s.bookmarks))
	for id, g := range groups {
		m := out[id]
		m.Notes = len(g.notes)
		m.Colors = groupColors(g.colors)
		out[id] = m
		an := s.anchorLocked(id, g.notes[0].Title, g.notes[0].Quote)
		if an.orphan {
			continue
		}
		k := an.key
		switch {
		case k.item > 0:
			for _, pid := range []string{model.DocumentID(an.comp, k.doc), model.SectionID(an.comp, k.doc, k.sec)} {
				p := out[pid]
				p.Inside += m.Notes
				out[pid] = p
			}
		case k.sec > 0:
			pid := model.DocumentID(an.comp, k.doc)
			p := out[pid]
			p.Inside += m.Notes
			out[pid] = p
		}
	}
	for id := range s.bookmarks {
		m := out[id]
		m.Bookmarked = true
		out[id] = m
	}
	return out
}

// groupColors lists the colours whose bits (colorBit) are set in bits, in
// palette order; nil when none is.
func groupColors(bits uint8) []Color {
	var out []Color
	for i, c := range colorOrder {
		if bits&(1<<i) != 0 {
			out = append(out, c)
		}
	}
	return out
}
