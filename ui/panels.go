package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

type namedPanel struct {
	name string
	obj  fyne.CanvasObject
}

// PanelOpen reports whether the panel called name is up, on top or under
// another.
func (w *Window) PanelOpen(name string) bool {
	for _, p := range w.panels {
		if p.name == name {
			return true
		}
	}
	return false
}

// TogglePanel hides the panel called name if it is on top; otherwise it
// shows the panel content returns (made or refreshed then) and lays the
// reading area out again at once.
func (w *Window) TogglePanel(name string, content func() fyne.CanvasObject) {
	if w.PanelShown(name) {
		w.HidePanel(name)
		return
	}
	w.ShowPanel(name, content())
}

// ShowPanel shows obj in the side panel under name, replacing a panel of
// the same name.
func (w *Window) ShowPanel(name string, obj fyne.CanvasObject) {
	w.removePanel(name)
	w.panels = append(w.panels, namedPanel{name, obj})
	w.showTopPanel()
}

// HidePanel removes the panel called name.
func (w *Window) HidePanel(name string) {
	w.removePanel(name)
	w.showTopPanel()
}

// PanelShown reports whether the panel called name is the one shown.
func (w *Window) PanelShown(name string) bool {
	return len(w.panels) > 0 && w.panels[len(w.panels)-1].name == name
}

func (w *Window) removePanel(name string) {
	for i, p := range w.panels {
		if p.name == name {
			w.panels = append(w.panels[:i], w.panels[i+1:]...)
			return
		}
	}
}

func (w *Window) showTopPanel() {
	if len(w.panels) == 0 {
		w.panelHost.Objects = nil
		w.panelHost.Hide()
	} else {
		top := w.panels[len(w.panels)-1].obj
		w.panelHost.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, widget.NewSeparator(), nil,
			container.New(minWidth{300}, top))}
		w.panelHost.Show()
	}
	// Showing or hiding the host changes the reading area's layout: lay the
	// whole split out again now, or the pane keeps its old width (and a
	// new panel has no size) until the next resize.
	w.split.Refresh()
}

// panelHead is a side panel's bold title with a button that hides the
// panel called name.
func (w *Window) panelHead(title, name string) fyne.CanvasObject {
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { w.HidePanel(name) })
	closeBtn.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, closeBtn, boldLabel(title))
}

// newJumpList is a side panel's list of the items in *shown: each row is
// a newRow widget filled by set, and a click on a row calls jump with its
// item (the row does not stay selected).
func newJumpList[T any, R fyne.CanvasObject](shown *[]T, newRow func() R, set func(R, T), jump func(T)) *widget.List {
	l := widget.NewList(
		func() int { return len(*shown) },
		func() fyne.CanvasObject { return newRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(*shown) {
				set(o.(R), (*shown)[i])
			}
		})
	l.OnSelected = func(i widget.ListItemID) {
		l.UnselectAll()
		if i < len(*shown) {
			jump((*shown)[i])
		}
	}
	return l
}
