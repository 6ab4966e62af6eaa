package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Action is one command of the window: a menu item, its shortcut and what
// it does. The menus and 帮助 › 快捷键 are both built from the actions the
// window and its features register (AddActions), so the help cannot leave
// a shortcut out. Adding a command is one line in a table:
//
//	{ID: actFind, Menu: menuEdit, Label: "查找…", Key: ctrlKey(fyne.KeyF), Run: w.focusSearch},
type Action struct {
	ID    string // action key (menuItem, setMenuEnabled); "" for a key-only row
	Menu  string // menu it goes in: menuFile … menuHelp or a new menu; "" key only (help)
	Label string // the menu item's label
	Key   Key    // its shortcut; the zero Key for none
	Run   func() // what it does; nil for a key-only row
	Sep   bool   // a separator before it in its menu

	// KeyText is the key as 帮助 › 快捷键 shows it when it is not Key
	// (keys that work only in one place, such as "搜索框中 ↓ / ↑ / Enter").
	KeyText string
	// Help is what 帮助 › 快捷键 says it does, when not the label.
	Help string
}

// Menu names, in the order the menu bar shows them (new menus go before
// 帮助).
const (
	menuFile  = "文件"
	menuEdit  = "编辑"
	menuView  = "查看"
	menuGo    = "转到"
	menuNotes = "笔记"
	menuHelp  = "帮助"
)

// Key is a keyboard shortcut: a key and its modifiers.
type Key struct {
	Mod  fyne.KeyModifier
	Name fyne.KeyName
}

func ctrlKey(k fyne.KeyName) Key {
	return Key{fyne.KeyModifierShortcutDefault, k}
}

func ctrlShiftKey(k fyne.KeyName) Key {
	return Key{fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift, k}
}

func altKey(k fyne.KeyName) Key { return Key{fyne.KeyModifierAlt, k} }

// plainKey is a key without modifiers (F3): the menu shows it, but Fyne
// runs menu shortcuts only with Ctrl, Alt or Super, so the feature's own
// key handler must act on it.
func plainKey(k fyne.KeyName) Key { return Key{0, k} }

func shiftKey(k fyne.KeyName) Key { return Key{fyne.KeyModifierShift, k} }

// IsZero reports whether k is no key.
func (k Key) IsZero() bool { return k.Name == "" }

// standard is the Fyne standard shortcut the GLFW driver makes of k, or
// nil. The driver (triggersShortcut in internal/driver/glfw/window.go)
// turns Ctrl+Z, Ctrl+Y, Ctrl+V, Ctrl+C, Ctrl+Insert, Ctrl+X, Ctrl+A,
// Shift+Insert and Shift+Delete into fyne.ShortcutUndo … and every other
// combination with a modifier into a desktop.CustomShortcut; then it runs
// the first main-menu item whose shortcut has the same ShortcutName, else
// gives the shortcut to the focused widget, else to the canvas. A menu item
// therefore has to carry the standard type for these keys: a
// CustomShortcut for Ctrl+Z is named "CustomDesktop:Control+Z", never
// "Undo", and would never run.
func (k Key) standard(clip fyne.Clipboard) fyne.Shortcut {
	switch k.Mod {
	case fyne.KeyModifierShortcutDefault:
		switch k.Name {
		case fyne.KeyZ:
			return &fyne.ShortcutUndo{}
		case fyne.KeyY:
			return &fyne.ShortcutRedo{}
		case fyne.KeyV:
			return &fyne.ShortcutPaste{Clipboard: clip}
		case fyne.KeyC, fyne.KeyInsert:
			return &fyne.ShortcutCopy{Clipboard: clip}
		case fyne.KeyX:
			return &fyne.ShortcutCut{Clipboard: clip}
		case fyne.KeyA:
			return &fyne.ShortcutSelectAll{}
		}
	case fyne.KeyModifierShift:
		switch k.Name {
		case fyne.KeyInsert:
			return &fyne.ShortcutPaste{Clipboard: clip}
		case fyne.KeyDelete:
			return &fyne.ShortcutCut{Clipboard: clip}
		}
	}
	return nil
}

// custom is k as a desktop.CustomShortcut.
func (k Key) custom() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k.Name, Modifier: k.Mod}
}

// Shortcut is the shortcut a menu item carries for k (nil for no key):
// the standard type where the driver makes one, else a CustomShortcut.
func (k Key) Shortcut(clip fyne.Clipboard) fyne.Shortcut {
	if k.IsZero() {
		return nil
	}
	if s := k.standard(clip); s != nil {
		return s
	}
	return k.custom()
}

// keyNames are how the help shows keys whose Fyne names are words.
var keyNames = map[fyne.KeyName]string{
	fyne.KeyUp: "↑", fyne.KeyDown: "↓", fyne.KeyLeft: "←", fyne.KeyRight: "→",
	fyne.KeyEscape: "Esc", fyne.KeyReturn: "Enter", fyne.KeyEnter: "Enter",
}

