package ui

import (
	"fmt"
	uitheme "huibian/ui/theme"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/search"
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
	lit     map[string]bool // nodes with search highlights set

	headHeight, rowHeight float32   // list row heights
	heights               []float32 // the height set for each row

	// do runs a function on the UI goroutine: fyne.Do, or in tests a
	// queue the test drains, so widgets are only touched from one goroutine.
	do func(func())
	// onApplied, for tests, runs after results are shown.
	onApplied func()
}

type searchRequest struct {
	gen  uint64
	text string
}

// searchRow is one row of the results list: a document header or a result.
type searchRow struct {
	header bool
	group  search.Group
	result int // index into resp.Results
}

// paneMatch is one match in the reading pane: a paragraph (by its index in
// the pane, and its node and part) and rune offsets in its text.
type paneMatch struct {
	row        int
	nodeID     string
	part       int
	start, end int
}

// SearchExtension attaches the search box to the window, without notes.
func SearchExtension(w *Window) error {
	_, err := AttachSearch(w, nil)
	return err
}

// AttachSearch connects the search box of w to a new index of its
// compilation. src, if not nil, feeds notes and bookmarks into the index;
// call ReloadExtras after they change.
func AttachSearch(w *Window, src search.ExtraSource) (*SearchUI, error) {
	s := &SearchUI{w: w, entry: w.search, src: src, ready: make(chan struct{}), active: -1, lit: map[string]bool{}, do: fyne.Do}
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
	s.count.Importance = widget.LowImportance
	s.count.Truncation = fyne.TextTruncateEllipsis
	s.place = widget.NewLabel("")
	s.place.Importance = widget.LowImportance
	s.place.Truncation = fyne.TextTruncateEllipsis
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newResultRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { s.updateRow(id, o.(*widget.RichText)) },
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.Unselect(id)
		if id < len(s.rows) && !s.rows[id].header {
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
	s.entry.OnChanged = s.changed
	s.entry.OnSubmitted = func(string) { s.activateNext() }
	s.entry.onKey = s.key
	// F3 and Esc when nothing has the focus (after a result was clicked).
	w.FyneWindow().Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) { s.key(k) })
	w.OnNavigate(func(model.Node) { s.highlightPane(false) })
	// The menu shows the keys; F3 itself reaches the search code from the
	// search box or when nothing has the focus (Fyne runs menu shortcuts
	// only with Ctrl, Alt or Super).
	next := fyne.NewMenuItem("下一处匹配", func() { s.Step(1) })
	next.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF3}
	prev := fyne.NewMenuItem("上一处匹配", func() { s.Step(-1) })
	prev.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF3, Modifier: fyne.KeyModifierShift}
	// No Esc shortcut here: a native (macOS) menu would take Esc from dialogs.
	clr := fyne.NewMenuItem("清除搜索(Esc)", s.Clear)
	w.AddMenuItems("编辑", fyne.NewMenuItemSeparator(), next, prev, clr)
	return s, nil
}

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
	text := s.entry.Text
	go func() {
		if err := s.Index().LoadExtras(s.src); err != nil {
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
	g := s.gen.Add(1)
	if search.ParseQuery(text).Empty() {
		s.clearResults()
		return
	}
	s.mu.Lock()
	s.pending = &searchRequest{gen: g, text: text}
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
		resp := s.index.Search(r.text, search.Options{})
		s.do(func() {
			if r.gen == s.gen.Load() {
				s.apply(resp)
			}
		})
	}
}

// apply shows a search's results (UI goroutine).
func (s *SearchUI) apply(resp search.Response) {
	s.resp = resp
	s.query = resp.Query
	s.active = -1
	s.rows = s.rows[:0]
	// Results are grouped by document in order of their best result; a
	// row points at its result in rank order.
	rank := map[string]int{}
	for i, r := range resp.Results {
		rank[r.Address+"\x00"+r.ExtraID] = i
	}
	for _, g := range search.GroupByDocument(resp.Results) {
		s.rows = append(s.rows, searchRow{header: true, group: g})
		for _, r := range g.Results {
			s.rows = append(s.rows, searchRow{result: rank[r.Address+"\x00"+r.ExtraID]})
		}
	}
	switch {
	case resp.Total == 0:
		s.count.SetText("没有找到“" + strings.TrimSpace(resp.Query.Raw) + "”")
	case resp.Total > len(resp.Results):
		s.count.SetText(fmt.Sprintf("共 %d 条结果,显示前 %d 条", resp.Total, len(resp.Results)))
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
		if r.header {
			h = s.headHeight
		}
		s.list.SetItemHeight(i, h)
		s.heights = append(s.heights, h)
	}
	s.list.ScrollToTop()
	if !s.w.PanelShown(SearchPanel) {
		s.w.ShowPanel(SearchPanel, s.panel)
	}
	s.opened = nil
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
		if !s.rows[i].header {
			s.activate(i)
			return
		}
	}
}

