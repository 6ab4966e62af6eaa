package notes

import (
	"container/heap"
	"math/bits"
	"sort"
	"strings"

	"huibian/app/model"
)

// Listing 100 000 notes for a panel that shows a dozen rows at a time:
// the notes are grouped by node (built at first use after a change, one
// pass over the notes), so that a node's compilation, document and anchor
// are worked out once per node rather than once per note; and NotesPage
// keeps only the first rows in the list's order (a bounded heap) instead
// of sorting and copying every note.

// noteGroup is the notes on one node.
type noteGroup struct {
	notes []*Note
	// sameTitle is set when every note carries the title of notes[0]
	// (the usual case): whether the title still matches the node's is
	// then decided once for the group.
	sameTitle bool
	// colors has bit i set when a note of the group has colorOrder[i], so
	// that Markers reads the groups rather than every note.
	colors uint8
	// created[i] is notes[i].Created in Unix milliseconds: listing a page
	// orders by it without reading 100 000 notes scattered in memory.
	created []int64
}

// groupsLocked returns the notes grouped by node ID; s.mu is held. The
// groups are dropped at every change to s.notes (forgetGroupsLocked).
func (s *Service) groupsLocked() map[string]*noteGroup {
	s.loadNotesLocked()
	if s.groups == nil {
		all := make([]*Note, 0, len(s.notes))
		for _, n := range s.notes {
			all = append(all, n)
		}
		s.groups = groupNotes(all)
	}
	return s.groups
}

// groupNotes groups notes by node ID. loadNotes passes them in the order
// they were read, which is the order of their memory.
func groupNotes(all []*Note) map[string]*noteGroup {
	var gr grouper
	for _, n := range all {
		gr.add(n)
	}
	return gr.done()
}

// grouper builds the groups one note at a time: loadNotes adds each note
// as it is decoded, while its bytes are still in the processor's cache
// (grouping 100 000 notes after reading them all took three times as long).
type grouper struct {
	groups map[string]*noteGroup
	last   *noteGroup // notes on the same node often come together
}

// find returns the group of node nodeID so far, or nil.
func (gr *grouper) find(nodeID string) *noteGroup {
	if g := gr.last; g != nil && g.notes[0].NodeID == nodeID {
		return g
	}
	return gr.groups[nodeID]
}

// first returns the first note added on node nodeID, or nil.
func (gr *grouper) first(nodeID string) *Note {
	if g := gr.find(nodeID); g != nil {
		return g.notes[0]
	}
	return nil
}

func (gr *grouper) add(n *Note) {
	if gr.groups == nil {
		gr.groups = make(map[string]*noteGroup)
	}
	g := gr.find(n.NodeID)
	if g == nil {
		g = &noteGroup{sameTitle: true}
		gr.groups[n.NodeID] = g
	}
	if g.sameTitle && len(g.notes) > 0 && n.Title != g.notes[0].Title {
		g.sameTitle = false
	}
	g.notes = append(g.notes, n)
	g.created = append(g.created, n.Created.UnixMilli())
	g.colors |= colorBit(n.Color)
	gr.last = g
}

// done returns the groups (an empty map when no note was added).
func (gr *grouper) done() map[string]*noteGroup {
	if gr.groups == nil {
		return map[string]*noteGroup{}
	}
	return gr.groups
}

// paletteColor returns the palette's own Color equal to c (a constant, so
// that 100 000 notes share five strings), and whether there is one.
func paletteColor(c Color) (Color, bool) {
	if b := colorBit(c); b != 0 {
		return colorOrder[bits.TrailingZeros8(b)], true
	}
	return "", false
}

// colorBit is bit i for colorOrder[i], 0 for a colour not in the palette.
// A switch, not a loop over the palette: it runs once per note when the
// groups are built.
func colorBit(c Color) uint8 {
	switch c {
	case Yellow:
		return 1 << 0
	case Green:
		return 1 << 1
	case Blue:
		return 1 << 2
	case Pink:
		return 1 << 3
	case Purple:
		return 1 << 4
	}
	return 0
}

// forgetGroupsLocked is called after every change to s.notes.
func (s *Service) forgetGroupsLocked() { s.groups = nil }

