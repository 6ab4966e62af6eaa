package ui

import (
	"time"

	"huibian/app/model"
)

// Preference keys (fyne Preferences of the app ID).
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

// SaveState stores window size, split position, node and scroll position.
func (w *Window) SaveState() {
	vals := map[string]any{
		prefSplit:  w.split.Offset,
		prefNode:   w.current.ID(w.comp.ID),
		prefOffset: float64(w.pane.ScrollOffset()),
		prefTopRow: float64(w.pane.TopRow()),
		// Always changes, so SaveState always saves: Fyne saves again when
		// the app quits, and its file watcher ignores a save within 100 ms
		// of another; without that the quit-time save can race the watcher
		// into logging "Preferences load error: EOF".
		prefSavedAt: float64(time.Now().UnixNano()) / 1e9,
	}
	if size := w.win.Canvas().Size(); size.Width > 0 && size.Height > 0 {
		vals[prefWidth] = float64(size.Width)
		vals[prefHeight] = float64(size.Height)
	}
	w.storePrefs(vals)
	for _, fn := range w.onSave {
		fn()
	}
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
