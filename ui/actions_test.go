package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// driverShortcut is what Fyne 2.7.1's GLFW driver makes of a key typed
// with modifiers (triggersShortcut in internal/driver/glfw/window.go),
// written out here independently of Key.standard: nil means the key goes
// to TypedKey.
func driverShortcut(mod fyne.KeyModifier, name fyne.KeyName, clip fyne.Clipboard) fyne.Shortcut {
	if mod == fyne.KeyModifierControl {
		switch name {
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
	}
	if mod == fyne.KeyModifierShift {
		switch name {
		case fyne.KeyInsert:
			return &fyne.ShortcutPaste{Clipboard: clip}
		case fyne.KeyDelete:
			return &fyne.ShortcutCut{Clipboard: clip}
		}
	}
	if mod != 0 && mod != fyne.KeyModifierShift {
		return &desktop.CustomShortcut{KeyName: name, Modifier: mod}
	}
	return nil
}

func triggerMenu(sc fyne.Shortcut, items []*fyne.MenuItem) bool {
	for _, it := range items {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
			it.Action()
			return true
		}
		if it.ChildMenu != nil && triggerMenu(sc, it.ChildMenu.Items) {
			return true
		}
	}
	return false
}

// typeKey delivers a key as the GLFW driver does: the main menu's item
// with the same shortcut name first (even a disabled one), then the
// focused widget, then the canvas's shortcuts; without a shortcut the key
// goes to the focused widget or the canvas's typed-key handler.
func typeKey(w *Window, mod fyne.KeyModifier, name fyne.KeyName) {
	c := w.win.Canvas()
	sc := driverShortcut(mod, name, w.app.Clipboard())
	if sc == nil {
		ev := &fyne.KeyEvent{Name: name}
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else if h := c.OnTypedKey(); h != nil {
			h(ev)
		}
		return
	}
	if mm := w.win.MainMenu(); mm != nil {
		for _, m := range mm.Items {
			if triggerMenu(sc, m.Items) {
				return
			}
		}
	}
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

// paneLabelFocusable is the first visible paragraph's text block (what a
// click in the text focuses).
func paneLabelFocusable(t *testing.T, w *Window) (fyne.Focusable, *paraRow) {
	t.Helper()
	for _, r := range w.pane.rows {
		if r.id >= 0 && r.Visible() {
			return r.block, r
		}
	}
	t.Fatal("no paragraph row")
	return nil, nil
}

// Every menu item with a shortcut shows in 帮助 › 快捷键 with that key,
// including the notes' Ctrl+Shift+N and Ctrl+Shift+B.
func TestHelpListsEveryMenuShortcut(t *testing.T) {
	w, _ := newNotesWindow(t, "")
	help := map[string]string{}
	for _, r := range w.helpRows() {
		help[r.keys] = r.what
	}
	n := 0
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			ks, ok := it.Shortcut.(fyne.KeyboardShortcut)
			if !ok {
				continue
			}
			n++
			k := Key{ks.Mod(), ks.Key()}.String()
			if _, ok := help[k]; !ok {
				t.Errorf("%s › %s (%s) is missing from 快捷键", m.Label, it.Label, k)
			}
		}
	}
	for _, k := range []string{"Ctrl+Shift+N", "Ctrl+Shift+B", "Ctrl+Z", "Ctrl+A", "Ctrl+C", "Ctrl+D", "Ctrl+M"} {
		if _, ok := help[k]; !ok {
			t.Errorf("快捷键 lacks %s", k)
		}
	}
	if n < 18 {
		t.Errorf("only %d menu shortcuts", n)
	}
	w.ShowShortcuts() // builds without trouble
}

