package ui

import (
	"fmt"
	"slices"
	"testing"
)

// paint is what highlights drawn in order leave on each rune: "part:rune"
// → style of the last one covering it.
func paint(hs []Highlight) map[string]string {
	out := map[string]string{}
	for _, h := range hs {
		for r := h.Start; r < h.End; r++ {
			out[fmt.Sprintf("%d:%d", h.Part, r)] = h.Style
		}
	}
	return out
}

func TestFlattenHighlights(t *testing.T) {
	y, p, b := "yellow", "pink", "blue"
	tests := []struct {
		name string
		in   []Highlight
		want []Highlight
	}{
		{"none", nil, nil},
		{"one", []Highlight{{1, 2, 5, y}}, []Highlight{{1, 2, 5, y}}},
		{"the heading line many times", []Highlight{{0, 0, 9, y}, {0, 0, 9, y}, {0, 0, 9, y}}, []Highlight{{0, 0, 9, y}}},
		{"later over earlier", []Highlight{{1, 0, 10, y}, {1, 3, 6, p}}, []Highlight{{1, 0, 3, y}, {1, 3, 6, p}, {1, 6, 10, y}}},
		{"earlier under later", []Highlight{{1, 3, 6, p}, {1, 0, 10, y}}, []Highlight{{1, 0, 10, y}}},
		{"same colour overlapping and touching", []Highlight{{2, 0, 4, b}, {2, 2, 7, b}, {2, 7, 9, b}, {2, 12, 14, b}},
			[]Highlight{{2, 0, 9, b}, {2, 12, 14, b}}},
		{"parts in order, empty ones dropped", []Highlight{{3, 1, 2, y}, {0, 0, 4, p}, {1, 5, 5, y}}, []Highlight{{0, 0, 4, p}, {3, 1, 2, y}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flattenHighlights(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if g, w := paint(got), paint(tt.in); fmt.Sprint(g) != fmt.Sprint(w) {
				t.Errorf("paints %v, the highlights %v", g, w)
			}
		})
	}
}
