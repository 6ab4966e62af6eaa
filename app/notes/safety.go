package notes

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unsafe"

	"huibian/app/instance"
	"huibian/storage"
)

// What keeps the user's data safe beyond each single write: backups that
// can be listed and restored, damaged records repaired from them, and
// reading while another process (the window) has the file open for
// writing, or when the data directory cannot be written at all.

// extra is the part of Service this file manages.
type extra struct {
	// readOnly is set when the file was opened for reading only;
	// readOnlyNotice says why, for the user ("" for a reader beside the
	// window, which needs no notice).
	readOnly       bool
	readOnlyNotice string
	// snapshot is the snapshot file this reader opened, removed on Close.
	snapshot string
	// srv answers snapshot requests from readers while this service has
	// the file open for writing.
	srv *instance.Server
	// maxNotes replaces MaxNotes when > 0 (tests).
	maxNotes int
	// lazy is set when the notes are read at first use (Options.LazyNotes);
	// notesLoaded once they are.
	lazy, notesLoaded bool
	// textsLoaded is set once every note's text was read (texts.go).
	textsLoaded bool
	// lostTexts are the notes whose text could not be read (texts.go).
	lostTexts map[string]bool
	// told is every repair message Repairs has returned.
	told    map[string]bool
	lateErr error
}

func (x *extra) limit() int {
	if x.maxNotes > 0 {
		return x.maxNotes
	}
	return MaxNotes
}

// ErrReadOnly is returned (wrapped) by every change to a service opened
// read-only.
var ErrReadOnly = storage.ErrReadOnly

// openStore opens the user file as opt asks, falling back to a read-only
// open when the data directory cannot be written.
func openStore(dir string, so storage.UserOptions, readOnly bool) (*storage.UserStore, *storage.Recovery, extra, error) {
	path := filepath.Join(dir, FileName)
	if so.ProtectBucket == "" {
		so.ProtectBucket = bucketNotes
	}
	if so.Schema == 0 {
		so.Schema = fileSchema
	}
	if so.Migrations == nil {
		so.Migrations = fileMigrations
	}
	if readOnly {
		st, snap, err := openForReading(dir, path, so)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return st, nil, extra{readOnly: true, snapshot: snap}, err
		}
		// No user file yet: create it as a writer would.
	}
	st, rec, err := storage.OpenUserStore(path, so)
	if err != nil && storage.IsReadOnlyErr(err) {
		so.ReadOnly = true
		if rst, _, rerr := storage.OpenUserStore(path, so); rerr == nil {
			return rst, nil, extra{readOnly: true, readOnlyNotice: fmt.Sprintf(
				"数据目录 %s 不能写入（%v）。可以阅读和查看已有的笔记，但本次新建或修改的笔记和书签无法保存。", dir, err)}, nil
		}
	}
	return st, rec, extra{}, err
}

// openForReading opens the user file read-only. When another process has
// it open for writing (the window), that process writes a consistent
// snapshot, which is opened instead: bbolt keeps its single writer, and
// the reader sees every change committed before its request.
func openForReading(dir, path string, so storage.UserOptions) (*storage.UserStore, string, error) {
	so.ReadOnly = true
	var b [8]byte
	_, _ = rand.Read(b[:])
	// Absolute: the writer may have been started from another directory.
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	snap := filepath.Join(abs, snapshotPrefix+hex.EncodeToString(b[:])+".db")
	err = instance.Call(dir, instance.DataSocket, instance.Request{Op: "snapshot", Path: snap}, time.Minute)
	switch {
	case err == nil:
		st, _, err := storage.OpenUserStore(snap, so)
		if err != nil {
			os.Remove(snap)
			return nil, "", err
		}
		return st, snap, nil
	case !errors.Is(err, instance.ErrNotRunning):
		return nil, "", fmt.Errorf("从正在运行的汇编阅读器读取笔记：%w", err)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, "", err
	}
	st, _, err := storage.OpenUserStore(path, so)
	return st, "", err
}

// snapshotPrefix names the snapshot files written for readers.
const snapshotPrefix = ".userdata-snapshot-"

