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

// NotesOn groups the notes on the given nodes by node ID, each group in
// the order the notes were made. It is the cheap query for the reading
// pane, which needs only the notes of the nodes it shows.
func (s *Service) NotesOn(nodeIDs []string) map[string][]Note {
	want := make(map[string]bool, len(nodeIDs))
	for _, id := range nodeIDs {
		want[id] = true
	}
	s.mu.Lock()
	groups := s.groupsLocked()
	out := map[string][]Note{}
	for id := range want {
		if g := groups[id]; g != nil {
			out[id] = s.copiesLocked(g.notes)
		}
	}
	s.mu.Unlock()
	for _, ns := range out {
		sort.Slice(ns, func(i, j int) bool {
			if !ns[i].Created.Equal(ns[j].Created) {
				return ns[i].Created.Before(ns[j].Created)
			}
			return ns[i].ID < ns[j].ID
		})
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
