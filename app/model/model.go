// Package model holds the in-memory form of a compilation of official
// documents: compilation → documents → sections → items.
//
// Every node carries a stable ID derived from the compilation's ID and the
// node's numbers (never from parse order), so bookmarks and notes keyed by
// these IDs survive a re-import of the same compilation.
//
// Text is kept exactly as written in the source (no normalisation), so that
// every line of the full text can be recovered from the model.
package model

import (
	"fmt"
	"strings"
	"unicode"
)

// Compilation is one parsed compilation (汇编).
type Compilation struct {
	ID         string      `json:"id"`
	Title      string      `json:"title"`
	SourceName string      `json:"source_name"`
	SourceHash string      `json:"source_hash"` // hex SHA-256 of the raw source bytes
	Documents  []*Document `json:"documents"`
	// Skipped lists lines of the source that carried no content and were
	// dropped (page numbers), with their 1-based line numbers, for reporting.
	Skipped []SkippedLine `json:"skipped,omitempty"`
}

// SkippedLine is a source line the parser dropped as carrying no content.
type SkippedLine struct {
	Line int    `json:"line"`
	Text string `json:"text"`
	Why  string `json:"why"`
}

// Document is one work plan in the compilation.
type Document struct {
	ID     string `json:"id"`
	Number int    `json:"number"` // 1-based position in the compilation
	// Title is the full title, e.g. "市委组织部2026年意识形态工作要点".
	Title string `json:"title"`
	// Short is the title without the words every document shares, e.g. "市委组织部".
	Short string `json:"short"`
	Page  int    `json:"page,omitempty"` // page in the table of contents; 0 if unknown
	// TitleLine is the title line exactly as it appears in the full text ("" if none).
	TitleLine string     `json:"title_line,omitempty"`
	Preamble  []string   `json:"preamble,omitempty"`
	HasText   bool       `json:"has_text"`
	Truncated bool       `json:"truncated,omitempty"` // the full text breaks off inside this document
	Sections  []*Section `json:"sections"`
}

// Section is a numbered part of a document (一、…).
type Section struct {
	ID      string `json:"id"`
	Number  int    `json:"number"`
	Marker  string `json:"marker"` // numbering as written in the full text, e.g. "一、"; "" without full text
	Title   string `json:"title"`  // short title (from the outline when there is one)
	Heading string `json:"heading,omitempty"`
	// Inline is set when the heading line also carried the first intro paragraph.
	Inline  bool     `json:"inline,omitempty"`
	Intro   []string `json:"intro,omitempty"`
	HasText bool     `json:"has_text"`
	Items   []*Item  `json:"items"`
}

// Item is a numbered point of a document (1.–24.), numbered within the document.
type Item struct {
	ID      string `json:"id"`
	Number  int    `json:"number"`
	Marker  string `json:"marker"` // numbering as written, e.g. "1." or "１、"
	Title   string `json:"title"`  // short title
	Heading string `json:"heading,omitempty"`
	// Inline is set when the heading and the first body paragraph share a line
	// ("1.实施……工程,系统掌握思想体系。坚持……").
	Inline  bool     `json:"inline,omitempty"`
	Body    []string `json:"body,omitempty"`
	HasText bool     `json:"has_text"`
	// Fragment holds what the source has of an item whose text was cut off
	// (in the seed: a lone "7" that ends the file).
	Fragment string `json:"fragment,omitempty"`
}

// Kind tells what a node is.
type Kind int

const (
	KindCompilation Kind = iota
	KindDocument
	KindSection
	KindItem
)

// Address is the user-facing address of a node: "5" (document 5),
// "5/2" (section 2 of document 5), "5.6" (item 6 of document 5).
type Address struct {
	Doc, Section, Item int
}

// Kind reports the kind of node the address points at.
func (a Address) Kind() Kind {
	switch {
	case a.Doc == 0:
		return KindCompilation
	case a.Item > 0:
		return KindItem
	case a.Section > 0:
		return KindSection
	default:
		return KindDocument
	}
}

func (a Address) String() string {
	switch a.Kind() {
	case KindCompilation:
		return ""
	case KindItem:
		return fmt.Sprintf("%d.%d", a.Doc, a.Item)
	case KindSection:
		return fmt.Sprintf("%d/%d", a.Doc, a.Section)
	default:
		return fmt.Sprintf("%d", a.Doc)
	}
}

