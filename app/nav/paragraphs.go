package nav

import (
	"fmt"

	"huibian/app/model"
)

// Kind says what a paragraph of the reading pane is.
type Kind int

const (
	// Breadcrumb is the "document › section" line above an item or section.
	Breadcrumb Kind = iota
	// Heading is a node's heading line; Paragraph.Level says how deep.
	Heading
	// Body is a paragraph of a node's text (preamble, intro or body).
	Body
	// Note is an editorial remark of the reader, not text of the source:
	// text not in the compilation, text cut off.
	Note
	// Outline is a heading of a node without text (shown dimmed).
	Outline
)

// Paragraph is one row of the reading pane.
type Paragraph struct {
	Kind Kind
	// Level of a Heading or Outline: 1 for the node the pane shows, 2 for
	// its children, 3 for grandchildren.
	Level int
	Text  string
	// Addr and NodeID name the node the paragraph belongs to.
	Addr   model.Address
	NodeID string
	// Part locates the paragraph within its node's own text, the unit that
	// highlights (search matches, notes) are anchored to: 0 is the node's
	// heading line (a document's title), k ≥ 1 the k-th paragraph of its
	// preamble, intro or body. Breadcrumbs and notes have Part -1.
	Part int
	// RunIn is set on a heading whose line in the source also carries the
	// next paragraph, the first of its node's text ("1.实施……工程。坚持……").
	// The pane shows them apart; plain text (the CLI) joins them again.
	RunIn bool
}

// Messages shown for text the compilation does not hold.
const (
	MsgNoText        = "本汇编未收录此部分正文。"
	MsgNoDocText     = "本汇编未收录本篇正文，以下仅为提纲。"
	MsgTruncatedDoc  = "本篇正文不完整：原文在第 %d 条处中断，其后各条仅有提纲标题。"
	MsgBreaksOffHere = "原文在此处中断：本条只存开头“%s”，其后正文缺失。"
	MsgAfterBreak    = "本汇编未收录此部分正文（原文在第 %d 条处中断）。"
)

// breakItem is the number of the item where a truncated document's text
// breaks off: the item holding a fragment, else the first item without
// text; 0 if the document is not truncated.
func breakItem(d *model.Document) int {
	if !d.Truncated {
		return 0
	}
	first := 0
	for _, s := range d.Sections {
		for _, it := range s.Items {
			if it.Fragment != "" {
				return it.Number
			}
			if first == 0 && !it.HasText {
				first = it.Number
			}
		}
	}
	return first
}

// SectionHeading is a section's heading as shown: the full heading line
// when the text is there, else its numeral and short title.
func SectionHeading(s *model.Section) string {
	if s.HasText && s.Heading != "" {
		return s.Marker + s.Heading
	}
	return HanNumeral(s.Number) + "、" + s.Title
}

// ItemHeading is an item's heading as shown.
func ItemHeading(it *model.Item) string {
	if it.HasText && it.Heading != "" {
		return it.Marker + it.Heading
	}
	return fmt.Sprintf("%d.%s", it.Number, it.Title)
}

// TreeLabel is the short row text of a node in the contents tree:
// "1 市委组织部", "一 锚定政治引领根本", "1.1 构建分层分类研学体系".
func TreeLabel(c *model.Compilation, n model.Node) string {
	switch n.Kind() {
	case model.KindDocument:
		short := n.Document.Short
		if short == "" {
			short = n.Document.Title
		}
		return fmt.Sprintf("%d %s", n.Document.Number, short)
	case model.KindSection:
		return HanNumeral(n.Section.Number) + " " + n.Section.Title
	case model.KindItem:
		return fmt.Sprintf("%d.%d %s", n.Document.Number, n.Item.Number, n.Item.Title)
	}
	return c.Title
}

// FullTitle is the node's full title for the status line, with its address.
func FullTitle(c *model.Compilation, n model.Node) string {
	switch n.Kind() {
	case model.KindDocument:
		return fmt.Sprintf("%s  %s", n.Addr, n.Document.Title)
	case model.KindSection:
		return fmt.Sprintf("%s  %s › %s", n.Addr, n.Document.Title, SectionHeading(n.Section))
	case model.KindItem:
		return fmt.Sprintf("%s  %s › %s › %s", model.Address{Doc: n.Addr.Doc, Item: n.Addr.Item},
			n.Document.Title, SectionHeading(n.Section), ItemHeading(n.Item))
	}
	return c.Title
}

// Paragraphs lays out what the reading pane shows for node n: for an item
// a breadcrumb, its heading and body; for a section its heading, intro and
// items; for a document its title, preamble and every section and item;
// for the compilation its title and list of documents.
func Paragraphs(c *model.Compilation, n model.Node) []Paragraph {
	var b builder
	b.comp = c
	switch n.Kind() {
	case model.KindCompilation:
		b.compilation()
	case model.KindDocument:
		b.document(n.Document, 1)
	case model.KindSection:
		b.add(Paragraph{Kind: Breadcrumb, Text: n.Document.Title, Addr: model.Address{Doc: n.Addr.Doc}, Part: -1})
		b.section(n.Document, n.Section, 1)
	case model.KindItem:
		b.add(Paragraph{Kind: Breadcrumb, Text: n.Document.Title + " › " + SectionHeading(n.Section),
			Addr: model.Address{Doc: n.Addr.Doc, Section: n.Section.Number}, Part: -1})
		b.item(n.Document, n.Section, n.Item, 1)
	}
	return b.out
}

