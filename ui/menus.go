package ui

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"huibian/app/model"
	uitheme "huibian/ui/theme"
)

// Action keys, for menu items other code may need to find.
const (
	actQuit      = "quit"
	actCopy      = "copy"
	actSelectAll = "selectall"
	actFind      = "find"
	actBookmark  = "bookmark"
	actNote      = "note"
	actBigger    = "bigger"
	actSmaller   = "smaller"
	actResetSize = "resetsize"
	actSystem    = "system"
	actLight     = "light"
	actDark      = "dark"
	actToggle    = "toggle"
	actBack      = "back"
	actForward   = "forward"
	actPrev      = "prev"
	actNext      = "next"
	actGoTo      = "goto"
	actHome      = "home"
	actKeys      = "keys"
	actAbout     = "about"
)

// baseActions is the window's own table of actions (features add theirs
// with AddActions); the menus and 帮助 › 快捷键 are built from it.
func (w *Window) baseActions() []Action {
	return []Action{
		{ID: actQuit, Menu: menuFile, Label: "退出", Key: ctrlKey(fyne.KeyQ), Run: w.quit},

		{ID: actCopy, Menu: menuEdit, Label: "复制", Key: ctrlKey(fyne.KeyC), Run: w.copySelection, Help: "复制选中的文字"},
		{ID: actSelectAll, Menu: menuEdit, Label: "全选", Key: ctrlKey(fyne.KeyA), Run: w.selectAll, Help: "全选（阅读区全部段落，或输入框中的文字）"},
		{ID: actFind, Menu: menuEdit, Label: "查找…", Key: ctrlKey(fyne.KeyF), Run: w.focusSearch, Sep: true, Help: "查找（可用拼音或首字母；“5:舆情”只搜第 5 篇）"},
		{ID: actBookmark, Menu: menuEdit, Label: "书签", Key: ctrlKey(fyne.KeyD), Run: w.toggleBookmark, Sep: true, Help: "添加 / 删除书签"},
		{ID: actNote, Menu: menuEdit, Label: "添加笔记…", Key: ctrlKey(fyne.KeyM), Run: w.addNote},

		{ID: actBigger, Menu: menuView, Label: "放大字号", Key: ctrlKey(fyne.KeyEqual), Run: func() { w.StepTextSize(1) }},
		{ID: actSmaller, Menu: menuView, Label: "缩小字号", Key: ctrlKey(fyne.KeyMinus), Run: func() { w.StepTextSize(-1) }},
		{ID: actResetSize, Menu: menuView, Label: "默认字号", Key: ctrlKey(fyne.Key0), Run: w.ResetTextSize},
		{ID: actSystem, Menu: menuView, Label: "跟随系统配色", Run: func() { w.SetVariant(uitheme.VariantSystem) }, Sep: true},
		{ID: actLight, Menu: menuView, Label: "浅色", Run: func() { w.SetVariant(uitheme.VariantLight) }},
		{ID: actDark, Menu: menuView, Label: "深色", Run: func() { w.SetVariant(uitheme.VariantDark) }},
		{ID: actToggle, Menu: menuView, Label: "切换浅色/深色", Key: ctrlShiftKey(fyne.KeyL), Run: w.ToggleVariant},

		{ID: actBack, Menu: menuGo, Label: "后退", Key: altKey(fyne.KeyLeft), Run: w.Back},
		{ID: actForward, Menu: menuGo, Label: "前进", Key: altKey(fyne.KeyRight), Run: w.Forward},
		{ID: actPrev, Menu: menuGo, Label: "上一条", Key: ctrlKey(fyne.KeyUp), Run: w.PrevItem, Sep: true, Help: "上一条（跨部分、跨篇）"},
		{ID: actNext, Menu: menuGo, Label: "下一条", Key: ctrlKey(fyne.KeyDown), Run: w.NextItem, Help: "下一条（跨部分、跨篇）"},
		{ID: actGoTo, Menu: menuGo, Label: "转到地址…", Key: ctrlKey(fyne.KeyG), Run: w.ShowGoTo, Sep: true, Help: "转到地址（5、5/2、5.6）"},
		{ID: actHome, Menu: menuGo, Label: "汇编目录", Key: altKey(fyne.KeyHome), Run: func() { w.show(model.Node{}, true) }},

		{ID: actKeys, Menu: menuHelp, Label: "快捷键", Run: w.ShowShortcuts},
		{ID: actAbout, Menu: menuHelp, Label: "关于", Run: w.ShowAbout},
	}
}

