// Package ui is the reader window (Fyne). Each view or dialog has a file
// of its own (the README's Layout section lists them); the look (theme,
// highlight colours, icons) is the package ui/theme.
//
// # The window and the features plugged into it
//
// A *Window (window.go) is built by NewWindow (Run does it for the real
// app) and owns its widgets: the contents tree (tree.go), the reading pane
// (pane.go, pararow.go, wrap.go), the toolbar, the menus, the side panel
// and the status line. Feature code (search*.go, notes*.go, bookmark*.go,
// reading.go) never touches those fields; it goes through these methods,
// all to be called on the Fyne main goroutine (from callbacks, or via
// fyne.Do):
//
//   - Open(addr) shows a node, selecting and revealing it in the contents
//     tree and recording it in the history; it returns the resolve error
//     (in Chinese) for an address that does not exist. OpenID does the
//     same for a node ID. Reveal(nodeID, part) opens a node if the pane
//     does not already show it and scrolls paragraph `part` of its text to
//     the top (search results, notes). RestorePosition(nodeID, row) opens a
//     node as the start of the history; AtStart tells whether the reader
//     has moved since start.
//   - Current() is the node shown; Compilation() the compilation;
//     OnNavigate(fn) registers fn to be called after every navigation.
//   - Paragraphs() is the reading pane's paragraph model (nav.Paragraph:
//     kind, text, node ID and Part; Part 0 is a node's heading line, k ≥ 1
//     the k-th paragraph of its preamble/intro/body). Highlights anchor to
//     (node ID, Part, rune offsets), so they show in every view of the node.
//   - Highlights live in layers, one per owner (LayerNotes, LayerSearch):
//     SetHighlights(layer, nodeID, []Highlight) replaces one node's
//     highlights in one layer (nil clears), SetHighlightLayer(layer, byNode)
//     a whole layer, ClearHighlights(layer) empties one. An owner never
//     sees or filters another's highlights. Styles are the highlight names
//     of ui/theme (HighlightYellow …, HighlightSearch, HighlightSearchCurrent).
//   - SelectedText() is the text selected in the pane and its paragraph.
//   - SearchEntry() is the toolbar's search box (set its OnChanged /
//     OnSubmitted); 编辑 › 查找 (Ctrl+F) focuses it.
//   - ShowPanel(name, obj) shows obj in the panel at the right of the
//     reading pane (one panel at a time, the last shown on top);
//     HidePanel(name) removes it. PanelShown(name) tells if it is on top,
//     PanelOpen(name) if it is up at all.
//   - DecorateTree(mark) adds markers to the tree's labels; RefreshTree and
//     RefreshTreeItem(id) redraw them. SetStatus(text) writes the status
//     line.
//   - SetAnnotator(a) connects the bookmark toggle and add-note actions
//     (toolbar and 编辑 menu) to the notes code; with none they are
//     disabled. Call RefreshAnnotations() after bookmarks change elsewhere.
//   - AddActions(actions...) adds commands from a table (actions.go): each
//     goes in one of the main menus ("文件", "编辑", "查看", "转到", "帮助",
//     or a new one before 帮助) with its shortcut, which then works through
//     the real driver whichever widget has the focus, and shows in
//     帮助 › 快捷键; its ID finds the item again (menuItem, setMenuEnabled).
//   - AddNodeMenu(fn) adds items to the contents tree's right-click menu
//     (fn gets the node clicked); export.go adds 复制本条 and 导出….
//   - OnClosed(fn) and OnTypedKey(fn) add handlers for the window closing
//     and for keys typed with nothing focused; handlers never replace one
//     another, so nobody calls the Fyne window's SetOnClosed or the
//     canvas's SetOnTypedKey.
//   - SetCompilation(c) and OpenCompilation(id) switch the window to another
//     compilation (switch.go); OnCompilationLeaving(fn) and
//     OnCompilationChanged(fn) let features save and reload what belongs
//     to one (reading position, search index, notes panels).
//   - FyneWindow(), App(), DataDir() give the underlying objects.
//
// # Saving state
//
// The window snapshots what it saves (node, scroll position, split, size)
// on the UI goroutine as it changes (state.go). SaveState, on closing and
// on 退出, takes a fresh snapshot and writes it; when Fyne stops on SIGINT
// or SIGTERM, Run's OnStopped only writes the last snapshot, off the UI
// goroutine. OnSaveState(fn) runs fn after each write, the last chance to
// save reading state (退出 and signals skip OnClosed); fn must not touch a
// widget.
package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"huibian/app/compare"
	"huibian/app/model"
	"huibian/app/nav"
	"huibian/app/notes"
	uitheme "huibian/ui/theme"
)

// AppID is the application ID (FyneApp.toml), which also names the
// preferences file.
const AppID = "io.github.huibian.reader"

