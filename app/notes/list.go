package notes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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

// containsFold reports whether s contains q, ignoring case (simple
// Unicode case folding, as strings.EqualFold). It runs for every note at
// every keystroke in the notes panel's search box: with 100 000 notes,
// lower-casing each text first (a copy of every Chinese text, since any
// byte above 0x7f had to be folded) took half a second per keystroke.
// Here only the places where q's first letter occurs are compared.
func containsFold(s, q string) bool {
	if q == "" || strings.Contains(s, q) {
		return true
	}
	first, size := utf8.DecodeRuneInString(q)
	// Every form of the first rune under case folding.
	var forms [4]string
	nf := 0
	for r := first; nf < len(forms); {
		forms[nf] = string(r)
		nf++
		if r = unicode.SimpleFold(r); r == first {
			break
		}
	}
	if nf == 1 {
		// A rune without case (a Chinese character): the rest must match
		// after each of its occurrences.
		for i := 0; ; {
			k := strings.Index(s[i:], forms[0])
			if k < 0 {
				return false
			}
			i += k + size
			if hasPrefixFold(s[i:], q[size:]) {
				return true
			}
		}
	}
	// next[f] is where forms[f] next occurs at or after i (-1: nowhere),
	// looked up again only once i has passed it.
	var next [4]int
	for f := range forms[:nf] {
		next[f] = strings.Index(s, forms[f])
	}
	for i := 0; ; {
		k, n := -1, 0
		for f := range forms[:nf] {
			if next[f] >= 0 && next[f] < i {
				if j := strings.Index(s[i:], forms[f]); j >= 0 {
					next[f] = i + j
				} else {
					next[f] = -1
				}
			}
			if next[f] >= 0 && (k < 0 || next[f] < k) {
				k, n = next[f], len(forms[f])
			}
		}
		if k < 0 {
			return false
		}
		i = k + n
		if hasPrefixFold(s[i:], q[size:]) {
			return true
		}
	}
}

// hasPrefixFold reports whether s begins with q, ignoring case.
func hasPrefixFold(s, q string) bool {
	for q != "" {
		if s == "" {
			return false
		}
		a, na := utf8.DecodeRuneInString(s)
		b, nb := utf8.DecodeRuneInString(q)
		if a != b && !sameFold(a, b) {
			return false
		}
		s, q = s[na:], q[nb:]
	}
	return true
}

// sameFold reports whether a and b are the same letter but for case.
func sameFold(a, b rune) bool {
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
