package notes

import (
	"bytes"
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
	// that shares this one's node resolution. Pass 2: each note whole, in
	// that order. One read transaction, with the records borrowed from
	// the file's memory map: each is read, and its checksum verified, once.
	// A damaged record is left out (and repaired after the transaction).
	return s.store.ViewBorrowed(func(tx storage.Tx) error {
		light := &Service{comps: s.comps, notes: map[string]*Note{}, anchors: map[string]anchor{}}
		raw := map[string][]byte{}
		err := tx.ForEach(bucketNotes, func(key string, val []byte) error {
			n, err := decodeNote(key, val)
			if err != nil {
				return fmt.Errorf("笔记 %s 无法读取：%w", key, err)
			}
			// Copies: the decoded fields share the record's bytes, which
			// are the file's memory map.
			light.notes[key] = &Note{ID: strings.Clone(n.ID), NodeID: strings.Clone(n.NodeID),
				Address: strings.Clone(n.Address), Title: strings.Clone(n.Title), Quote: strings.Clone(n.Quote),
				Color: Color(strings.Clone(string(n.Color))), Created: n.Created, Updated: n.Updated}
			raw[key] = val
			return nil
		})
		if err != nil {
			return fmt.Errorf("读取笔记：%w", err)
		}
		// The texts, in one pass in key order rather than a lookup each
		// in the list's order.
		texts := make(map[string][]byte, len(raw))
		err = tx.ForEach(bucketTexts, func(key string, val []byte) error {
			if _, ok := raw[key]; ok {
				texts[key] = val
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("读取笔记正文：%w", err)
		}
		for _, l := range light.Notes(f) {
			// A copy: fn may keep the note after the transaction.
			n, err := decodeNote(l.ID, bytes.Clone(raw[l.ID]))
			if err != nil {
				return fmt.Errorf("笔记 %s 无法读取：%w", l.ID, err)
			}
			if v, ok := texts[l.ID]; ok && n.noText {
				n.Text, n.noText = string(v), false // a copy, as above
			}
			// A text left out was damaged, and is repaired after the
			// transaction; the note is listed without it meanwhile.
			if err := fn(*n); err != nil {
				return err
			}
		}
		return nil
	})
}
