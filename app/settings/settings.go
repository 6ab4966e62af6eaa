// Package settings keeps the window's own state (theme, text size, window
// size and split, the node shown last) in the data directory, in
// settings.json (mode 0600), instead of Fyne's preferences.json, which
// Fyne writes world-readable (0644) outside the data directory and shares
// between every --data directory.
//
// Values are strings or numbers by key, as in Fyne's preferences, so the
// window can use a Store where it used fyne.Preferences. Every change is
// written at once, atomically (temporary file, fsync, rename).
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"huibian/storage"
)

// FileName is the settings file inside the data directory.
const FileName = "settings.json"

// Store is the settings of one data directory. Its methods are safe for
// concurrent use.
type Store struct {
	path string
	mu   sync.Mutex
	vals map[string]any // string or float64
	// Err is the error of the last write, nil if it worked. A failed write
	// (a read-only data directory) keeps the value for this session.
	err error
}

// Open reads the settings of data directory dir. A missing file gives
// empty settings; an unreadable one too, with the error returned so the
// caller can say so (the settings are then rewritten on the first change).
func Open(dir string) (*Store, error) {
	s := &Store{path: filepath.Join(dir, FileName), vals: map[string]any{}}
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("读取窗口设置 %s: %w", s.path, err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		return s, fmt.Errorf("窗口设置 %s 已损坏，已使用默认设置：%w", s.path, err)
	}
	for k, v := range raw {
		switch v.(type) {
		case string, float64:
			s.vals[k] = v
		}
	}
	return s, nil
}

// String returns a string value, or "".
func (s *Store) String(key string) string { return s.StringWithFallback(key, "") }

// StringWithFallback returns a string value, or fallback.
func (s *Store) StringWithFallback(key, fallback string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.vals[key].(string); ok {
		return v
	}
	return fallback
}

// Float returns a number, or 0.
func (s *Store) Float(key string) float64 { return s.FloatWithFallback(key, 0) }

// FloatWithFallback returns a number, or fallback.
func (s *Store) FloatWithFallback(key string, fallback float64) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.vals[key].(float64); ok {
		return v
	}
	return fallback
}

// SetString stores a string and writes the file.
func (s *Store) SetString(key, v string) { s.WriteValues(func(m map[string]any) { m[key] = v }) }

// SetFloat stores a number and writes the file.
func (s *Store) SetFloat(key string, v float64) {
	s.WriteValues(func(m map[string]any) { m[key] = v })
}

// WriteValues changes several values with one write. fn may set strings
// and float64s; other types are dropped.
func (s *Store) WriteValues(fn func(map[string]any)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.vals)
	for k, v := range s.vals {
		switch v.(type) {
		case string, float64:
		default:
			delete(s.vals, k)
		}
	}
	s.err = s.writeLocked()
}

// Len returns how many values are stored (0 for a new data directory).
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.vals)
}

// Err returns the error of the last write, or nil.
func (s *Store) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Store) writeLocked() error {
	data, err := json.MarshalIndent(s.vals, "", "  ")
	if err != nil {
		return err
	}
	if err := storage.WriteFileAtomic(s.path, data); err != nil { // 0600
		return fmt.Errorf("保存窗口设置 %s: %w", s.path, err)
	}
	return nil
}
