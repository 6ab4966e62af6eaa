package notes

import (
	"fmt"
	"strings"

	"huibian/app/model"
)

// posKey orders nodes in reading order.
type posKey struct {
	comp           string
	doc, sec, item int
	orphan         bool
}

func (a posKey) less(b posKey) bool {
	if a.orphan != b.orphan {
		return !a.orphan
	}
	if a.comp != b.comp {
		return a.comp < b.comp
	}
	if a.doc != b.doc {
		return a.doc < b.doc
	}
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	return a.item < b.item
}

// anchor is what a node ID resolves to. It is cached in Service.anchors
// (under Service.mu) for the life of the Service, until Refresh: the
// compilations it points into must not change meanwhile. text is filled
// in the first time a quote has to be looked up.
type anchor struct {
	comp   string
	key    posKey
	orphan bool
	reason string
	node   model.Node
	c      *model.Compilation
	text   string // the node's text, filled in when a quote must be found
}

// anchorLocked resolves a node ID, with a cache. title is the node's title
// when the record was made and quote its quoted passage: a node whose
// title has changed since is still the same anchor when the quote is found
// in its text, and otherwise counts as orphaned.
func (s *Service) anchorLocked(nodeID, title, quote string) anchor {
	a, ok := s.anchors[nodeID]
	if !ok {
		a = s.resolve(nodeID)
		s.anchors[nodeID] = a
	}
	if a.orphan || a.c == nil || title == "" || a.node.Title() == title {
		return a
	}
	if quote != "" {
		if a.text == "" {
			a.text = nodeText(a.node)
			s.anchors[nodeID] = a
		}
		if strings.Contains(a.text, quote) {
			return a
		}
	}
	a.orphan, a.key.orphan = true, true
	a.reason = fmt.Sprintf("原位置的标题已由“%s”变为“%s”", title, a.node.Title())
	return a
}

func (s *Service) resolve(nodeID string) anchor {
	comp, addr, err := model.ParseID(nodeID)
	a := anchor{comp: comp, key: posKey{comp: comp, doc: addr.Doc, sec: addr.Section, item: addr.Item}}
	orphan := func(why string) anchor {
		a.orphan, a.reason, a.key.orphan = true, why, true
		return a
	}
	if err != nil {
		return orphan("节点标识无效")
	}
	if s.comps == nil {
		return a
	}
	c, err := s.comps.Get(comp)
	if err != nil || c == nil {
		return orphan("所属汇编已不在资料库中")
	}
	n, err := c.Resolve(addr)
	if err != nil {
		return orphan("原位置已不存在：" + err.Error())
	}
	a.c, a.node = c, n
	a.key.sec = n.Addr.Section
	return a
}

// nodeText is every line of the text of a node and the nodes below it
// (titles, headings with their markers, paragraphs), joined, for finding
// quotes.
func nodeText(n model.Node) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	n.Walk(func(m model.Node) {
		t := m.Text()
		add(t.Title, t.Marker+t.Heading)
		add(t.Paras...)
	})
	return b.String()
}

// Anchor describes where a note or bookmark points now.
type Anchor struct {
	// Orphaned is set when the node no longer exists (or is no longer the
	// node the record was made on); Reason says why, in Chinese.
	Orphaned bool
	Reason   string
	// Compilation and Node are the resolved node when not orphaned.
	Compilation *model.Compilation
	Node        model.Node
}

// NoteAnchor resolves a note's node.
func (s *Service) NoteAnchor(n Note) Anchor {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.anchorLocked(n.NodeID, n.Title, n.Quote)
	return Anchor{Orphaned: a.orphan, Reason: a.reason, Compilation: a.c, Node: a.node}
}

// BookmarkAnchor resolves a bookmark's node.
func (s *Service) BookmarkAnchor(b Bookmark) Anchor {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.anchorLocked(b.NodeID, b.Title, "")
	return Anchor{Orphaned: a.orphan, Reason: a.reason, Compilation: a.c, Node: a.node}
}

// OrphanedNotes lists notes whose node no longer exists, by address.
func (s *Service) OrphanedNotes() []Note { return s.Notes(Filter{Orphaned: OnlyOrphaned}) }

// OrphanedBookmarks lists bookmarks whose node no longer exists.
func (s *Service) OrphanedBookmarks() []Bookmark {
	var out []Bookmark
	for _, b := range s.Bookmarks(ByPosition) {
		if s.BookmarkAnchor(b).Orphaned {
			out = append(out, b)
		}
	}
	return out
}
