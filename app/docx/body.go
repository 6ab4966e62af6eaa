package docx

import (
	"encoding/xml"
	"strings"
)

// body reads the main document part and writes what Word shows of it as
// text: one line per paragraph, in document order.
type body struct {
	d  *decoder
	nb *numbering
	// out receives finished lines; a table cell swaps in its own.
	out *lines
	// para is the text of the paragraph being read; nil outside paragraphs.
	para *strings.Builder
	// carry is the text of paragraphs whose paragraph mark was deleted in a
	// tracked change: Word shows them joined to the next paragraph.
	carry strings.Builder
	// fields holds, for each field the text is inside of, whether its
	// result (shown) has started; the instructions before it are not shown.
	fields []bool
	// hidden is set inside a run formatted as hidden text (w:vanish).
	hidden bool
	// row collects the cells of the table row being read.
	row *[]string
}

// lines collects finished lines.
type lines struct {
	b strings.Builder
	n int
}

func (l *lines) add(s string) {
	if l.n > 0 {
		l.b.WriteByte('\n')
	}
	l.b.WriteString(s)
	l.n++
}

// skipped elements: their content is not part of what Word shows as the
// body's text. Deleted revisions, the old properties of tracked property
// changes, section and table properties, drawings and embedded objects
// (text boxes included), and content-control properties.
var skipped = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "delInstrText": true, "instrText": true,
	"pPrChange": true, "rPrChange": true, "sectPr": true, "sectPrChange": true,
	"tblPr": true, "tblPrEx": true, "tblGrid": true, "tcPr": true, "tblPrChange": true,
	"drawing": true, "pict": true, "object": true, "sdtPr": true, "sdtEndPr": true,
	"fldData": true, "footnoteReference": true, "endnoteReference": true,
	"commentReference": true, "annotationRef": true, "customXmlPr": true, "smartTagPr": true,
}

// walk reads one element (its start just read) and everything inside it.
func (b *body) walk(se xml.StartElement) error {
	d := b.d
	if !d.isW(se.Name) {
		if se.Name.Space == nsMC && se.Name.Local == "AlternateContent" {
			return d.skip() // drawings and text boxes, in two renderings
		}
		return b.descend()
	}
	if skipped[se.Name.Local] {
		return d.skip()
	}
	switch se.Name.Local {
	case "p":
		return b.paragraph()
	case "tr":
		return b.tableRow()
	case "tc":
		return b.tableCell()
	case "r":
		return b.run()
	case "t":
		if b.visible() {
			return d.text(b.para)
		}
		return d.text(nil)
	case "tab", "ptab":
		b.write("\t")
	case "br", "cr":
		b.write("\n")
	case "noBreakHyphen":
		b.write("-")
	case "sym":
		if r := symbol(d.attr(se, "char")); r != 0 {
			b.write(string(r))
		}
	case "fldChar":
		switch d.attr(se, "fldCharType") {
		case "begin":
			b.fields = append(b.fields, false)
		case "separate":
			if n := len(b.fields); n > 0 {
				b.fields[n-1] = true
			}
		case "end":
			if n := len(b.fields); n > 0 {
				b.fields = b.fields[:n-1]
			}
		}
	case "rPr", "pPr", "trPr":
		// Properties outside the places read below (paragraph, run, row).
	default:
		// Containers: hyperlinks, content controls, smart tags, custom XML,
		// simple fields (whose content is the field result), insertions,
		// the target of a move.
		return b.descend()
	}
	return d.skip()
}

func (b *body) descend() error { return b.d.children(b.walk) }

// visible reports whether text read now is shown: not hidden, and not in
// the instructions of a field.
func (b *body) visible() bool {
	if b.hidden || b.para == nil {
		return false
	}
	for _, shown := range b.fields {
		if !shown {
			return false
		}
	}
	return true
}

func (b *body) write(s string) {
	if b.visible() {
		b.para.WriteString(s)
	}
}

