package notes

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// colorBit and groupColors must agree with the palette's order: the
// markers list a node's colours in menu order.
func TestColorBitsFollowThePalette(t *testing.T) {
	for i, p := range Palette() {
		if got := colorBit(p.Color); got != 1<<i {
			t.Errorf("colorBit(%s) = %b, want %b", p.Color, got, 1<<i)
		}
	}
	tests := []struct {
		colors []Color
		want   string
	}{
		{nil, ""},
		{[]Color{"orange"}, ""},
		{[]Color{Purple}, "紫"},
		{[]Color{Purple, Yellow, Purple}, "黄紫"},
		{[]Color{Pink, Blue, Green, Yellow, Purple}, "黄绿蓝粉紫"},
		{[]Color{Blue, "", Green}, "绿蓝"},
	}
	for _, tt := range tests {
		var bits uint8
		for _, c := range tt.colors {
			bits |= colorBit(c)
		}
		var got strings.Builder
		for _, c := range groupColors(bits) {
			got.WriteString(c.Chinese())
		}
		if got.String() != tt.want {
			t.Errorf("%v: colours %q, want %q", tt.colors, got.String(), tt.want)
		}
	}
}

// The markers' colours come from the groups: built at load (after a
// reopen) and rebuilt after an edit changes a colour or a delete removes
// the only note of one.
func TestMarkerColorsAfterReopenEditDelete(t *testing.T) {
	e := newEnv(t)
	a := e.addNote("1.1", "一", "", Purple)
	e.addNote("1.1", "二", "", Green)
	b := e.addNote("2.3", "三", "", Blue)
	colors := func(addr string) string {
		var s strings.Builder
		for _, c := range e.svc.Markers()[e.node(addr).ID(e.c.ID)].Colors {
			s.WriteString(c.Chinese())
		}
		return s.String()
	}
	steps := []struct {
		name string
		do   func()
		want map[string]string
	}{
		{"added", func() {}, map[string]string{"1.1": "绿紫", "2.3": "蓝"}},
		{"reopened", e.reopen, map[string]string{"1.1": "绿紫", "2.3": "蓝"}},
		{"edited", func() {
			c := Yellow
			if _, err := e.svc.EditNote(a.ID, NoteEdit{Color: &c}); err != nil {
				t.Fatal(err)
			}
		}, map[string]string{"1.1": "黄绿", "2.3": "蓝"}},
		{"deleted", func() {
			if _, err := e.svc.DeleteNote(b.ID); err != nil {
				t.Fatal(err)
			}
		}, map[string]string{"1.1": "黄绿", "2.3": ""}},
		{"reopened again", e.reopen, map[string]string{"1.1": "黄绿", "2.3": ""}},
	}
	for _, st := range steps {
		st.do()
		for addr, want := range st.want {
			if got := colors(addr); got != want {
				t.Errorf("%s: %s colours %q, want %q", st.name, addr, got, want)
			}
		}
	}
}

// The grouper keeps each node's notes in the order added, whether notes on
// one node come together or interleaved, and sets sameTitle, colors and
// created (here note i was created at i*1000+7 ms).
func TestGrouper(t *testing.T) {
	type in struct{ id, node, title string }
	tests := []struct {
		name  string
		notes []in
		want  string // node:ids:sameTitle:colour bits:created, sorted by node
	}{
		{"none", nil, ""},
		{"one", []in{{"a", "n1", "T"}}, "n1:a:true:1:[7]"},
		{"together", []in{{"a", "n1", "T"}, {"b", "n1", "T"}, {"c", "n2", "U"}}, "n1:ab:true:3:[7 1007] n2:c:true:4:[2007]"},
		{"interleaved", []in{{"a", "n1", "T"}, {"c", "n2", "U"}, {"b", "n1", "T"}, {"d", "n2", "U"}}, "n1:ab:true:5:[7 2007] n2:cd:true:10:[1007 3007]"},
		{"title changed", []in{{"a", "n1", "T"}, {"c", "n2", "U"}, {"b", "n1", "T2"}}, "n1:ab:false:5:[7 2007] n2:c:true:2:[1007]"},
	}
	for _, tt := range tests {
		var gr grouper
		for i, x := range tt.notes {
			gr.add(&Note{ID: x.id, NodeID: x.node, Title: x.title, Color: colorOrder[i%len(colorOrder)],
				Created: time.UnixMilli(int64(i*1000 + 7)).UTC()})
		}
		groups := gr.done()
		var parts []string
		for node, g := range groups {
			var ids strings.Builder
			for _, n := range g.notes {
				ids.WriteString(n.ID)
			}
			parts = append(parts, fmt.Sprintf("%s:%s:%v:%d:%v", node, ids.String(), g.sameTitle, g.colors, g.created))
		}
		sort.Strings(parts)
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The groups built while loading equal those rebuilt from the notes map.
func TestLoadedGroupsMatchRebuilt(t *testing.T) {
	e := newEnv(t)
	for i, addr := range []string{"1.1", "2.3", "1.1", "5.6", "2.3", "1.1"} {
		e.addNote(addr, fmt.Sprint("笔记", i), "", colorOrder[i%len(colorOrder)])
	}
	e.reopen()
	describe := func(groups map[string]*noteGroup) string {
		var parts []string
		for node, g := range groups {
			ids := make([]string, len(g.notes))
			for i, n := range g.notes {
				ids[i] = n.ID
			}
			sort.Strings(ids) // the map's order differs from the file's
			parts = append(parts, fmt.Sprintf("%s:%v:%v:%d", node, ids, g.sameTitle, g.colors))
		}
		sort.Strings(parts)
		return strings.Join(parts, " ")
	}
	e.svc.mu.Lock()
	defer e.svc.mu.Unlock()
	loaded := describe(e.svc.groupsLocked())
	e.svc.forgetGroupsLocked()
	rebuilt := describe(e.svc.groupsLocked())
	if loaded != rebuilt || len(e.svc.groups) != 3 {
		t.Errorf("loaded groups %s, rebuilt %s", loaded, rebuilt)
	}
}
