package search

import (
	"fmt"
	"sync"

	"huibian/app/model"
)

// CompRef names one compilation of a library.
type CompRef struct {
	ID    string
	Title string
}

// Catalog is what a search over several compilations needs from the
// library: the compilations, in the order they are listed, and a way to
// load one. Load is called from the searching goroutine, one call at a
// time.
type Catalog struct {
	List func() ([]CompRef, error)
	Load func(id string) (*model.Compilation, error)
}

// Multi searches several compilations. It keeps one index per
// compilation, built the first time a search needs it; an index given to
// Add (the open compilation's, which has the notes) is used as it is.
// Safe for use from several goroutines.
type Multi struct {
	cat Catalog

	mu   sync.Mutex // guards idx and serialises Load
	idx  map[string]*Index
	errs map[string]error // compilations that failed to load, not retried
}

// NewMulti returns a search over the compilations of a catalog.
func NewMulti(cat Catalog) *Multi {
	return &Multi{cat: cat, idx: map[string]*Index{}, errs: map[string]error{}}
}

// Add gives the index of one compilation, replacing any built before.
func (m *Multi) Add(x *Index) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.idx[x.Compilation().ID] = x
}

// Index returns the index of a compilation, building it if needed.
func (m *Multi) Index(id string) (*Index, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if x, ok := m.idx[id]; ok {
		return x, nil
	}
	if err, ok := m.errs[id]; ok {
		return nil, err
	}
	c, err := m.cat.Load(id)
	if err != nil {
		err = fmt.Errorf("读取汇编 %s：%w", id, err)
		m.errs[id] = err
		return nil, err
	}
	x := New(c)
	m.idx[id] = x
	return x, nil
}

// Indexed reports how many indexes are built (for tests).
func (m *Multi) Indexed() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.idx)
}

// MultiResponse is the outcome of a search over several compilations.
type MultiResponse struct {
	Response
	// Compilations is how many compilations were searched.
	Compilations int `json:"compilations"`
	// Failed lists compilations that could not be read, with the reason.
	Failed []string `json:"failed,omitempty"`
}

// SearchAll runs a query over every compilation of the catalog. The
// compilation first (the open one) comes first, then the others in catalog
// order; each result carries its compilation's ID and title. A
// compilation that cannot be read is skipped and named in Failed.
func (m *Multi) SearchAll(q Query, first string, opt Options) (MultiResponse, error) {
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	refs, err := m.cat.List()
	if err != nil {
		return MultiResponse{}, fmt.Errorf("列出汇编：%w", err)
	}
	order := make([]CompRef, 0, len(refs))
	for _, r := range refs {
		if r.ID == first {
			order = append([]CompRef{r}, order...)
		} else {
			order = append(order, r)
		}
	}
	out := MultiResponse{Response: Response{Query: q, Results: []Result{}}}
	if q.Empty() {
		return out, nil
	}
	for _, ref := range order {
		x, err := m.Index(ref.ID)
		if err != nil {
			out.Failed = append(out.Failed, err.Error())
			continue
		}
		out.Compilations++
		resp := x.SearchQuery(q, Options{Limit: max(0, limit-len(out.Results))})
		out.Total += resp.Total
		title := ref.Title
		if title == "" {
			title = x.Compilation().Title
		}
		for _, r := range resp.Results {
			if len(out.Results) == limit {
				break
			}
			r.Compilation, r.CompilationTitle = ref.ID, title
			out.Results = append(out.Results, r)
		}
	}
	return out, nil
}
