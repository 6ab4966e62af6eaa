package ui

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"huibian/app/model"
	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
)

// Closing punctuation that must not start a line and opening punctuation
// that must not end one (issue 11 §1, W3C clreq, GB/T 15834), as the
// source uses them: full-width, and the half-width ,.;:?!) it mixes in.
const (
	lineStartBan = "，。、；：？！）》」』】〕〉”’…—,.;:?!)"
	lineEndBan   = "（《「『【〔〈“‘("
)

// lineFaults lists the rules broken at the break between line a and the
// line b after it (b == "" for the paragraph's last line).
func lineFaults(a, b string) []string {
	var out []string
	ra, rb := []rune(strings.TrimRight(a, " \n")), []rune(b)
	if len(ra) > 0 && strings.ContainsRune(lineEndBan, ra[len(ra)-1]) && len(rb) > 0 {
		out = append(out, "ends with "+string(ra[len(ra)-1]))
	}
	if len(rb) == 0 || len(ra) == 0 {
		return out
	}
	first, last := rb[0], ra[len(ra)-1]
	if strings.ContainsRune(lineStartBan, first) {
		out = append(out, "next starts with "+string(first))
	}
	isLatin := func(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	switch {
	case unicode.IsDigit(last) && (isLatin(first) || first == '年' || first == '月' || first == '日' || first == '条' || first == '%'):
		out = append(out, "number split from what follows: "+string(last)+"|"+string(first))
	case isLatin(last) && isLatin(first):
		out = append(out, "word split: "+string(last)+"|"+string(first))
	}
	return out
}

// For every paragraph of the seed at five column widths, the lines the
// reading pane draws (its own layouts, as its rows draw them) break no
// rule and never run past the column.
func TestPaneLinesKeepChineseRules(t *testing.T) {
	w, _ := newTestWindow(t)
	w.SetMeasure(80) // let the column follow the window, not the measure cap
	nodes := []model.Address{{}}
	for _, d := range w.comp.Documents {
		nodes = append(nodes, model.Address{Doc: d.Number})
	}
	cols := map[float32]bool{}
	checked, lines := 0, 0
	for _, width := range []float32{520, 680, 860, 1100, 1500} {
		w.win.Resize(fyne.NewSize(width, 700))
		for _, a := range nodes {
			if a.Doc == 0 {
				w.show(model.Node{}, false)
			} else {
				w.Open(a)
			}
			p := w.pane
			s := currentSizes()
			_, cw := s.contentBox(p.Size().Width)
			col := cw - 2*s.innerPad
			cols[col] = true
			for i, lay := range p.layouts {
				checked++
				limit := col
				if p.isTagged(i) {
					limit -= s.tagWidth(p.faces)
				}
				for k := range lay.Lines {
					lines++
					cur, next := lay.LineText(k), ""
					if k+1 < len(lay.Lines) {
						next = lay.LineText(k + 1)
					}
					for _, f := range lineFaults(cur, next) {
						t.Errorf("column %.0f, %v row %d line %d %q / %q: %s", col, a, i, k, cur, next, f)
					}
					if ln := lay.Lines[k]; ln.Width > limit+0.01 && ln.End-ln.Start > 1 {
						t.Errorf("column %.0f, %v row %d line %d: %.1f wide", col, a, i, k, ln.Width)
					}
				}
			}
			// The rows on screen draw exactly the layout's lines, inside
			// the column.
			for _, r := range p.rows {
				if r.id < 0 || r.id >= len(p.layouts) || !r.Visible() {
					continue
				}
				lay := p.layouts[r.id]
				var drawn []string
				for _, o := range test.WidgetRenderer(r.block).Objects() {
					if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
						drawn = append(drawn, tx.Text)
						if right := tx.Position().X + fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width; right > r.block.Size().Width+1 {
							t.Errorf("column %.0f, %v row %d: %q drawn to %.1f, block %.1f wide", col, a, r.id, tx.Text, right, r.block.Size().Width)
						}
					}
				}
				var want []string
				for k := range lay.Lines {
					if s := lay.LineText(k); s != "" {
						want = append(want, s)
					}
				}
				if strings.Join(drawn, "|") != strings.Join(want, "|") {
					t.Errorf("column %.0f, %v row %d draws %q, laid out %q", col, a, r.id, drawn, want)
				}
			}
		}
	}
	if len(cols) < 5 {
		t.Errorf("only %d distinct column widths: %v", len(cols), cols)
	}
	t.Logf("%d paragraph layouts, %d lines checked", checked, lines)
}

// The checker itself catches the faults the issue reported.
func TestLineFaults(t *testing.T) {
	for _, c := range []struct {
		a, b string
		bad  bool
	}{
		{"各党支部每周开展", "、分享心得", true},
		{"配套开展“", "评估", true},
		{"其中 102", "条有正文", true},
		{"……分享心", "得。", false},
		{"2026", "年", true},
		{"意识形态", "工作", false},
		{"坚持", "—评估”", true},
	} {
		if got := len(lineFaults(c.a, c.b)) > 0; got != c.bad {
			t.Errorf("%q / %q: fault %v, want %v", c.a, c.b, got, c.bad)
		}
	}
}

