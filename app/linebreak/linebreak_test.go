package linebreak

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode"
)

// widthsEm are the column widths the seed is broken at, in ems of the body
// text (CJK characters per line).
var widthsEm = []float32{12, 17, 23, 31, 40}

// TestSeedParagraphs breaks every paragraph of the built-in compilation at
// five widths, with and without the 2-character indent and squeezing, with
// the bundled font's advances, and checks every line.
func TestSeedParagraphs(t *testing.T) {
	m := fontAdvances(t)
	paras := seedParagraphs(t)
	lines, multi := 0, 0
	for _, em := range widthsEm {
		for _, opt := range []Options{{}, {Indent: 2}, {Indent: 2, Squeeze: true}} {
			opt.Width = em * textSize
			t.Run(fmt.Sprintf("%gem/indent%d/squeeze=%v", em, opt.Indent, opt.Squeeze), func(t *testing.T) {
				for _, p := range paras {
					text := []rune(p)
					ls := Prepare(text, m).Lines(opt)
					checkShape(t, text, ls, m, opt)
					for _, f := range faults(text, ls) {
						t.Errorf("%s", f)
					}
					checkFull(t, text, ls, m, opt)
					lines += len(ls)
					if len(ls) > 1 {
						multi++
					}
				}
			})
		}
	}
	if multi < 1000 {
		t.Fatalf("only %d paragraph layouts had more than one line: the test does not test breaking", multi)
	}
	t.Logf("%d lines checked", lines)
}

// checkFull asserts that no line ends early: every line but the last is
// too full to reach the next break between two Han characters (always a
// legal break), so the breaker never gives away room it could use.
func checkFull(t *testing.T, text []rune, lines []Line, m Advances, opt Options) {
	t.Helper()
	for k, ln := range lines[:len(lines)-1] {
		if ln.Forced {
			t.Errorf("line %d %q was forced, in text that can be broken legally", k, string(text[ln.Start:ln.End]))
			continue
		}
		j := ln.End + 1
		for j < len(text) && !(unicode.Is(unicode.Han, text[j-1]) && unicode.Is(unicode.Han, text[j])) {
			j++
		}
		if j >= len(text) {
			continue
		}
		longer := Line{Start: ln.Start, End: j, Indent: ln.Indent}
		if w := drawnWidth(text, longer, m); w < opt.Width-1e-3 && len(ln.Squeezed) == 0 {
			t.Errorf("line %d %q ends early: %q (%g) fits in %g", k, string(text[ln.Start:ln.End]), string(text[ln.Start:j]), w, opt.Width)
		}
	}
}

// TestIssueFaults replays the faults issue 11 saw: for each, a width at
// which the old word wrapping (Fyne's) shows the fault in a real paragraph,
// and the same paragraph broken by this package at that width.
func TestIssueFaults(t *testing.T) {
	m := fontAdvances(t)
	paras := seedParagraphs(t)
	find := func(sub string) string {
		for _, p := range paras {
			if strings.Contains(p, sub) {
				return p
			}
		}
		t.Fatalf("no seed paragraph holds %q", sub)
		return ""
	}
	// The reading pane's note on the compilation (nav.Paragraphs), with the
	// seed's counts.
	summary := "共 9 篇,54 部分,216 条,其中 102 条有正文。来源:内置汇编:局机关2026年意识形态工作要点材料汇编(9篇).txt"
	cases := []struct {
		name string
		text string
		// fault reports whether a break between lines a and b is the fault.
		fault func(a, b string) bool
	}{
		{"line starts with 、", find("、分享心得"), func(a, b string) bool { return strings.HasPrefix(b, "、") }},
		{"lone 。", find("、分享心得"), func(a, b string) bool { return b == "。" }},
		{"line ends with “", find("配套开展“"), func(a, b string) bool { return strings.HasSuffix(a, "“") }},
		{"line starts with —", find("—评估”"), func(a, b string) bool { return strings.HasPrefix(b, "—") }},
		{"number and unit broken early at a space", summary, func(a, b string) bool {
			return strings.HasSuffix(a, "102 ") && strings.HasPrefix(b, "条有正文")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := []rune(c.text)
			// The first width, in quarter ems, at which the old wrapping
			// shows the fault; also lone 。 anywhere in the seed.
			var width float32
			for q := 12 * 4; q <= 60*4 && width == 0; q++ {
				w := float32(q) / 4 * textSize
				old := lineTexts(text, fyneWrap(text, m, w))
				for i := 1; i < len(old); i++ {
					if c.fault(old[i-1], old[i]) {
						width = w
						break
					}
				}
			}
			if width == 0 && c.name == "lone 。" {
				// Not in this paragraph at these widths: any paragraph.
			search:
				for _, p := range paras {
					text = []rune(p)
					for q := 12 * 4; q <= 40*4; q++ {
						w := float32(q) / 4 * textSize
						old := lineTexts(text, fyneWrap(text, m, w))
						if old[len(old)-1] == "。" {
							width = w
							break search
						}
					}
				}
			}
			if width == 0 {
				t.Fatalf("the old wrapping never shows the fault: the case tests nothing")
			}
			t.Logf("the old wrapping shows the fault at %gem", width/textSize)
			opt := Options{Width: width}
			ls := Prepare(text, m).Lines(opt)
			checkShape(t, text, ls, m, opt)
			got := lineTexts(text, ls)
			for i := 1; i < len(got); i++ {
				if c.fault(got[i-1], got[i]) {
					t.Errorf("at %g (%gem) the fault is still there: %q / %q", width, width/textSize, got[i-1], got[i])
				}
			}
			for _, f := range faults(text, ls) {
				t.Errorf("%s", f)
			}
			checkFull(t, text, ls, m, opt)
		})
	}
}