func (w *Window) buildMenu() {
	w.menuItems = map[string]*fyne.MenuItem{}
	w.menuOrder = []string{menuFile, menuEdit, menuView, menuGo, menuHelp}
	w.menus = map[string]*fyne.Menu{}
	for _, m := range w.menuOrder {
		w.menus[m] = fyne.NewMenu(m)
	}
	w.AddActions(w.baseActions()...)
	w.menuItem(actQuit).IsQuit = true
	w.OnTypedKey(w.selectAllKey)
	w.updateVariantMenu()
	w.refreshMenu()
}

func (w *Window) quit() {
	w.SaveState()
	w.app.Quit()
}

func (w *Window) focusSearch() { w.win.Canvas().Focus(w.search) }

// copySelection is 编辑 › 复制 (Ctrl+C): an entry copies its own selection;
// otherwise the text selected in a paragraph, or the whole pane after
// 全选.
func (w *Window) copySelection() {
	clip := w.app.Clipboard()
	if _, ok := w.focusedEditor(); ok {
		w.forwardShortcut(&fyne.ShortcutCopy{Clipboard: clip})
		return
	}
	if t, _, ok := w.pane.SelectedText(); ok && t != "" {
		w.pane.SetAllSelected(false)
		clip.SetContent(t)
		return
	}
	if w.pane.AllSelected() {
		t := w.pane.AllText()
		clip.SetContent(t)
		w.SetStatus(fmt.Sprintf("已复制 %d 字", utf8.RuneCountInString(t)))
		return
	}
	w.forwardShortcut(&fyne.ShortcutCopy{Clipboard: clip})
}

// selectAll is 编辑 › 全选 (Ctrl+A): all the text of a focused entry, else
// every paragraph of the reading pane.
func (w *Window) selectAll() {
	if _, ok := w.focusedEditor(); ok {
		w.forwardShortcut(&fyne.ShortcutSelectAll{})
		return
	}
	w.win.Canvas().Unfocus() // a paragraph's own selection goes
	n := w.pane.SetAllSelected(true)
	w.SetStatus(fmt.Sprintf("已全选阅读区 %d 段，按 Ctrl+C 复制", n))
}

// AddMenuItems appends items to one of the main menus ("文件", "编辑",
// "查看", "转到", "帮助"); an unknown name adds a new menu before 帮助.
// Features add their commands with AddActions instead, which calls it: an
// item added here directly is missing from 帮助 › 快捷键.
func (w *Window) AddMenuItems(menu string, items ...*fyne.MenuItem) {
	m, ok := w.menus[menu]
	if !ok {
		m = fyne.NewMenu(menu)
		w.menus[menu] = m
		n := len(w.menuOrder)
		w.menuOrder = append(w.menuOrder[:n-1:n-1], menu, w.menuOrder[n-1])
	}
	if menu == "文件" && len(m.Items) > 0 {
		// Keep 退出 last.
		last := m.Items[len(m.Items)-1]
		m.Items = append(append(m.Items[:len(m.Items)-1:len(m.Items)-1], items...), last)
	} else {
		m.Items = append(m.Items, items...)
	}
	w.refreshMenu()
}

// MenuItem returns one of the window's own menu items by action key (for
// tests and for other code that needs to enable it).
func (w *Window) menuItem(key string) *fyne.MenuItem { return w.menuItems[key] }

func (w *Window) refreshMenu() {
	if w.menus == nil {
		return
	}
	var ms []*fyne.Menu
	for _, name := range w.menuOrder {
		ms = append(ms, w.menus[name])
	}
	if mm := w.win.MainMenu(); mm != nil && len(mm.Items) == len(ms) {
		mm.Items = ms
		mm.Refresh()
		return
	}
	w.win.SetMainMenu(fyne.NewMainMenu(ms...))
}

func (w *Window) setMenuEnabled(key string, on bool) {
	if it := w.menuItems[key]; it != nil && it.Disabled == on {
		it.Disabled = !on
		w.refreshMenu()
	}
}

func (w *Window) updateVariantMenu() {
	if w.menuItems == nil {
		return
	}
	v := w.theme.Settings().Variant
	w.menuItems[actSystem].Checked = v == uitheme.VariantSystem
	w.menuItems[actLight].Checked = v == uitheme.VariantLight
	w.menuItems[actDark].Checked = v == uitheme.VariantDark
	w.refreshMenu()
}
