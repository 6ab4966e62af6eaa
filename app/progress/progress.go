// Package progress decides what the reader has read: an item is read when
// its text has been on screen long enough to be read at an assumed reading
// speed, and it counts what is read per section, document and compilation.
// It knows nothing of the window: the window reports what it shows
// (Tracker.Observe) and stores the read marks (app/notes).
//
// Only items with full text count. A document's preamble and a section's
// intro are read along the way but are not items; an item without text
// (an outline entry, the cut-off 9.7) can never be read.
package progress

import (
	"time"

	"huibian/app/model"
)

// CharsPerSecond is the reading speed assumed: about 600 characters a
// minute, a brisk reading of Chinese prose (careful readers manage
// 300–500, skimmers more).
const CharsPerSecond = 10.0

// ReadShare is the share of an item's characters that must have been read
// for the item to count as read (a reader skips a line or two).
const ReadShare = 0.8

// maxTick bounds one observation, so that a window left open (or a
// suspended machine) does not read everything on screen at once.
const maxTick = 2 * time.Second

// Counts is how many of the items with text are read.
type Counts struct {
	Read, Total int
}

// Countable reports whether n is an item with text: the only nodes that
// can be read.
func Countable(n model.Node) bool {
	return n.Kind() == model.KindItem && n.Item.HasText && textLen(n.Item.Body) > 0
}

func textLen(ps []string) int {
	k := 0
	for _, p := range ps {
		k += len([]rune(p))
	}
	return k
}

// Count counts the items with text under n (n itself for an item) and
// those read.
func Count(compID string, n model.Node, read func(id string) bool) Counts {
	var c Counts
	n.Walk(func(x model.Node) {
		if Countable(x) {
			c.Total++
			if read(x.ID(compID)) {
				c.Read++
			}
		}
	})
	return c
}

// Span is a stretch of a node's paragraph on screen: runes [Start, End)
// of paragraph Part (1 = the first body paragraph, as nav.Paragraph.Part).
type Span struct {
	NodeID     string
	Part       int
	Start, End int
}

// Tracker follows what is on screen and decides when items are read. In
// each observation the reader reads at most CharsPerSecond × the time
// passed, taking the unread characters on screen from the top; an item is
// read once ReadShare of its characters were read. A glance at the top of
// a document therefore reads only the first lines of its first item.
type Tracker struct {
	compID string
	items  map[string][][]bool // item ID → per body paragraph, the runes read
	got    map[string]int      // item ID → runes read
	total  map[string]int      // item ID → runes of its body
	done   map[string]bool     // items reported read
	carry  float64             // reading budget left over from the last observation
}

// NewTracker prepares a tracker for the items with text of c.
func NewTracker(c *model.Compilation) *Tracker {
	t := &Tracker{compID: c.ID, items: map[string][][]bool{}, got: map[string]int{},
		total: map[string]int{}, done: map[string]bool{}}
	c.Walk(func(n model.Node) {
		if !Countable(n) {
			return
		}
		id := n.ID(c.ID)
		parts := make([][]bool, len(n.Item.Body))
		for i, p := range n.Item.Body {
			parts[i] = make([]bool, len([]rune(p)))
		}
		t.items[id] = parts
		t.total[id] = textLen(n.Item.Body)
	})
	return t
}

// Observe records that the spans (in reading order, top to bottom) were
// on screen for dt, and returns the items that became read.
func (t *Tracker) Observe(spans []Span, dt time.Duration) []string {
	dt = min(dt, maxTick)
	budget := t.carry + CharsPerSecond*dt.Seconds()
	t.carry = 0
	var newly []string
	for _, s := range spans {
		parts, ok := t.items[s.NodeID]
		if !ok || s.Part < 1 || s.Part > len(parts) || budget < 1 {
			continue
		}
		runes := parts[s.Part-1]
		for i := max(s.Start, 0); i < min(s.End, len(runes)) && budget >= 1; i++ {
			if !runes[i] {
				runes[i] = true
				t.got[s.NodeID]++
				budget--
			}
		}
		if !t.done[s.NodeID] && float64(t.got[s.NodeID]) >= ReadShare*float64(t.total[s.NodeID]) {
			t.done[s.NodeID] = true
			newly = append(newly, s.NodeID)
		}
	}
	// Reading time not spent (everything on screen read) is not saved up
	// beyond a second's worth.
	t.carry = min(budget, CharsPerSecond)
	return newly
}

// Share is the share of item id's characters read so far (0 for a node
// that is not an item with text).
func (t *Tracker) Share(id string) float64 {
	if t.total[id] == 0 {
		return 0
	}
	return float64(t.got[id]) / float64(t.total[id])
}

// Cell is one item in the overview grid.
type Cell struct {
	Addr       model.Address
	ID         string
	Title      string
	HasText    bool // Countable: only these can be read
	Read       bool
	Noted      bool
	Bookmarked bool
}

// Row is one document of the overview grid: its items in order.
type Row struct {
	Doc    *model.Document
	ID     string
	Counts Counts
	Cells  []Cell
}

// Overview is the documents × items grid of the 阅读进度 view, with the
// compilation's totals.
type Overview struct {
	Rows              []Row
	Total             Counts
	Noted, Bookmarked int // items with a note or bookmark
}

// Marks says what the reader has done to a node.
type Marks struct {
	Read, Noted, Bookmarked func(id string) bool
}

// Build lays out the overview of compilation c.
func Build(c *model.Compilation, m Marks) Overview {
	var o Overview
	for _, d := range c.Documents {
		dn := model.Node{Addr: model.Address{Doc: d.Number}, Document: d}
		r := Row{Doc: d, ID: dn.ID(c.ID)}
		dn.Walk(func(n model.Node) {
			if n.Kind() != model.KindItem {
				return
			}
			id := n.ID(c.ID)
			cell := Cell{Addr: n.Addr, ID: id, Title: n.Item.Title, HasText: Countable(n),
				Noted: m.Noted(id), Bookmarked: m.Bookmarked(id)}
			cell.Read = cell.HasText && m.Read(id)
			if cell.HasText {
				r.Counts.Total++
				if cell.Read {
					r.Counts.Read++
				}
			}
			if cell.Noted {
				o.Noted++
			}
			if cell.Bookmarked {
				o.Bookmarked++
			}
			r.Cells = append(r.Cells, cell)
		})
		o.Total.Read += r.Counts.Read
		o.Total.Total += r.Counts.Total
		o.Rows = append(o.Rows, r)
	}
	return o
}

// Done is the set of items this tracker found read.
func (t *Tracker) Done() map[string]bool { return t.done }