// paragraph reads a w:p and adds its line, its number (if any) in front.
func (b *body) paragraph() error {
	d := b.d
	outer := b.para
	var text strings.Builder
	b.para = &text
	var style string
	var direct numPr
	markDeleted := false
	err := d.children(func(se xml.StartElement) error {
		if !d.isW(se.Name) || se.Name.Local != "pPr" {
			return b.walk(se)
		}
		return d.children(func(se xml.StartElement) error {
			if !d.isW(se.Name) {
				return d.skip()
			}
			switch se.Name.Local {
			case "pStyle":
				style = d.val(se)
			case "numPr":
				direct = readNumPr(d)
				return nil
			case "rPr":
				// The paragraph mark's own revision marks.
				return d.children(func(se xml.StartElement) error {
					if d.isW(se.Name) && (se.Name.Local == "del" || se.Name.Local == "moveFrom") {
						markDeleted = true
					}
					return d.skip()
				})
			}
			return d.skip()
		})
	})
	b.para = outer
	if err != nil {
		return err
	}
	if markDeleted {
		b.carry.WriteString(text.String())
		return nil
	}
	line := b.nb.label(style, direct) + b.carry.String() + text.String()
	b.carry.Reset()
	if outer != nil {
		// A paragraph inside a paragraph (not written by Word, but valid
		// XML): keep its text in place.
		outer.WriteString(line)
		return nil
	}
	b.out.add(line)
	return nil
}

// run reads a w:r, dropping it when it is formatted as hidden.
func (b *body) run() error {
	d := b.d
	outer := b.hidden
	defer func() { b.hidden = outer }()
	return d.children(func(se xml.StartElement) error {
		if d.isW(se.Name) && se.Name.Local == "rPr" {
			return d.children(func(se xml.StartElement) error {
				if d.isW(se.Name) && se.Name.Local == "vanish" && onOff(d.val(se)) {
					b.hidden = true
				}
				return d.skip()
			})
		}
		return b.walk(se)
	})
}

// tableRow reads a w:tr as one line, its cells separated by tabs. A row
// deleted in a tracked change is left out.
func (b *body) tableRow() error {
	d := b.d
	outer := b.row
	var cells []string
	b.row = &cells
	deleted := false
	err := d.children(func(se xml.StartElement) error {
		if d.isW(se.Name) && se.Name.Local == "trPr" {
			return d.children(func(se xml.StartElement) error {
				if d.isW(se.Name) && se.Name.Local == "del" {
					deleted = true
				}
				return d.skip()
			})
		}
		return b.walk(se)
	})
	b.row = outer
	if err != nil || deleted {
		return err
	}
	b.add(strings.Join(cells, "\t"))
	return nil
}

// tableCell reads a w:tc: its paragraphs (and nested tables) joined by
// spaces into one cell of the current row.
func (b *body) tableCell() error {
	outer := b.out
	cell := &lines{}
	b.out = cell
	err := b.descend()
	b.out = outer
	if err != nil {
		return err
	}
	text := strings.ReplaceAll(cell.b.String(), "\n", " ")
	if b.row != nil {
		*b.row = append(*b.row, text)
		return nil
	}
	b.add(text)
	return nil
}

// add finishes a line outside the paragraph structure (a table row).
func (b *body) add(s string) {
	if b.para != nil {
		b.para.WriteString(s)
		return
	}
	b.out.add(s)
}

// symbol returns the character of a w:sym, or 0 for the private-use
// characters of symbol fonts (Wingdings, Symbol), which have no meaning
// as text.
func symbol(hex string) rune {
	var r rune
	for _, c := range hex {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + c - '0'
		case c >= 'a' && c <= 'f':
			r = r*16 + c - 'a' + 10
		case c >= 'A' && c <= 'F':
			r = r*16 + c - 'A' + 10
		default:
			return 0
		}
		if r > 0x10FFFF {
			return 0
		}
	}
	if r < 0x20 || (r >= 0xE000 && r <= 0xF8FF) || (r >= 0xD800 && r <= 0xDFFF) {
		return 0
	}
	return r
}
