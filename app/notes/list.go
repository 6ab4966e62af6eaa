package notes

import (
	"sort"
	"strings"
)

// Filter selects notes. Zero fields select everything.
type Filter struct {
	// CompID keeps the notes on that compilation only.
	CompID string
	// NodeID keeps the notes on that node only.
	NodeID string
	// DocID keeps the notes on that document or anything inside it (a
	// document node ID such as "c50d52a54a8f3:5").
	DocID string
	// Colors keeps notes of these colours.
	Colors []Color
	// Query keeps notes whose text or quote contains it (case-insensitive).
	Query string
	// Orphaned keeps only orphaned notes (OnlyOrphaned) or only anchored
	// ones (OnlyAnchored).
	Orphaned OrphanFilter
	Order    Order
}

// OrphanFilter selects on whether a note's node still exists.
type OrphanFilter int

const (
	AnyAnchor OrphanFilter = iota
	OnlyAnchored
	OnlyOrphaned
)

// Notes lists the notes that pass f (NotesPage lists the first few).
func (s *Service) Notes(f Filter) []Note {
	out, _ := s.NotesPage(f, -1)
	return out
}

// QuoteMark is what the reading pane paints for one note: its quoted
// passage ("" for a note on the whole node) in its colour. It carries no
// text: with 100 000 notes a document's nodes hold tens of thousands, and
// painting them must not read their texts.
type QuoteMark struct {
	NoteID string
	Quote  string
	Color  Color
}

// QuotesOn returns, for each of the given nodes that has notes anchored
// on it, their marks in the order the notes were made. Orphaned notes (a
// node whose title changed and whose quote is gone) are left out. It is
// the cheap query for the reading pane, which needs only the nodes it
// shows.
func (s *Service) QuotesOn(nodeIDs []string) map[string][]QuoteMark {
	s.mu.Lock()
	defer s.mu.Unlock()
	groups := s.groupsLocked()
	out := map[string][]QuoteMark{}
	for _, id := range nodeIDs {
		g := groups[id]
		if g == nil || out[id] != nil {
			continue
		}
		order := make([]int, len(g.notes))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool {
			i, j := order[a], order[b]
			if g.created[i] != g.created[j] {
				return g.created[i] < g.created[j]
			}
			return g.notes[i].ID < g.notes[j].ID
		})
		marks := make([]QuoteMark, 0, len(g.notes))
		for _, i := range order {
			n := g.notes[i]
			if s.anchorLocked(n.NodeID, n.Title, n.Quote).orphan {
				continue
			}
			marks = append(marks, QuoteMark{NoteID: n.ID, Quote: n.Quote, Color: n.Color})
		}
		if len(marks) > 0 {
			out[id] = marks
		}
	}
	return out
}

// NoteCount is the number of notes.
func (s *Service) NoteCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadNotesLocked()
	return len(s.notes)
}

func hasColor(cs []Color, c Color) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains lower-case q, ignoring case.
// Chinese has no case, so the common path is a plain byte search.
func containsFold(s, q string) bool {
	if strings.Contains(s, q) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), q)
		}
	}
	return false
}
