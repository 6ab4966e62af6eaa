package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// shortcutRows lists the keyboard shortcuts for 帮助 › 快捷键.
var shortcutRows = [][2]string{
	{"Alt+←  /  Alt+→", "后退 / 前进"},
	{"Ctrl+↑  /  Ctrl+↓", "上一条 / 下一条（跨部分、跨篇）"},
	{"Ctrl+G", "转到地址（5、5/2、5.6）"},
	{"Alt+Home", "汇编目录"},
	{"Ctrl+=  /  Ctrl+-  /  Ctrl+0", "放大 / 缩小 / 默认字号"},
	{"Ctrl+Shift+L", "切换浅色 / 深色"},
	{"Ctrl+F", "查找(可用拼音或首字母;“5:舆情”只搜第 5 篇)"},
	{"搜索框中 ↓  /  ↑  /  Enter", "打开下一条 / 上一条结果"},
	{"F3  /  Shift+F3", "本页下一处 / 上一处匹配"},
	{"Esc", "清除搜索"},
	{"Ctrl+D", "书签"},
	{"Ctrl+M", "添加笔记"},
	{"Ctrl+Z", "撤销刚删除的笔记或书签"},
	{"Ctrl+C  /  Ctrl+A", "复制 / 全选（所在段落）"},
	{"Ctrl+Shift+C", "复制本条（标题和全文）"},
	{"Ctrl+Q", "退出"},
}

// ShowShortcuts lists the keyboard shortcuts.
func (w *Window) ShowShortcuts() {
	g := container.NewGridWithColumns(2)
	for _, r := range shortcutRows {
		k := widget.NewLabel(r[0])
		k.TextStyle.Bold = true
		g.Add(k)
		g.Add(widget.NewLabel(r[1]))
	}
	dialog.NewCustom("快捷键", "关闭", g, w.win).Show()
}
