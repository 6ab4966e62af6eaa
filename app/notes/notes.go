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
//
// Files, one topic each: notes.go the Service and opening the file;
// note.go notes; bookmark.go bookmarks; undo.go undoing the last delete;
// list.go filtering and listing notes; markers.go the per-node summaries
// for the tree and pane; anchor.go resolving records to nodes (orphans);
// position.go the reading position and read marks; colors.go the colour
// table; search.go notes and bookmarks as search documents; export.go and
// codec.go the JSON/Markdown export and the stored record format; texts.go
// the notes' texts, read when needed, and the file's schema (3) with its
// migration; page.go the panel's pages; stream.go note ls without holding
// every note; safety.go backups, repairs and read-only access.
package notes

import (
	"errors"
	"fmt"
	"sync"
	"time"

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
	bucketTexts     = "notetexts" // the notes' texts, by note ID (codec.go)
	bucketBookmarks = "bookmarks"
	bucketPositions = "positions"
	bucketRead      = "read"
)

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
	// ReadOnly opens the notes for reading only (commands that only read):
	// beside a window that has them open, through a snapshot it writes.
	ReadOnly bool
	// LazyNotes reads the notes at the first call that needs them instead
	// of at Open: a command that only adds a note then does not read
	// 100 000 of them (bookmarks, which are few, are always read).
	LazyNotes bool
	// OnBackupError is called once per session, off the UI goroutine, when
	// an automatic backup fails, with the message to show (BackupWarning).
	OnBackupError func(msg string)
}

// Service owns the open user-data file from Open to Close. Its methods are
// safe for concurrent use.
//
// Invariants, all under mu: notes and bookmarks mirror the notes and
// bookmarks buckets of the file (a map entry is set only after its record
// was committed, and removed only after its delete was); a *Note or
// *Bookmark in them is never changed once stored, an edit stores a new one,
// except that a note's text is filled in when it is first read
// (texts.go); methods hand out copies, never these pointers, so every read
// of them is under mu. anchors caches node resolutions for
// the life of the Service, until Refresh.
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
	anchors   map[string]anchor     // NodeID → resolution, cached
	groups    map[string]*noteGroup // notes by NodeID, nil after a change (page.go)
	// lastDeleted is what UndoDelete restores.
	lastDeleted *deleted

	x extra // safety.go
}

// Open opens (creating if needed) <dir>/userdata.db and loads the notes and
// bookmarks. comps resolves node IDs; it may be nil, in which case every
// record counts as anchored.
func Open(dir string, comps Compilations, opt Options) (*Service, error) {
	if err := storage.PrivateDir(dir); err != nil {
		return nil, err
	}
	so := opt.Store
	if opt.Timeout > 0 {
		so.Timeout = opt.Timeout
	}
	if warn := opt.OnBackupError; warn != nil && so.OnBackupError == nil {
		so.OnBackupError = func(err error) { warn(backupWarning(err)) }
	}
	st, rec, x, err := openStore(dir, so, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	s := &Service{store: st, comps: comps, now: opt.Now, Recovery: rec, x: x,
		notes: map[string]*Note{}, bookmarks: map[string]*Bookmark{}, anchors: map[string]anchor{}}
	if s.now == nil {
		s.now = time.Now
	}
	s.x.lazy = opt.LazyNotes
	if err := s.load(); err != nil {
		s.closeExtra()
		st.Close()
		return nil, err
	}
	if !st.ReadOnly() {
		s.serveReaders(dir)
	}
	return s, nil
}

func (s *Service) load() error {
	if !s.x.lazy {
		if err := s.loadNotes(); err != nil {
			return err
		}
	}
	err := s.store.ForEach(bucketBookmarks, func(key string, val []byte) error {
		b, err := decodeBookmark(key, val)
		if err != nil {
			return fmt.Errorf("书签 %s 无法读取：%w", key, err)
		}
		s.bookmarks[key] = b
		return nil
	})
	if err != nil {
		return fmt.Errorf("读取书签：%w", err)
	}
	return nil
}

// Close releases the file.
func (s *Service) Close() error {
	s.closeExtra()
	return s.store.Close()
}

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
	s.forgetGroupsLocked()
	s.mu.Unlock()
}

// target checks a node and returns its ID, address and title.
func target(c *model.Compilation, n model.Node) (id, addr, title string, err error) {
	if c == nil {
		return "", "", "", errors.New("没有打开的汇编")
	}
	if n.Kind() == model.KindCompilation {
		return "", "", "", errors.New("请选择一篇、一个部分或一条，不能对整部汇编操作")
	}
	if _, err := c.Resolve(n.Addr); err != nil {
		return "", "", "", err
	}
	return n.ID(c.ID), n.Addr.String(), n.Title(), nil
}
