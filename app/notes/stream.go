package notes

import (
	"errors"
	"fmt"
	"strings"

	"huibian/storage"
)

// EachNote calls fn for every note that passes f, in f's order, as Notes
// lists them. On a service opened with LazyNotes whose notes were not read
// yet, it does not hold every note in memory: it reads the fields that
// filter and order the notes (not their texts) first, then each whole note
// as fn needs it. With 100 000 notes that keeps note ls --json from
// touching hundreds of megabytes of memory. A filter on the text (Query)
// reads the notes as Notes does.
func (s *Service) EachNote(f Filter, fn func(Note) error) error {
	s.mu.Lock()
	loaded := s.x.notesLoaded || !s.x.lazy
	s.mu.Unlock()
	if loaded || strings.TrimSpace(f.Query) != "" {
		for _, n := range s.Notes(f) {
			if err := fn(n); err != nil {
				return err
			}
		}
		return nil
	}
	// Pass 1: the notes without their texts, in a service of their own
	// that shares this one's node resolution.
	light := &Service{comps: s.comps, notes: map[string]*Note{}, anchors: map[string]anchor{}}
	err := s.store.ForEach(bucketNotes, func(key string, val []byte) error {
		n, err := decodeNote(key, val)
		if err != nil {
			return fmt.Errorf("笔记 %s 无法读取: %w", key, err)
		}
		// Copies: the decoded fields share the record's buffer, which
		// would otherwise stay alive with its text.
		light.notes[key] = &Note{ID: strings.Clone(n.ID), NodeID: strings.Clone(n.NodeID),
			Address: strings.Clone(n.Address), Title: strings.Clone(n.Title), Quote: strings.Clone(n.Quote),
			Color: Color(strings.Clone(string(n.Color))), Created: n.Created, Updated: n.Updated}
		return nil
	})
	if err != nil {
		return fmt.Errorf("读取笔记: %w", err)
	}
	order := light.Notes(f)
	light = nil
	// Pass 2: each note whole, in that order, in one read transaction.
	return s.store.View(func(tx storage.Tx) error {
		for _, l := range order {
			val, err := tx.Get(bucketNotes, l.ID)
			if errors.Is(err, storage.ErrRecordDamaged) {
				continue // reported and repaired after the transaction
			}
			if err != nil {
				return err
			}
			n, err := decodeNote(l.ID, val)
			if err != nil {
				return fmt.Errorf("笔记 %s 无法读取: %w", l.ID, err)
			}
			if err := fn(*n); err != nil {
				return err
			}
		}
		return nil
	})
}