// ParseAddress parses "5", "5/2" or "5.6". Full-width digits and separators
// are accepted. It checks only the syntax; Compilation.Resolve checks that
// the node exists.
func ParseAddress(s string) (Address, error) {
	orig := s
	s = strings.TrimSpace(foldWidth(s))
	bad := func() (Address, error) {
		return Address{}, fmt.Errorf("地址“%s”无效：应为 5（第5篇）、5/2（第5篇第2部分）或 5.6（第5篇第6条）", orig)
	}
	if s == "" {
		return bad()
	}
	num := func(t string) (int, bool) {
		if t == "" || len(t) > 4 {
			return 0, false
		}
		n := 0
		for _, r := range t {
			if r < '0' || r > '9' {
				return 0, false
			}
			n = n*10 + int(r-'0')
		}
		return n, n > 0
	}
	if i := strings.IndexAny(s, "/."); i >= 0 {
		d, ok1 := num(s[:i])
		n, ok2 := num(s[i+1:])
		if !ok1 || !ok2 {
			return bad()
		}
		if s[i] == '/' {
			return Address{Doc: d, Section: n}, nil
		}
		return Address{Doc: d, Item: n}, nil
	}
	d, ok := num(s)
	if !ok {
		return bad()
	}
	return Address{Doc: d}, nil
}

// foldWidth maps full-width ASCII variants (０-９, ．, ／) and the ideographic
// full stop used as a separator to their ASCII forms.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		case r == '。':
			return '.'
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

// DocumentID, SectionID and ItemID build the stable node IDs.
func DocumentID(comp string, d int) string   { return fmt.Sprintf("%s:%d", comp, d) }
func SectionID(comp string, d, s int) string { return fmt.Sprintf("%s:%d/%d", comp, d, s) }
func ItemID(comp string, d, i int) string    { return fmt.Sprintf("%s:%d.%d", comp, d, i) }

// ParseID splits a node ID into its compilation ID and address.
func ParseID(id string) (string, Address, error) {
	comp, a, _ := strings.Cut(id, ":")
	if comp == "" || a == "" {
		return "", Address{}, fmt.Errorf("节点标识“%s”无效", id)
	}
	addr, err := ParseAddress(a)
	return comp, addr, err
}

// Node is a resolved reference to one node of a compilation.
type Node struct {
	Addr     Address
	Document *Document
	Section  *Section
	Item     *Item
}

// Kind reports what the node is.
func (n Node) Kind() Kind { return n.Addr.Kind() }

// ID returns the node's stable ID within compilation comp.
func (n Node) ID(comp string) string {
	switch n.Kind() {
	case KindItem:
		return ItemID(comp, n.Addr.Doc, n.Addr.Item)
	case KindSection:
		return SectionID(comp, n.Addr.Doc, n.Addr.Section)
	case KindDocument:
		return DocumentID(comp, n.Addr.Doc)
	}
	return comp
}

// Title is the node's short title.
func (n Node) Title() string {
	switch n.Kind() {
	case KindItem:
		return n.Item.Title
	case KindSection:
		return n.Section.Title
	case KindDocument:
		return n.Document.Title
	}
	return ""
}

// HasText reports whether the node's full text is in the compilation.
func (n Node) HasText() bool {
	switch n.Kind() {
	case KindItem:
		return n.Item.HasText
	case KindSection:
		return n.Section.HasText
	case KindDocument:
		return n.Document.HasText
	}
	return true
}

// Resolve finds the node at addr, or explains why there is none.
func (c *Compilation) Resolve(addr Address) (Node, error) {
	if addr.Doc == 0 {
		return Node{Addr: addr}, nil
	}
	if addr.Doc < 1 || addr.Doc > len(c.Documents) {
		return Node{}, fmt.Errorf("没有第 %d 篇：本汇编共 %d 篇", addr.Doc, len(c.Documents))
	}
	d := c.Documents[addr.Doc-1]
	n := Node{Addr: addr, Document: d}
	switch addr.Kind() {
	case KindSection:
		if addr.Section > len(d.Sections) {
			return Node{}, fmt.Errorf("第 %d 篇没有第 %d 部分：共 %d 部分", addr.Doc, addr.Section, len(d.Sections))
		}
		n.Section = d.Sections[addr.Section-1]
	case KindItem:
		for _, s := range d.Sections {
			for _, it := range s.Items {
				if it.Number == addr.Item {
					n.Section, n.Item = s, it
					n.Addr.Section = s.Number
					n.Addr.Item = it.Number
					return n, nil
				}
			}
		}
		return Node{}, fmt.Errorf("第 %d 篇没有第 %d 条：共 %d 条", addr.Doc, addr.Item, d.ItemCount())
	}
	return n, nil
}

// ResolveString parses and resolves a user-typed address.
func (c *Compilation) ResolveString(s string) (Node, error) {
	a, err := ParseAddress(s)
	if err != nil {
		return Node{}, err
	}
	return c.Resolve(a)
}

// ItemCount is the number of items in the document.
func (d *Document) ItemCount() int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Items)
	}
	return n
}

// Items lists every item of the compilation in reading order, as nodes.
func (c *Compilation) Items() []Node {
	var out []Node
	for _, d := range c.Documents {
		for _, s := range d.Sections {
			for _, it := range s.Items {
				out = append(out, Node{Addr: Address{Doc: d.Number, Section: s.Number, Item: it.Number}, Document: d, Section: s, Item: it})
			}
		}
	}
	return out
}

