package notes

import (
	"errors"
)

// deleted is the record the last delete removed, kept (under Service.mu)
// until it is restored or the Service is closed: only one level of undo,
// and only within one session.
type deleted struct {
	note     *Note
	bookmark *Bookmark
}

// Undone says what UndoDelete restored: exactly one of the two is set.
type Undone struct {
	Note     *Note
	Bookmark *Bookmark
}

// ErrNothingToUndo is returned by UndoDelete when nothing was deleted in
// this session (or the last delete was already undone).
var ErrNothingToUndo = errors.New("没有可以撤销的删除")

// UndoDelete restores the note or bookmark deleted last in this session,
// with its ID and dates unchanged.
func (s *Service) UndoDelete() (Undone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lastDeleted
	if d == nil {
		return Undone{}, ErrNothingToUndo
	}
	switch {
	case d.note != nil:
		n := *d.note
		if err := s.putNote(&n); err != nil {
			return Undone{}, err
		}
		s.notes[n.ID] = &n
		s.forgetGroupsLocked()
		s.lastDeleted = nil
		return Undone{Note: &n}, nil
	default:
		b := *d.bookmark
		if err := s.putBookmark(&b); err != nil {
			return Undone{}, err
		}
		s.bookmarks[b.NodeID] = &b
		s.lastDeleted = nil
		return Undone{Bookmark: &b}, nil
	}
}

// CanUndo reports whether UndoDelete has something to restore.
func (s *Service) CanUndo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastDeleted != nil
}
