package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

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

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// forward sends a shortcut to the focused widget (a selectable label or an
// entry), since menu shortcuts run before the focused widget sees them.
func (w *Window) forwardShortcut(s fyne.Shortcut) {
	if f, ok := w.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
	}
}

func (w *Window) buildMenu() {
	w.menuItems = map[string]*fyne.MenuItem{}
	item := w.addMenuItem
	sep := fyne.NewMenuItemSeparator
	clip := w.app.Clipboard()

	quit := item(actQuit, "退出", ctrl(fyne.KeyQ), func() {
		w.SaveState()
		w.app.Quit()
	})
	quit.IsQuit = true
	file := fyne.NewMenu("文件", quit)

	edit := fyne.NewMenu("编辑",
		item(actCopy, "复制", ctrl(fyne.KeyC), func() { w.forwardShortcut(&fyne.ShortcutCopy{Clipboard: clip}) }),
		item(actSelectAll, "全选", ctrl(fyne.KeyA), func() { w.forwardShortcut(&fyne.ShortcutSelectAll{}) }),
		sep(),
		item(actFind, "查找…", ctrl(fyne.KeyF), func() { w.win.Canvas().Focus(w.search) }),
		sep(),
		item(actBookmark, "书签", ctrl(fyne.KeyD), w.toggleBookmark),
		item(actNote, "添加笔记…", ctrl(fyne.KeyM), w.addNote),
	)

	view := fyne.NewMenu("查看",
		item(actBigger, "放大字号", ctrl(fyne.KeyEqual), func() { w.StepTextSize(1) }),
		item(actSmaller, "缩小字号", ctrl(fyne.KeyMinus), func() { w.StepTextSize(-1) }),
		item(actResetSize, "默认字号", ctrl(fyne.Key0), w.ResetTextSize),
		sep(),
		item(actSystem, "跟随系统配色", nil, func() { w.SetVariant(uitheme.VariantSystem) }),
		item(actLight, "浅色", nil, func() { w.SetVariant(uitheme.VariantLight) }),
		item(actDark, "深色", nil, func() { w.SetVariant(uitheme.VariantDark) }),
		item(actToggle, "切换浅色/深色", ctrlShift(fyne.KeyL), w.ToggleVariant),
	)

	goMenu := fyne.NewMenu("转到",
		item(actBack, "后退", alt(fyne.KeyLeft), w.Back),
		item(actForward, "前进", alt(fyne.KeyRight), w.Forward),
		sep(),
		item(actPrev, "上一条", ctrl(fyne.KeyUp), w.PrevItem),
		item(actNext, "下一条", ctrl(fyne.KeyDown), w.NextItem),
		sep(),
		item(actGoTo, "转到地址…", ctrl(fyne.KeyG), w.ShowGoTo),
		item(actHome, "汇编目录", alt(fyne.KeyHome), func() { w.show(model.Node{}, true) }),
	)

	help := fyne.NewMenu("帮助",
		item(actKeys, "快捷键", nil, w.ShowShortcuts),
		item(actAbout, "关于", nil, w.ShowAbout),
	)
	w.menuOrder = []string{"文件", "编辑", "查看", "转到", "帮助"}
	w.menus = map[string]*fyne.Menu{"文件": file, "编辑": edit, "查看": view, "转到": goMenu, "帮助": help}
	w.updateVariantMenu()
	w.refreshMenu()
}

// addMenuItem makes a menu item that can be found again by its action key
// (menuItem, setMenuEnabled); add it to a menu with AddMenuItems.
func (w *Window) addMenuItem(key, label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, fn)
	it.Shortcut = sc
	w.menuItems[key] = it
	return it
}

// AddMenuItems appends items to one of the main menus ("文件", "编辑",
// "查看", "转到", "帮助"); an unknown name adds a new menu before 帮助.
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
