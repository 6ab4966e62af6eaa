package notes

import (
	"strings"
	"testing"
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
