package notes

import (
	"fmt"
	"unsafe"

	"huibian/storage"
)

// The notes' texts are records of their own (bucketTexts, record format 2
// in codec.go), and are read only when something needs them. Opening the
// notes reads every note's node, colour, quote and dates: that is enough
// for the tree's marks, the notes panel's order and counts, and resolving
// anchors. A note in memory whose text has not been read has noText set.
//
// Two ways in:
//   - copiesLocked, for the notes handed out a few at a time (the panel's
//     page, the notes of the nodes on screen, one note to edit), reads
//     just their texts in one read transaction;
//   - loadTextsLocked, for what needs every text (searching the notes, an
//     import's check for duplicates, an export, the search index), reads
//     them all in one pass and keeps them.
//
// Each text is checked against its checksum when it is read, like every
// record; a damaged one is repaired from a backup when one has it.

// fileSchema is the version of userdata.db this build writes. Schema 3
// moved the notes' texts to bucketTexts (storage.UserSchemaVersion, 2,
// is the storage layer's own: checksums).
const fileSchema = 3

// fileMigrations upgrade older files to fileSchema (the storage layer
// upgrades schema 1 to 2 itself).
var fileMigrations = []storage.Migration{{From: 2, Apply: splitTexts}}

// splitTexts is the migration from schema 2 to 3: every note in record
// format 1 (or JSON) is stored again in format 2, its text beside it. A
// record that cannot be decoded is kept as it is; reading it reports it,
// as before.
//
// The notes bucket is rebuilt rather than rewritten in place: bbolt keeps
// a page for every few records of the old size, and the records, a tenth
// of that size, would still be spread over every page of the file, which
// is what opening the notes must not read.
func splitTexts(tx storage.Tx) error {
	type record struct {
		key string
		val []byte // kept as it is, when n is nil
		n   *Note
	}
	var all []record
	convert := false
	err := tx.ForEach(bucketNotes, func(key string, val []byte) error {
		r := record{key: key, val: val}
		if len(val) == 0 || val[0] != recordFormat2 {
			if n, err := decodeNote(key, val); err == nil {
				r.n, convert = n, true
			}
		}
		all = append(all, r)
		return nil
	})
	if err != nil || !convert {
		return err
	}
	if err := tx.DeleteBucket(bucketNotes); err != nil {
		return err
	}
	for _, r := range all {
		if r.n == nil {
			err = tx.Put(bucketNotes, r.key, r.val)
		} else {
			err = putNoteTx(tx, r.n)
		}
		if err != nil {
			return fmt.Errorf("笔记 %s：%w", r.key, err)
		}
	}
	return nil
}

// textsAtOnce is how many missing texts copiesLocked reads one by one;
// for more it reads them all (one pass over the texts costs about as much
// as a few thousand lookups).
const textsAtOnce = 2000

// copiesLocked returns copies of ns with their texts; s.mu is held. The
// texts read are kept in the notes in memory. A text that cannot be read
// (damaged, and no backup has it) leaves its copy with noText set and an
// empty Text: it is shown, and cannot be written back.
func (s *Service) copiesLocked(ns []*Note) []Note {
	var missing []*Note
	for _, n := range ns {
		if n.noText && !s.x.lostTexts[n.ID] {
			missing = append(missing, n)
		}
	}
	if len(missing) > textsAtOnce {
		s.loadTextsLocked()
	} else if len(missing) > 0 {
		s.readTextsLocked(missing)
	}
	out := make([]Note, len(ns))
	for i, n := range ns {
		out[i] = *n
	}
	return out
}

// setTextLocked fills in a note's text, read from the file; s.mu is held.
// It is the one change ever made to a *Note after it was stored in
// s.notes (see Service), and is seen only under s.mu.
func setTextLocked(n *Note, text string) { n.Text, n.noText = text, false }

// lostLocked remembers a note whose text could not be read; s.mu is held.
func (s *Service) lostLocked(id string) {
	if s.x.lostTexts == nil {
		s.x.lostTexts = map[string]bool{}
	}
	s.x.lostTexts[id] = true
}

// readTextsLocked reads the texts of ns; s.mu is held. Each is a lookup
// of its own (a few microseconds): a damaged text is then repaired from a
// backup by the same call, when one has it. One that cannot be repaired is
// remembered, so that it is reported once, not at every redraw of the
// panel.
func (s *Service) readTextsLocked(ns []*Note) {
	for _, n := range ns {
		v, err := s.store.Get(bucketTexts, n.ID)
		if err != nil {
			s.lostLocked(n.ID)
			continue
		}
		setTextLocked(n, string(v))
	}
}

// loadTextsLocked reads every text not in memory yet; s.mu is held. It
// runs once per Service (and again after a restore): a text that could
// not be read then stays unread, and the failure is reported by Repairs.
func (s *Service) loadTextsLocked() {
	s.loadNotesLocked()
	if s.x.textsLoaded {
		return
	}
	s.x.textsLoaded = true
	if !s.anyUnreadLocked() {
		return
	}
	// As in loadNotes: the texts are copied into large shared blocks
	// rather than one allocation each.
	var own owner
	err := s.store.ForEachBorrowed(bucketTexts, func(key string, val []byte) error {
		if n := s.notes[key]; n != nil && n.noText {
			setTextLocked(n, own.str(unsafe.String(unsafe.SliceData(val), len(val))))
		}
		return nil
	})
	for id, n := range s.notes {
		if n.noText { // damaged, and no backup had it: reported once
			s.lostLocked(id)
		}
	}
	if err != nil && s.x.lateErr == nil {
		s.x.lateErr = fmt.Errorf("读取笔记正文：%w", err)
	}
}

// anyUnreadLocked reports whether a note's text is still to be read; s.mu
// is held.
func (s *Service) anyUnreadLocked() bool {
	for _, n := range s.notes {
		if n.noText {
			return true
		}
	}
	return false
}
