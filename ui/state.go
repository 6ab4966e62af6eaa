package ui

import (
	"sync"
	"time"

	"huibian/app/model"
	"huibian/app/settings"

	"fyne.io/fyne/v2"
)

// Preference keys, in the data directory's settings.json (app/settings).
const (
	prefVariant  = "theme.variant"   // uitheme.VariantSystem / uitheme.VariantLight / uitheme.VariantDark
	prefTextSize = "text.size"       // reading text size
	prefWidth    = "window.width"    // window size
	prefHeight   = "window.height"   //
	prefSplit    = "window.split"    // contents/pane split offset 0..1
	prefNode     = "reading.node"    // node ID shown last
	prefOffset   = "reading.offset"  // scroll offset in it
	prefTopRow   = "reading.top_row" // first visible paragraph
	prefSavedAt  = "state.saved_at"  // unix time of the last SaveState
)

// prefKeys are the keys adoptFynePrefs carries over.
var prefKeys = []string{prefVariant, prefTextSize, prefWidth, prefHeight, prefSplit,
	prefNode, prefOffset, prefTopRow, prefSavedAt}

// adoptFynePrefs carries the settings of version 1, which kept them in
// Fyne's preferences.json (outside the data directory, mode 0644, shared by
// every data directory), into a data directory's settings that are still
// empty, once. The old file is left alone: Fyne owns it.
func adoptFynePrefs(st *settings.Store, old fyne.Preferences) {
	if st.Len() > 0 {
		return
	}
	vals := map[string]any{}
	for _, k := range prefKeys {
		if v := old.String(k); v != "" {
			vals[k] = v
		} else if f := old.Float(k); f != 0 {
			vals[k] = f
		}
	}
	if len(vals) == 0 {
		return
	}
	st.WriteValues(func(m map[string]any) {
		for k, v := range vals {
			m[k] = v
		}
	})
}

// batchWriter is implemented by Fyne's preferences (through its embedded
// in-memory store): several values change with a single save.
type batchWriter interface {
	WriteValues(func(map[string]any))
}

// storePrefs writes the values that differ from the stored ones, in one
// batch. Fyne saves the preferences file on every change and watches it;
// a save races with its own watcher (it truncates the file before marking
// the save as its own), which can log "Preferences load error: EOF". So the
// window writes preferences rarely: on a settings change and when closing,
// never while navigating.
func (w *Window) storePrefs(vals map[string]any) {
	changed := map[string]any{}
	for k, v := range vals {
		switch v := v.(type) {
		case string:
			if w.prefs.String(k) != v {
				changed[k] = v
			}
		case float64:
			if w.prefs.Float(k) != v {
				changed[k] = v
			}
		}
	}
	if len(changed) == 0 {
		return
	}
	if b, ok := w.prefs.(batchWriter); ok {
		b.WriteValues(func(m map[string]any) {
			for k, v := range changed {
				m[k] = v
			}
		})
		return
	}
	for k, v := range changed {
		switch v := v.(type) {
		case string:
			w.prefs.SetString(k, v)
		case float64:
			w.prefs.SetFloat(k, v)
		}
	}
}

// windowState is what SaveState stores: the node shown, its scroll
// position, the split and the window size. It is taken from the widgets on
// the UI goroutine (snapshot) and written from any goroutine (flushState).
type windowState struct {
	node          string
	offset        float32 // the pane's scroll offset
	topRow        int     // the pane's first visible paragraph
	split         float64
	width, height float32 // 0: the window has no size yet
}

// snapshot records the state shown now. It runs on the UI goroutine:
// after every navigation and settings change, in SaveState, and while Run
// is running also once a second (scrolling, resizing and dragging the
// split tell nobody), so that the app stopping (OnStopped, off the UI
// goroutine) only writes what was recorded and never touches a widget.
func (w *Window) snapshot() {
	st := windowState{
		node:   w.current.ID(w.comp.ID),
		offset: w.pane.ScrollOffset(),
		topRow: w.pane.TopRow(),
		split:  w.split.Offset,
	}
	if size := w.win.Canvas().Size(); size.Width > 0 && size.Height > 0 {
		st.width, st.height = size.Width, size.Height
	}
	w.stateMu.Lock()
	w.state = st
	w.stateMu.Unlock()
}

// lastState is the state snapshot recorded last; any goroutine.
func (w *Window) lastState() windowState {
	w.stateMu.Lock()
	defer w.stateMu.Unlock()
	return w.state
}

// trackState snapshots the state every interval until stop is called
// (Run does this; see snapshot).
func (w *Window) trackState(interval time.Duration) (stop func()) {
	t := time.NewTicker(interval)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-t.C:
				// fyne.Do queues the function for the UI goroutine, which
				// runs it after fyne.Do has returned (or, rarely, a moment
				// before: then it waits for that). Once Fyne is shutting
				// down, fyne.Do runs it at once on this goroutine instead,
				// where it must not touch a widget: returned cannot close
				// then, and it gives up.
				returned := make(chan struct{})
				fyne.Do(func() {
					select {
					case <-returned:
						w.snapshot()
					case <-time.After(100 * time.Millisecond):
					}
				})
				close(returned)
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			t.Stop()
			close(done)
		})
	}
}

// SaveState stores window size, split position, node and scroll position,
// and runs the OnSaveState hooks. It runs on the UI goroutine (closing the
// window, 退出); Run's OnStopped calls flushState instead.
func (w *Window) SaveState() {
	w.snapshot()
	w.flushState()
}

// flushState writes the last snapshot to the preferences and runs the
// OnSaveState hooks. It reads no widget, so it may run off the UI
// goroutine after Fyne has stopped.
func (w *Window) flushState() {
	st := w.lastState()
	vals := map[string]any{
		prefSplit:  st.split,
		prefNode:   st.node,
		prefOffset: float64(st.offset),
		prefTopRow: float64(st.topRow),
		// Always changes, so SaveState always saves: Fyne saves again when
		// the app quits, and its file watcher ignores a save within 100 ms
		// of another; without that the quit-time save can race the watcher
		// into logging "Preferences load error: EOF".
		prefSavedAt: float64(time.Now().UnixNano()) / 1e9,
	}
	if st.width > 0 && st.height > 0 {
		vals[prefWidth] = float64(st.width)
		vals[prefHeight] = float64(st.height)
	}
	w.storePrefs(vals)
	for _, fn := range w.onSave {
		fn()
	}
}

// storedPosition is the node shown last according to the preferences, and
// when the preferences were saved.
func (w *Window) storedPosition() (nodeID string, saved time.Time) {
	return w.prefs.String(prefNode), time.Unix(0, int64(w.prefs.Float(prefSavedAt)*1e9))
}

// Restore reopens the node and scroll position stored last, or the first
// document.
func (w *Window) Restore() {
	id := w.prefs.String(prefNode)
	if id != "" {
		if comp, a, err := model.ParseID(id); err == nil && comp == w.comp.ID {
			if n, err := w.comp.Resolve(a); err == nil {
				w.show(n, true)
				w.pane.ScrollToOffset(float32(w.prefs.Float(prefOffset)))
				return
			}
		}
		if id == w.comp.ID {
			w.show(model.Node{}, true)
			w.pane.ScrollToOffset(float32(w.prefs.Float(prefOffset)))
			return
		}
	}
	if len(w.comp.Documents) > 0 {
		_ = w.Open(model.Address{Doc: 1})
	} else {
		w.show(model.Node{}, true)
	}
}
