package ui

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/search"
	"huibian/ui/typeset"
)

// SearchPanel is the name of the results panel (Window.ShowPanel).
const SearchPanel = "search"

// SearchUI runs the search box: it searches as the reader types, off the
// UI goroutine, shows the results grouped by document in a panel beside
// the reading pane, opens a result on Enter or click, highlights every
// match in the pane and steps through them with F3 / Shift+F3.
type SearchUI struct {
	w     *Window
	entry *searchEntry

	// The index is built off the UI goroutine; ready closes when it is.
	index *search.Index
	ready chan struct{}
	src   search.ExtraSource

	// Typing: each change takes a new generation; a search whose
	// generation is no longer current when it finishes is dropped.
	gen     atomic.Uint64
	mu      sync.Mutex
	pending *searchRequest
	running bool

	// UI goroutine state.
	query   search.Query
	resp    search.Response
	rows    []searchRow
	list    *widget.List
	count   *widget.Label
	place   *widget.Label
	panel   fyne.CanvasObject
	active  int // the result row last activated (-1 none)
	opened  *search.Result
	matches []paneMatch
	cur     int

	// limit is how many results the current query asks for: the first
	// search.DefaultLimit, all of them after 显示更多.
	limit int
	// keepPlace keeps the list's scroll and current row when results come
	// back (显示更多 adds rows below).
	keepPlace bool
	// Scope (search_scope.go): multi searches every compilation of the
	// library when scopeAll is set; nil when there is no library. The
	// worker reads it through scopeSt.
	multi    *search.Multi
	scopeSt  scopeState
	scopeAll bool
	scope    *widget.Button

	headHeight, rowHeight float32        // list row heights
	faces                 *typeset.Faces // snippet metrics (search_rows.go)
	heights               []float32      // the height set for each row

	// built: the compilations whose index setCompilation put in multi
	// (switch.go); UI goroutine.
	built map[*model.Compilation]bool

	// do runs a function on the UI goroutine: fyne.Do, or in tests a
	// queue the test drains, so widgets are only touched from one goroutine.
	do func(func())
	// onApplied, for tests, runs after results are shown.
	onApplied func()
}

type searchRequest struct {
	gen   uint64
	text  string
	limit int
	all   bool   // every compilation of the library
	comp  string // the open compilation
}

// AttachSearch connects the search box of w to a new index of its
// compilation. src, if not nil, feeds notes and bookmarks into the index;
// call ReloadExtras after they change.
func AttachSearch(w *Window, src search.ExtraSource) (*SearchUI, error) {
	s := &SearchUI{w: w, entry: w.search, src: src, ready: make(chan struct{}), active: -1, do: fyne.Do, limit: search.DefaultLimit}
	comp := w.Compilation()
	go func() {
		x := search.New(comp)
		if src != nil {
			if err := x.LoadExtras(src); err != nil {
				fyne.LogError("搜索索引读取笔记失败", err)
			}
		}
		s.index = x
		close(s.ready)
	}()

	s.count = widget.NewLabel("")
	s.count.Importance = widget.MediumImportance
	s.count.Truncation = fyne.TextTruncateEllipsis
	s.place = widget.NewLabel("")
	s.place.Importance = widget.MediumImportance
	s.place.Truncation = fyne.TextTruncateEllipsis
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newResultRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { s.updateRow(id, o.(*resultRow)) },
	)
	// The list's selection marks the current result.
	s.list.OnSelected = func(id widget.ListItemID) {
		if id == s.active || id >= len(s.rows) {
			return
		}
		switch row := s.rows[id]; {
		case row.more:
			s.list.Unselect(id)
			s.loadMore()
		case row.header:
			s.list.Unselect(id)
			if s.active >= 0 {
				s.list.Select(s.active)
			}
		default:
			s.activate(id)
			// Leave the list so that F3 and Esc reach the window.
			w.FyneWindow().Canvas().Unfocus()
		}
	}
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), s.Clear)
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, container.NewVBox(s.count, s.place))
	s.panel = container.New(minWidth{320}, container.NewBorder(head, nil, nil, nil, s.list))

	s.entry.SetPlaceHolder("搜索标题、正文或拼音")
	s.entry.maxRunes = search.MaxQueryRunes
	s.entry.onCut = s.noteCut
	s.attachScope()
	s.entry.OnChanged = s.changed
	s.entry.OnSubmitted = func(string) { s.activateNext() }
	s.entry.onKey = s.key
	// F3 and Esc when nothing has the focus (after a result was clicked).
	w.OnTypedKey(s.key)
	w.OnNavigate(func(model.Node) { s.highlightPane(false) })
	w.OnCompilationChanged(s.setCompilation) // switch.go
	// The menu shows F3; F3 itself reaches the search code from the search
	// box or when nothing has the focus (Fyne runs menu shortcuts only with
	// Ctrl, Alt or Super). No Esc shortcut: a native (macOS) menu would take
	// Esc from dialogs.
	w.AddActions(
		Action{ID: actSearchNext, Menu: menuEdit, Label: "下一处匹配", Key: plainKey(fyne.KeyF3), Run: func() { s.Step(1) }, Sep: true, Help: "本页下一处匹配"},
		Action{ID: actSearchPrev, Menu: menuEdit, Label: "上一处匹配", Key: shiftKey(fyne.KeyF3), Run: func() { s.Step(-1) }, Help: "本页上一处匹配"},
		Action{ID: actSearchClear, Menu: menuEdit, Label: "清除搜索（Esc）", Run: s.Clear, KeyText: "Esc", Help: "清除搜索"},
		Action{KeyText: "搜索框中 ↓  /  ↑  /  Enter", Help: "打开下一条 / 上一条结果"},
	)
	return s, nil
}

