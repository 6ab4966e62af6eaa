// Package nav holds the reader window's navigation logic without any UI:
// reading order (previous/next item), the back/forward history, and the
// paragraph model of the reading pane.
package nav

import "huibian/app/model"

// position is a node's index in reading order (Compilation.Walk order, the
// compilation itself first at 0).
func position(c *model.Compilation, a model.Address) int {
	if a.Kind() == model.KindCompilation {
		return 0
	}
	pos, found := 0, -1
	i := 0
	c.Walk(func(n model.Node) {
		i++
		if found < 0 && sameNode(n.Addr, a) {
			found = i
		}
	})
	if found < 0 {
		return pos
	}
	return found
}

// sameNode compares two addresses by the node they point at: an item
// address may or may not carry its section number.
func sameNode(x, y model.Address) bool {
	if x.Kind() != y.Kind() || x.Doc != y.Doc {
		return false
	}
	switch x.Kind() {
	case model.KindItem:
		return x.Item == y.Item
	case model.KindSection:
		return x.Section == y.Section
	}
	return true
}

// SameNode reports whether two addresses point at the same node (an item
// address with or without its section number).
func SameNode(x, y model.Address) bool { return sameNode(x, y) }

// Next returns the first item after the node at a in reading order,
// crossing section and document boundaries: the next item after an item,
// the first item of a section or document. ok is false at the end.
func Next(c *model.Compilation, a model.Address) (model.Node, bool) {
	p := position(c, a)
	var out model.Node
	ok := false
	eachItem(c, func(i int, n model.Node) {
		if !ok && i > p {
			out, ok = n, true
		}
	})
	return out, ok
}

// Prev returns the last item before the node at a in reading order. ok is
// false at the start.
func Prev(c *model.Compilation, a model.Address) (model.Node, bool) {
	p := position(c, a)
	var out model.Node
	ok := false
	eachItem(c, func(i int, n model.Node) {
		if i < p {
			out, ok = n, true // the last one wins
		}
	})
	return out, ok
}

// eachItem calls fn for every item of c with its position in reading
// order (as position counts).
func eachItem(c *model.Compilation, fn func(pos int, n model.Node)) {
	i := 0
	c.Walk(func(n model.Node) {
		i++
		if n.Kind() == model.KindItem {
			fn(i, n)
		}
	})
}

// History is a browser-style back/forward list of visited addresses.
// The zero value is empty and ready to use.
type History struct {
	entries []model.Address
	cur     int // index of the current entry; meaningless when empty
}

// maxHistory bounds the number of entries kept.
const maxHistory = 200

// Visit records a newly opened node: it becomes current and the forward
// entries are dropped. Visiting the current node again changes nothing.
func (h *History) Visit(a model.Address) {
	if len(h.entries) > 0 && sameNode(h.entries[h.cur], a) {
		return
	}
	if len(h.entries) > 0 {
		h.entries = h.entries[:h.cur+1]
	}
	h.entries = append(h.entries, a)
	if len(h.entries) > maxHistory {
		h.entries = append([]model.Address(nil), h.entries[len(h.entries)-maxHistory:]...)
	}
	h.cur = len(h.entries) - 1
}

// Current returns the current entry.
func (h *History) Current() (model.Address, bool) {
	if len(h.entries) == 0 {
		return model.Address{}, false
	}
	return h.entries[h.cur], true
}

// CanBack reports whether Back would move.
func (h *History) CanBack() bool { return len(h.entries) > 0 && h.cur > 0 }

// CanForward reports whether Forward would move.
func (h *History) CanForward() bool { return h.cur < len(h.entries)-1 }

// Back moves to the previous entry and returns it.
func (h *History) Back() (model.Address, bool) {
	if !h.CanBack() {
		return model.Address{}, false
	}
	h.cur--
	return h.entries[h.cur], true
}

// Forward moves to the next entry and returns it.
func (h *History) Forward() (model.Address, bool) {
	if !h.CanForward() {
		return model.Address{}, false
	}
	h.cur++
	return h.entries[h.cur], true
}

// Len is the number of entries.
func (h *History) Len() int { return len(h.entries) }