func TestKeyStringAndShortcut(t *testing.T) {
	clip := test.NewTempApp(t).Clipboard()
	for _, c := range []struct {
		k    Key
		text string
		name string // ShortcutName of the menu item's shortcut
	}{
		{ctrlKey(fyne.KeyZ), "Ctrl+Z", "Undo"},
		{ctrlKey(fyne.KeyA), "Ctrl+A", "SelectAll"},
		{ctrlKey(fyne.KeyC), "Ctrl+C", "Copy"},
		{ctrlKey(fyne.KeyD), "Ctrl+D", "CustomDesktop:Control+D"},
		{ctrlShiftKey(fyne.KeyN), "Ctrl+Shift+N", "CustomDesktop:Shift+Control+N"},
		{altKey(fyne.KeyLeft), "Alt+←", "CustomDesktop:Alt+Left"},
		{shiftKey(fyne.KeyF3), "Shift+F3", "CustomDesktop:Shift+F3"},
	} {
		if got := c.k.String(); got != c.text {
			t.Errorf("%v: String %q, want %q", c.k, got, c.text)
		}
		if got := c.k.Shortcut(clip).ShortcutName(); got != c.name {
			t.Errorf("%v: shortcut name %q, want %q", c.k, got, c.name)
		}
		// The name the driver gives the typed key matches the menu's.
		if d := driverShortcut(c.k.Mod, c.k.Name, clip); d != nil && d.ShortcutName() != c.name {
			t.Errorf("%v: the driver makes %q, the menu has %q", c.k, d.ShortcutName(), c.name)
		}
	}
}

// Every menu shortcut, typed as the GLFW driver delivers it, runs its menu
// item whichever widget has the focus (apart from the keys an entry keeps:
// Ctrl+Z/A/C there act on its text).
func TestEveryMenuKeyRunsWhateverHasFocus(t *testing.T) {
	w, _ := newNotesWindow(t, "")
	if err := w.GoTo("2.3"); err != nil {
		t.Fatal(err)
	}
	lf, _ := paneLabelFocusable(t, w)
	focus := map[string]func(){
		"nothing": func() { w.win.Canvas().Unfocus() },
		"search":  func() { w.win.Canvas().Focus(w.search) },
		"label":   func() { w.win.Canvas().Focus(lf) },
	}
	editorKeys := map[string]bool{"Ctrl+Z": true, "Ctrl+A": true, "Ctrl+C": true}
	for where, f := range focus {
		for _, m := range w.win.MainMenu().Items {
			for _, it := range m.Items {
				ks, ok := it.Shortcut.(fyne.KeyboardShortcut)
				if !ok || ks.Mod()&^fyne.KeyModifierShift == 0 || it.IsQuit {
					continue
				}
				k := Key{ks.Mod(), ks.Key()}
				if where == "search" && editorKeys[k.String()] {
					continue
				}
				ran := false
				act, dis := it.Action, it.Disabled
				it.Action, it.Disabled = func() { ran = true }, false
				f()
				typeKey(w, k.Mod, k.Name)
				it.Action, it.Disabled = act, dis
				if !ran {
					t.Errorf("focus on %s: %s did not run %s › %s", where, k, m.Label, it.Label)
				}
			}
		}
	}
}

// Ctrl+D removes a bookmark and Ctrl+Z brings it back, typed with the
// focus on nothing, on a paragraph and on the tree; in the search box
// Ctrl+Z undoes typing instead.
func TestCtrlZUndoesDeleteWhateverHasFocus(t *testing.T) {
	w, u := newNotesWindow(t, "")
	if err := w.GoTo("2.3"); err != nil {
		t.Fatal(err)
	}
	id := w.Current().ID(w.comp.ID)
	lf, _ := paneLabelFocusable(t, w)
	for _, c := range []struct {
		where string
		focus func()
	}{
		{"nothing", func() { w.win.Canvas().Unfocus() }},
		{"label", func() { w.win.Canvas().Focus(lf) }},
		{"tree", func() { w.win.Canvas().Focus(w.tree) }},
	} {
		c.focus()
		typeKey(w, fyne.KeyModifierControl, fyne.KeyD)
		if _, ok := u.svc.Bookmarked(id); !ok {
			t.Fatalf("%s: Ctrl+D did not add the bookmark", c.where)
		}
		typeKey(w, fyne.KeyModifierControl, fyne.KeyD)
		if _, ok := u.svc.Bookmarked(id); ok {
			t.Fatalf("%s: Ctrl+D did not remove the bookmark", c.where)
		}
		c.focus()
		typeKey(w, fyne.KeyModifierControl, fyne.KeyZ)
		if _, ok := u.svc.Bookmarked(id); !ok {
			t.Errorf("%s: Ctrl+Z did not restore the bookmark (status %q)", c.where, w.status.Text)
		}
		typeKey(w, fyne.KeyModifierControl, fyne.KeyD) // remove again for the next round
		u.svc.UndoDelete()
		u.svc.ToggleBookmark(w.comp, w.Current())
	}

	// In the search box Ctrl+Z undoes typing and leaves the deleted
	// bookmark deleted.
	typeKey(w, fyne.KeyModifierControl, fyne.KeyD)
	typeKey(w, fyne.KeyModifierControl, fyne.KeyD)
	w.win.Canvas().Focus(w.search)
	test.Type(w.search, "舆情")
	typeKey(w, fyne.KeyModifierControl, fyne.KeyZ)
	if w.search.Text != "" {
		t.Errorf("Ctrl+Z in the search box left %q", w.search.Text)
	}
	if _, ok := u.svc.Bookmarked(id); ok {
		t.Error("Ctrl+Z in the search box restored the bookmark")
	}
	w.win.Canvas().Unfocus()
	typeKey(w, fyne.KeyModifierControl, fyne.KeyZ)
	if _, ok := u.svc.Bookmarked(id); !ok {
		t.Error("Ctrl+Z outside the search box did not restore the bookmark")
	}
}