// String is the key as 帮助 › 快捷键 shows it: "Ctrl+Shift+N", "Alt+←".
func (k Key) String() string {
	if k.IsZero() {
		return ""
	}
	var b strings.Builder
	if k.Mod&fyne.KeyModifierControl != 0 {
		b.WriteString("Ctrl+")
	}
	if k.Mod&fyne.KeyModifierSuper != 0 {
		b.WriteString("Cmd+")
	}
	if k.Mod&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if k.Mod&fyne.KeyModifierShift != 0 {
		b.WriteString("Shift+")
	}
	if s, ok := keyNames[k.Name]; ok {
		b.WriteString(s)
	} else {
		b.WriteString(string(k.Name))
	}
	return b.String()
}

// AddActions adds actions to the window: each with a Menu becomes an item
// at the end of that menu (文件 keeps 退出 last), each with a Key also runs
// when the key is typed, and every one with a key shows in 帮助 › 快捷键.
func (w *Window) AddActions(as ...Action) {
	byMenu := map[string][]*fyne.MenuItem{}
	var order []string
	for _, a := range as {
		w.actions = append(w.actions, a)
		if a.Menu == "" {
			continue
		}
		if _, ok := byMenu[a.Menu]; !ok {
			order = append(order, a.Menu)
		}
		if a.Sep && (len(byMenu[a.Menu]) > 0 || w.menuHasItems(a.Menu)) {
			byMenu[a.Menu] = append(byMenu[a.Menu], fyne.NewMenuItemSeparator())
		}
		byMenu[a.Menu] = append(byMenu[a.Menu], w.actionItem(a))
	}
	for _, m := range order {
		w.AddMenuItems(m, byMenu[m]...)
	}
}

func (w *Window) menuHasItems(menu string) bool {
	m, ok := w.menus[menu]
	if !ok || len(m.Items) == 0 {
		return false
	}
	if menu == menuFile {
		// 文件 ends with 退出: items added go before it.
		return len(m.Items) > 1
	}
	return true
}

// actionItem makes the menu item of an action and, for a key with a
// modifier, registers the key on the canvas too (in both the standard and
// the custom form), so it works wherever the driver delivers it.
func (w *Window) actionItem(a Action) *fyne.MenuItem {
	it := fyne.NewMenuItem(a.Label, nil)
	it.Action = func() { w.runAction(it, a) }
	clip := w.app.Clipboard()
	it.Shortcut = a.Key.Shortcut(clip)
	if a.ID != "" {
		w.menuItems[a.ID] = it
	}
	if a.Key.Mod&^fyne.KeyModifierShift != 0 {
		c := w.win.Canvas()
		run := func(fyne.Shortcut) { w.runAction(it, a) }
		c.AddShortcut(a.Key.custom(), run)
		if s := a.Key.standard(clip); s != nil {
			c.AddShortcut(s, run)
		}
	}
	return it
}

// runAction runs an action from its menu item or its key. The GLFW driver
// runs a menu item's action for its key even when the item is disabled;
// the key then goes to the focused widget instead (Ctrl+C in an entry).
func (w *Window) runAction(it *fyne.MenuItem, a Action) {
	if it.Disabled {
		if s := a.Key.standard(w.app.Clipboard()); s != nil {
			w.forwardShortcut(s)
		}
		return
	}
	if a.Run != nil {
		a.Run()
	}
}

// forwardShortcut sends a shortcut to the focused widget (a selectable
// label or an entry), since menu shortcuts run before the focused widget
// sees them.
func (w *Window) forwardShortcut(s fyne.Shortcut) {
	if f, ok := w.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
	}
}

// textEditor is a focused widget that edits text (widget.Entry and the
// types embedding it): it keeps Ctrl+Z, Ctrl+A, Ctrl+C … for itself.
type textEditor interface {
	fyne.Shortcutable
	Undo()
	Redo()
}

// focusedEditor is the focused text editor, if any.
func (w *Window) focusedEditor() (textEditor, bool) {
	e, ok := w.win.Canvas().Focused().(textEditor)
	return e, ok
}

// helpRow is one row of 帮助 › 快捷键.
type helpRow struct{ keys, what string }

// helpRows lists the keys of every registered action, by menu in menu-bar
// order, then the key-only rows.
func (w *Window) helpRows() []helpRow {
	var out []helpRow
	add := func(a Action) {
		keys := a.KeyText
		if keys == "" {
			keys = a.Key.String()
		}
		if keys == "" {
			return
		}
		what := a.Help
		if what == "" {
			what = strings.TrimSuffix(a.Label, "…")
		}
		out = append(out, helpRow{keys, what})
	}
	for _, m := range w.menuOrder {
		for _, a := range w.actions {
			if a.Menu == m {
				add(a)
			}
		}
	}
	for _, a := range w.actions {
		if a.Menu == "" {
			add(a)
		}
	}
	return out
}
