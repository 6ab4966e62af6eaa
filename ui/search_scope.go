package ui

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"huibian/app/library"
	"huibian/app/search"
)

// The search scope toggle, right of the search box: the open compilation
// (the default) or every compilation of the library. Results from all of
// them name their compilation in the group headers, and opening one from
// another compilation opens that compilation first.
const (
	scopeThis = "本汇编"
	scopeAll  = "全部汇编"
)

// scopeState is the part of SearchUI that the worker goroutine reads.
type scopeState struct {
	mu    sync.Mutex
	multi *search.Multi
	added bool // the open compilation's index (with the notes) is in multi
}

// attachScope puts the toggle right of the search box; it stays disabled
// until SetCatalog gives the search a library. A click switches between
// the two scopes.
func (s *SearchUI) attachScope() {
	s.scope = widget.NewButton(scopeThis, func() { s.SetScopeAll(!s.scopeAll) })
	s.scope.Importance = widget.LowImportance
	s.scope.Disable()
	// The window lays the search box out alone in its corner of the
	// toolbar: put the box and the toggle in its place.
	p := parentOf(s.w.FyneWindow().Content(), s.entry)
	if p == nil {
		return
	}
	for i, o := range p.Objects {
		if o == fyne.CanvasObject(s.entry) {
			p.Objects[i] = container.NewBorder(nil, nil, nil, s.scope, s.entry)
		}
	}
	p.Refresh()
}

// parentOf finds the container holding o in the tree of containers under
// root.
func parentOf(root, o fyne.CanvasObject) *fyne.Container {
	c, ok := root.(*fyne.Container)
	if !ok {
		return nil
	}
	for _, child := range c.Objects {
		if child == o {
			return c
		}
		if p := parentOf(child, o); p != nil {
			return p
		}
	}
	return nil
}

// SetCatalog lets the search cover every compilation of a library and
// enables the scope toggle (UI goroutine).
func (s *SearchUI) SetCatalog(cat search.Catalog) {
	st := &s.scopeSt
	st.mu.Lock()
	st.multi = search.NewMulti(cat)
	st.added = false
	st.mu.Unlock()
	s.multi = st.multi
	s.scope.Enable()
}

// SetScopeAll sets the scope (the toggle's click) and searches again.
func (s *SearchUI) SetScopeAll(all bool) {
	if s.multi == nil {
		all = false
	}
	label := scopeThis
	if all {
		label = scopeAll
	}
	s.scope.SetText(label)
	if all == s.scopeAll {
		return
	}
	s.scopeAll = all
	if strings.TrimSpace(s.entry.Text) != "" {
		s.limit, s.keepPlace = search.DefaultLimit, false
		s.request(s.entry.Text)
	}
}

// run does one search on the worker goroutine: in the open compilation, or
// in every compilation of the library.
func (s *SearchUI) run(r *searchRequest) search.Response {
	opt := search.Options{Limit: r.limit}
	st := &s.scopeSt
	st.mu.Lock()
	m := st.multi
	if m != nil && !st.added {
		m.Add(s.index)
		st.added = true
	}
	st.mu.Unlock()
	if m == nil {
		return s.index.Search(r.text, opt)
	}
	if r.all {
		mr, err := m.SearchAll(search.ParseQuery(r.text), r.comp, opt)
		if err != nil {
			fyne.LogError("搜索全部汇编", err)
			return s.index.Search(r.text, opt)
		}
		for _, f := range mr.Failed {
			fyne.LogError("搜索全部汇编", fmt.Errorf("%s", f))
		}
		return mr.Response
	}
	x, err := m.Index(r.comp)
	if err != nil {
		fyne.LogError("搜索", err)
		x = s.index
	}
	return x.Search(r.text, opt)
}

// indexFor is the index a result came from.
func (s *SearchUI) indexFor(r search.Result) *search.Index {
	if r.Compilation != "" && s.multi != nil {
		if x, err := s.multi.Index(r.Compilation); err == nil {
			return x
		}
	}
	if r.Compilation == "" || s.index.Compilation().ID == r.Compilation {
		return s.index
	}
	return nil
}

// compilationOpener is the window's way to switch to another compilation
// (added with the library view); without it a result from another
// compilation only says where it is.
type compilationOpener interface {
	OpenCompilation(id string) error
}

// openCompilation opens the compilation of a result; it reports whether
// the window now shows it.
func (s *SearchUI) openCompilation(r search.Result) bool {
	o, ok := any(s.w).(compilationOpener)
	if !ok || s.w.library == nil { // switch.go: without a library the window cannot switch
		s.w.SetStatus(fmt.Sprintf("这条结果在《%s》中：请先在资料库中打开这部汇编", r.CompilationTitle))
		return false
	}
	if err := o.OpenCompilation(r.Compilation); err != nil {
		dialog.ShowError(fmt.Errorf("打开《%s》：%w", r.CompilationTitle, err), s.w.FyneWindow())
		return false
	}
	return s.w.Compilation().ID == r.Compilation
}

// libraryCatalog lists and loads the library's compilations for the
// search, on the worker goroutine: the library is safe for concurrent use
// (its cache and store are guarded; imports run beside the window too).
// Going through the UI goroutine instead (fyne.DoAndWait) could deadlock:
// Multi.Index holds its lock while loading, and the UI goroutine takes
// that lock in indexFor.
func libraryCatalog(lib *library.Service) search.Catalog {
	return search.Catalog{
		List: func() ([]search.CompRef, error) {
			infos, err := lib.List()
			if err != nil {
				return nil, err
			}
			refs := make([]search.CompRef, 0, len(infos))
			for _, in := range infos {
				refs = append(refs, search.CompRef{ID: in.ID, Title: in.Title})
			}
			return refs, nil
		},
		Load: lib.Get,
	}
}
