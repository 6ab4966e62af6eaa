// Package notes keeps what the reader writes: bookmarks, notes with their
// highlight colours and quoted passages, the reading position and read
// marks. It lives in its own file, userdata.db, beside the library.
//
// Records are keyed by the stable node IDs of package model, so a re-import
// of a compilation (which keeps its IDs) keeps every note in place. A note
// or bookmark whose node no longer exists is kept and reported as orphaned,
// never dropped.
//
// Every change is committed with fsync before the method returns, and the
// method returns the record as saved.
package notes

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"huibian/app/model"
	"huibian/storage"
)

// FileName is the user-data file's name inside the data directory.
const FileName = "userdata.db"

// MaxTextLen is the longest note text allowed, in characters (runes).
const MaxTextLen = 100000

// Bucket names in userdata.db.
const (
	bucketNotes     = "notes"
	bucketBookmarks = "bookmarks"
	bucketPositions = "positions"
	bucketRead      = "read"
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
}

// Position is where the reader was in one compilation.
type Position struct {
	NodeID string `json:"node_id"`
	// Offset is the scroll offset inside the node's view, in whatever unit
	// the window uses (Fyne units or a paragraph index).
	Offset  float32   `json:"offset"`
	Updated time.Time `json:"updated"`
}

// Compilations gives the service access to the parsed compilations, to
// resolve node IDs. *library.Service satisfies it.
type Compilations interface {
	Get(id string) (*model.Compilation, error)
}

// Options adjust Open.
type Options struct {
	// Timeout bounds the wait for another process's lock on the file;
	// zero means one second.
	Timeout time.Duration
	// Store passes options to the storage layer (backups, migrations).
	Store storage.UserOptions
	// Now replaces time.Now (tests).
	Now func() time.Time
}

// Service owns the open user-data file. Its methods are safe for
// concurrent use.
type Service struct {
	store *storage.UserStore
	comps Compilations
	now   func() time.Time

	// Recovery is non-nil when the file was found damaged at open and was
	// restored from a backup (or started empty). The window must tell the
	// user: Recovery.String() says what happened, in Chinese.
	Recovery *storage.Recovery

	mu        sync.Mutex
	notes     map[string]*Note
	bookmarks map[string]*Bookmark
	anchors   map[string]anchor // NodeID → resolution, cached
	// lastDeleted is what UndoDelete restores.
	lastDeleted *deleted
}

type deleted struct {
	note     *Note
	bookmark *Bookmark
}

// Open opens (creating if needed) <dir>/userdata.db and loads the notes and
// bookmarks. comps resolves node IDs; it may be nil, in which case every
// record counts as anchored.
func Open(dir string, comps Compilations, opt Options) (*Service, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("创建数据目录 %s: %w", dir, err)
	}
	so := opt.Store
	if opt.Timeout > 0 {
		so.Timeout = opt.Timeout
	}
	st, rec, err := storage.OpenUserStore(filepath.Join(dir, FileName), so)
	if err != nil {
		return nil, err
	}
	s := &Service{store: st, comps: comps, now: opt.Now, Recovery: rec,
		notes: map[string]*Note{}, bookmarks: map[string]*Bookmark{}, anchors: map[string]anchor{}}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.load(); err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

func (s *Service) load() error {
	err := s.store.ForEach(bucketNotes, func(key string, val []byte) error {
		n, err := decodeNote(key, val)
		if err != nil {
			return fmt.Errorf("笔记 %s 无法读取: %w", key, err)
		}
		s.notes[key] = n
		return nil
	})
	if err != nil {
		return fmt.Errorf("读取笔记: %w", err)
	}
	err = s.store.ForEach(bucketBookmarks, func(key string, val []byte) error {
		b, err := decodeBookmark(key, val)
		if err != nil {
			return fmt.Errorf("书签 %s 无法读取: %w", key, err)
		}
		s.bookmarks[key] = b
		return nil
	})
	if err != nil {
		return fmt.Errorf("读取书签: %w", err)
	}
	return nil
}