// em is a measure where Han and full-width marks are 1 wide and the rest
// half: widths in the cases below count characters.
var em Advances = func(r rune) float32 {
	if r == 0x200D || unicode.In(r, unicode.Mn, unicode.Me) {
		return 0
	}
	if r < 0x1100 || r == '—' {
		return 0.5
	}
	return 1
}

// TestCases are small texts at given widths, with the lines wanted.
func TestCases(t *testing.T) {
	cases := []struct {
		name string
		text string
		opt  Options
		want []string
	}{
		{"fits", "意识形态工作", Options{Width: 6}, []string{"意识形态工作"}},
		{"plain Han", "意识形态工作要点", Options{Width: 3}, []string{"意识形", "态工作", "要点"}},
		{"push out before 。", "学习心得。再学", Options{Width: 4}, []string{"学习心", "得。再学"}},
		{"push out before 、", "分享心得、体会", Options{Width: 4}, []string{"分享心", "得、体会"}},
		{"push out after “", "开展“研学季”活动", Options{Width: 3}, []string{"开展", "“研学", "季”活", "动"}},
		{"—— not split, not at line start", "读书——每月", Options{Width: 3}, []string{"读书——", "每月"}},
		{"—— pushes the character before it down", "读书——每月", Options{Width: 2.5}, []string{"读", "书——", "每月"}},
		{"…… not split", "等等……其他", Options{Width: 3}, []string{"等", "等……", "其他"}},
		{"year and unit", "截至2026年底", Options{Width: 4}, []string{"截至", "2026年底"}},
		{"number, space, unit", "其中 102 条有正文", Options{Width: 5}, []string{"其中 ", "102 条有正", "文"}},
		{"Latin word", "运用VR/AR技术打造", Options{Width: 4}, []string{"运用", "VR/AR技", "术打造"}},
		{"7×24", "实行7×24小时监测", Options{Width: 4}, []string{"实行", "7×24小时", "监测"}},
		{"percent", "不低于15%。建立", Options{Width: 4}, []string{"不低于", "15%。建", "立"}},
		{"indent", "意识形态工作要点", Options{Width: 4, Indent: 2}, []string{"意识", "形态工作", "要点"}},
		{"indent dropped when nothing fits after it", "意识形态", Options{Width: 2, Indent: 2}, []string{"意识", "形态"}},
		{"trailing spaces hang", "ab cd  ef", Options{Width: 2}, []string{"ab ", "cd  ", "ef"}},
		{"hard newline", "意识\n形态工作", Options{Width: 3}, []string{"意识\n", "形态工", "作"}},
		{"crlf is one break", "意识\r\n形态", Options{Width: 3}, []string{"意识\r\n", "形态"}},
		{"word longer than the line", "abcdefghij", Options{Width: 2}, []string{"abcd", "efgh", "ij"}},
		{"openers only", "“《（「", Options{Width: 2}, []string{"“《", "（「"}},
		{"closers only", "。，、》", Options{Width: 1}, []string{"。", "，", "、", "》"}},
		{"character wider than the line", "意识", Options{Width: 0.5}, []string{"意", "识"}},
		{"zero width", "意识", Options{Width: 0}, []string{"意", "识"}},
		{"negative width", "意识", Options{Width: -3}, []string{"意", "识"}},
		{"NaN width", "意识", Options{Width: float32(math.NaN())}, []string{"意", "识"}},
		{"combining mark kept with its base", "e\u0301e\u0301e\u0301", Options{Width: 0.5}, []string{"e\u0301", "e\u0301", "e\u0301"}},
		{"only spaces", "    ", Options{Width: 1}, []string{"    "}},
		{"empty", "", Options{Width: 3}, []string{""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := []rune(c.text)
			ls := Prepare(text, em).Lines(c.opt)
			got := lineTexts(text, ls)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("lines %q, want %q", got, c.want)
			}
			opt := c.opt
			if !(opt.Width > 0) {
				opt.Width = 0
			}
			checkShape(t, text, ls, em, opt)
		})
	}
}

