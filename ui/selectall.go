package ui

import (
	"strings"

	"fyne.io/fyne/v2"

	uitheme "huibian/ui/theme"
	"huibian/ui/typeset"
)

// 编辑 › 全选 in the reading pane. A Fyne label's selection stays inside
// that label, so selecting the whole pane is the pane's own state: every
// paragraph is drawn selected and 编辑 › 复制 copies them all. It ends when
// the pane shows something else, on Esc, or when a paragraph's own
// selection is copied.

// SetAllSelected selects (or unselects) every paragraph shown and returns
// how many there are.
func (p *Pane) SetAllSelected(on bool) int {
	if p.allSelected != on {
		p.allSelected = on
		p.list.Refresh()
	}
	return len(p.paras)
}

// AllSelected reports whether 全选 selected every paragraph.
func (p *Pane) AllSelected() bool { return p.allSelected }

// AllText is the text of every paragraph shown, one a line.
func (p *Pane) AllText() string {
	var b strings.Builder
	for i, para := range p.paras {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(para.Text)
	}
	return b.String()
}

// selectionMarks is the selection highlight of row id under 全选.
func (p *Pane) selectionMarks(id int) []typeset.Mark {
	if !p.allSelected || id < 0 || id >= len(p.paras) {
		return nil
	}
	n := len([]rune(p.paras[id].Text))
	fill := p.Theme().Color(uitheme.HighlightColorName(uitheme.HighlightSelection), fyne.CurrentApp().Settings().ThemeVariant())
	return []typeset.Mark{{Start: 0, End: n, Color: fill}}
}

// selectAllKey ends 全选 on Esc (typed with nothing focused).
func (w *Window) selectAllKey(k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyEscape || !w.pane.AllSelected() {
		return false
	}
	w.pane.SetAllSelected(false)
	w.SetStatus("")
	return true
}