// WindowTitle is the main window's title (the smoke test looks for it).
const WindowTitle = "汇编阅读器"

// Annotator is what the notes code provides for the bookmark and note
// actions of the toolbar and the 编辑 menu.
type Annotator interface {
	// Bookmarked reports whether node n is bookmarked (the toolbar shows it).
	Bookmarked(n model.Node) bool
	// ToggleBookmark adds or removes a bookmark on n.
	ToggleBookmark(n model.Node) error
	// AddNote starts a note on n; sel is the selected text, if any.
	AddNote(n model.Node, sel Selection)
}

// Selection is text the reader selected in the reading pane.
type Selection struct {
	Text      string
	Paragraph nav.Paragraph // where it was selected; Kind and Part say what
	Ok        bool          // false: nothing selected
}

// Options are what NewWindow needs besides the app.
type Options struct {
	Version string
	DataDir string
	// Notices are shown in a dialog once the window is up (library repairs).
	Notices []string
	// DeferRestore leaves the pane empty until Restore is called: Run shows
	// the window first and fills it afterwards, so that it appears sooner.
	DeferRestore bool
	// Prefs keeps the window's state and settings. Run passes the data
	// directory's settings.json (app/settings); nil uses the Fyne app's
	// preferences (tests).
	Prefs Prefs
}

// Prefs is where the window keeps its settings and state: the methods of
// fyne.Preferences the window uses, which app/settings.Store also has.
type Prefs interface {
	String(key string) string
	StringWithFallback(key, fallback string) string
	Float(key string) float64
	FloatWithFallback(key string, fallback float64) float64
	SetString(key, value string)
	SetFloat(key string, value float64)
}

// Window is the reader's main window.
type Window struct {
	app   fyne.App
	win   fyne.Window
	comp  *model.Compilation
	opts  Options
	prefs Prefs
	theme *uitheme.ReaderTheme

	tree           *widget.Tree
	pane           *Pane
	split          *container.Split
	status         *widget.Label
	statusBtn      *widget.Button // the status line's action (statusaction.go)
	search         *searchEntry   // ui/search.go: an Entry that lets the search code see Esc and F3
	panelHost      *fyne.Container
	panels         []namedPanel
	toolbar        *toolbar
	menus          map[string]*fyne.Menu
	menuOrder      []string
	menuItems      map[string]*fyne.MenuItem
	layoutItems    []*fyne.MenuItem
	treeNoteColors func(id string) []notes.Color // tree_row.go // 查看 › 行宽 and 行距 choices (settings.go)
	actions        []Action                      // every command, in the order added (actions.go)

	history   nav.History
	current   model.Node
	shown     bool   // a node has been shown
	treeSel   string // the tree's selected node ID
	syncing   bool   // selecting in the tree because of Open
	annotator Annotator
	gotoEntry *escEntry // the open Go to dialog's entry, if any
	listeners []func(model.Node)
	onSave    []func()                    // run by flushState (SaveState, OnStopped)
	onClosed  []func()                    // run when the window has closed
	onKey     []func(*fyne.KeyEvent) bool // keys typed with nothing focused

	nodeMenus []func(model.Node) []*fyne.MenuItem // the tree's right-click menu (export.go)
	compares  compare.Cache                       // comparison indexes for export.go

	stateMu sync.Mutex
	state   windowState // the snapshot SaveState writes (state.go)

	startTimes map[string]time.Duration // for perf.go

	library   *libraryUI                 // library.go: the library view and importing; nil without a library
	onCompOut []func(*model.Compilation) // switch.go: before the compilation shown changes
	onComp    []func(*model.Compilation) // switch.go: after it changed
	compare   *compareUI                 // compare.go: 对照阅读 and 专题矩阵
}

// NewWindow builds the window for compilation c in app a, applies the
// stored settings and reopens the last node. It does not show the window.
func NewWindow(a fyne.App, c *model.Compilation, opts Options) *Window {
	w := &Window{app: a, comp: c, opts: opts, prefs: opts.Prefs}
	if w.prefs == nil {
		w.prefs = a.Preferences()
	}
	w.win = a.NewWindow(WindowTitle)
	w.theme = uitheme.NewReaderTheme(w.loadThemeSettings())
	a.Settings().SetTheme(w.theme)

	w.pane = NewPane()
	w.tree = w.newTree()
	w.status = widget.NewLabel("")
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.search = newSearchEntry()
	w.search.SetPlaceHolder("搜索全文")
	w.panelHost = container.NewStack()
	w.panelHost.Hide()

	w.toolbar = w.newToolbar()
	top := container.NewBorder(nil, nil, w.toolbar.box, container.New(minWidth{280}, w.search))
	reading := container.NewBorder(nil, nil, nil, w.panelHost, w.pane)
	w.split = container.NewHSplit(w.tree, reading)
	w.split.SetOffset(w.prefs.FloatWithFallback(prefSplit, 0.28))
	content := container.NewBorder(
		container.NewVBox(top, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), w.statusBar()),
		nil, nil, w.split)
	w.win.SetContent(content)
	w.buildMenu()
	w.addLayoutMenu()

	size := fyne.NewSize(float32(w.prefs.FloatWithFallback(prefWidth, 1100)), float32(w.prefs.FloatWithFallback(prefHeight, 760)))
	w.win.Resize(size)
	w.win.SetCloseIntercept(func() {
		w.SaveState()
		w.win.Close()
	})
	w.win.SetOnClosed(func() {
		for _, fn := range w.onClosed {
			fn()
		}
	})
	w.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		for _, fn := range w.onKey {
			if fn(k) {
				return
			}
		}
	})

	if !opts.DeferRestore {
		w.Restore()
	}
	return w
}

