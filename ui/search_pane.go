package ui

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"huibian/app/nav"
	"huibian/app/search"
	uitheme "huibian/ui/theme"
)

// paneMatch is one match in the reading pane: a paragraph (by its index in
// the pane, and its node and part) and rune offsets in its text.
type paneMatch struct {
	row        int
	nodeID     string
	part       int
	start, end int
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

// addTitleMatches adds a result's own match ranges (pinyin and fuzzy
// matches are not in the text as typed) to the paragraphs showing its
// title, heading or text, keeping pane order.
func (s *SearchUI) addTitleMatches(ms []paneMatch, paras []nav.Paragraph, r search.Result) []paneMatch {
	x := s.indexFor(r)
	if x == nil {
		return ms
	}
	n, ok := x.Node(r)
	if !ok {
		return ms
	}
	var extra []paneMatch
	for i, p := range paras {
		if p.NodeID != r.ID {
			continue
		}
		for _, m := range r.Matches {
			if partOf(m.FieldRef) != p.Part || m.Part == search.PartNote || m.Part == search.PartBookmark {
				continue
			}
			field := m.FieldRef.Text(n)
			at := strings.Index(p.Text, field)
			if field == "" || at < 0 {
				continue
			}
			off := utf8.RuneCountInString(p.Text[:at])
			extra = append(extra, paneMatch{row: i, nodeID: p.NodeID, part: p.Part, start: off + m.Start, end: off + m.End})
		}
	}
	if len(extra) == 0 {
		return ms
	}
	out := append(append([]paneMatch{}, ms...), extra...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].row != out[b].row {
			return out[a].row < out[b].row
		}
		return out[a].start < out[b].start
	})
	return out
}

// setMatches replaces the search highlights in the pane (its search
// layer).
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
	s.w.SetHighlightLayer(LayerSearch, by)
	s.showPlace()
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
		s.place.SetText("本页无匹配，单击结果或按回车打开")
	default:
		s.place.SetText(fmt.Sprintf("本页第 %d/%d 处 · F3 下一处 · Shift+F3 上一处", s.cur+1, len(s.matches)))
	}
}

// Matches is the number of matches highlighted in the pane and the index
// of the current one (for tests).
func (s *SearchUI) Matches() (n, current int) { return len(s.matches), s.cur }
