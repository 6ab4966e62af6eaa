package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"huibian/app/model"
	"huibian/app/notes"
	"huibian/app/progress"
)

// fakeClock is a settable clock for the reading-time rule.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newFakeClock() *fakeClock               { return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} }

// install stops the reading ticker (the test reports the screen itself,
// with readFor) and puts the clock in its place.
func (c *fakeClock) install(u *NotesUI) *fakeClock {
	u.reading.stopTicker()
	u.reading.now = c.now
	u.reading.lastObs = c.t
	return c
}

// readFor keeps the pane as it is for d, reporting it as the ticker does.
func (c *fakeClock) readFor(u *NotesUI, d time.Duration) {
	for el := time.Duration(0); el < d; el += tickEvery {
		c.advance(tickEvery)
		u.reading.observe()
	}
}

// readTime is how long item addr must be on screen to be read.
func readTime(t *testing.T, w *Window, addr string) time.Duration {
	n, err := w.comp.ResolveString(addr)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, p := range n.Item.Body {
		k += len([]rune(p))
	}
	return time.Duration(float64(k)/progress.CharsPerSecond*float64(time.Second)) + time.Second
}

// readingSession is a window on app a with the notes of dir attached;
// close writes the reading state and closes the service, as the real
// window does when it closes.
type readingSession struct {
	w     *Window
	u     *NotesUI
	svc   *notes.Service
	close func()
}