func (s *SearchUI) activatePrev() {
	for i := s.active - 1; i >= 0; i-- {
		if !s.rows[i].header {
			s.activate(i)
			return
		}
	}
}

// Results is what the panel shows (for tests and the lead's glue).
func (s *SearchUI) Results() search.Response { return s.resp }

// Activate opens result i (0-based, in rank order).
func (s *SearchUI) Activate(i int) {
	for row, r := range s.rows {
		if !r.header && r.result == i {
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
		return // a note whose node is not in this compilation
	}
	s.active = row
	s.list.ScrollTo(row)
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

// partOf maps a search field to the pane's paragraph Part.
func partOf(f search.FieldRef) int {
	switch f.Part {
	case search.PartPreamble, search.PartIntro, search.PartBody:
		return f.Index + 1
	}
	return 0
}

// highlightPane finds every match of the query in the paragraphs the pane
// shows and highlights them; focus picks the opened result's first match
// as the current one and scrolls to it.
func (s *SearchUI) highlightPane(focus bool) {
	if s.query.Empty() {
		s.setMatches(nil)
		return
	}
	var ms []paneMatch
	paras := s.w.Paragraphs()
	for i, p := range paras {
		if p.Part < 0 || p.NodeID == "" {
			continue
		}
		for _, rg := range s.query.Ranges(p.Text) {
			ms = append(ms, paneMatch{row: i, nodeID: p.NodeID, part: p.Part, start: rg.Start, end: rg.End})
		}
	}
	// Pinyin and fuzzy matches are not in the text as typed: place the
	// opened result's own match ranges on its heading line.
	if r := s.opened; r != nil && r.Kind != search.KindTitle && r.Kind != search.KindBody {
		ms = s.addTitleMatches(ms, paras, *r)
	}
	s.cur = 0
	if focus && s.opened != nil {
		want := partOf(s.opened.Field)
		for i, m := range ms {
			if m.nodeID == s.opened.ID && m.part >= want {
				s.cur = i
				break
			}
		}
	}
	s.setMatches(ms)
	if focus && len(ms) > 0 {
		s.reveal()
	}
}

// addTitleMatches adds a result's match ranges in its title or heading to
// the heading paragraph showing that text, keeping pane order.
func (s *SearchUI) addTitleMatches(ms []paneMatch, paras []nav.Paragraph, r search.Result) []paneMatch {
	n, ok := s.index.Node(r)
	if !ok {
		return ms
	}
	for i, p := range paras {
		if p.NodeID != r.ID || p.Part != 0 {
			continue
		}
		var extra []paneMatch
		for _, m := range r.Matches {
			if m.Part != search.PartTitle && m.Part != search.PartHeading {
				continue
			}
			field := m.FieldRef.Text(n)
			at := strings.Index(p.Text, field)
			if field == "" || at < 0 {
				continue
			}
			off := utf8.RuneCountInString(p.Text[:at])
			extra = append(extra, paneMatch{row: i, nodeID: p.NodeID, part: 0, start: off + m.Start, end: off + m.End})
		}
		if len(extra) == 0 {
			return ms
		}
		// Insert before the first match of a later row.
		k := 0
		for k < len(ms) && ms[k].row <= i {
			k++
		}
		out := append(append(append([]paneMatch{}, ms[:k]...), extra...), ms[k:]...)
		return out
	}
	return ms
}

// setMatches replaces the search highlights in the pane, keeping the
// notes' highlights.
func (s *SearchUI) setMatches(ms []paneMatch) {
	s.matches = ms
	if s.cur >= len(ms) {
		s.cur = 0
	}
	by := map[string][]Highlight{}
	for i, m := range ms {
		style := uitheme.HighlightSearch
		if i == s.cur {
			style = uitheme.HighlightSearchCurrent
		}
		by[m.nodeID] = append(by[m.nodeID], Highlight{Part: m.part, Start: m.start, End: m.end, Style: style})
	}
	for id := range s.lit {
		if _, ok := by[id]; !ok {
			s.w.SetHighlights(id, keepOthers(s.w.Pane().Highlights(id)))
			delete(s.lit, id)
		}
	}
	for id, hs := range by {
		s.w.SetHighlights(id, append(keepOthers(s.w.Pane().Highlights(id)), hs...))
		s.lit[id] = true
	}
	s.showPlace()
}

// keepOthers drops the search highlights from a node's highlights.
func keepOthers(hs []Highlight) []Highlight {
	var out []Highlight
	for _, h := range hs {
		if h.Style != uitheme.HighlightSearch && h.Style != uitheme.HighlightSearchCurrent {
			out = append(out, h)
		}
	}
	return out
}

// Step moves the current match forward (1) or back (-1), wrapping
// around, and scrolls it into view (F3 / Shift+F3).
func (s *SearchUI) Step(delta int) {
	n := len(s.matches)
	if n == 0 {
		return
	}
	s.cur = ((s.cur+delta)%n + n) % n
	s.setMatches(s.matches)
	s.reveal()
}

// reveal scrolls the current match's paragraph into view.
func (s *SearchUI) reveal() {
	m := s.matches[s.cur]
	if err := s.w.Reveal(m.nodeID, m.part); err != nil {
		fyne.LogError("显示匹配", err)
	}
}

func (s *SearchUI) showPlace() {
	switch {
	case s.query.Empty():
		s.place.SetText("")
	case len(s.matches) == 0 && s.resp.Total == 0:
		s.place.SetText("")
	case len(s.matches) == 0:
		s.place.SetText("本页无匹配,单击结果或按回车打开")
	default:
		s.place.SetText(fmt.Sprintf("本页第 %d/%d 处 · F3 下一处 · Shift+F3 上一处", s.cur+1, len(s.matches)))
	}
}

// Matches is the number of matches highlighted in the pane and the index
// of the current one (for tests).
func (s *SearchUI) Matches() (n, current int) { return len(s.matches), s.cur }

// newResultRow is the list's row template: two lines (address and title,
// then the snippet), truncated to the panel's width.
func newResultRow() *widget.RichText {
	rt := widget.NewRichText(
		&widget.TextSegment{Text: "0.0 标题", Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: "摘要", Style: widget.RichTextStyleParagraph},
	)
	rt.Wrapping = fyne.TextWrapOff
	rt.Truncation = fyne.TextTruncateEllipsis
	return rt
}

// headerHeight is the height of a one-line document header row.
func headerHeight() float32 {
	rt := widget.NewRichText(&widget.TextSegment{Text: "第 1 篇", Style: widget.RichTextStyleParagraph})
	return rt.MinSize().Height
}

// snippetLead is how many runes of context to keep before the first
// highlighted character when the snippet is shown on one line.
const snippetLead = 8

func (s *SearchUI) updateRow(id widget.ListItemID, rt *widget.RichText) {
	if id >= len(s.rows) {
		return
	}
	row := s.rows[id]
	if row.header {
		g := row.group
		title := g.DocTitle
		if g.Doc > 0 {
			title = fmt.Sprintf("第 %d 篇 %s", g.Doc, g.DocTitle)
		} else {
			title = "其他笔记和书签"
		}
		rt.Segments = []widget.RichTextSegment{&widget.TextSegment{
			Text:  fmt.Sprintf("%s(%d)", title, len(g.Results)),
			Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameForeground},
		}}
		rt.Refresh()
		return
	}
	r := s.resp.Results[row.result]
	addrStyle := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}
	if id == s.active {
		addrStyle.ColorName = theme.ColorNameHyperlink
	}
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: r.Address + "  ", Style: addrStyle},
		&widget.TextSegment{Text: r.Title + "  ", Style: widget.RichTextStyleInline},
		&widget.TextSegment{Text: "〔" + r.Kind.Label() + "〕", Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}},
	}
	text, pos := leadSnippet(r.Snippet, r.Positions, snippetLead)
	segs = append(segs, markedSegments(text, pos)...)
	rt.Segments = segs
	rt.Refresh()
}