// Menu action keys of the search code.
const (
	actSearchNext  = "searchnext"
	actSearchPrev  = "searchprev"
	actSearchClear = "searchclear"
)

// Index waits for the index and returns it.
func (s *SearchUI) Index() *search.Index {
	<-s.ready
	return s.index
}

// ReloadExtras reloads notes and bookmarks from the source, off the UI
// goroutine, and searches again.
func (s *SearchUI) ReloadExtras() {
	if s.src == nil {
		return
	}
	text, comp := s.entry.Text, s.w.Compilation().ID
	go func() {
		if err := s.currentIndex(comp).LoadExtras(s.src); err != nil {
			fyne.LogError("搜索索引读取笔记失败", err)
			return
		}
		s.do(func() {
			if s.entry.Text == text && strings.TrimSpace(text) != "" {
				s.changed(text)
			}
		})
	}()
}

// changed runs on every edit of the search box.
func (s *SearchUI) changed(text string) {
	if capped, cut := search.CapQuery(text); cut {
		s.entry.SetText(capped) // runs changed again
		s.noteCut()
		return
	}
	s.limit, s.keepPlace = search.DefaultLimit, false
	s.request(text)
}

// noteCut tells the reader that the query was cut to the cap.
func (s *SearchUI) noteCut() {
	s.w.SetStatus(fmt.Sprintf("搜索内容过长，已截断为前 %d 字", search.MaxQueryRunes))
}

// loadMore searches again for every result (the 显示更多 row).
func (s *SearchUI) loadMore() {
	s.limit, s.keepPlace = max(s.resp.Total, search.DefaultLimit), true
	s.request(s.entry.Text)
}

// request starts a search of text with the current limit and scope.
func (s *SearchUI) request(text string) {
	g := s.gen.Add(1)
	if search.ParseQuery(text).Empty() {
		s.clearResults()
		return
	}
	s.mu.Lock()
	s.pending = &searchRequest{gen: g, text: text, limit: s.limit, all: s.scopeAll && s.multi != nil, comp: s.w.Compilation().ID}
	start := !s.running
	s.running = true
	s.mu.Unlock()
	if start {
		go s.worker()
	}
}