// NotesPage returns the first limit notes of Notes(f), in its order, and
// how many notes pass f in all. A limit < 0 returns them all.
func (s *Service) NotesPage(f Filter, limit int) (page []Note, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sel, total := s.selectLocked(f, limit)
	ns := make([]*Note, len(sel))
	for i, e := range sel {
		ns[i] = e.n
	}
	return s.copiesLocked(ns), total
}

// listEntry is one selected note with what orders it.
type listEntry struct {
	key     posKey
	created int64
	n       *Note
}

// before reports whether a comes before b in the order o (a total order:
// note IDs are unique).
func (a *listEntry) before(b *listEntry, o Order) bool {
	if o == ByTime {
		if a.created != b.created {
			return a.created > b.created
		}
		return a.n.ID < b.n.ID
	}
	if a.key != b.key {
		return a.key.less(b.key)
	}
	if a.created != b.created {
		return a.created < b.created
	}
	return a.n.ID < b.n.ID
}

// worstFirst is a heap whose top is the entry that comes last in the
// order: the one to drop when a better one comes.
type worstFirst struct {
	e []listEntry
	o Order
}

func (h *worstFirst) Len() int           { return len(h.e) }
func (h *worstFirst) Less(i, j int) bool { return h.e[j].before(&h.e[i], h.o) }
func (h *worstFirst) Swap(i, j int)      { h.e[i], h.e[j] = h.e[j], h.e[i] }
func (h *worstFirst) Push(x any)         { h.e = append(h.e, x.(listEntry)) }
func (h *worstFirst) Pop() any {
	x := h.e[len(h.e)-1]
	h.e = h.e[:len(h.e)-1]
	return x
}

// selectLocked finds the notes passing f, sorted in f's order, keeping
// the first limit (all if limit < 0), and counts them all; s.mu is held.
func (s *Service) selectLocked(f Filter, limit int) ([]listEntry, int) {
	q := strings.ToLower(strings.TrimSpace(f.Query))
	if q != "" {
		s.loadTextsLocked() // the query is matched against the texts
	}
	groups := s.groupsLocked()
	docComp, docAddr := "", model.Address{}
	if f.DocID != "" {
		if c, a, err := model.ParseID(f.DocID); err == nil {
			docComp, docAddr = c, a
		}
	}
	needAnchor := f.DocID != "" || f.Orphaned != AnyAnchor || f.Order == ByPosition
	var all []listEntry // limit < 0
	h := &worstFirst{o: f.Order}
	total := 0
	for nodeID, g := range groups {
		if f.NodeID != "" && nodeID != f.NodeID {
			continue
		}
		if f.CompID != "" && !inComp(nodeID, f.CompID) {
			continue
		}
		var ga anchor // the node's anchor, for notes whose title still matches
		groupOK := false
		if needAnchor {
			var ok bool
			if ga, ok = s.anchors[nodeID]; !ok {
				ga = s.resolve(nodeID)
				s.anchors[nodeID] = ga
			}
			first := g.notes[0]
			groupOK = g.sameTitle && (ga.orphan || ga.c == nil || first.Title == "" || ga.node.Title() == first.Title)
		}
		for i, n := range g.notes {
			if len(f.Colors) > 0 && !hasColor(f.Colors, n.Color) {
				continue
			}
			if q != "" && !containsFold(n.Text, q) && !containsFold(n.Quote, q) {
				continue
			}
			var a anchor
			if needAnchor {
				a = ga
				if !groupOK && !(a.orphan || a.c == nil || n.Title == "" || a.node.Title() == n.Title) {
					a = s.anchorLocked(n.NodeID, n.Title, n.Quote) // title changed: quote check
				}
			}
			if f.DocID != "" && (a.orphan || a.comp != docComp || a.key.doc != docAddr.Doc) {
				continue
			}
			if (f.Orphaned == OnlyOrphaned && !a.orphan) || (f.Orphaned == OnlyAnchored && a.orphan) {
				continue
			}
			total++
			e := listEntry{a.key, g.created[i], n}
			switch {
			case limit < 0:
				all = append(all, e)
			case limit == 0:
			case len(h.e) < limit:
				heap.Push(h, e)
			case e.before(&h.e[0], f.Order):
				h.e[0] = e
				heap.Fix(h, 0)
			}
		}
	}
	if limit >= 0 {
		all = h.e
	}
	sort.Slice(all, func(i, j int) bool { return all[i].before(&all[j], f.Order) })
	return all, total
}