// FyneWindow is the underlying Fyne window.
func (w *Window) FyneWindow() fyne.Window { return w.win }

// App is the Fyne app.
func (w *Window) App() fyne.App { return w.app }

// DataDir is the data directory the window was opened with.
func (w *Window) DataDir() string { return w.opts.DataDir }

// Compilation is the compilation shown.
func (w *Window) Compilation() *model.Compilation { return w.comp }

// Current is the node shown in the reading pane.
func (w *Window) Current() model.Node { return w.current }

// Pane is the reading pane.
func (w *Window) Pane() *Pane { return w.pane }

// Paragraphs is the reading pane's paragraph model.
func (w *Window) Paragraphs() []nav.Paragraph { return w.pane.Paragraphs() }

// SetHighlights replaces one layer's highlights on one node's text.
func (w *Window) SetHighlights(layer HighlightLayer, nodeID string, hs []Highlight) {
	w.pane.SetHighlights(layer, nodeID, hs)
}

// SetHighlightLayer replaces a whole highlight layer (see Pane.SetLayer).
func (w *Window) SetHighlightLayer(layer HighlightLayer, by map[string][]Highlight) {
	w.pane.SetLayer(layer, by)
}

// ClearHighlights removes every highlight of one layer.
func (w *Window) ClearHighlights(layer HighlightLayer) { w.pane.ClearLayer(layer) }

// SearchEntry is the toolbar's search box.
func (w *Window) SearchEntry() *widget.Entry { return &w.search.Entry }

// SelectedText is the text selected in the reading pane.
func (w *Window) SelectedText() Selection {
	t, p, ok := w.pane.SelectedText()
	return Selection{Text: t, Paragraph: p, Ok: ok}
}

// OnNavigate registers fn to run after each navigation with the new node.
func (w *Window) OnNavigate(fn func(model.Node)) { w.listeners = append(w.listeners, fn) }

// OnSaveState registers fn to run after each save of the window state:
// on the UI goroutine when the window closes and on 退出, but on Fyne's
// lifecycle goroutine when Fyne stops (SIGINT, SIGTERM). fn must therefore
// never touch a widget: it writes what was recorded on the UI goroutine
// before (the window's own snapshot is lastState).
func (w *Window) OnSaveState(fn func()) { w.onSave = append(w.onSave, fn) }

// OnClosed registers fn to run when the window has closed; handlers run in
// the order registered. Use it instead of the Fyne window's SetOnClosed,
// which would replace the others.
func (w *Window) OnClosed(fn func()) { w.onClosed = append(w.onClosed, fn) }

// OnTypedKey registers fn for keys typed while no widget has the focus; fn
// reports whether it used the key, and the handlers after it then do not
// see it. Use it instead of the canvas's SetOnTypedKey, which would replace
// the others.
func (w *Window) OnTypedKey(fn func(*fyne.KeyEvent) bool) { w.onKey = append(w.onKey, fn) }

// SetStatus shows text in the status line.
func (w *Window) SetStatus(text string) {
	w.status.SetText(text)
	if w.statusBtn != nil {
		w.statusBtn.Hide()
	}
}

// Shown reports whether the pane has shown a node yet (with DeferRestore,
// not before Restore).
func (w *Window) Shown() bool { return w.shown }

// SetAnnotator connects the bookmark and note actions; nil disables them.
func (w *Window) SetAnnotator(a Annotator) {
	w.annotator = a
	w.RefreshAnnotations()
}

// RefreshAnnotations updates the bookmark button and the enabled state of
// the annotation actions.
func (w *Window) RefreshAnnotations() {
	on := w.annotator != nil && w.current.Kind() != model.KindCompilation
	marked := on && w.annotator.Bookmarked(w.current)
	w.toolbar.setAnnotations(on, marked)
	for _, k := range []string{actBookmark, actNote} {
		if it := w.menuItems[k]; it != nil {
			it.Disabled = !on
		}
	}
	if it := w.menuItems[actBookmark]; it != nil {
		it.Checked = marked
	}
	w.refreshMenu()
}