// Close releases the file.
func (s *Service) Close() error { return s.store.Close() }

// Path is the user-data file's path.
func (s *Service) Path() string { return s.store.Path() }

// BackupDir is where the rotating backups go.
func (s *Service) BackupDir() string { return s.store.BackupDir() }

// BackupError is the error of the last automatic backup, or nil.
func (s *Service) BackupError() error { return s.store.BackupError() }

func (s *Service) stamp() time.Time { return storedTime(s.now()) }

// Refresh forgets cached node resolutions; call it after a compilation
// was re-imported.
func (s *Service) Refresh() {
	s.mu.Lock()
	s.anchors = map[string]anchor{}
	s.mu.Unlock()
}

// ---- bookmarks ----

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
		return Bookmark{}, fmt.Errorf("没有这个书签:%s", nodeID)
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
		return Bookmark{}, fmt.Errorf("没有这个书签:%s", nodeID)
	}
	if err := s.store.Delete(bucketBookmarks, nodeID); err != nil {
		return Bookmark{}, fmt.Errorf("删除书签: %w", err)
	}
	delete(s.bookmarks, nodeID)
	s.lastDeleted = &deleted{bookmark: b}
	return *b, nil
}

func (s *Service) putBookmark(b *Bookmark) error {
	if err := s.store.Put(bucketBookmarks, b.NodeID, encodeBookmark(b)); err != nil {
		return fmt.Errorf("保存书签: %w", err)
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

// ---- notes ----

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
		return fmt.Errorf("笔记太长:%d 字,最多 %d 字", n, MaxTextLen)
	}
	if strings.TrimSpace(text) == "" && strings.TrimSpace(quote) == "" {
		return errors.New("笔记内容为空:请写下笔记,或选取一段原文作为引文")
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
	return *note, nil
}

var idEncoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// newIDLocked makes a random 10-character ID (50 bits) not in use.
func (s *Service) newIDLocked() string {
	for {
		var b [7]byte
		_, _ = rand.Read(b[:])
		id := idEncoding.EncodeToString(b[:])[:10]
		if _, dup := s.notes[id]; !dup {
			return id
		}
	}
}

// Note returns the note with the given ID.
func (s *Service) Note(id string) (Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.notes[strings.TrimSpace(id)]
	if !ok {
		return Note{}, fmt.Errorf("%w:%s", ErrNoteNotFound, id)
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
	old, ok := s.notes[strings.TrimSpace(id)]
	if !ok {
		return Note{}, fmt.Errorf("%w:%s", ErrNoteNotFound, id)
	}
	n := *old
	if e.Text != nil {
		n.Text = *e.Text
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
	if err := checkText(n.Text, n.Quote); err != nil {
		return Note{}, err
	}
	if n == *old {
		return n, nil
	}
	n.Updated = s.stamp()
	if err := s.putNote(&n); err != nil {
		return Note{}, err
	}
	s.notes[n.ID] = &n
	return n, nil
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
	old, ok := s.notes[strings.TrimSpace(id)]
	if !ok {
		return Note{}, fmt.Errorf("%w:%s", ErrNoteNotFound, id)
	}
	nn := *old
	nn.NodeID, nn.Address, nn.Title = nodeID, addr, title
	nn.Updated = s.stamp()
	if err := s.putNote(&nn); err != nil {
		return Note{}, err
	}
	s.notes[nn.ID] = &nn
	return nn, nil
}

// DeleteNote removes a note and returns it. UndoDelete brings it back.
func (s *Service) DeleteNote(id string) (Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.notes[strings.TrimSpace(id)]
	if !ok {
		return Note{}, fmt.Errorf("%w:%s", ErrNoteNotFound, id)
	}
	if err := s.store.Delete(bucketNotes, n.ID); err != nil {
		return Note{}, fmt.Errorf("删除笔记: %w", err)
	}
	delete(s.notes, n.ID)
	s.lastDeleted = &deleted{note: n}
	return *n, nil
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

func (s *Service) putNote(n *Note) error {
	if err := s.store.Put(bucketNotes, n.ID, encodeNote(n)); err != nil {
		return fmt.Errorf("保存笔记: %w", err)
	}
	return nil
}

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

// Notes lists the notes that pass f.
func (s *Service) Notes(f Filter) []Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := strings.ToLower(strings.TrimSpace(f.Query))
	docComp, docAddr := "", model.Address{}
	if f.DocID != "" {
		if c, a, err := model.ParseID(f.DocID); err == nil {
			docComp, docAddr = c, a
		}
	}
	type entry struct {
		key     posKey
		created int64
		n       *Note
	}
	sel := make([]entry, 0, len(s.notes))
	for _, n := range s.notes {
		if f.NodeID != "" && n.NodeID != f.NodeID {
			continue
		}
		if f.CompID != "" && !inComp(n.NodeID, f.CompID) {
			continue
		}
		if len(f.Colors) > 0 && !hasColor(f.Colors, n.Color) {
			continue
		}
		if q != "" && !containsFold(n.Text, q) && !containsFold(n.Quote, q) {
			continue
		}
		var a anchor
		if f.DocID != "" || f.Orphaned != AnyAnchor || f.Order == ByPosition {
			a = s.anchorLocked(n.NodeID, n.Title, n.Quote)
		}
		if f.DocID != "" && (a.orphan || a.comp != docComp || a.key.doc != docAddr.Doc) {
			continue
		}
		if (f.Orphaned == OnlyOrphaned && !a.orphan) || (f.Orphaned == OnlyAnchored && a.orphan) {
			continue
		}
		sel = append(sel, entry{a.key, n.Created.UnixMilli(), n})
	}
	if f.Order == ByTime {
		sort.Slice(sel, func(i, j int) bool {
			if sel[i].created != sel[j].created {
				return sel[i].created > sel[j].created
			}
			return sel[i].n.ID < sel[j].n.ID
		})
	} else {
		sort.Slice(sel, func(i, j int) bool {
			if sel[i].key != sel[j].key {
				return sel[i].key.less(sel[j].key)
			}
			if sel[i].created != sel[j].created {
				return sel[i].created < sel[j].created
			}
			return sel[i].n.ID < sel[j].n.ID
		})
	}
	out := make([]Note, len(sel))
	for i, e := range sel {
		out[i] = *e.n
	}
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
	out := map[string][]Note{}
	for _, n := range s.notes {
		if want[n.NodeID] {
			out[n.NodeID] = append(out[n.NodeID], *n)
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

// Marker summarises the notes and bookmark on one node, for the tree and
// the reading pane.
type Marker struct {
	// Notes is the number of notes on the node itself.
	Notes int
	// Colors are the distinct colours of those notes, in Colors order.
	Colors []Color
	// Inside is the number of notes on nodes below this one (the items
	// of a document or section).
	Inside int
	// Bookmarked is set when the node has a bookmark.
	Bookmarked bool
}

// Markers maps node IDs to what the tree and pane should show on them.
// Only nodes with notes (on themselves or inside) or a bookmark appear.
func (s *Service) Markers() map[string]Marker {
	s.mu.Lock()
	defer s.mu.Unlock()
	type acc struct {
		notes  int
		colors [len(palette)]bool
		title  string
		quote  string
	}
	per := map[string]*acc{}
	for _, n := range s.notes {
		a := per[n.NodeID]
		if a == nil {
			a = &acc{title: n.Title, quote: n.Quote}
			per[n.NodeID] = a
		}
		a.notes++
		for i, c := range Colors {
			if c == n.Color {
				a.colors[i] = true
			}
		}
	}
	out := make(map[string]Marker, len(per)+len(s.bookmarks))
	for id, a := range per {
		m := out[id]
		m.Notes = a.notes
		for i, on := range a.colors {
			if on {
				m.Colors = append(m.Colors, Colors[i])
			}
		}
		out[id] = m
		an := s.anchorLocked(id, a.title, a.quote)
		if an.orphan {
			continue
		}
		k := an.key
		switch {
		case k.item > 0:
			for _, pid := range []string{model.DocumentID(an.comp, k.doc), model.SectionID(an.comp, k.doc, k.sec)} {
				p := out[pid]
				p.Inside += a.notes
				out[pid] = p
			}
		case k.sec > 0:
			pid := model.DocumentID(an.comp, k.doc)
			p := out[pid]
			p.Inside += a.notes
			out[pid] = p
		}
	}
	for id := range s.bookmarks {
		m := out[id]
		m.Bookmarked = true
		out[id] = m
	}
	return out
}

// ---- orphans and anchors ----

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
		return orphan("原位置已不存在:" + err.Error())
	}
	a.c, a.node = c, n
	a.key.sec = n.Addr.Section
	return a
}

// nodeText is every line of a node's text, joined, for finding quotes.
func nodeText(n model.Node) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	addItem := func(it *model.Item) {
		add(it.Title, it.Marker+it.Heading)
		add(it.Body...)
	}
	addSection := func(sec *model.Section) {
		add(sec.Title, sec.Marker+sec.Heading)
		add(sec.Intro...)
		for _, it := range sec.Items {
			addItem(it)
		}
	}
	switch n.Kind() {
	case model.KindItem:
		addItem(n.Item)
	case model.KindSection:
		addSection(n.Section)
	case model.KindDocument:
		add(n.Document.Title, n.Document.TitleLine)
		add(n.Document.Preamble...)
		for _, sec := range n.Document.Sections {
			addSection(sec)
		}
	}
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

// target checks a node and returns its ID, address and title.
func target(c *model.Compilation, n model.Node) (id, addr, title string, err error) {
	if c == nil {
		return "", "", "", errors.New("没有打开的汇编")
	}
	if n.Kind() == model.KindCompilation {
		return "", "", "", errors.New("请选择一篇、一个部分或一条,不能对整部汇编操作")
	}
	if _, err := c.Resolve(n.Addr); err != nil {
		return "", "", "", err
	}
	return n.ID(c.ID), n.Addr.String(), n.Title(), nil
}

// ---- reading position and read marks ----

// SetPosition records where the reader is in compilation compID. It commits
// with fsync, so the window should call it when the reader stops moving
// (on node change or after a pause), not on every scroll event.
func (s *Service) SetPosition(compID, nodeID string, offset float32) (Position, error) {
	p := Position{NodeID: nodeID, Offset: offset, Updated: s.stamp()}
	data, err := json.Marshal(p)
	if err != nil {
		return Position{}, fmt.Errorf("编码阅读位置: %w", err)
	}
	if err := s.store.Put(bucketPositions, compID, data); err != nil {
		return Position{}, fmt.Errorf("保存阅读位置: %w", err)
	}
	return p, nil
}

// Position returns the last recorded position in compilation compID.
func (s *Service) Position(compID string) (Position, bool, error) {
	data, err := s.store.Get(bucketPositions, compID)
	if errors.Is(err, storage.ErrNotFound) {
		return Position{}, false, nil
	}
	if err != nil {
		return Position{}, false, err
	}
	var p Position
	if err := json.Unmarshal(data, &p); err != nil {
		return Position{}, false, fmt.Errorf("阅读位置已损坏: %w", err)
	}
	return p, true, nil
}

// SetRead marks a node read or unread.
func (s *Service) SetRead(nodeID string, read bool) error {
	var err error
	if read {
		var data []byte
		data, err = s.stamp().MarshalText()
		if err == nil {
			err = s.store.Put(bucketRead, nodeID, data)
		}
	} else {
		err = s.store.Delete(bucketRead, nodeID)
	}
	if err != nil {
		return fmt.Errorf("保存已读标记: %w", err)
	}
	return nil
}

// ReadMarks maps every node marked read to when it was marked.
func (s *Service) ReadMarks() (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := s.store.ForEach(bucketRead, func(k string, v []byte) error {
		var t time.Time
		_ = t.UnmarshalText(v)
		out[k] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("读取已读标记: %w", err)
	}
	return out, nil
}