// Block selection copies the paragraph's own text: no line breaks, no
// indent.
func TestBlockSelectionCopiesText(t *testing.T) {
	w, a := newTestWindow(t)
	w.win.Resize(fyne.NewSize(700, 700))
	w.Open(mustAddr(t, "1.1"))
	p := w.pane
	row := p.Index(model.ItemID(w.comp.ID, 1, 1), 1)
	if row < 0 || len(p.layouts[row].Lines) < 3 {
		t.Fatalf("row %d is not a long paragraph", row)
	}
	var blk *typeset.SelectableBlock
	for _, r := range p.rows {
		if r.id == row {
			blk = r.block
		}
	}
	if blk == nil {
		t.Fatal("row not drawn")
	}
	want := []rune(p.paras[row].Text)
	blk.Select(3, 80)
	if got := blk.SelectedText(); got != string(want[3:80]) {
		t.Errorf("selected %q, want %q", got, string(want[3:80]))
	}
	blk.TypedShortcut(&fyne.ShortcutCopy{Clipboard: a.Clipboard()})
	if got := a.Clipboard().Content(); got != string(want[3:80]) {
		t.Errorf("copied %q", got)
	}
	if txt, para, ok := p.SelectedText(); !ok || txt != string(want[3:80]) || para.Part != 1 {
		t.Errorf("pane selection %q, %+v, %v", txt, para, ok)
	}
	blk.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := blk.SelectedText(); got != p.paras[row].Text {
		t.Errorf("select all gave %q", got)
	}
	// Selecting in another row clears this one.
	for _, r := range p.rows {
		if r.id >= 0 && r.id != row && r.block.Layout() != nil {
			r.block.OnSelect(&r.block.Block)
			break
		}
	}
	if blk.SelectedText() != "" {
		t.Error("selection in another row did not clear this one")
	}
	// Hit testing: the first line's first character sits after the indent.
	lay := p.layouts[row]
	if lay.Lines[0].Indent <= 0 {
		t.Error("body paragraph without first-line indent")
	}
	if got := lay.Hit(lay.Lines[0].Indent+1, 1); got != 0 {
		t.Errorf("hit at the first character gave %d", got)
	}
	if got := lay.Hit(lay.X(1, lay.Lines[1].Start+2)+1, lay.Pitch*1.5); got != lay.Lines[1].Start+2 {
		t.Errorf("hit on line 2 gave %d, want %d", got, lay.Lines[1].Start+2)
	}
}

// The measure caps the line length: a wide pane gets margins, and 行宽
// changes the number of characters per line.
func TestMeasure(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1600, 800))
	w.Open(mustAddr(t, "1.1"))
	perLine := func() int {
		p := w.pane
		row := p.Index(model.ItemID(w.comp.ID, 1, 1), 1)
		lay := p.layouts[row]
		best := 0
		for k := range lay.Lines {
			best = max(best, len([]rune(lay.LineText(k))))
		}
		return best
	}
	for _, m := range []int{uitheme.MeasureNarrow, uitheme.MeasureMedium, uitheme.MeasureWide} {
		w.SetMeasure(m)
		// Half-width commas and digits in the source let a few more
		// characters into a line than the measure's full-width ones.
		if got := perLine(); got < m-2 || got > m+4 {
			t.Errorf("measure %d: %d characters on the longest line", m, got)
		}
		if !w.layoutItems[map[int]int{uitheme.MeasureNarrow: 0, uitheme.MeasureMedium: 1, uitheme.MeasureWide: 2}[m]].Checked {
			t.Errorf("measure %d not checked in the menu", m)
		}
	}
	x, _ := currentSizes().contentBox(w.pane.Size().Width)
	if x < 100 {
		t.Errorf("wide pane: margin %v, want the text column centred with wide margins", x)
	}
	h0 := w.pane.heights
	w.SetPitch(uitheme.PitchLoose)
	var a, b float32
	for i := range h0 {
		a += h0[i]
		b += w.pane.heights[i]
	}
	if b <= a {
		t.Errorf("looser line pitch: total height %v → %v", a, b)
	}
}

// BenchmarkPaneResize is the relayout of document 1 (every paragraph
// broken again) when the pane's width changes: the budget is 50 ms.
func BenchmarkPaneResize(b *testing.B) {
	a := test.NewTempApp(b)
	res := seedCompilation(b)
	w := NewWindow(a, res, Options{Version: "测试"})
	w.win.Show()
	defer w.win.Close()
	w.win.Resize(fyne.NewSize(1000, 700))
	w.SetMeasure(80)
	w.Open(model.Address{Doc: 1})
	widths := []float32{700, 640}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.pane.Resize(fyne.NewSize(widths[i%2], 600))
	}
	b.StopTimer()
	b.ReportMetric(float64(len(w.pane.paras)), "paragraphs")
}

// BenchmarkPaneTextSize is the relayout of document 1 after a text size
// change: every paragraph measured and prepared again, then broken.
func BenchmarkPaneTextSize(b *testing.B) {
	a := test.NewTempApp(b)
	w := NewWindow(a, seedCompilation(b), Options{Version: "测试"})
	w.win.Show()
	defer w.win.Close()
	w.win.Resize(fyne.NewSize(1000, 700))
	w.Open(model.Address{Doc: 1})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.StepTextSize(1 - 2*(i%2))
	}
}
