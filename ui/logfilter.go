package ui

import (
	"bytes"
	"io"
	"sync"
)

// prefsRaceFilter passes log output through, except Fyne's report of one
// known, harmless race (fyne v2.7.1 app/preferences.go): Fyne saves the
// preferences file (truncating it first) when the app quits, and its own
// file watcher may read the file in between and log
//
//	Fyne error:  Preferences load error:
//	  Cause: EOF
//	  At: …/app/preferences.go:103
//
// The failed load changes nothing. Fyne logs the three lines with three
// writes; the first is held back until the second shows whether the cause
// is EOF. Anything else passes unchanged.
type prefsRaceFilter struct {
	mu   sync.Mutex
	out  io.Writer
	held []byte // a held "Preferences load error:" line
	drop int    // lines still to drop after a matched report
}

func (f *prefsRaceFilter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.drop > 0 && bytes.Contains(p, []byte("At: ")) && bytes.Contains(p, []byte("preferences.go")):
		f.drop = 0
		return len(p), nil
	case f.held != nil && bytes.Contains(p, []byte("Cause: EOF")):
		f.held = nil
		f.drop = 1
		return len(p), nil
	case bytes.Contains(p, []byte("Fyne error:  Preferences load error:")):
		if err := f.flush(); err != nil {
			return 0, err
		}
		f.held = append([]byte(nil), p...)
		return len(p), nil
	}
	f.drop = 0
	if err := f.flush(); err != nil {
		return 0, err
	}
	return f.out.Write(p)
}

func (f *prefsRaceFilter) flush() error {
	if f.held == nil {
		return nil
	}
	_, err := f.out.Write(f.held)
	f.held = nil
	return err
}
