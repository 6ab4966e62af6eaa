// Package library keeps parsed compilations in the library file and hands
// them to the window and the command line.
//
// The library file holds only what can be rebuilt from sources: the
// built-in compilation is re-imported whenever the embedded text changes,
// and a damaged library file is set aside and rebuilt. What the reader
// writes (bookmarks, notes) lives elsewhere (package notes).
package library

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"huibian/app/model"
	"huibian/app/parse"
	"huibian/app/settings"
	"huibian/assets"
	"huibian/storage"
)

// ErrLocked reports that another process (usually another window of the
// reader) has the data files open.
var ErrLocked = storage.ErrLocked

// FileName is the library file's name inside the data directory.
const FileName = "library.db"

// Source is a compilation text to import.
type Source struct {
	Name string // shown in messages
	Data []byte
}

// Service owns the open library file.
//
// The file is open read-only (a shared lock) except while something is
// written to it: an import, a removal, the built-in compilation brought up
// to date, a rebuild. So the window and any number of commands can read
// the library at the same time, and a write waits at most Timeout for the
// readers and then fails with ErrLocked.
type Service struct {
	dir     string
	path    string
	timeout time.Duration
	// storeMu guards store and writable: write swaps the read-only store
	// for a writable one and back, and readers must not use it meanwhile.
	storeMu sync.RWMutex
	store   *storage.Library
	// writable is set while the store is open for writing.
	writable bool
	// tmpDir holds the library when the data directory cannot be written;
	// it is removed on Close.
	tmpDir  string
	builtin string // ID of the built-in compilation
	// cacheMu guards cache, the compilations decoded so far by ID.
	cacheMu sync.Mutex
	cache   map[string]*model.Compilation
	// settings holds the last opened compilation (LastOpened); see
	// settingsStore.
	settingsOnce sync.Once
	settings     *settings.Store
	// Notices tell the user about things done on their behalf at open
	// (a damaged library set aside and rebuilt), in Chinese.
	Notices []string
}

// Info describes one stored compilation.
type Info struct {
	ID         string      `json:"id"`
	Title      string      `json:"title"`
	SourceName string      `json:"source_name"`
	SourceHash string      `json:"source_hash"`
	ImportedAt time.Time   `json:"imported_at"`
	Builtin    bool        `json:"builtin"`
	Stats      model.Stats `json:"stats"`
}

// Options adjust Open.
type Options struct {
	// Builtin is the compilation shipped in the binary; nil means assets.Compilation.
	Builtin *Source
	// Timeout bounds the wait for another process's lock on the file.
	Timeout time.Duration
	// Settings is the data directory's settings store, where the last
	// opened compilation is kept; nil opens one on first use. The window
	// passes its own, so that both write one map to settings.json.
	Settings *settings.Store
}

