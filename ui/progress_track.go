package ui

import (
	"math"
	"unicode/utf8"

	"huibian/app/progress"
)

// visibleSpans is what the pane shows of each body paragraph, top to
// bottom: the runes of the part of its row inside the view, taking the
// lines of a row as evenly filled.
func (p *Pane) visibleSpans() []progress.Span {
	h := p.Size().Height
	if h <= 0 || len(p.heights) != len(p.paras) {
		return nil
	}
	top, bottom := p.ScrollOffset(), p.ScrollOffset()+h
	var out []progress.Span
	y, sep := float32(0), separator()
	for i, para := range p.paras {
		rh := p.heights[i]
		a, b := max(y, top), min(y+rh, bottom)
		y += rh + sep
		if para.Part < 1 || para.NodeID == "" || b <= a || rh <= 0 {
			if y > bottom {
				break
			}
			continue
		}
		n := float64(utf8.RuneCountInString(para.Text))
		start := int(math.Floor(n * float64((a-(y-rh-sep))/rh)))
		end := int(math.Ceil(n * float64((b-(y-rh-sep))/rh)))
		out = append(out, progress.Span{NodeID: para.NodeID, Part: para.Part, Start: start, End: end})
		if y > bottom {
			break
		}
	}
	return out
}