// leadSnippet cuts a snippet so that its first highlighted character is
// at most lead runes from the start, where a narrow panel still shows it.
func leadSnippet(snippet string, pos []int, lead int) (string, []int) {
	if len(pos) == 0 || pos[0] <= lead+1 {
		return snippet, pos
	}
	cut := pos[0] - lead
	runes := []rune(snippet)
	out := make([]int, 0, len(pos))
	for _, p := range pos {
		out = append(out, p-cut+1)
	}
	return "…" + string(runes[cut:]), out
}

// markedSegments turns a text and its highlighted rune positions into
// one line of inline segments, the highlighted ones bold and coloured.
func markedSegments(text string, pos []int) []widget.RichTextSegment {
	hit := make(map[int]bool, len(pos))
	for _, p := range pos {
		hit[p] = true
	}
	var segs []widget.RichTextSegment
	var b strings.Builder
	in := false
	flush := func() {
		if b.Len() == 0 {
			return
		}
		st := widget.RichTextStyleInline
		if in {
			st = widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}
		}
		segs = append(segs, &widget.TextSegment{Text: b.String(), Style: st})
		b.Reset()
	}
	i := 0
	for _, r := range text {
		if hit[i] != in {
			flush()
			in = hit[i]
		}
		b.WriteRune(r)
		i++
	}
	flush()
	if len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: " "})
	}
	// The last segment ends the line.
	last := segs[len(segs)-1].(*widget.TextSegment)
	last.Style.Inline = false
	return segs
}
