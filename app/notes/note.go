package notes

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"huibian/app/model"
	"huibian/storage"
)

// Note is a note or highlight on a node, optionally on a quoted passage.
type Note struct {
	ID      string `json:"id"`
	NodeID  string `json:"node_id"`
	Address string `json:"address"`
	// Title is the node's title when the note was made.
	Title string `json:"title"`
	// Quote is the selected passage, verbatim ("" for a note on the whole node).
	Quote   string    `json:"quote,omitempty"`
	Text    string    `json:"text"`
	Color   Color     `json:"color"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	// noText is set on a note in memory whose Text was not read from the
	// file yet (texts.go): the service fills it in before handing the
	// note out, and never writes such a note.
	noText bool
}

// TextMissing reports that the note's text could not be read: its record
// was damaged and no backup had an intact copy (Service.Repairs says so).
// Text is then empty, and the note can be deleted or given a new text, but
// not otherwise changed.
func (n Note) TextMissing() bool { return n.noText }

// NoteInput is what the user supplies for a new note.
type NoteInput struct {
	Text  string
	Quote string
	Color Color // "" means Yellow
}

// ErrNoteNotFound is returned (wrapped) for an unknown note ID.
var ErrNoteNotFound = errors.New("没有这条笔记")

func checkText(text, quote string) error {
	if !utf8.ValidString(text) {
		return errors.New("笔记内容不是有效的 UTF-8 文本")
	}
	if !utf8.ValidString(quote) {
		return errors.New("引文不是有效的 UTF-8 文本")
	}
	if n := utf8.RuneCountInString(text); n > MaxTextLen {
		return fmt.Errorf("笔记太长：%d 字，最多 %d 字", n, MaxTextLen)
	}
	if strings.TrimSpace(text) == "" && strings.TrimSpace(quote) == "" {
		return errors.New("笔记内容为空：请写下笔记，或选取一段原文作为引文")
	}
	return nil
}

// AddNote adds a note on node n of compilation c and returns it as saved.
func (s *Service) AddNote(c *model.Compilation, n model.Node, in NoteInput) (Note, error) {
	id, addr, title, err := target(c, n)
	if err != nil {
		return Note{}, err
	}
	if err := checkText(in.Text, in.Quote); err != nil {
		return Note{}, err
	}
	if in.Color == "" {
		in.Color = Yellow
	}
	if !in.Color.Valid() {
		return Note{}, invalidColor(in.Color)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.stamp()
	note := &Note{ID: s.newIDLocked(), NodeID: id, Address: addr, Title: title,
		Quote: in.Quote, Text: in.Text, Color: in.Color, Created: now, Updated: now}
	if err := s.putNote(note); err != nil {
		return Note{}, err
	}
	s.notes[note.ID] = note
	s.forgetGroupsLocked()
	return *note, nil
}

var idEncoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// newIDLocked makes a random 10-character ID (50 bits) not in use.
func (s *Service) newIDLocked() string {
	for {
		var b [7]byte
		_, _ = rand.Read(b[:])
		id := idEncoding.EncodeToString(b[:])[:10]
		if _, dup := s.notes[id]; !dup && !s.noteStoredLocked(id) {
			return id
		}
	}
}

// Note returns the note with the given ID.
func (s *Service) Note(id string) (Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.noteLocked(id)
	if err != nil {
		return Note{}, err
	}
	return *n, nil
}

// NoteEdit changes a note; nil fields stay as they are.
type NoteEdit struct {
	Text  *string
	Quote *string
	Color *Color
}

// EditNote changes a note and returns it as saved.
func (s *Service) EditNote(id string, e NoteEdit) (Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.noteLocked(id)
	if err != nil {
		return Note{}, err
	}
	n := *old
	if e.Text != nil {
		n.Text = *e.Text
		n.noText = false
	}
	if e.Quote != nil {
		n.Quote = *e.Quote
	}
	if e.Color != nil {
		if !e.Color.Valid() {
			return Note{}, invalidColor(*e.Color)
		}
		n.Color = *e.Color
	}
	if n.noText {
		return Note{}, fmt.Errorf("笔记 %s：%w", n.ID, errTextNotRead)
	}
	if err := checkText(n.Text, n.Quote); err != nil {
		return Note{}, err
	}
	if n == *old {
		return n, nil
	}
	return s.updateLocked(n)
}

// MoveNote puts a note on node n of compilation c (for an orphaned note,
// whose place is gone, or a note made on the wrong node). Its text, quote
// and colour stay as they are.
func (s *Service) MoveNote(id string, c *model.Compilation, n model.Node) (Note, error) {
	nodeID, addr, title, err := target(c, n)
	if err != nil {
		return Note{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.noteLocked(id)
	if err != nil {
		return Note{}, err
	}
	nn := *old
	nn.NodeID, nn.Address, nn.Title = nodeID, addr, title
	return s.updateLocked(nn)
}

// DeleteNote removes a note and returns it. UndoDelete brings it back.
func (s *Service) DeleteNote(id string) (Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.noteLocked(id)
	if err != nil {
		return Note{}, err
	}
	err = s.store.Update(func(tx storage.Tx) error {
		if err := tx.Delete(bucketNotes, n.ID); err != nil {
			return err
		}
		return tx.Delete(bucketTexts, n.ID)
	})
	if err != nil {
		return Note{}, fmt.Errorf("删除笔记：%w", err)
	}
	delete(s.notes, n.ID)
	s.forgetGroupsLocked()
	s.lastDeleted = &deleted{note: n}
	return *n, nil
}

// noteLocked finds a note by ID (surrounding space ignored), with its
// text; s.mu is held. The note returned is the caller's copy.
func (s *Service) noteLocked(id string) (*Note, error) {
	s.loadNotesLocked()
	n, ok := s.notes[strings.TrimSpace(id)]
	if !ok {
		return nil, fmt.Errorf("%w:%s", ErrNoteNotFound, id)
	}
	full := s.copiesLocked([]*Note{n})[0]
	return &full, nil
}

// updateLocked stamps a changed note, commits it and then records it in
// place of the old one; s.mu is held.
func (s *Service) updateLocked(n Note) (Note, error) {
	n.Updated = s.stamp()
	if err := s.putNote(&n); err != nil {
		return Note{}, err
	}
	s.notes[n.ID] = &n
	s.forgetGroupsLocked()
	return n, nil
}

// putNote commits a note: its record and its text, in one transaction.
func (s *Service) putNote(n *Note) error {
	err := s.store.Update(func(tx storage.Tx) error { return putNoteTx(tx, n) })
	if err != nil {
		return fmt.Errorf("保存笔记：%w", err)
	}
	return nil
}