// serveReaders starts answering snapshot requests from readers. It is
// best effort: without it, readers fail as before, with a clear message.
func (s *Service) serveReaders(dir string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	srv, err := instance.Listen(dir, instance.DataSocket, func(r instance.Request) error {
		if r.Op != "snapshot" {
			return fmt.Errorf("不支持的请求 %q", r.Op)
		}
		// Only a snapshot file in this data directory.
		if !filepath.IsAbs(r.Path) || filepath.Dir(r.Path) != abs && !sameDir(filepath.Dir(r.Path), abs) ||
			!strings.HasPrefix(filepath.Base(r.Path), snapshotPrefix) {
			return fmt.Errorf("快照路径 %s 不在数据目录中", r.Path)
		}
		return s.store.WriteSnapshot(r.Path)
	})
	if err == nil {
		s.x.srv = srv
	}
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// closeExtra stops serving readers and removes this reader's snapshot.
func (s *Service) closeExtra() {
	if s.x.srv != nil {
		s.x.srv.Close()
	}
	if s.x.snapshot != "" {
		os.Remove(s.x.snapshot)
	}
}

// ReadOnly reports whether changes cannot be saved in this session.
func (s *Service) ReadOnly() bool { return s.x.readOnly }

// ReadOnlyNotice is the message to show once when the data directory could
// not be written and the notes were opened read-only, or "".
func (s *Service) ReadOnlyNotice() string { return s.x.readOnlyNotice }

// BackupWarning words the failure of the last automatic backup for the
// user, or is "" if it worked. The command line prints it after each
// command; the window shows it once per session (see
// Options.OnBackupError, which tells the window as soon as it happens).
func (s *Service) BackupWarning() string {
	if err := s.store.BackupError(); err != nil {
		return backupWarning(err)
	}
	return ""
}

func backupWarning(err error) string {
	return fmt.Sprintf("自动备份失败：笔记已保存，但没有新的备份（磁盘已满，或备份目录不能写入？）。原因：%v", err)
}

// Repairs words, for the user, every damaged record met since the last
// call (each found by its checksum, and restored from a backup when one
// had it intact). A record that could not be restored is met again at
// every later read of it; it is told once per Service.
func (s *Service) Repairs() []string {
	var out []string
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.x.lateErr != nil {
		out = append(out, s.x.lateErr.Error())
		s.x.lateErr = nil
	}
	for _, r := range s.store.TakeRepairs() {
		msg := repairText(r)
		if s.x.told[msg] {
			continue
		}
		if s.x.told == nil {
			s.x.told = map[string]bool{}
		}
		s.x.told[msg] = true
		out = append(out, msg)
	}
	return out
}

// repairText words a repair for the user; a note's text is named as such
// (its record is the storage layer's notetexts/ID), with what becomes of
// the note when the text is lost.
func repairText(r storage.RecordRepair) string {
	if r.Bucket != bucketTexts {
		return r.String()
	}
	switch {
	case r.RestoredFrom != "":
		return fmt.Sprintf("笔记 %s 的正文已损坏（校验和不符），已从备份 %s 恢复。", r.Key, r.RestoredFrom)
	case r.Err != nil:
		return fmt.Sprintf("笔记 %s 的正文已损坏（校验和不符），无法从备份恢复：%v。这条笔记仍在列表中，标为“正文已损坏，无法读取”，可以删除或重新填写正文。其余数据不受影响。", r.Key, r.Err)
	}
	return fmt.Sprintf("笔记 %s 的正文已损坏（校验和不符），所有备份中都没有完好的副本。这条笔记仍在列表中，标为“正文已损坏，无法读取”，可以删除或重新填写正文。其余数据不受影响。", r.Key)
}

// BackupInfo describes one backup, for 文件 › 从备份恢复… and backup ls.
type BackupInfo struct {
	// Name identifies the backup for RestoreBackup.
	Name      string    `json:"name"`
	Time      time.Time `json:"time"`
	Size      int64     `json:"size"`
	Notes     int       `json:"notes"`
	Bookmarks int       `json:"bookmarks"`
	// Problem says why the backup cannot be read ("" if it can).
	Problem string `json:"problem,omitempty"`
}

// Backups lists the backups, newest first.
func (s *Service) Backups() ([]BackupInfo, error) {
	list, err := s.store.Backups()
	if err != nil {
		return nil, err
	}
	out := make([]BackupInfo, 0, len(list))
	for _, b := range list {
		info := BackupInfo{Name: b.Name, Time: b.Time, Size: b.Size,
			Notes: b.Counts[bucketNotes], Bookmarks: b.Counts[bucketBookmarks]}
		if b.Err != nil {
			info.Problem = b.Err.Error()
		}
		out = append(out, info)
	}
	return out, nil
}

// BackupNow writes a backup at once and returns its path.
func (s *Service) BackupNow() (string, error) { return s.store.Backup() }

// RestoreBackup replaces the notes and bookmarks with those of the backup
// called name, after checking it completely. The current file is kept
// aside first; its path is returned. The service then shows the restored
// data. Undo of the last delete is forgotten.
func (s *Service) RestoreBackup(name string) (keptAside string, err error) {
	if s.x.readOnly {
		return "", ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kept, err := s.store.RestoreBackup(name)
	if err != nil {
		return kept, err
	}
	s.notes, s.bookmarks, s.anchors = map[string]*Note{}, map[string]*Bookmark{}, map[string]anchor{}
	s.lastDeleted = nil
	s.x.notesLoaded, s.x.textsLoaded, s.x.lostTexts = false, false, nil
	if err := s.load(); err != nil {
		return kept, fmt.Errorf("读取恢复的笔记：%w", err)
	}
	return kept, nil
}

// loadNotes reads every note into memory (without its text: texts.go).
func (s *Service) loadNotes() error {
	// Each note is decoded in place from the file's memory map, and then
	// given strings of its own (own): the node ID, address and title are
	// shared with the first note on the same node when they are the same
	// (with 100 000 notes on a few hundred nodes they almost always are),
	// and what is copied goes into large shared blocks. The notes are made
	// in blocks, and the map sized once at the end. At 100 000 notes, one
	// allocation per value and per note, then copying whole records, were
	// most of the cost of opening the notes: on a virtual machine, mostly
	// the first touch of each page of new memory.
	var (
		own   owner
		slab  []Note
		slabs [][]Note // every note read, in order: slab is the last
		count int
		gr    grouper // page.go
	)
	const slabBlock = 1024
	err := s.store.ForEachBorrowed(bucketNotes, func(key string, val []byte) error {
		if len(slab) == cap(slab) {
			if slab != nil {
				slabs = append(slabs, slab)
			}
			slab = make([]Note, 0, slabBlock)
		}
		slab = slab[:len(slab)+1]
		n := &slab[len(slab)-1]
		if err := decodeNoteInto(n, key, val); err != nil {
			*n = Note{} // no string of it may outlive the transaction
			slab = slab[:len(slab)-1]
			return fmt.Errorf("笔记 %s 无法读取：%w", key, err)
		}
		own.note(n, gr.first(n.NodeID))
		count++
		gr.add(n)
		return nil
	})
	if err != nil {
		return fmt.Errorf("读取笔记：%w", err)
	}
	if slab != nil {
		slabs = append(slabs, slab)
	}
	if len(s.notes) == 0 {
		s.notes = make(map[string]*Note, count)
	}
	fresh := len(s.notes) == 0
	for _, sl := range slabs {
		for i := range sl {
			s.notes[sl[i].ID] = &sl[i]
		}
	}
	s.forgetGroupsLocked()
	if fresh {
		s.groups = gr.done()
	}
	s.x.notesLoaded = true
	return nil
}

// owner gives decoded notes strings of their own, in place of those that
// point into the memory map they were decoded from.
type owner struct{ arena []byte }

const ownerBlock = 256 << 10

// str returns a copy of s, in a shared block unless it is large.
func (o *owner) str(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > ownerBlock/8 {
		return strings.Clone(s)
	}
	if cap(o.arena)-len(o.arena) < len(s) {
		o.arena = make([]byte, 0, ownerBlock)
	}
	start := len(o.arena)
	o.arena = append(o.arena, s...)
	// The bytes are never changed: later appends go past them.
	return unsafe.String(unsafe.SliceData(o.arena[start:]), len(s))
}

// note replaces every string of n (but its ID, which the store hands out
// as a copy) with one it owns, sharing those of first (a note already
// owned, on the same node; nil if none) where they are equal.
func (o *owner) note(n, first *Note) {
	if first != nil {
		n.NodeID = first.NodeID
	} else {
		n.NodeID = o.str(n.NodeID)
	}
	if first != nil && n.Address == first.Address {
		n.Address = first.Address
	} else {
		n.Address = o.str(n.Address)
	}
	if first != nil && n.Title == first.Title {
		n.Title = first.Title
	} else {
		n.Title = o.str(n.Title)
	}
	n.Quote = o.str(n.Quote)
	n.Text = o.str(n.Text) // record format 1 only
	if c, ok := paletteColor(n.Color); ok {
		n.Color = c
	} else {
		n.Color = Color(o.str(string(n.Color)))
	}
}

// loadNotesLocked reads the notes if they were left for first use. A
// failure then (the file was readable at Open) is kept and reported by
// Repairs, and the notes read so far are used.
func (s *Service) loadNotesLocked() {
	if s.x.notesLoaded || !s.x.lazy {
		return
	}
	if err := s.loadNotes(); err != nil {
		s.x.notesLoaded = true
		s.x.lateErr = err
	}
}

// noteStoredLocked reports whether a note ID is taken in the file, for
// IDs made before the notes were read.
func (s *Service) noteStoredLocked(id string) bool {
	if s.x.notesLoaded || !s.x.lazy {
		return false
	}
	_, err := s.store.Get(bucketNotes, id)
	return !errors.Is(err, storage.ErrNotFound)
}
