package notes

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"huibian/app/model"
)

// Bookmark marks one node. There is at most one bookmark per node.
type Bookmark struct {
	NodeID  string `json:"node_id"`
	Address string `json:"address"`
	// Name is what the user called it; it defaults to the node's title.
	Name string `json:"name"`
	// Title is the node's title when the bookmark was made, kept so that an
	// orphaned bookmark can still say what it pointed at.
	Title   string    `json:"title"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Bookmarked reports whether the node has a bookmark, and returns it.
func (s *Service) Bookmarked(nodeID string) (Bookmark, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.bookmarks[nodeID]
	if !ok {
		return Bookmark{}, false
	}
	return *b, true
}

// AddBookmark bookmarks node n of compilation c. An empty name means the
// node's title. Bookmarking an already bookmarked node renames it if a name
// is given, and otherwise returns the existing bookmark.
func (s *Service) AddBookmark(c *model.Compilation, n model.Node, name string) (Bookmark, error) {
	id, addr, title, err := target(c, n)
	if err != nil {
		return Bookmark{}, err
	}
	name = strings.TrimSpace(name)
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.bookmarks[id]; ok {
		if name == "" || name == old.Name {
			return *old, nil
		}
		return s.renameLocked(old, name)
	}
	now := s.stamp()
	b := &Bookmark{NodeID: id, Address: addr, Name: name, Title: title, Created: now, Updated: now}
	if b.Name == "" {
		b.Name = title
	}
	if err := s.putBookmark(b); err != nil {
		return Bookmark{}, err
	}
	s.bookmarks[id] = b
	return *b, nil
}

// ToggleBookmark adds a bookmark on n, or removes the one there. It reports
// whether the node is bookmarked afterwards.
func (s *Service) ToggleBookmark(c *model.Compilation, n model.Node) (Bookmark, bool, error) {
	id, _, _, err := target(c, n)
	if err != nil {
		return Bookmark{}, false, err
	}
	if b, ok := s.Bookmarked(id); ok {
		_, err := s.DeleteBookmark(id)
		return b, false, err
	}
	b, err := s.AddBookmark(c, n, "")
	return b, err == nil, err
}

// RenameBookmark renames the bookmark on nodeID; an empty name restores the
// node's title.
func (s *Service) RenameBookmark(nodeID, name string) (Bookmark, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.bookmarks[nodeID]
	if !ok {
		return Bookmark{}, fmt.Errorf("没有这个书签：%s", nodeID)
	}
	return s.renameLocked(b, strings.TrimSpace(name))
}

func (s *Service) renameLocked(b *Bookmark, name string) (Bookmark, error) {
	if name == "" {
		name = b.Title
	}
	nb := *b
	nb.Name = name
	nb.Updated = s.stamp()
	if err := s.putBookmark(&nb); err != nil {
		return Bookmark{}, err
	}
	s.bookmarks[nb.NodeID] = &nb
	return nb, nil
}

// DeleteBookmark removes the bookmark on nodeID. UndoDelete brings it back.
func (s *Service) DeleteBookmark(nodeID string) (Bookmark, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.bookmarks[nodeID]
	if !ok {
		return Bookmark{}, fmt.Errorf("没有这个书签：%s", nodeID)
	}
	if err := s.store.Delete(bucketBookmarks, nodeID); err != nil {
		return Bookmark{}, fmt.Errorf("删除书签：%w", err)
	}
	delete(s.bookmarks, nodeID)
	s.lastDeleted = &deleted{bookmark: b}
	return *b, nil
}

func (s *Service) putBookmark(b *Bookmark) error {
	if err := s.store.Put(bucketBookmarks, b.NodeID, encodeBookmark(b)); err != nil {
		return fmt.Errorf("保存书签：%w", err)
	}
	return nil
}

// Order is how lists are sorted.
type Order int

const (
	// ByPosition is reading order (by address), then by time.
	ByPosition Order = iota
	// ByTime is newest first.
	ByTime
)

// Bookmarks lists every bookmark.
func (s *Service) Bookmarks(order Order) []Bookmark { return s.BookmarksIn("", order) }

// BookmarksIn lists the bookmarks on compilation compID ("" for all).
func (s *Service) BookmarksIn(compID string, order Order) []Bookmark {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Bookmark, 0, len(s.bookmarks))
	for _, b := range s.bookmarks {
		if compID == "" || inComp(b.NodeID, compID) {
			out = append(out, *b)
		}
	}
	if order == ByTime {
		sort.Slice(out, func(i, j int) bool {
			if !out[i].Created.Equal(out[j].Created) {
				return out[i].Created.After(out[j].Created)
			}
			return out[i].NodeID < out[j].NodeID
		})
		return out
	}
	keys := make(map[string]posKey, len(out))
	for _, b := range out {
		keys[b.NodeID] = s.anchorLocked(b.NodeID, b.Title, "").key
	}
	sort.Slice(out, func(i, j int) bool {
		ki, kj := keys[out[i].NodeID], keys[out[j].NodeID]
		if ki != kj {
			return ki.less(kj)
		}
		return out[i].NodeID < out[j].NodeID
	})
	return out
}
