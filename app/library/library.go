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
	"time"

	"huibian/app/model"
	"huibian/app/parse"
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
type Service struct {
	dir     string
	store   *storage.Library
	builtin string // ID of the built-in compilation
	cache   map[string]*model.Compilation
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
}

// Open opens (creating if needed) the library in dir and makes sure the
// built-in compilation is imported and current.
func Open(dir string, opt Options) (*Service, error) {
	if opt.Builtin == nil {
		opt.Builtin = &Source{Name: assets.CompilationName, Data: assets.Compilation}
	}
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("创建数据目录 %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	st, err := storage.OpenLibrary(path, storage.Options{Timeout: opt.Timeout, RebuildIfCorrupt: true})
	if err != nil {
		return nil, err
	}
	s := &Service{dir: dir, store: st, cache: map[string]*model.Compilation{}}
	if st.MovedAside() != "" {
		s.Notices = append(s.Notices, fmt.Sprintf("资料库文件已损坏,已移至 %s 并重新建立;您的书签和笔记不受影响。", st.MovedAside()))
	}
	id, err := s.ensureBuiltin(*opt.Builtin)
	if err != nil {
		st.Close()
		return nil, err
	}
	s.builtin = id
	return s, nil
}

// Dir is the data directory.
func (s *Service) Dir() string { return s.dir }

// Close releases the library file.
func (s *Service) Close() error { return s.store.Close() }

// ensureBuiltin imports the built-in source unless the stored copy was made
// from exactly the same bytes.
func (s *Service) ensureBuiltin(src Source) (string, error) {
	// Fast path: a stored record made from these exact bytes. Parsing is
	// only needed when the embedded text changed (a new release).
	sum := sha256.Sum256(src.Data)
	hash := hex.EncodeToString(sum[:])
	recs, err := s.store.List()
	if err != nil {
		return "", err
	}
	for _, r := range recs {
		// Load it now (the caller wants it anyway): a record in an older
		// format fails here and is imported again below.
		if r.SourceHash == hash {
			if _, err := s.Get(r.ID); err == nil {
				return r.ID, nil
			}
		}
	}
	res, err := parse.Parse(src.Name, src.Data)
	if err != nil {
		return "", fmt.Errorf("内置汇编: %w", err)
	}
	c := res.Compilation
	if err := s.put(c); err != nil {
		return "", err
	}
	return c.ID, nil
}

func (s *Service) put(c *model.Compilation) error {
	data, err := encode(c)
	if err != nil {
		return err
	}
	rec := storage.CompilationRecord{
		ID: c.ID, Title: c.Title, SourceName: c.SourceName, SourceHash: c.SourceHash,
		ImportedAt: time.Now().UTC(), Data: data,
	}
	if err := s.store.Put(rec); err != nil {
		return err
	}
	s.cache[c.ID] = c
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
func (s *Service) ImportFile(path string) (ImportReport, error) {
	res, err := parse.ReadFile(path)
	if err != nil {
		return ImportReport{}, err
	}
	return s.importParsed(res)
}

// ImportBytes parses and stores a source held in memory.
func (s *Service) ImportBytes(src Source) (ImportReport, error) {
	res, err := parse.Parse(src.Name, src.Data)
	if err != nil {
		return ImportReport{}, err
	}
	return s.importParsed(res)
}

func (s *Service) importParsed(res *parse.Result) (ImportReport, error) {
	c := res.Compilation
	rep := ImportReport{Compilation: c, Warnings: res.Warnings}
	rec, err := s.store.Get(c.ID)
	switch {
	case err == nil && rec.SourceHash == c.SourceHash:
		rep.Unchanged = true
		return rep, nil
	case err == nil:
		rep.Replaced = true
	case !errors.Is(err, storage.ErrNotFound):
		return rep, err
	}
	return rep, s.put(c)
}

// BuiltinID is the ID of the compilation shipped in the binary.
func (s *Service) BuiltinID() string { return s.builtin }

// Builtin returns the compilation shipped in the binary.
func (s *Service) Builtin() (*model.Compilation, error) { return s.Get(s.builtin) }

// Get loads a compilation by ID.
func (s *Service) Get(id string) (*model.Compilation, error) {
	if c, ok := s.cache[id]; ok {
		return c, nil
	}
	rec, err := s.store.Get(id)
	if err != nil {
		return nil, fmt.Errorf("读取汇编 %s: %w", id, err)
	}
	c, err := decode(rec.Data)
	if err != nil {
		return nil, fmt.Errorf("资料库中的汇编 %s 已损坏: %w", id, err)
	}
	s.cache[id] = c
	return c, nil
}

// List describes every stored compilation, the built-in one first.
func (s *Service) List() ([]Info, error) {
	recs, err := s.store.List()
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, r := range recs {
		c, err := s.Get(r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Info{ID: r.ID, Title: r.Title, SourceName: r.SourceName, SourceHash: r.SourceHash,
			ImportedAt: r.ImportedAt, Builtin: r.ID == s.builtin, Stats: c.Stats()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Builtin && !out[j].Builtin })
	return out, nil
}

// Remove deletes an imported compilation. The built-in one cannot be removed.
func (s *Service) Remove(id string) error {
	if id == s.builtin {
		return errors.New("内置汇编不能删除")
	}
	delete(s.cache, id)
	return s.store.Delete(id)
}
