package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Namespaces of WordprocessingML: the transitional one Word, WPS and
// LibreOffice write, and the strict one Word can be asked to write.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// decoder wraps encoding/xml for the recursive readers of this package:
// every reader is handed a start element and consumes it up to its end.
type decoder struct {
	x     *xml.Decoder
	depth int // elements open in children calls
}

// maxDepth bounds the nesting the recursive readers follow. Word nests a
// few dozen levels (tables in tables); deeper is a malicious file, and
// following it would exhaust the stack.
const maxDepth = 500

var errTooDeep = errors.New("XML 元素嵌套过深")

func newDecoder(r io.Reader) *decoder {
	x := xml.NewDecoder(r)
	x.Strict = true
	return &decoder{x: x}
}

func (d *decoder) token() (xml.Token, error) { return d.x.Token() }

// each calls fn for every start element read until the end of the input,
// outside the elements fn consumes.
func (d *decoder) each(fn func(xml.StartElement) error) error {
	for {
		t, err := d.x.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := t.(xml.StartElement); ok {
			if err := fn(se); err != nil {
				return err
			}
		}
	}
}

// isW reports whether a name is in the WordprocessingML namespace.
func (d *decoder) isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// attr returns the value of the attribute with the given local name in the
// WordprocessingML namespace (or without one), "" if it is missing.
func (d *decoder) attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || d.isW(a.Name)) {
			return a.Value
		}
	}
	return ""
}

// val is the w:val attribute.
func (d *decoder) val(se xml.StartElement) string { return d.attr(se, "val") }

// skip consumes the rest of the element whose start was just read.
func (d *decoder) skip() error { return d.x.Skip() }

// inner reads the next token inside an element: the end of the input
// there is an error (io.ErrUnexpectedEOF).
func (d *decoder) inner() (xml.Token, error) {
	t, err := d.x.Token()
	if err == io.EOF {
		return nil, io.ErrUnexpectedEOF
	}
	return t, err
}

// children calls fn for each child element of the element whose start was
// just read, until its end. fn must consume the child it is handed (with
// skip, children or text).
func (d *decoder) children(fn func(xml.StartElement) error) error {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		return errTooDeep
	}
	for {
		t, err := d.inner()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text appends the character data of the element whose start was just
// read to b (nil: drops it), and consumes the element.
func (d *decoder) text(b *strings.Builder) error {
	for {
		t, err := d.inner()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.CharData:
			if b != nil {
				b.Write(t)
			}
		case xml.StartElement:
			if err := d.x.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}