// TestSqueeze: with Squeeze a closing mark that overflows the line is
// taken in by halving full-width punctuation in the line; without, the
// previous character goes down.
func TestSqueeze(t *testing.T) {
	text := []rune("学习，分享心得。再学")
	push := Prepare(text, em).Lines(Options{Width: 7})
	if got := lineTexts(text, push); strings.Join(got, "|") != "学习，分享心|得。再学" {
		t.Fatalf("push out: %q", got)
	}
	sq := Prepare(text, em).Lines(Options{Width: 7, Squeeze: true})
	if got := lineTexts(text, sq); strings.Join(got, "|") != "学习，分享心得。|再学" {
		t.Fatalf("squeeze: %q", got)
	}
	if got := sq[0].Squeezed; len(got) != 2 || got[0] != 2 || got[1] != 7 {
		t.Errorf("squeezed %v, want [2 7] (， and 。)", got)
	}
	if sq[0].Width != 7 {
		t.Errorf("squeezed line is %g wide, want 7", sq[0].Width)
	}
	checkShape(t, text, sq, em, Options{Width: 7})
	// One mark saves half a character: not enough for a full character
	// of overflow, so the breaker pushes out instead.
	text = []rune("学习分享心得。再学")
	got := lineTexts(text, Prepare(text, em).Lines(Options{Width: 6, Squeeze: true}))
	if strings.Join(got, "|") != "学习分享心|得。再学" {
		t.Fatalf("squeeze that cannot fit: %q", got)
	}
	// Half a character of overflow: the closing mark alone makes room.
	got = lineTexts(text, Prepare(text, em).Lines(Options{Width: 6.5, Squeeze: true}))
	if strings.Join(got, "|") != "学习分享心得。|再学" {
		t.Fatalf("squeeze of the overflowing mark: %q", got)
	}
}

// TestStringsMeasure: a Strings measure breaks like the Advances measure
// it agrees with.
func TestStringsMeasure(t *testing.T) {
	m := fontAdvances(t)
	calls := 0
	s := Strings(func(str string) float32 {
		calls++
		var w float32
		for _, r := range str {
			w += m(r)
		}
		return w
	})
	for _, p := range seedParagraphs(t)[100:160] {
		text := []rune(p)
		for _, em := range widthsEm {
			opt := Options{Width: em * textSize, Indent: 2}
			a, b := Prepare(text, m).Lines(opt), Prepare(text, s).Lines(opt)
			if strings.Join(lineTexts(text, a), "|") != strings.Join(lineTexts(text, b), "|") {
				t.Fatalf("at %gem: Strings %q, Advances %q", em, lineTexts(text, b), lineTexts(text, a))
			}
		}
	}
	if calls == 0 {
		t.Fatal("the Strings measure was never called")
	}
}

// TestCheckerSeesOldFaults: the rule checker of these tests finds faults in
// the seed wrapped the old way (Fyne's word wrapping), so its silence on
// this package's lines means something.
func TestCheckerSeesOldFaults(t *testing.T) {
	m := fontAdvances(t)
	n := 0
	for _, p := range seedParagraphs(t) {
		text := []rune(p)
		for _, em := range widthsEm {
			n += len(faults(text, fyneWrap(text, m, em*textSize)))
		}
	}
	if n < 100 {
		t.Fatalf("the checker finds only %d faults in the old wrapping of the seed", n)
	}
	t.Logf("the old wrapping has %d faults in the seed at %v ems", n, widthsEm)
}

// TestPropsTable: the tabled and fast-path props agree with the
// classification they cache, for every rune of the BMP.
func TestPropsTable(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if got, want := propsOf(r), computeProps(r); got != want {
			t.Fatalf("props of %U: %#x, computed %#x", r, got, want)
		}
	}
}