// Open opens (creating if needed) the library in dir and makes sure the
// built-in compilation is imported and current, and that every kept
// source is in it (a damaged or lost library file is rebuilt from them).
func Open(dir string, opt Options) (*Service, error) {
	if opt.Builtin == nil {
		opt.Builtin = &Source{Name: assets.CompilationName, Data: assets.Compilation}
	}
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if err := storage.PrivateDir(dir); err != nil {
		return nil, err
	}
	s := &Service{dir: dir, path: filepath.Join(dir, FileName), timeout: opt.Timeout, cache: map[string]*model.Compilation{}, settings: opt.Settings}
	// The common case: a current library, opened read-only.
	if st, err := storage.OpenLibrary(s.path, storage.Options{Timeout: opt.Timeout, ReadOnly: true}); err == nil {
		s.store = st
		if id, ok := s.builtinCurrent(*opt.Builtin); ok {
			if missing, err := s.missingSources(); err == nil && len(missing) == 0 {
				s.builtin = id
				return s, nil
			}
		}
		st.Close()
		s.store = nil
	}
	err := s.openWritable(true)
	if err != nil && storage.IsReadOnlyErr(err) {
		// A data directory that cannot be written: build the library in
		// a temporary directory, from the built-in text and the kept
		// sources, which can still be read.
		tmp, terr := os.MkdirTemp("", "huibian-library-")
		if terr != nil {
			return nil, fmt.Errorf("%w; 也无法在临时目录中建立资料库：%v", err, terr)
		}
		s.tmpDir, s.path = tmp, filepath.Join(tmp, FileName)
		s.Notices = append(s.Notices, fmt.Sprintf("数据目录 %s 不能写入，资料库暂时建在 %s，本次导入的汇编在关闭后不会保留。", dir, tmp))
		err = s.openWritable(true)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	if moved := s.store.MovedAside(); moved != "" {
		s.Notices = append(s.Notices, fmt.Sprintf("资料库文件已损坏，已移至 %s 并重新建立；您的书签和笔记不受影响。", moved))
	}
	id, err := s.ensureBuiltin(*opt.Builtin)
	if err == nil {
		s.builtin = id
		var msg string
		if msg, err = s.restoreSources(); msg != "" {
			s.Notices = append(s.Notices, msg)
		}
	}
	if err == nil {
		err = s.openReadOnly()
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openWritable (re)opens the store for writing.
func (s *Service) openWritable(rebuild bool) error {
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
	st, err := storage.OpenLibrary(s.path, storage.Options{Timeout: s.timeout, RebuildIfCorrupt: rebuild})
	if err != nil {
		return err
	}
	s.store, s.writable = st, true
	return nil
}

// openReadOnly (re)opens the store for reading only.
func (s *Service) openReadOnly() error {
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
	st, err := storage.OpenLibrary(s.path, storage.Options{Timeout: s.timeout, ReadOnly: true})
	if err != nil {
		return err
	}
	s.store, s.writable = st, false
	return nil
}

// write runs fn with the store open for writing, and reopens it
// read-only afterwards. Another process reading the library makes it
// fail with ErrLocked after Timeout.
func (s *Service) write(fn func() error) error {
	s.storeMu.Lock()
	defer s.storeMu.Unlock()
	if s.writable {
		return fn()
	}
	if err := s.openWritable(false); err != nil {
		if errors.Is(err, storage.ErrLocked) {
			err = fmt.Errorf("%w（写入资料库需要独占它：请先关闭汇编阅读器的窗口，或在窗口中操作）", err)
		}
		if rerr := s.openReadOnly(); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	err := fn()
	if rerr := s.openReadOnly(); rerr != nil && err == nil {
		err = rerr
	}
	return err
}

// builtinCurrent reports whether the store holds the built-in compilation
// made from exactly src's bytes, in a format this build reads.
func (s *Service) builtinCurrent(src Source) (string, bool) {
	sum := sha256.Sum256(src.Data)
	hash := hex.EncodeToString(sum[:])
	recs, err := s.store.List()
	if err != nil {
		return "", false
	}
	for _, r := range recs {
		if r.SourceHash == hash {
			if _, err := s.Get(r.ID); err == nil {
				return r.ID, true
			}
		}
	}
	return "", false
}

// Dir is the data directory.
func (s *Service) Dir() string { return s.dir }

// Close releases the library file.
func (s *Service) Close() error {
	var err error
	if s.store != nil {
		err = s.store.Close()
		s.store = nil
	}
	if s.tmpDir != "" {
		os.RemoveAll(s.tmpDir)
	}
	return err
}

// ensureBuiltin imports the built-in source unless the stored copy was made
// from exactly the same bytes. The store must be writable.
func (s *Service) ensureBuiltin(src Source) (string, error) {
	// Fast path: a stored record made from these exact bytes. Parsing is
	// only needed when the embedded text changed (a new release).
	if id, ok := s.builtinCurrent(src); ok {
		return id, nil
	}
	res, err := parse.Parse(src.Name, src.Data)
	if err != nil {
		return "", fmt.Errorf("内置汇编：%w", err)
	}
	c := res.Compilation
	if err := s.putLocked(c); err != nil {
		return "", err
	}
	return c.ID, nil
}

// putLocked stores c; the store must be writable.
func (s *Service) putLocked(c *model.Compilation) error {
	data, err := encode(c)
	if err != nil {
		return err
	}
	rec := storage.CompilationRecord{
		ID: c.ID, Title: c.Title, SourceName: c.SourceName, SourceHash: c.SourceHash,
		ImportedAt: time.Now().UTC(), Counts: statsCounts(c.Stats()), Data: data,
	}
	if err := s.store.Put(rec); err != nil {
		return err
	}
	s.setCached(c)
	return nil
}

// ImportReport says what an import did.
type ImportReport struct {
	Compilation *model.Compilation
	Replaced    bool     // an earlier import of the same compilation was replaced
	Unchanged   bool     // the same source was already imported
	Warnings    []string // oddities found while parsing
}

// ImportFile parses a file and stores it. A compilation with the same title
// replaces the earlier import, keeping its node IDs (and so the notes on it).
//
// The file's bytes are kept in the data directory (SourcesDir), so that
// the library can be rebuilt from them.
func (s *Service) ImportFile(path string) (ImportReport, error) {
	res, err := parse.ReadFile(path)
	if err != nil {
		return ImportReport{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ImportReport{}, fmt.Errorf("读取 %s: %w", path, err)
	}
	return s.importParsed(res, data)
}

// ImportBytes parses and stores a source held in memory.
func (s *Service) ImportBytes(src Source) (ImportReport, error) {
	res, err := parse.Parse(src.Name, src.Data)
	if err != nil {
		return ImportReport{}, err
	}
	return s.importParsed(res, src.Data)
}

// importParsed stores a parsed compilation and keeps its source bytes.
// The source is kept even when the compilation was already there (it may
// have been imported before sources were kept).
func (s *Service) importParsed(res *parse.Result, data []byte) (ImportReport, error) {
	c := res.Compilation
	rep := ImportReport{Compilation: c, Warnings: res.Warnings}
	rec, err := s.storeGet(c.ID)
	switch {
	case err == nil && rec.SourceHash == c.SourceHash:
		rep.Unchanged = true
	case err == nil:
		rep.Replaced = true
	case !errors.Is(err, storage.ErrNotFound):
		return rep, err
	}
	if !rep.Unchanged {
		if err := s.write(func() error { return s.putLocked(c) }); err != nil {
			return rep, err
		}
	}
	if s.tmpDir == "" {
		if err := s.keepSource(c.ID, c.Title, c.SourceName, c.SourceHash, data); err != nil {
			return rep, fmt.Errorf("已导入《%s》，但原文件没能保存（资料库损坏时无法据此重建）：%w", c.Title, err)
		}
	}
	return rep, nil
}

// BuiltinID is the ID of the compilation shipped in the binary.
func (s *Service) BuiltinID() string { return s.builtin }

// Builtin returns the compilation shipped in the binary.
func (s *Service) Builtin() (*model.Compilation, error) { return s.Get(s.builtin) }

// storeGet reads one record, never while write swaps the store.
func (s *Service) storeGet(id string) (storage.CompilationRecord, error) {
	s.storeMu.RLock()
	defer s.storeMu.RUnlock()
	return s.store.Get(id)
}

// Get loads a compilation by ID.
func (s *Service) Get(id string) (*model.Compilation, error) {
	s.cacheMu.Lock()
	c, ok := s.cache[id]
	s.cacheMu.Unlock()
	if ok {
		return c, nil
	}
	rec, err := s.storeGet(id)
	if err != nil {
		return nil, fmt.Errorf("读取汇编 %s: %w", id, err)
	}
	c, err = decode(rec.Data)
	if err != nil {
		return nil, fmt.Errorf("资料库中的汇编 %s 已损坏：%w", id, err)
	}
	s.setCached(c)
	return c, nil
}

func (s *Service) setCached(c *model.Compilation) {
	s.cacheMu.Lock()
	s.cache[c.ID] = c
	s.cacheMu.Unlock()
}

// statsCounts and countsStats store a compilation's counts in its record,
// so that List need not decode every compilation.
func statsCounts(st model.Stats) map[string]int {
	return map[string]int{"documents": st.Documents, "sections": st.Sections, "items": st.Items,
		"items_with_text": st.ItemsWithText, "characters": st.Characters}
}

func countsStats(m map[string]int) (model.Stats, bool) {
	keys := []string{"documents", "sections", "items", "items_with_text", "characters"}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return model.Stats{}, false
		}
	}
	return model.Stats{Documents: m["documents"], Sections: m["sections"], Items: m["items"],
		ItemsWithText: m["items_with_text"], Characters: m["characters"]}, true
}

// List describes every stored compilation, the built-in one first, then
// the others in ID order. Counts come from the records (compilations
// stored by older builds are decoded once for them).
func (s *Service) List() ([]Info, error) {
	s.storeMu.RLock()
	recs, err := s.store.List()
	s.storeMu.RUnlock()
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, r := range recs {
		st, ok := countsStats(r.Counts)
		if !ok {
			c, err := s.Get(r.ID)
			if err != nil {
				return nil, err
			}
			st = c.Stats()
		}
		out = append(out, Info{ID: r.ID, Title: r.Title, SourceName: r.SourceName, SourceHash: r.SourceHash,
			ImportedAt: r.ImportedAt, Builtin: r.ID == s.builtin, Stats: st})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Builtin && !out[j].Builtin })
	return out, nil
}

// Remove deletes an imported compilation and its kept source (the caller
// asks for confirmation first). The built-in one cannot be removed.
func (s *Service) Remove(id string) error {
	if id == s.builtin {
		return errors.New("内置汇编不能删除")
	}
	s.cacheMu.Lock()
	delete(s.cache, id)
	s.cacheMu.Unlock()
	if err := s.write(func() error { return s.store.Delete(id) }); err != nil {
		return err
	}
	return s.forgetSource(id)
}
