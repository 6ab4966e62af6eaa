package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"huibian/app/model"
	"huibian/app/notes"
	"huibian/app/progress"
)

// Reading position and read marks, kept in userdata.db through the notes
// service, so they survive the loss of Fyne's preferences file and a crash
// (the preferences are written only when the window closes).
//
// An item counts as read when its text has been on screen long enough to
// be read (app/progress: the characters on screen, read at
// progress.CharsPerSecond from the top). Every tickEvery the window tells
// the tracker which stretches of which paragraphs are on screen. A stay at
// the top of a document reads only the first lines of its first item;
// items without text are never read; sections and documents show how many
// of their items with text are read (3/4, 17/24) instead of a mark.

// tickEvery is how often what is on screen is reported to the tracker.
const tickEvery = 500 * time.Millisecond

// markRead is shown before the tree label of a node marked read; the
// bundled font has it (go run ./tools/fontchars lists U+2713).
const markRead = "✓"

// Menu action keys of the reading code.
const (
	actProgress  = "progress"
	actMarkRead  = "markread"
	actClearRead = "clearread"
)

// Labels of the mark-read item.
const (
	labelMarkRead   = "标记为已读"
	labelMarkUnread = "标记为未读"
)

// saveWait bounds how long closing the window waits for pending writes.
const saveWait = 3 * time.Second

// reading records the reading position and read marks of one window.
// Everything but the writer runs on the UI goroutine.
type reading struct {
	u      *NotesUI
	writer *userWriter
	now    func() time.Time

	read     map[string]bool   // node IDs marked read
	cur      string            // node ID shown
	tracker  *progress.Tracker // what of the compilation shown has been read
	lastObs  time.Time         // when the screen was last reported to the tracker
	unmarked map[string]bool   // items the reader marked unread: never marked again this session
	stop     chan struct{}     // stops the ticker
	stopOnce sync.Once
	away     bool // the window is in the background: nothing is being read

	lastNode string // position last sent to the writer
	lastRow  int
	closed   bool
}

// newReading loads the read marks; attach connects it to the window.
func newReading(u *NotesUI) *reading {
	r := &reading{u: u, now: time.Now, read: map[string]bool{}, lastRow: -1,
		unmarked: map[string]bool{}, stop: make(chan struct{})}
	r.tracker = progress.NewTracker(u.comp)
	marks, err := u.svc.ReadMarks()
	if err != nil {
		u.w.SetStatus(err.Error())
	}
	for id := range marks {
		r.read[id] = true
	}
	r.writer = newUserWriter(func(err error) {
		fyne.Do(func() { u.w.SetStatus(err.Error()) })
	})
	return r
}

// attach hooks the window's navigation and saving, adds the menu items,
// and reopens the position stored in the user-data file when the window
// still shows what it opened at start.
func (r *reading) attach() {
	w := r.u.w
	w.AddActions(
		Action{ID: actProgress, Menu: menuView, Label: "阅读进度…", Run: r.showProgress, Sep: true},
		Action{ID: actMarkRead, Menu: menuView, Label: labelMarkRead, Run: r.toggleCurrent},
		Action{ID: actClearRead, Menu: menuView, Label: "清除阅读记录…", Run: r.confirmClear})
	r.restore()
	if w.Shown() {
		r.cur = r.nodeID(w.Current())
	}
	r.lastObs = r.now()
	// Time with the window in the background is not reading time. The
	// reader is the only user of these app-wide hooks.
	lc := w.App().Lifecycle()
	lc.SetOnExitedForeground(func() { r.away = true })
	lc.SetOnEnteredForeground(func() { r.away, r.lastObs = false, r.now() })
	go r.tick()
	w.OnNavigate(r.navigated)
	w.OnSaveState(r.save)
	r.updateMenu()
}

func (r *reading) nodeID(n model.Node) string { return n.ID(r.u.comp.ID) }

