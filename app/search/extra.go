package search

import (
	"fmt"
	"slices"

	"huibian/app/model"
)

// ExtraDoc is a text that belongs to a node but not to the compilation:
// a note's text or a bookmark's name. The notes service feeds them in.
type ExtraDoc struct {
	ID      string `json:"id"`
	Address string `json:"address"` // the node it belongs to: "5", "5/2", "5.6"
	Kind    Kind   `json:"kind"`    // KindNote or KindBookmark
	Text    string `json:"text"`
}

// ExtraSource is what the index needs from the notes service.
type ExtraSource interface {
	SearchDocs() ([]ExtraDoc, error)
}

// extra is an ExtraDoc prepared for matching.
type extra struct {
	doc   ExtraDoc
	f     folded
	node  int32 // -1 when the address names no node of this compilation
	docNo int   // document number, 0 if none
}

func (x *Index) prepareExtra(d ExtraDoc) extra {
	e := extra{doc: d, f: fold(d.Text), node: -1}
	if a, err := model.ParseAddress(d.Address); err == nil {
		e.docNo = a.Doc
		if ni, ok := x.byAddr[a.String()]; ok {
			e.node = ni
		}
	}
	return e
}

// extraOrder sorts extras in reading order of their nodes (unknown last),
// then by ID, so ties are stable.
func extraOrder(a, b extra) int {
	ka, kb := a.node, b.node
	if ka < 0 {
		ka = 1 << 30
	}
	if kb < 0 {
		kb = 1 << 30
	}
	if ka != kb {
		return int(ka - kb)
	}
	switch {
	case a.doc.ID < b.doc.ID:
		return -1
	case a.doc.ID > b.doc.ID:
		return 1
	}
	return 0
}

// SetExtras replaces all notes and bookmarks. Documents of another kind
// than note or bookmark are ignored.
func (x *Index) SetExtras(docs []ExtraDoc) {
	es := make([]extra, 0, len(docs))
	for _, d := range docs {
		if d.Kind == KindNote || d.Kind == KindBookmark {
			es = append(es, x.prepareExtra(d))
		}
	}
	slices.SortStableFunc(es, extraOrder)
	x.extras.Store(&es)
}

// LoadExtras replaces all notes and bookmarks with those of src.
func (x *Index) LoadExtras(src ExtraSource) error {
	docs, err := src.SearchDocs()
	if err != nil {
		return fmt.Errorf("读取笔记和书签以供搜索：%w", err)
	}
	x.SetExtras(docs)
	return nil
}

// Extras returns the notes and bookmarks the index holds.
func (x *Index) Extras() []ExtraDoc {
	es := *x.extras.Load()
	out := make([]ExtraDoc, len(es))
	for i, e := range es {
		out[i] = e.doc
	}
	return out
}
