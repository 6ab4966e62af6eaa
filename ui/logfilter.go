package ui

import (
	"bytes"
	"io"
	"sync"
)

// knownNoise is a harmless report Fyne logs as three lines (three writes):
//
//	Fyne error:  <what>
//	  Cause: <cause>
//	  At: <file>:<line>
type knownNoise struct {
	what, cause, at string // substrings of each line; cause "" matches any
}

// fyneNoise are the reports logFilter drops.
var fyneNoise = []knownNoise{
	// Fyne v2.7.1 (app/preferences.go) saves the preferences file,
	// truncating it first, when the app quits, and its own file watcher
	// may read the file in between. The failed load changes nothing.
	{"Preferences load error:", "Cause: EOF", "preferences.go"},
	// Its file dialog asks xdg-user-dir for Documents, Music, Videos…, and
	// reports every folder this computer does not define (most office
	// desktops lack some); the dialog falls back to the home folder.
	{"Getting favorite locations", "", "dialog/file.go"},
}

// logFilter passes log output through, except the reports in fyneNoise.
// The first line of a report is held back until the next ones show whether
// it is one of them; anything else passes unchanged.
type logFilter struct {
	mu    sync.Mutex
	out   io.Writer
	held  []byte      // a held first line
	match *knownNoise // the report it may start
	drop  int         // lines still to drop after a matched cause
}

func (f *logFilter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.drop > 0 && bytes.Contains(p, []byte("At: ")) && bytes.Contains(p, []byte(f.match.at)):
		f.drop, f.match = 0, nil
		return len(p), nil
	case f.held != nil && bytes.Contains(p, []byte("Cause: ")) && bytes.Contains(p, []byte(f.match.cause)):
		f.held = nil
		f.drop = 1
		return len(p), nil
	}
	if err := f.flush(); err != nil {
		return 0, err
	}
	f.drop, f.match = 0, nil
	if bytes.Contains(p, []byte("Fyne error:  ")) {
		for i := range fyneNoise {
			if bytes.Contains(p, []byte(fyneNoise[i].what)) {
				f.held, f.match = append([]byte(nil), p...), &fyneNoise[i]
				return len(p), nil
			}
		}
	}
	return f.out.Write(p)
}

func (f *logFilter) flush() error {
	if f.held == nil {
		return nil
	}
	_, err := f.out.Write(f.held)
	f.held = nil
	return err
}