// restore opens the stored position if the reader has not moved since
// start and the window shows either the default node (no usable
// preferences) or a node from preferences older than the stored position.
func (r *reading) restore() {
	w := r.u.w
	pos, ok, err := r.u.svc.Position(r.u.comp.ID)
	if err != nil {
		w.SetStatus(err.Error())
		return
	}
	if !ok {
		return
	}
	r.lastNode, r.lastRow = pos.NodeID, int(pos.Offset)
	if !w.AtStart() {
		return // not restored yet, or the reader has moved on
	}
	cur := r.nodeID(w.Current())
	if prefNode, saved := w.storedPosition(); prefNode == cur {
		if pos.NodeID == cur || !pos.Updated.After(saved) {
			return // preferences are as new: keep their exact offset
		}
	}
	w.RestorePosition(pos.NodeID, int(pos.Offset)) // false: the node is gone (a re-import), stay
}

// navigated runs after every navigation.
func (r *reading) navigated(n model.Node) {
	id := r.nodeID(n)
	if id == r.cur {
		return // the same node again (a jump inside it)
	}
	r.leave()
	r.cur = id
	r.savePosition(r.u.w.TopRow())
	r.updateMenu()
}

// leave forgets the time since the last report: the pane already shows
// the next node, which must not be credited with it.
func (r *reading) leave() { r.lastObs = r.now() }

// stopTicker stops the ticker (close; tests report the screen themselves).
func (r *reading) stopTicker() { r.stopOnce.Do(func() { close(r.stop) }) }

// tick reports the screen to the tracker every tickEvery until close.
func (r *reading) tick() {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			fyne.Do(r.observe)
		case <-r.stop:
			return
		}
	}
}

// observe tells the tracker what the pane has shown since the last report
// and marks the items that became read.
func (r *reading) observe() {
	if r.closed {
		return
	}
	now := r.now()
	dt := now.Sub(r.lastObs)
	r.lastObs = now
	if dt <= 0 || r.away {
		return
	}
	changed := false
	for _, id := range r.tracker.Observe(r.u.w.pane.visibleSpans(), dt) {
		if r.read[id] || r.unmarked[id] {
			continue
		}
		r.markRead(id, true)
		changed = true
	}
	if changed {
		r.u.w.RefreshTree() // the item and its section's and document's counts
		r.updateMenu()
	}
}

// savePosition queues the node shown and row, its top paragraph, for
// writing, unless that is what was written last.
func (r *reading) savePosition(row int) {
	if r.cur == "" {
		return
	}
	id := r.cur
	if id == r.lastNode && row == r.lastRow {
		return
	}
	r.lastNode, r.lastRow = id, row
	svc, comp := r.u.svc, r.u.comp.ID
	r.writer.submit(writeOp{key: "position " + comp, fn: func() error {
		_, err := svc.SetPosition(comp, id, float32(row))
		return err
	}})
}

// setRead marks one node read or unread, queues the write and shows it.
func (r *reading) setRead(id string, on bool) {
	r.markRead(id, on)
	r.u.w.RefreshTreeItem(id)
	r.updateMenu()
}

// markRead records one node read or unread and queues the write; it
// touches no widget.
func (r *reading) markRead(id string, on bool) {
	if on {
		r.read[id] = true
	} else {
		delete(r.read, id)
	}
	svc := r.u.svc
	r.writer.submit(writeOp{key: "read " + id, fn: func() error { return svc.SetRead(id, on) }})
}

// isRead reports whether node id is marked read.
func (r *reading) isRead(id string) bool { return r.read[id] }

// save is the window's last chance to write: it marks the node shown read
// if it has been read, stores the position the window recorded last and
// waits for the writes. It runs when the window saves its state, which may
// be off the UI goroutine once Fyne has stopped, so it touches no widget
// (the window is closing: there is nothing left to show).
func (r *reading) save() {
	if r.closed {
		return
	}
	r.savePosition(r.u.w.lastState().topRow)
	r.writer.flush(saveWait)
}

// close saves and stops the writer; the service can be closed after it.
func (r *reading) close() {
	if r.closed {
		return
	}
	r.save()
	r.closed = true
	r.stopTicker()
	r.writer.close(saveWait)
}

func (r *reading) updateMenu() {
	it := r.u.w.menuItem(actMarkRead)
	if it == nil {
		return
	}
	c := r.counts(r.cur)
	on := c.Total > 0
	label := labelMarkRead
	if on && c.Read == c.Total {
		label = labelMarkUnread
	}
	if it.Label == label && it.Disabled == !on {
		return
	}
	it.Label, it.Disabled = label, !on
	r.u.w.refreshMenu()
}

