package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"huibian/app/model"
	"huibian/app/notes"
)

// Reading position and read marks, kept in userdata.db through the notes
// service, so they survive the loss of Fyne's preferences file and a crash
// (the preferences are written only when the window closes).
//
// A node counts as read when the reader leaves it (or quits) after it was
// shown for at least readDwell. Marking on opening would also tick every
// node skimmed past with Ctrl+Down or clicked through while looking for
// something; a reader expects ✓ on what they stayed on and read.

// readDwell is how long a node must stay shown to count as read.
const readDwell = 2 * time.Second

// markRead is shown before the tree label of a node marked read; the
// bundled font has it (go run ./tools/fontchars lists U+2713).
const markRead = "✓"

// Menu action keys of the reading code.
const (
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

	read  map[string]bool // node IDs marked read
	cur   string          // node ID shown
	since time.Time       // when cur was shown
	skip  bool            // the reader unmarked cur during this visit: leave it unread

	lastNode string // position last sent to the writer
	lastRow  int
	closed   bool
}

// newReading loads the read marks; attach connects it to the window.
func newReading(u *NotesUI) *reading {
	r := &reading{u: u, now: time.Now, read: map[string]bool{}, lastRow: -1}
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
		Action{ID: actMarkRead, Menu: menuView, Label: labelMarkRead, Run: r.toggleCurrent, Sep: true},
		Action{ID: actClearRead, Menu: menuView, Label: "清除阅读记录…", Run: r.confirmClear})
	r.restore()
	if w.Shown() {
		r.cur, r.since = r.nodeID(w.Current()), r.now()
	}
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
	if left := r.leave(); left != "" {
		r.u.w.RefreshTreeItem(left)
	}
	r.cur, r.since, r.skip = id, r.now(), false
	r.savePosition(r.u.w.TopRow())
	r.updateMenu()
}

// leave marks the node shown read if the reader stayed on it long enough,
// and returns its ID then (""). It touches no widget: the caller shows the
// mark.
func (r *reading) leave() (marked string) {
	if r.cur == "" || r.cur == r.u.comp.ID || r.skip || r.read[r.cur] {
		return ""
	}
	if r.now().Sub(r.since) >= readDwell {
		r.markRead(r.cur, true)
		return r.cur
	}
	return ""
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
	r.leave()
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
	r.writer.close(saveWait)
}

func (r *reading) updateMenu() {
	it := r.u.w.menuItem(actMarkRead)
	if it == nil {
		return
	}
	on := r.cur != "" && r.cur != r.u.comp.ID
	label := labelMarkRead
	if r.read[r.cur] {
		label = labelMarkUnread
	}
	if it.Label == label && it.Disabled == !on {
		return
	}
	it.Label, it.Disabled = label, !on
	r.u.w.refreshMenu()
}

// toggleCurrent marks the node shown read, or unread; unread, it stays so
// for the rest of this visit.
func (r *reading) toggleCurrent() {
	if r.cur == "" || r.cur == r.u.comp.ID {
		return
	}
	on := !r.read[r.cur]
	r.skip = !on
	r.setRead(r.cur, on)
	if on {
		r.u.w.SetStatus("已标记为已读")
	} else {
		r.u.w.SetStatus("已标记为未读")
	}
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
	r.skip = true
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