// Ctrl+A selects the whole pane and Ctrl+C copies it, with the focus on
// nothing or on a paragraph; in the search box they act on its text.
func TestSelectAllCopyInPane(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1100, 760))
	if err := w.GoTo("5.7"); err != nil {
		t.Fatal(err)
	}
	want := w.pane.AllText()
	if !strings.Contains(want, "\n") || len(w.Paragraphs()) < 2 {
		t.Fatalf("5.7 shows too little: %q", want)
	}
	lf, _ := paneLabelFocusable(t, w)
	clip := w.app.Clipboard()
	for where, focus := range map[string]func(){
		"nothing": func() { w.win.Canvas().Unfocus() },
		"label":   func() { w.win.Canvas().Focus(lf) },
	} {
		clip.SetContent("")
		focus()
		typeKey(w, fyne.KeyModifierControl, fyne.KeyA)
		if !w.pane.AllSelected() {
			t.Errorf("%s: Ctrl+A did not select the pane", where)
		}
		if len(w.pane.selectionMarks(1)) != 1 {
			t.Errorf("%s: no selection drawn", where)
		}
		typeKey(w, fyne.KeyModifierControl, fyne.KeyC)
		if got := clip.Content(); got != want {
			t.Errorf("%s: Ctrl+C copied %q, want the pane's %d characters", where, got, len([]rune(want)))
		}
	}
	// A passage selected in a paragraph afterwards is what Ctrl+C copies.
	typeKey(w, fyne.KeyModifierControl, fyne.KeyA)
	_, row := paneLabelFocusable(t, w)
	row.block.Select(0, 4)
	typeKey(w, fyne.KeyModifierControl, fyne.KeyC)
	if got, want := clip.Content(), string([]rune(w.pane.paras[row.id].Text)[:4]); got != want || w.pane.AllSelected() {
		t.Errorf("Ctrl+C after selecting a passage copied %q, want %q (pane still selected: %v)", got, want, w.pane.AllSelected())
	}
	row.block.ClearSelection()

	// Esc ends the selection; so does showing another node.
	w.win.Canvas().Unfocus()
	typeKey(w, 0, fyne.KeyEscape)
	if w.pane.AllSelected() {
		t.Error("Esc kept the selection")
	}
	typeKey(w, fyne.KeyModifierControl, fyne.KeyA)
	w.NextItem()
	if w.pane.AllSelected() {
		t.Error("the selection outlived the node")
	}

	// In the search box Ctrl+A and Ctrl+C are the entry's.
	w.win.Canvas().Focus(w.search)
	test.Type(w.search, "网络舆情")
	typeKey(w, fyne.KeyModifierControl, fyne.KeyA)
	typeKey(w, fyne.KeyModifierControl, fyne.KeyC)
	if got := clip.Content(); got != "网络舆情" || w.pane.AllSelected() {
		t.Errorf("Ctrl+A, Ctrl+C in the search box copied %q (pane selected %v)", got, w.pane.AllSelected())
	}
}
