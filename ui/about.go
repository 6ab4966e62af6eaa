package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// ShowAbout shows the version and the source compilation.
func (w *Window) ShowAbout() {
	c := w.comp
	st := c.Stats()
	v := w.opts.Version
	if v == "" {
		v = "开发版"
	}
	lines := []string{
		"汇编阅读器 " + v,
		"离线阅读机关文件汇编。",
		"",
		"当前汇编：" + c.Title,
		"来源文件：" + c.SourceName,
		fmt.Sprintf("内容：%d 篇，%d 部分，%d 条，其中 %d 条有正文。", st.Documents, st.Sections, st.Items, st.ItemsWithText),
		"来源校验（SHA-256）：" + shortHash(c.SourceHash),
		"",
		"字体：思源黑体（Noto Sans CJK SC）子集，SIL 开放字体许可证 1.1。",
	}
	if w.opts.DataDir != "" {
		lines = append(lines, "数据目录："+w.opts.DataDir)
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	d := dialog.NewCustom("关于汇编阅读器", "关闭", l, w.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}
