package linebreak

import (
	"math"
	"testing"
	"unicode/utf8"

	"huibian/assets"
)

// FuzzBreak breaks arbitrary text at arbitrary widths, indents and modes
// with the bundled font's advances. It must not panic or loop, the lines
// must join to the text, and no line may be wider than the width unless it
// holds a single character wider than the width.
func FuzzBreak(f *testing.F) {
	f.Add("立足组织部门政治属性,把学深悟透习近平新时代中国特色社会主义思想作为首要政治任务。", float32(12), uint8(2), false)
	f.Add("建立“研学—践行—评估”闭环机制,权重不低于15%。运用VR/AR技术,实行7×24小时监测……", float32(5.5), uint8(0), true)
	f.Add("“《（「。，、》——……abc def\r\n\t\u00a0e\u0301\u200d👍🏽", float32(1), uint8(3), true)
	f.Add("", float32(-1), uint8(0), false)
	f.Add(string(assets.Compilation[:3000]), float32(23), uint8(2), true)
	m := fontAdvances(f)
	f.Fuzz(func(t *testing.T, s string, widthEm float32, indent uint8, squeeze bool) {
		if !utf8.ValidString(s) {
			return
		}
		text := []rune(s)
		opt := Options{Width: widthEm * textSize, Indent: int(indent % 8), Squeeze: squeeze}
		ls := Prepare(text, m).Lines(opt)
		if len(text) > 0 && len(ls) > len(text) {
			t.Fatalf("%d lines for %d runes", len(ls), len(text))
		}
		if !(opt.Width > 0) || math.IsInf(float64(opt.Width), 0) {
			opt.Width = max(opt.Width, 0)
			if math.IsNaN(float64(opt.Width)) {
				opt.Width = 0
			}
		}
		checkShape(t, text, ls, m, opt)
	})
}
