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
	type acc struct {
		notes  int
		colors [len(palette)]bool
		title  string
		quote  string
	}
	per := make(map[string]*acc, len(groups))
	for id, g := range groups {
		a := &acc{notes: len(g.notes), title: g.notes[0].Title, quote: g.notes[0].Quote}
		per[id] = a
		for _, n := range g.notes {
			for i, c := range colorOrder {
				if c == n.Color {
					a.colors[i] = true
				}
			}
		}
	}
	out := make(map[string]Marker, len(per)+len(s.bookmarks))
	for id, a := range per {
		m := out[id]
		m.Notes = a.notes
		for i, on := range a.colors {
			if on {
				m.Colors = append(m.Colors, colorOrder[i])
			}
		}
		out[id] = m
		an := s.anchorLocked(id, a.title, a.quote)
		if an.orphan {
			continue
		}
		k := an.key
		switch {
		case k.item > 0:
			for _, pid := range []string{model.DocumentID(an.comp, k.doc), model.SectionID(an.comp, k.doc, k.sec)} {
				p := out[pid]
				p.Inside += a.notes
				out[pid] = p
			}
		case k.sec > 0:
			pid := model.DocumentID(an.comp, k.doc)
			p := out[pid]
			p.Inside += a.notes
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