// worker runs the latest pending search until none is left; older ones
// were replaced before they started.
func (s *SearchUI) worker() {
	<-s.ready
	for {
		s.mu.Lock()
		r := s.pending
		s.pending = nil
		if r == nil {
			s.running = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		if r.gen != s.gen.Load() {
			continue
		}
		resp := s.run(r)
		s.do(func() {
			if r.gen == s.gen.Load() {
				s.apply(resp)
			}
		})
	}
}

// apply shows a search's results (UI goroutine).
func (s *SearchUI) apply(resp search.Response) {
	keep := s.keepPlace && s.query.Raw == resp.Query.Raw
	var activeResult = -1
	if keep && s.active >= 0 && s.active < len(s.rows) {
		activeResult = s.rows[s.active].result
	}
	s.keepPlace = false
	s.resp = resp
	s.query = resp.Query
	s.active = -1
	s.list.UnselectAll()
	s.rows = s.rows[:0]
	// Results are grouped by document in order of their best result; a
	// row points at its result in rank order.
	rank := map[string]int{}
	key := func(r search.Result) string { return r.Compilation + "\x00" + r.Address + "\x00" + r.ExtraID }
	for i, r := range resp.Results {
		rank[key(r)] = i
	}
	perComp := map[string]int{}
	for _, r := range resp.Results {
		perComp[r.Compilation]++
	}
	lastComp := ""
	for _, g := range search.GroupByDocument(resp.Results) {
		if g.Compilation != lastComp { // a search of every compilation
			lastComp = g.Compilation
			s.rows = append(s.rows, searchRow{header: true, comp: g.CompilationTitle, compCount: perComp[g.Compilation]})
		}
		s.rows = append(s.rows, searchRow{header: true, group: g})
		for _, r := range g.Results {
			s.rows = append(s.rows, searchRow{result: rank[key(r)]})
		}
	}
	if resp.Total > len(resp.Results) {
		s.rows = append(s.rows, searchRow{more: true})
	}
	switch {
	case resp.Total == 0:
		s.count.SetText("没有找到“" + strings.TrimSpace(resp.Query.Raw) + "”")
	case resp.Total > len(resp.Results):
		s.count.SetText(fmt.Sprintf("共 %d 条结果，显示前 %d 条", resp.Total, len(resp.Results)))
	default:
		s.count.SetText(fmt.Sprintf("共 %d 条结果", resp.Total))
	}
	s.list.Refresh()
	// Heights stick to row numbers: set every row's, as a row that held a
	// header for the last query may hold a result now.
	if s.rowHeight == 0 {
		s.headHeight, s.rowHeight = headerHeight(), newResultRow().MinSize().Height
	}
	s.heights = s.heights[:0]
	for i, r := range s.rows {
		h := s.rowHeight
		if r.header || r.more {
			h = s.headHeight
		}
		s.list.SetItemHeight(i, h)
		s.heights = append(s.heights, h)
	}
	if activeResult >= 0 {
		for i, r := range s.rows {
			if !r.header && !r.more && r.result == activeResult {
				s.active = i
				s.list.Select(i)
				break
			}
		}
	} else {
		s.list.ScrollToTop()
	}
	if !s.w.PanelShown(SearchPanel) {
		s.w.ShowPanel(SearchPanel, s.panel)
	}
	if s.active < 0 {
		s.opened = nil
	}
	s.highlightPane(false)
	if s.onApplied != nil {
		s.onApplied()
	}
}

// Clear empties the search box, the results and the highlights (Esc).
func (s *SearchUI) Clear() {
	if s.entry.Text != "" {
		s.entry.SetText("") // runs changed, which clears
		return
	}
	s.gen.Add(1)
	s.clearResults()
}

func (s *SearchUI) clearResults() {
	s.resp = search.Response{}
	s.query = search.Query{}
	s.rows = nil
	s.opened = nil
	s.active = -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.w.HidePanel(SearchPanel)
	s.setMatches(nil)
}

// key handles the search keys; it reports whether it used the key.
func (s *SearchUI) key(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyEscape:
		if s.entry.Text == "" && !s.w.PanelShown(SearchPanel) {
			return false
		}
		s.Clear()
		return true
	case fyne.KeyF3:
		if shiftHeld(s.w) {
			s.Step(-1)
		} else {
			s.Step(1)
		}
		return true
	case fyne.KeyDown:
		if len(s.rows) > 0 {
			s.activateNext()
			return true
		}
	case fyne.KeyUp:
		if len(s.rows) > 0 {
			s.activatePrev()
			return true
		}
	}
	return false
}

// shiftHeld reports whether Shift is down, as far as the driver tells.
func shiftHeld(w *Window) bool {
	if d, ok := w.App().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// activateNext opens the result after the active one (the first at first).
func (s *SearchUI) activateNext() {
	for i := s.active + 1; i < len(s.rows); i++ {
		switch {
		case s.rows[i].more:
			s.loadMore()
			return
		case !s.rows[i].header:
			s.activate(i)
			return
		}
	}
}

func (s *SearchUI) activatePrev() {
	for i := s.active - 1; i >= 0; i-- {
		if !s.rows[i].header && !s.rows[i].more {
			s.activate(i)
			return
		}
	}
}

// Results is the search response the panel shows.
func (s *SearchUI) Results() search.Response { return s.resp }

// Activate opens result i (0-based, in rank order).
func (s *SearchUI) Activate(i int) {
	for row, r := range s.rows {
		if !r.header && !r.more && r.result == i {
			s.activate(row)
			return
		}
	}
}

// activate opens the result of a row, highlights every match in the pane
// and makes the first match in the result's own text the current one.
func (s *SearchUI) activate(row int) {
	r := s.resp.Results[s.rows[row].result]
	if r.ID == "" {
		s.list.Unselect(row)
		return // a note whose node is not in this compilation
	}
	if r.Compilation != "" && r.Compilation != s.w.Compilation().ID && !s.openCompilation(r) {
		s.list.Unselect(row)
		return
	}
	prev := s.active
	s.active = row
	s.list.Select(row) // marks the row; OnSelected sees it is the active one
	s.list.ScrollTo(row)
	if prev >= 0 {
		s.list.RefreshItem(prev)
	}
	s.list.RefreshItem(row)
	part := partOf(r.Field)
	s.opened = &r
	// Open the node itself (Reveal alone would only scroll when the pane
	// shows it inside its document), then bring the match into view.
	if s.w.Current().ID(s.w.Compilation().ID) != r.ID {
		if err := s.w.OpenID(r.ID); err != nil {
			fyne.LogError("打开搜索结果", err)
			return
		}
	}
	if err := s.w.Reveal(r.ID, part); err != nil {
		fyne.LogError("打开搜索结果", err)
		return
	}
	s.highlightPane(true)
}