// toggleCurrent marks the items with text of the node shown read, or
// unread when all are; unread, they stay so for the rest of the session.
func (r *reading) toggleCurrent() {
	n, ok := r.node(r.cur)
	if !ok {
		return
	}
	c := progress.Count(r.u.comp.ID, n, r.isRead)
	if c.Total == 0 {
		r.u.w.SetStatus("这里没有正文，不计阅读进度")
		return
	}
	on := c.Read < c.Total
	n.Walk(func(x model.Node) {
		if !progress.Countable(x) {
			return
		}
		id := r.nodeID(x)
		if r.read[id] != on {
			r.markRead(id, on)
		}
		if on {
			delete(r.unmarked, id)
		} else {
			r.unmarked[id] = true
		}
	})
	r.u.w.RefreshTree()
	r.updateMenu()
	if on {
		r.u.w.SetStatus("已标记为已读")
	} else {
		r.u.w.SetStatus("已标记为未读")
	}
}

// node resolves a node ID of the compilation shown.
func (r *reading) node(id string) (model.Node, bool) {
	c, a, err := model.ParseID(id)
	if err != nil || c != r.u.comp.ID {
		return model.Node{}, false
	}
	n, err := r.u.comp.Resolve(a)
	return n, err == nil
}

// counts are the items with text under node id and those read.
func (r *reading) counts(id string) progress.Counts {
	n, ok := r.node(id)
	if !ok {
		return progress.Counts{}
	}
	return progress.Count(r.u.comp.ID, n, r.isRead)
}

// treeMark is the reading progress a tree row shows: ✓ on an item read,
// read/total on a section or document with items with text (3/4, 17/24),
// nothing otherwise. It is the one place the tree learns of reading.
func (r *reading) treeMark(id string) string {
	n, ok := r.node(id)
	if !ok {
		return ""
	}
	if n.Kind() == model.KindItem {
		if progress.Countable(n) && r.read[id] {
			return markRead
		}
		return ""
	}
	if c := progress.Count(r.u.comp.ID, n, r.isRead); c.Total > 0 {
		return fmt.Sprintf("%d/%d", c.Read, c.Total)
	}
	return ""
}

func (r *reading) confirmClear() {
	n := r.readCount()
	if n == 0 {
		r.u.w.SetStatus("没有阅读记录")
		return
	}
	dialog.ShowConfirm("清除阅读记录", fmt.Sprintf("清除本汇编全部 %d 条已读标记?书签和笔记不受影响。", n),
		func(ok bool) {
			if ok {
				r.clear()
			}
		}, r.u.w.FyneWindow())
}

// readCount is the number of read marks in this compilation.
func (r *reading) readCount() int {
	k := 0
	for id := range r.read {
		if r.ofComp(id) {
			k++
		}
	}
	return k
}

func (r *reading) ofComp(id string) bool {
	c, _, err := model.ParseID(id)
	return err == nil && c == r.u.comp.ID
}

// clear removes every read mark of this compilation; the node shown stays
// unread for the rest of this visit.
func (r *reading) clear() {
	var ids []string
	for id := range r.read {
		if r.ofComp(id) {
			ids = append(ids, id)
			delete(r.read, id)
		}
	}
	for id := range r.tracker.Done() {
		r.unmarked[id] = true // read already: not marked again this session
	}
	r.u.w.RefreshTree()
	r.updateMenu()
	svc := r.u.svc
	r.writer.submit(writeOp{fn: func() error {
		for _, id := range ids {
			if err := svc.SetRead(id, false); err != nil {
				return err
			}
		}
		return nil
	}})
	r.u.w.SetStatus(fmt.Sprintf("已清除 %d 条阅读记录", len(ids)))
}

// Position is the reading position stored in the user-data file (for
// tests and tools).
func (u *NotesUI) Position() (notes.Position, bool, error) { return u.svc.Position(u.comp.ID) }

// Close writes the pending reading state and stops the background writer.
// Call it before closing the notes service.
func (u *NotesUI) Close() { u.reading.close() }