func openReading(t *testing.T, a fyne.App, dir string, before func(w *Window)) *readingSession {
	t.Helper()
	c := seedCompilation(t)
	w := NewWindow(a, c, Options{Version: "测试", DataDir: dir})
	w.win.Resize(fyne.NewSize(1100, 760))
	w.win.Show()
	if before != nil {
		before(w)
	}
	svc, err := notes.Open(dir, singleComp{c}, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := AttachNotes(w, svc)
	if err != nil {
		t.Fatal(err)
	}
	s := &readingSession{w: w, u: u, svc: svc}
	var once sync.Once
	s.close = func() {
		once.Do(func() {
			w.SaveState()
			u.Close()
			w.win.Close()
			if err := svc.Close(); err != nil {
				t.Errorf("closing the notes: %v", err)
			}
		})
	}
	t.Cleanup(s.close)
	return s
}

// storedPosition reopens the user-data file and reads the position.
func storedPosition(t *testing.T, dir, compID string) (notes.Position, bool) {
	t.Helper()
	svc, err := notes.Open(dir, nil, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	p, ok, err := svc.Position(compID)
	if err != nil {
		t.Fatal(err)
	}
	return p, ok
}

func storedReadMarks(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	svc, err := notes.Open(dir, nil, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	m, err := svc.ReadMarks()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func goTo(t *testing.T, w *Window, addr string) string {
	t.Helper()
	if err := w.GoTo(addr); err != nil {
		t.Fatal(err)
	}
	return w.Current().ID(w.comp.ID)
}

// TestNavigationRecordsPosition: every node change reaches userdata.db,
// through the writer goroutine, and the last one is there after closing.
func TestNavigationRecordsPosition(t *testing.T) {
	for _, tc := range []struct {
		name  string
		addrs []string
		last  func(*Window) // after the navigations
	}{
		{"one", []string{"2.3"}, nil},
		{"several", []string{"2.3", "5", "7.1"}, nil},
		{"next item", []string{"3.1"}, func(w *Window) { w.NextItem(); w.NextItem() }},
		{"back", []string{"4.2", "4.5"}, func(w *Window) { w.Back() }},
		{"contents", []string{"6.2"}, func(w *Window) { w.show(model.Node{}, true) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openReading(t, test.NewTempApp(t), dir, nil)
			for _, a := range tc.addrs {
				goTo(t, s.w, a)
			}
			if tc.last != nil {
				tc.last(s.w)
			}
			want := s.w.Current().ID(s.w.comp.ID)
			// Written in the background: wait for it, then check it is
			// in the file itself, not only in memory.
			if !s.u.reading.writer.flush(5 * time.Second) {
				t.Fatal("writes not done")
			}
			if p, ok, err := s.u.Position(); err != nil || !ok || p.NodeID != want {
				t.Errorf("before closing: position %+v %v %v, want %s", p, ok, err, want)
			}
			s.close()
			p, ok := storedPosition(t, dir, s.w.comp.ID)
			if !ok || p.NodeID != want {
				t.Errorf("after reopening: position %+v (%v), want %s", p, ok, want)
			}
		})
	}
}

// TestScrollSavedOnClose: the top paragraph is written when the window
// saves its state, not while scrolling.
func TestScrollSavedOnClose(t *testing.T) {
	dir := t.TempDir()
	s := openReading(t, test.NewTempApp(t), dir, nil)
	goTo(t, s.w, "1") // a whole document: many paragraphs
	s.u.reading.writer.flush(5 * time.Second)
	s.w.pane.ScrollToRow(12)
	row := s.w.pane.TopRow()
	if row == 0 {
		t.Fatal("the pane did not scroll")
	}
	s.close()
	p, _ := storedPosition(t, dir, s.w.comp.ID)
	if int(p.Offset) != row {
		t.Errorf("stored row %v, want %d", p.Offset, row)
	}
}

// TestReadMarks: an item shown long enough to be read is marked read;
// one skimmed is not, nor an item without text, nor anything at the top of
// a document after two seconds. The tree shows ✓ before the other markers
// on items and read/total on sections and documents.
func TestReadMarks(t *testing.T) {
	dir := t.TempDir()
	s := openReading(t, test.NewTempApp(t), dir, nil)
	w, u := s.w, s.u
	clk := newFakeClock().install(u)

	goTo(t, w, "1")
	clk.readFor(u, 2*time.Second)
	read := goTo(t, w, "2.3")
	if _, _, err := u.svc.ToggleBookmark(w.comp, w.Current()); err != nil {
		t.Fatal(err)
	}
	u.changed()
	clk.readFor(u, readTime(t, w, "2.3"))
	skimmed := goTo(t, w, "2.4")
	clk.readFor(u, 2*time.Second)
	noText := goTo(t, w, "5.10")
	clk.readFor(u, time.Minute)
	away := goTo(t, w, "2.6") // the window in the background: not read
	lc := w.App().Lifecycle().(interface {
		OnExitedForeground() func()
		OnEnteredForeground() func()
	})
	lc.OnExitedForeground()()
	clk.readFor(u, 2*readTime(t, w, "2.6"))
	lc.OnEnteredForeground()()
	last := goTo(t, w, "2.5")
	clk.readFor(u, readTime(t, w, "2.5"))

	id := func(a string) string { n, _ := w.comp.ResolveString(a); return n.ID(w.comp.ID) }
	for _, tc := range []struct {
		id   string
		want string // "" : no read mark
	}{
		{read, markRead + markBookmark + " "},
		{skimmed, ""},
		{noText, ""},
		{away, ""},
		{last, markRead + " "},
		{id("1.1"), ""}, // two seconds at the top of document 1
		{id("2/1"), "1/4 "},
		{id("2/2"), "1/4 "},
		{id("2"), "2/24 "},
		{id("1"), "0/24 "},
		{id("6"), ""}, // outline only: no count
	} {
		got := treeText(w, tc.id)
		if tc.want == "" && (strings.Contains(got, markRead) || strings.Contains(got, "/")) {
			t.Errorf("%s: tree label %q shows progress", tc.id, got)
		}
		if tc.want != "" && !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: tree label %q, want prefix %q", tc.id, got, tc.want)
		}
	}
	if got := w.menuItem(actMarkRead).Label; got != labelMarkUnread {
		t.Errorf("menu says %q on a read item", got)
	}
	s.close()
	marks := storedReadMarks(t, dir)
	for id, want := range map[string]bool{read: true, skimmed: false, noText: false, last: true, id("1.1"): false} {
		if _, got := marks[id]; got != want {
			t.Errorf("%s stored read = %v, want %v", id, got, want)
		}
	}

	// Reopened, the marks are shown again.
	s2 := openReading(t, test.NewTempApp(t), dir, nil)
	if got := treeText(s2.w, read); !strings.HasPrefix(got, markRead) {
		t.Errorf("after reopening, tree label %q lacks %s", got, markRead)
	}
}

// TestMarkUnreadAndClear: the 查看 menu marks the item shown unread (and it
// stays so for this session), marks a whole section read, and clears every
// mark.
func TestMarkUnreadAndClear(t *testing.T) {
	dir := t.TempDir()
	s := openReading(t, test.NewTempApp(t), dir, nil)
	w, u := s.w, s.u
	clk := newFakeClock().install(u)
	a := goTo(t, w, "3.1")
	clk.readFor(u, readTime(t, w, "3.1"))
	b := goTo(t, w, "3.2")
	clk.readFor(u, readTime(t, w, "3.2"))
	goTo(t, w, "3.3")
	if !u.reading.isRead(a) || !u.reading.isRead(b) {
		t.Fatal("3.1 and 3.2 not read")
	}
	goTo(t, w, "3.1")
	if got := w.menuItem(actMarkRead).Label; got != labelMarkUnread {
		t.Errorf("menu says %q on a read item", got)
	}
	action(t, w, actMarkRead)
	if strings.Contains(treeText(w, a), markRead) {
		t.Error("3.1 still shows ✓ after 标记为未读")
	}
	clk.readFor(u, 3*readTime(t, w, "3.1"))
	goTo(t, w, "3.4")
	if u.reading.isRead(a) {
		t.Error("3.1 marked read again")
	}
	sec := goTo(t, w, "3/1")
	action(t, w, actMarkRead) // the section: all its items with text
	if got := treeText(w, sec); !strings.HasPrefix(got, "4/4") {
		t.Errorf("section 3/1 after 标记为已读: %q", got)
	}
	goTo(t, w, "5.10")
	if !w.menuItem(actMarkRead).Disabled {
		t.Error("标记为已读 enabled on an item without text")
	}
	u.reading.clear() // what 清除阅读记录 does once confirmed
	if strings.Contains(treeText(w, b), markRead) || u.reading.readCount() != 0 {
		t.Error("marks left after clearing")
	}
	s.close()
	if m := storedReadMarks(t, dir); len(m) != 0 {
		t.Errorf("stored marks after clearing: %v", m)
	}
}

// TestRestoreFromUserData: with no preferences (a fresh test app), the
// window opens at the position stored in userdata.db; a reader who moved
// before the notes loaded, or newer preferences, win.
func TestRestoreFromUserData(t *testing.T) {
	var want string
	// Each case starts from its own file holding the position 5.2 (closing
	// a window writes its position).
	seed := func(t *testing.T) string {
		dir := t.TempDir()
		s := openReading(t, test.NewTempApp(t), dir, nil)
		want = goTo(t, s.w, "5.2")
		s.close()
		return dir
	}

	t.Run("empty preferences", func(t *testing.T) {
		dir := seed(t)
		s := openReading(t, test.NewTempApp(t), dir, func(w *Window) {
			if w.prefs.String(prefNode) != "" {
				t.Fatal("preferences not empty")
			}
		})
		if got := s.w.Current().ID(s.w.comp.ID); got != want {
			t.Errorf("opened %s, want %s", got, want)
		}
		if s.w.history.CanBack() {
			t.Error("Back leads to the start page")
		}
		if got := treeText(s.w, want); got == "" || s.w.treeSel != want {
			t.Errorf("tree selects %s, want %s", s.w.treeSel, want)
		}
	})
	t.Run("moved before loading", func(t *testing.T) {
		dir := seed(t)
		var moved string
		s := openReading(t, test.NewTempApp(t), dir, func(w *Window) { moved = goTo(t, w, "8.1") })
		if got := s.w.Current().ID(s.w.comp.ID); got != moved {
			t.Errorf("opened %s, want where the reader went, %s", got, moved)
		}
	})
	t.Run("newer preferences", func(t *testing.T) {
		dir := seed(t)
		a := test.NewTempApp(t)
		c := seedCompilation(t)
		n, _ := c.ResolveString("9.1")
		a.Preferences().SetString(prefNode, n.ID(c.ID))
		a.Preferences().SetFloat(prefSavedAt, float64(time.Now().Add(time.Hour).Unix()))
		s := openReading(t, a, dir, nil)
		if got := s.w.Current().ID(c.ID); got != n.ID(c.ID) {
			t.Errorf("opened %s, want the preferences' %s", got, n.ID(c.ID))
		}
	})
	t.Run("older preferences", func(t *testing.T) {
		dir := seed(t)
		a := test.NewTempApp(t)
		c := seedCompilation(t)
		n, _ := c.ResolveString("9.1")
		a.Preferences().SetString(prefNode, n.ID(c.ID))
		a.Preferences().SetFloat(prefSavedAt, float64(time.Now().Add(-time.Hour).Unix()))
		s := openReading(t, a, dir, nil)
		if got := s.w.Current().ID(c.ID); got != want {
			t.Errorf("opened %s, want the newer stored %s", got, want)
		}
	})
}

// TestCloseWritesThroughAsyncOpen: the window opened the real way
// (openNotesAsync) writes the position and read mark when it closes.
func TestCloseWritesThroughAsyncOpen(t *testing.T) {
	dir := t.TempDir()
	a := test.NewTempApp(t)
	w := NewWindow(a, seedCompilation(t), Options{DataDir: dir})
	w.win.Show()
	done := make(chan *NotesUI, 1)
	openNotesAsync(w, func(u *NotesUI) { done <- u })
	u := <-done
	if u == nil {
		t.Fatal("notes not attached")
	}
	clk := newFakeClock().install(u)
	w.win.Resize(fyne.NewSize(1100, 760))
	id := goTo(t, w, "4.4")
	clk.readFor(u, readTime(t, w, "4.4"))
	w.win.Close() // SetOnClosed: reading state, then the service
	if p, _ := storedPosition(t, dir, w.comp.ID); p.NodeID != id {
		t.Errorf("stored position %q, want %s", p.NodeID, id)
	}
	if _, ok := storedReadMarks(t, dir)[id]; !ok {
		t.Errorf("%s not stored read", id)
	}
}

// TestUserWriter: writes run in order, a pending write with the same key
// is replaced, and close waits for what was queued.
func TestUserWriter(t *testing.T) {
	var mu sync.Mutex
	var got []string
	block := make(chan struct{})
	uw := newUserWriter(nil)
	op := func(key, name string) writeOp {
		return writeOp{key: key, fn: func() error {
			if name == "first" {
				<-block
			}
			mu.Lock()
			got = append(got, name)
			mu.Unlock()
			return nil
		}}
	}
	uw.submit(op("", "first"))
	// Whether or not "first" has started, pos2 takes pos1's place.
	for _, o := range []writeOp{op("pos", "pos1"), op("", "mark"), op("pos", "pos2"), op("", "last")} {
		uw.submit(o)
	}
	close(block)
	if !uw.close(5 * time.Second) {
		t.Fatal("close timed out")
	}
	if uw.submit(op("", "late")) {
		t.Error("submit after close accepted")
	}
	want := "first pos2 mark last"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("ran %q, want %q", s, want)
	}
}