type builder struct {
	comp *model.Compilation
	out  []Paragraph
}

func (b *builder) add(p Paragraph) {
	if p.NodeID == "" && p.Addr.Doc > 0 {
		switch p.Addr.Kind() {
		case model.KindItem:
			p.NodeID = model.ItemID(b.comp.ID, p.Addr.Doc, p.Addr.Item)
		case model.KindSection:
			p.NodeID = model.SectionID(b.comp.ID, p.Addr.Doc, p.Addr.Section)
		default:
			p.NodeID = model.DocumentID(b.comp.ID, p.Addr.Doc)
		}
	}
	b.out = append(b.out, p)
}

func (b *builder) compilation() {
	c := b.comp
	b.add(Paragraph{Kind: Heading, Level: 1, Text: c.Title, NodeID: c.ID, Part: -1})
	st := c.Stats()
	b.add(Paragraph{Kind: Note, Text: fmt.Sprintf("共 %d 篇，%d 部分，%d 条，其中 %d 条有正文。来源：%s",
		st.Documents, st.Sections, st.Items, st.ItemsWithText, c.SourceName), NodeID: c.ID, Part: -1})
	for _, d := range c.Documents {
		k := Heading
		if !d.HasText {
			k = Outline
		}
		b.add(Paragraph{Kind: k, Level: 2, Text: fmt.Sprintf("%d  %s", d.Number, d.Title), Addr: model.Address{Doc: d.Number}, Part: 0})
	}
}

func (b *builder) document(d *model.Document, level int) {
	a := model.Address{Doc: d.Number}
	b.add(Paragraph{Kind: Heading, Level: level, Text: d.Title, Addr: a, Part: 0})
	switch {
	case !d.HasText:
		b.add(Paragraph{Kind: Note, Text: MsgNoDocText, Addr: a, Part: -1})
	case d.Truncated:
		b.add(Paragraph{Kind: Note, Text: fmt.Sprintf(MsgTruncatedDoc, breakItem(d)), Addr: a, Part: -1})
	}
	b.paras(a, d.Preamble)
	for _, s := range d.Sections {
		b.section(d, s, level+1)
	}
}

func (b *builder) section(d *model.Document, s *model.Section, level int) {
	a := model.Address{Doc: d.Number, Section: s.Number}
	k := Heading
	if !s.HasText {
		k = Outline
	}
	b.add(Paragraph{Kind: k, Level: level, Text: SectionHeading(s), Addr: a, Part: 0, RunIn: runIn(s.HasText, s.Inline, s.Intro)})
	if !s.HasText && level == 1 {
		b.add(Paragraph{Kind: Note, Text: b.missing(d), Addr: a, Part: -1})
	}
	b.paras(a, s.Intro)
	for _, it := range s.Items {
		b.item(d, s, it, level+1)
	}
}

func (b *builder) item(d *model.Document, s *model.Section, it *model.Item, level int) {
	a := model.Address{Doc: d.Number, Section: s.Number, Item: it.Number}
	k := Heading
	if !it.HasText {
		k = Outline
	}
	b.add(Paragraph{Kind: k, Level: level, Text: ItemHeading(it), Addr: a, Part: 0, RunIn: runIn(it.HasText, it.Inline, it.Body)})
	switch {
	case it.Fragment != "":
		b.add(Paragraph{Kind: Note, Text: fmt.Sprintf(MsgBreaksOffHere, it.Fragment), Addr: a, Part: -1})
	case !it.HasText && (level == 1 || (d.HasText && !d.Truncated)):
		// In an outline-only or truncated document the document's note
		// says it once.
		b.add(Paragraph{Kind: Note, Text: b.missing(d), Addr: a, Part: -1})
	}
	b.paras(a, it.Body)
}

// paras adds a node's paragraphs (preamble, intro or body), Part 1 on.
func (b *builder) paras(a model.Address, ps []string) {
	for i, p := range ps {
		b.add(Paragraph{Kind: Body, Text: p, Addr: a, Part: i + 1})
	}
}

// runIn reports whether a heading shown with its full text ran into its
// first paragraph in the source.
func runIn(hasText, inline bool, paras []string) bool {
	return hasText && inline && len(paras) > 0
}

// missing is the note for a node without text in document d.
func (b *builder) missing(d *model.Document) string {
	if n := breakItem(d); n > 0 {
		return fmt.Sprintf(MsgAfterBreak, n)
	}
	return MsgNoText
}

// HanNumeral writes 1–99 in Chinese numerals (一, 十二, 二十三).
func HanNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return fmt.Sprint(n)
}
