// Package export writes what the reader shows as files other programs open:
// Word documents (.docx, WordprocessingML) and Markdown, for printing and
// handing on in Word or WPS (Fyne has no print API).
//
// Everything is first laid out as a Doc, a flat list of blocks (headings,
// paragraphs, notes, tables), built from the paragraphs the reading pane
// shows (nav.Paragraphs) or from a comparison; WriteDocx and WriteMarkdown
// then render one Doc. The output is deterministic: the same Doc gives the
// same bytes (fixed timestamps in the archive), so tests can compare it.
package export

import (
	"fmt"
	"strings"

	"huibian/app/model"
	"huibian/app/nav"
)

// Kind says what a block is.
type Kind int

const (
	// Heading is a title: Depth 0 is the document's title, 1–4 headings
	// below it (in a compilation: document, section, item).
	Heading Kind = iota
	// Para is a paragraph of text, first line indented two characters.
	Para
	// Note is an editorial remark of the reader (text missing, where it
	// comes from), not text of the source; no indent.
	Note
	// Table is a table with a header row.
	Table
	// Entry is a line of a contents list: no indent, one to a line.
	Entry
)

// OutlineMark follows the heading of a node that the compilation holds only
// as an outline title, when no note right after it says so.
const OutlineMark = "〔仅提纲〕"

// Block is one block of a Doc.
type Block struct {
	Kind Kind
	// Depth of a heading: 0 the title, 1–4 below it.
	Depth int
	Text  string
	// Lead is a heading that runs into the paragraph (Para only): shown
	// bold before Text, as official documents set "1.……。" items.
	Lead string
	// Outline marks the heading of a node without full text.
	Outline bool
	// RunIn marks a heading that runs into the next paragraph in the
	// source, set apart here because it is a title (Plain joins them).
	RunIn bool
	// Source marks the note saying where a section or item comes from
	// (the pane's breadcrumb).
	Source bool
	// Table holds a Table block's cells.
	Table *TableData
}

// TableData is a table: a header row, then rows of the same width.
type TableData struct {
	Header []string
	Rows   [][]string
	// Widths are the relative widths of the columns (nil: equal).
	Widths []int
}

// Doc is a document laid out for export.
type Doc struct {
	Title string
	// Landscape pages (wide tables).
	Landscape bool
	Blocks    []Block
}

func (d *Doc) add(b Block) { d.Blocks = append(d.Blocks, b) }

// Node lays out one node as its own document: a document with its
// sections and items, a section with its items, an item; the compilation
// node gives the whole compilation (Compilation).
func Node(c *model.Compilation, n model.Node) Doc {
	if n.Kind() == model.KindCompilation {
		return Compilation(c)
	}
	var d Doc
	d.Title = n.Title()
	// The pane's level 1 is the node shown: the title (depth 0) here.
	// Below it, depth follows the node's kind as in a compilation:
	// sections 2, items 3.
	shift := 0
	if n.Kind() == model.KindSection {
		shift = 1
	}
	fromParagraphs(&d, c, nav.Paragraphs(c, n), shift, true)
	return d
}

// Compilation lays out the whole compilation: its title, a contents list,
// then every document in reading order. Read back and parsed (app/parse),
// it gives the same documents, sections and items.
func Compilation(c *model.Compilation) Doc {
	d := Doc{Title: c.Title}
	d.add(Block{Kind: Heading, Depth: 0, Text: c.Title})
	d.add(Block{Kind: Heading, Depth: 1, Text: "目录"})
	for _, doc := range c.Documents {
		d.add(Block{Kind: Entry, Text: fmt.Sprintf("%d.%s", doc.Number, doc.Title)})
	}
	for _, doc := range c.Documents {
		fromParagraphs(&d, c, nav.Paragraphs(c, model.Node{Addr: model.Address{Doc: doc.Number}, Document: doc}), 0, false)
	}
	return d
}

// fromParagraphs adds the pane's paragraphs to d: headings at the pane's
// level plus shift (level 1 is the title when title is set), notes in 〔〕
// as `show` prints them, a heading that ran into its first paragraph in the
// source set in front of it again, the breadcrumb after the title. The
// heading of a node without text is marked (OutlineMark) where no note
// says so: not in a document that is only an outline, whose note says it
// once, nor right before the node's own note.
func fromParagraphs(d *Doc, c *model.Compilation, ps []nav.Paragraph, shift int, title bool) {
	var source *Block
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		switch p.Kind {
		case nav.Breadcrumb:
			source = &Block{Kind: Note, Text: "出处：" + p.Text, Source: true}
		case nav.Note:
			d.add(Block{Kind: Note, Text: noteText(p.Text)})
		case nav.Heading, nav.Outline:
			depth := p.Level + shift
			if title && p.Level == 1 {
				depth = 0
			}
			if p.RunIn && i+1 < len(ps) && ps[i+1].Kind == nav.Body && depth > 1 {
				i++
				d.add(Block{Kind: Para, Lead: p.Text, Text: ps[i].Text})
				continue
			}
			b := Block{Kind: Heading, Depth: depth, Text: p.Text, RunIn: p.RunIn}
			if p.Kind == nav.Outline && !(i+1 < len(ps) && ps[i+1].Kind == nav.Note) && docHasText(c, p.Addr) {
				b.Outline = true
			}
			d.add(b)
			if source != nil {
				d.add(*source)
				source = nil
			}
		default:
			d.add(Block{Kind: Para, Text: p.Text})
		}
	}
}

func docHasText(c *model.Compilation, a model.Address) bool {
	return a.Doc >= 1 && a.Doc <= len(c.Documents) && c.Documents[a.Doc-1].HasText
}

// noteText writes a reader's note as `show` prints it: in 〔〕, without the
// final full stop.
func noteText(s string) string {
	return "〔" + strings.TrimSuffix(s, "。") + "〕"
}

// HeadingText is a heading's text as shown, with the outline mark.
func (b Block) HeadingText() string {
	if b.Outline {
		return b.Text + OutlineMark
	}
	return b.Text
}