// Walk calls fn for every document, section and item in reading order.
// Item nodes carry the section number in Addr.Section too; use Addr.Kind.
func (c *Compilation) Walk(fn func(Node)) {
	for _, d := range c.Documents {
		Node{Addr: Address{Doc: d.Number}, Document: d}.Walk(fn)
	}
}

// Walk calls fn for n and every node below it, in reading order: a
// document, its sections and their items; a section and its items; an
// item alone. For the compilation node it calls fn for nothing: use
// Compilation.Walk.
func (n Node) Walk(fn func(Node)) {
	switch n.Kind() {
	case KindItem:
		fn(n)
	case KindSection:
		fn(n)
		d, s := n.Document, n.Section
		for _, it := range s.Items {
			fn(Node{Addr: Address{Doc: d.Number, Section: s.Number, Item: it.Number}, Document: d, Section: s, Item: it})
		}
	case KindDocument:
		fn(n)
		d := n.Document
		for _, s := range d.Sections {
			Node{Addr: Address{Doc: d.Number, Section: s.Number}, Document: d, Section: s}.Walk(fn)
		}
	}
}

// Text is the text a node holds itself (not its children's), in the same
// fields for every kind of node, so that a walk over the text of a
// compilation needs no switch on the kind. The strings and slices are
// the model's own: read them, do not change them.
type Text struct {
	// Title is the short title (a document's full title).
	Title string
	// Marker is the numbering as written ("一、", "1."); "" for a document.
	Marker string
	// Heading is the heading line as written in the full text, without its
	// marker: a document's TitleLine, a section's or item's Heading.
	Heading string
	// Inline is set when the heading line also carried Paras[0].
	Inline bool
	// Paras are the node's paragraphs: a document's preamble, a section's
	// intro, an item's body.
	Paras []string
	// Fragment is what is left of an item whose text was cut off.
	Fragment string
	// HasText reports whether the node's full text is in the compilation.
	HasText bool
}

// Text returns the node's own text (zero for the compilation node).
func (n Node) Text() Text {
	switch n.Kind() {
	case KindItem:
		it := n.Item
		return Text{Title: it.Title, Marker: it.Marker, Heading: it.Heading, Inline: it.Inline, Paras: it.Body, Fragment: it.Fragment, HasText: it.HasText}
	case KindSection:
		s := n.Section
		return Text{Title: s.Title, Marker: s.Marker, Heading: s.Heading, Inline: s.Inline, Paras: s.Intro, HasText: s.HasText}
	case KindDocument:
		d := n.Document
		return Text{Title: d.Title, Heading: d.TitleLine, Paras: d.Preamble, HasText: d.HasText}
	}
	return Text{}
}

// HeadingLine is the heading line as written, marker and heading ("" when
// the node has no heading in the full text).
func (t Text) HeadingLine() string {
	if t.Heading == "" {
		return ""
	}
	return t.Marker + t.Heading
}

// Stats are the counts `huibian info` reports.
type Stats struct {
	Documents     int `json:"documents"`
	Sections      int `json:"sections"`
	Items         int `json:"items"`
	ItemsWithText int `json:"items_with_text"`
	// Characters counts the non-space characters of all text held: titles,
	// headings, preambles, intros and bodies.
	Characters int `json:"characters"`
}

// Stats counts the compilation's nodes and characters.
func (c *Compilation) Stats() Stats {
	var st Stats
	count := func(s string) {
		for _, r := range s {
			if !unicode.IsSpace(r) {
				st.Characters++
			}
		}
	}
	count(c.Title)
	c.Walk(func(n Node) {
		t := n.Text()
		switch n.Kind() {
		case KindDocument:
			st.Documents++
			count(t.Title) // the full title, not the title line
		case KindSection:
			st.Sections++
		case KindItem:
			st.Items++
			if t.HasText {
				st.ItemsWithText++
			}
		}
		if n.Kind() != KindDocument {
			if h := t.HeadingLine(); h != "" {
				count(h)
			} else {
				count(t.Title)
			}
		}
		for _, p := range t.Paras {
			count(p)
		}
	})
	return st
}

// FullTextLines rebuilds the full-text part of the source, line by line,
// exactly as written (trimmed of surrounding space): document titles,
// preambles, section headings, intros, item headings and bodies, and the
// fragments of text that was cut off.
func (c *Compilation) FullTextLines() []string {
	var out []string
	c.Walk(func(n Node) {
		t := n.Text()
		switch {
		case n.Kind() == KindDocument:
			if t.Heading != "" {
				out = append(out, t.Heading)
			}
			out = append(out, t.Paras...)
		case t.HasText:
			out = appendHeaded(out, t.Marker+t.Heading, t.Inline, t.Paras)
		}
		if t.Fragment != "" {
			out = append(out, t.Fragment)
		}
	})
	return out
}

func appendHeaded(out []string, heading string, inline bool, paras []string) []string {
	if inline && len(paras) > 0 {
		out = append(out, heading+paras[0])
		return append(out, paras[1:]...)
	}
	out = append(out, heading)
	return append(out, paras...)
}
