package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"huibian/app/model"
	"huibian/app/notes"
	"huibian/app/search"
)

// attachNotesAndSearch installs the search box and opens the user's notes
// and bookmarks (userdata.db in the data directory), and connects them:
// the bookmark and note actions, the two panels, the tree and pane
// markers, export and import, and notes and bookmarks in the search.
//
// The notes file is opened on a background goroutine (openNotesAsync), so
// that checking and loading a large file overlaps the window's own
// start-up instead of adding to it; the notes attach on the UI goroutine as
// soon as they are loaded (until then the bookmark and note actions stay
// disabled). A failure to open is shown in a dialog: the window stays
// usable for reading.
//
// The search index starts without the notes and takes them in shortly
// after the user-data file is open (see below), and again after every
// change.
func attachNotesAndSearch(w *Window) (*SearchUI, error) {
	src := &lazySource{comp: w.Compilation().ID}
	// Before AttachSearch's own handler, which rebuilds the index from src.
	w.OnCompilationChanged(func(c *model.Compilation) { src.setComp(c.ID) })
	s, err := AttachSearch(w, src)
	if err != nil {
		return nil, err
	}
	// Taking 10 000 notes into the index costs a fifth of a second of CPU.
	// Done when the notes attach, it competed with drawing the tree
	// markers and a notes panel opened at start, so it waits until the
	// window has settled (searchDelay), or until the first search or the
	// first change to the notes if that comes sooner. A search typed
	// before is run again once the notes are in (ReloadExtras).
	openNotesAsync(w, func(u *NotesUI) {
		if u == nil {
			return
		}
		src.set(u.svc)
		var once sync.Once
		load := func() { once.Do(s.ReloadExtras) } // on the UI goroutine
		u.OnChange = append(u.OnChange, func() {
			once.Do(func() {})
			s.ReloadExtras()
		})
		typed := s.entry.OnChanged
		s.entry.OnChanged = func(text string) {
			load()
			if typed != nil {
				typed(text)
			}
		}
		time.AfterFunc(searchDelay, func() { s.do(load) })
	})
	return s, nil
}

// lazySource feeds the search index the notes and bookmarks of one
// compilation once the notes service is there, and nothing before.
type lazySource struct {
	comp string
	mu   sync.Mutex
	svc  *notes.Service
}

func (l *lazySource) set(svc *notes.Service) {
	l.mu.Lock()
	l.svc = svc
	l.mu.Unlock()
}

// setComp follows the window to another compilation.
func (l *lazySource) setComp(id string) {
	l.mu.Lock()
	l.comp = id
	l.mu.Unlock()
}

func (l *lazySource) SearchDocs() ([]search.ExtraDoc, error) {
	l.mu.Lock()
	svc, comp := l.svc, l.comp
	l.mu.Unlock()
	if svc == nil {
		return nil, nil
	}
	return svc.SearchSource(comp).SearchDocs()
}

// searchDelay is how long after the notes attach they go into the search
// index, unless a search or a change comes first.
const searchDelay = 2 * time.Second

// openNotesAsync opens the user data in the background and attaches it;
// then, if not nil, runs on the UI goroutine afterwards with the result
// (nil if the file could not be opened).
func openNotesAsync(w *Window, then func(*NotesUI)) {
	var mu sync.Mutex
	var svc *notes.Service // the open service, until the window closes
	var ui *NotesUI        // set and read on the UI goroutine only
	closed := false
	w.OnClosed(func() {
		if ui != nil {
			ui.Close() // pending reading-state writes first
		}
		mu.Lock()
		defer mu.Unlock()
		closed = true
		if svc != nil {
			svc.Close()
			svc = nil
		}
	})
	dir, comps := w.DataDir(), w.compilations()
	warner := newBackupWarner(w)
	go func() {
		s, err := notes.Open(dir, comps, notes.Options{OnBackupError: warner.warn})
		mu.Lock()
		gone := closed
		if err == nil {
			if gone {
				s.Close() // the window closed while the file was opening
			} else {
				svc = s
			}
		}
		mu.Unlock()
		fyne.Do(func() {
			mu.Lock()
			gone := gone || closed
			mu.Unlock()
			var u *NotesUI
			switch {
			case gone:
				// Nothing to attach to, and no dialog on a closed window.
			case err != nil:
				dialog.ShowError(fmt.Errorf("无法打开书签和笔记，本次只能阅读：%w", err), w.FyneWindow())
			default:
				if u, err = attachNotes(w, s, warner); err != nil {
					mu.Lock()
					svc = nil
					mu.Unlock()
					s.Close()
					dialog.ShowError(fmt.Errorf("无法使用书签和笔记，本次只能阅读：%w", err), w.FyneWindow())
				}
				ui = u
			}
			if then != nil {
				then(u)
			}
		})
	}()
}

// compilations resolves the node IDs of notes and bookmarks: through the
// library, or in a window without one (tests) its compilation only.
func (w *Window) compilations() notes.Compilations {
	if w.library != nil {
		return w.library.lib
	}
	return singleComp{w.Compilation()}
}

// singleComp resolves node IDs of the window's compilation only.
type singleComp struct{ c *model.Compilation }

func (s singleComp) Get(id string) (*model.Compilation, error) {
	if id == s.c.ID {
		return s.c, nil
	}
	return nil, fmt.Errorf("汇编 %s 不在当前窗口中", id)
}
