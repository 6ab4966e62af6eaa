package ui

import (
	"fmt"
	uitheme "huibian/ui/theme"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"huibian/app/model"
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

// toolbar is the row of buttons above the reading pane.
type toolbar struct {
	box                           *fyne.Container
	back, forward, bookmark, note *widget.Button
}

func (w *Window) newToolbar() *toolbar {
	btn := func(icon fyne.Resource, text string, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(text, icon, fn)
		b.Importance = widget.LowImportance
		return b
	}
	t := &toolbar{
		back:     btn(theme.NavigateBackIcon(), "", w.Back),
		forward:  btn(theme.NavigateNextIcon(), "", w.Forward),
		bookmark: btn(uitheme.IconBookmark, "", w.toggleBookmark),
		note:     btn(uitheme.IconNote, "", w.addNote),
	}
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	t.box = container.NewHBox(
		t.back, t.forward, sep(),
		t.bookmark, t.note, sep(),
		btn(nil, "A-", func() { w.StepTextSize(-1) }),
		btn(nil, "A+", func() { w.StepTextSize(1) }), sep(),
		btn(uitheme.IconContrast, "", w.ToggleVariant),
	)
	t.setHistory(false, false)
	t.setAnnotations(false, false)
	return t
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (t *toolbar) setHistory(back, forward bool) {
	enable(t.back, back)
	enable(t.forward, forward)
}

func (t *toolbar) setAnnotations(on, marked bool) {
	enable(t.bookmark, on)
	enable(t.note, on)
	icon := uitheme.IconBookmark
	if marked {
		icon = uitheme.IconBookmarked
	}
	if t.bookmark.Icon != icon {
		t.bookmark.SetIcon(icon)
	}
}

func (w *Window) toggleBookmark() {
	if w.annotator == nil {
		return
	}
	if err := w.annotator.ToggleBookmark(w.current); err != nil {
		dialog.ShowError(err, w.win)
	}
	w.RefreshAnnotations()
}

func (w *Window) addNote() {
	if w.annotator == nil {
		return
	}
	w.annotator.AddNote(w.current, w.SelectedText())
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
	item := func(key, label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		w.menuItems[key] = it
		return it
	}
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

// ShowGoTo asks for an address and opens it. What is wrong with a bad
// address shows under the entry as it is typed; the dialog stays open.
// Esc closes it; a second Ctrl+G while it is open only focuses it.
func (w *Window) ShowGoTo() {
	if w.gotoEntry != nil {
		w.win.Canvas().Focus(w.gotoEntry)
		return
	}
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("例如 5、5/2 或 5.6")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("请输入地址")
		}
		_, err := w.comp.ResolveString(s)
		return err
	}
	e.OnChanged = func(s string) {
		msg.SetText("")
		if strings.TrimSpace(s) != "" {
			if err := e.Validator(s); err != nil {
				msg.SetText(err.Error())
			}
		}
	}
	items := []*widget.FormItem{
		{Text: "地址", Widget: e, HintText: "5 为第 5 篇,5/2 为第 5 篇第 2 部分,5.6 为第 5 篇第 6 条。"},
		{Text: "", Widget: msg},
	}
	d := dialog.NewForm("转到", "转到", "取消", items, func(ok bool) {
		if ok {
			if err := w.GoTo(e.Text); err != nil {
				dialog.ShowError(err, w.win)
			}
		}
	}, w.win)
	d.SetOnClosed(func() { w.gotoEntry = nil })
	e.OnSubmitted = func(s string) {
		if err := e.Validator(s); err != nil {
			msg.SetText(err.Error())
			return
		}
		d.Submit()
	}
	e.onEscape = d.Hide
	w.gotoEntry = e
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	w.win.Canvas().Focus(e)
}

// escEntry is an Entry that reports the Esc key (a focused Entry keeps
// keys from the dialog it is in).
type escEntry struct {
	widget.Entry
	onEscape func()
}

// TypedKey implements fyne.Focusable.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

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
		"当前汇编:" + c.Title,
		"来源文件:" + c.SourceName,
		fmt.Sprintf("内容:%d 篇,%d 部分,%d 条,其中 %d 条有正文。", st.Documents, st.Sections, st.Items, st.ItemsWithText),
		"来源校验(SHA-256):" + shortHash(c.SourceHash),
		"",
		"字体:思源黑体(Noto Sans CJK SC)子集,SIL 开放字体许可证 1.1。",
	}
	if w.opts.DataDir != "" {
		lines = append(lines, "数据目录:"+w.opts.DataDir)
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

// shortcutRows lists the keyboard shortcuts for 帮助 › 快捷键.
var shortcutRows = [][2]string{
	{"Alt+←  /  Alt+→", "后退 / 前进"},
	{"Ctrl+↑  /  Ctrl+↓", "上一条 / 下一条(跨部分、跨篇)"},
	{"Ctrl+G", "转到地址(5、5/2、5.6)"},
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
	{"Ctrl+C  /  Ctrl+A", "复制 / 全选(所在段落)"},
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
