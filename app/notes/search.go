package notes

import (
	"strings"

	"huibian/app/model"
	"huibian/app/search"
)

// SearchSource adapts the service to search.ExtraSource for the index of
// compilation compID: its notes (text, then quote) and bookmark names.
// Records on other compilations are left out; an orphaned record keeps
// its address only when that address names no node any more, so that it
// is never attached to a node it was not written on.
func (s *Service) SearchSource(compID string) search.ExtraSource {
	return searchSource{s: s, comp: compID}
}

type searchSource struct {
	s    *Service
	comp string
}

func (x searchSource) SearchDocs() ([]search.ExtraDoc, error) {
	var out []search.ExtraDoc
	for _, n := range x.s.Notes(Filter{}) {
		if d, ok := x.s.noteExtra(n, x.comp); ok {
			out = append(out, d)
		}
	}
	for _, b := range x.s.Bookmarks(ByPosition) {
		if d, ok := x.s.bookmarkExtra(b, x.comp); ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// noteExtra is note n as the search index of compilation compID holds
// it; ok is false when the note belongs to another compilation.
func (s *Service) noteExtra(n Note, compID string) (search.ExtraDoc, bool) {
	if !inComp(n.NodeID, compID) {
		return search.ExtraDoc{}, false
	}
	text := n.Text
	if n.Quote != "" {
		text = strings.TrimRight(text, "\n") + "\n" + n.Quote
	}
	return search.ExtraDoc{ID: n.ID, Address: s.searchAddress(n.Address, s.NoteAnchor(n)), Kind: search.KindNote, Text: text}, true
}

// bookmarkExtra is bookmark b as the search index holds it.
func (s *Service) bookmarkExtra(b Bookmark, compID string) (search.ExtraDoc, bool) {
	if !inComp(b.NodeID, compID) {
		return search.ExtraDoc{}, false
	}
	return search.ExtraDoc{ID: b.NodeID, Address: s.searchAddress(b.Address, s.BookmarkAnchor(b)), Kind: search.KindBookmark, Text: b.Name}, true
}

func (s *Service) searchAddress(addr string, a Anchor) string {
	if !a.Orphaned || a.Compilation == nil {
		return addr
	}
	// The address resolves, but to a node that is no longer the one the
	// record was made on.
	return ""
}

func inComp(nodeID, compID string) bool {
	c, _, err := model.ParseID(nodeID)
	return err == nil && c == compID
}
