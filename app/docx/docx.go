// Package docx reads Word documents (.docx, WordprocessingML) as text, the
// way Word shows them: the body's paragraphs in order with their automatic
// numbers rendered ("一、", "（一）", "1."), tables row by row, tracked
// changes accepted (deletions left out, insertions kept), field results
// kept. Headers, footers, footnotes, endnotes, comments and text boxes are
// left out.
//
// It uses only archive/zip and encoding/xml, checks the archive before
// inflating it (sizes, compression ratio) and refuses the binary formats
// (.doc, .wps, encrypted .docx) with a message that says what to do.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"huibian/app/fileerr"
	"io"
	"path"
	"strings"
)

// Limits on what is inflated. A compilation's document.xml is a few
// megabytes; 100 copies of the seed as .docx are well under 100 MB.
const (
	// MaxDocumentXML bounds the uncompressed main document part.
	MaxDocumentXML = 200 << 20
	// maxPart bounds the other parts read (styles, numbering, relationships).
	maxPart = 32 << 20
	// maxRatio is the highest compression ratio accepted for a part larger
	// than minRatioCheck: XML that Word, WPS or LibreOffice write deflates
	// 5 to 30 times; a zip bomb deflates hundreds or thousands of times.
	maxRatio      = 200
	minRatioCheck = 1 << 20
)

// Error is a Word document that cannot be read, worded for the user; its
// Op is OpRead.
type Error = fileerr.Error

// OpRead is the Op of this package's errors.
const OpRead = "无法读取 Word 文档"

// Kinds of failure, for errors.Is.
var (
	ErrOldFormat = errors.New("旧版 Word/WPS 格式")
	ErrEncrypted = errors.New("文档已加密")
	ErrCorrupt   = errors.New("文档已损坏")
	ErrTooLarge  = errors.New("文档解压后过大")
	ErrNotWord   = errors.New("不是 Word 文档")
)

// SaveAsDocx is the advice given for files this reader cannot open.
const SaveAsDocx = "请在 Word 或 WPS 中另存为 .docx 后再导入"

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Format is what the first bytes of a file say it is.
type Format int

const (
	FormatOther Format = iota // not an office file (text, probably)
	FormatZip                 // a ZIP archive: .docx, or another Office Open XML or OpenDocument file
	FormatOLE                 // an OLE compound file: .doc, .wps, or an encrypted .docx
)

// Sniff tells a .docx (or another ZIP) and the binary Office formats from
// everything else by their first bytes.
func Sniff(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return FormatZip
	case bytes.HasPrefix(data, oleMagic):
		return FormatOLE
	}
	return FormatOther
}

// Text returns the text Word shows in the body of the document in data,
// one line per paragraph (a line break inside a paragraph starts a new
// line; a table row is one line, its cells separated by tabs). name is
// used in error messages only.
func Text(name string, data []byte) (string, error) {
	fail := func(kind error, reason string, err error) (string, error) {
		return "", &Error{Op: OpRead, File: name, Reason: reason, Kind: kind, Err: err}
	}
	switch Sniff(data) {
	case FormatOLE:
		if encrypted(data) {
			return fail(ErrEncrypted, "文档设有打开密码（已加密），无法读取。请在 Word 或 WPS 中取消密码，另存为 .docx 后再导入", nil)
		}
		return fail(ErrOldFormat, "这是旧版 Word(.doc)或 WPS(.wps)格式的文件，"+SaveAsDocx, nil)
	case FormatOther:
		return fail(ErrNotWord, "文件内容不是 Word 文档（.docx 应是一个 ZIP 压缩包），文件可能已损坏；"+SaveAsDocx, nil)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(ErrCorrupt, "文件已损坏，无法解压（可能没有下载或复制完整）", err)
	}
	p := &pkg{name: name, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		p.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	return p.text()
}

// encrypted reports whether an OLE compound file holds an encrypted Office
// Open XML package: its directory has an "EncryptedPackage" stream (names
// are UTF-16LE).
func encrypted(data []byte) bool {
	var name []byte
	for _, c := range "EncryptedPackage" {
		name = append(name, byte(c), 0)
	}
	return bytes.Contains(data, name)
}

// pkg is an opened .docx archive.
type pkg struct {
	name  string
	files map[string]*zip.File // by lower-case name
}

func (p *pkg) fail(kind error, reason string, err error) error {
	return &Error{Op: OpRead, File: p.name, Reason: reason, Kind: kind, Err: err}
}

// text finds the main document part through the package relationships,
// reads its styles and numbering, then its body.
func (p *pkg) text() (string, error) {
	main := p.target("_rels/.rels", "", "/officeDocument", "word/document.xml")
	docFile := p.files[main]
	if docFile == nil {
		return "", p.notWord()
	}
	rels := path.Join(path.Dir(main), "_rels", path.Base(main)+".rels")
	dir := path.Dir(main)
	st := &styles{byID: map[string]*style{}}
	if f := p.files[p.target(rels, dir, "/styles", path.Join(dir, "styles.xml"))]; f != nil {
		if err := p.read(f, maxPart, st.read); err != nil {
			return "", err
		}
	}
	nb := newNumbering(st)
	if f := p.files[p.target(rels, dir, "/numbering", path.Join(dir, "numbering.xml"))]; f != nil {
		if err := p.read(f, maxPart, nb.read); err != nil {
			return "", err
		}
	}
	b := &body{nb: nb, out: &lines{}}
	err := p.read(docFile, MaxDocumentXML, func(r io.Reader) error {
		b.d = newDecoder(r)
		return b.d.each(b.walk)
	})
	if err != nil {
		return "", err
	}
	if b.carry.Len() > 0 {
		b.out.add(b.carry.String())
	}
	return b.out.b.String(), nil
}

// notWord explains what an archive without a Word document is.
func (p *pkg) notWord() error {
	switch {
	case p.files["mimetype"] != nil && p.files["content.xml"] != nil:
		return p.fail(ErrNotWord, "这是 OpenDocument 文件（如 .odt），不是 Word 文档；"+SaveAsDocx, nil)
	case p.files["xl/workbook.xml"] != nil:
		return p.fail(ErrNotWord, "这是 Excel 表格，不是 Word 文档", nil)
	case p.files["ppt/presentation.xml"] != nil:
		return p.fail(ErrNotWord, "这是 PowerPoint 演示文稿，不是 Word 文档", nil)
	}
	return p.fail(ErrNotWord, "压缩包里没有 Word 文档正文（word/document.xml）；"+SaveAsDocx, nil)
}

// target looks up a relationship of the given type (by its suffix) in a
// relationships part and returns the lower-case archive path of its target,
// or def when there is none. Targets are relative to dir (the directory of
// the source part), or absolute from the package root.
func (p *pkg) target(relsName, dir, typeSuffix, def string) string {
	f := p.files[relsName]
	if f == nil {
		return def
	}
	found := ""
	err := p.read(f, maxPart, func(r io.Reader) error {
		d := newDecoder(r)
		for {
			t, err := d.token()
			if err != nil {
				return nil // a damaged relationships part: fall back to the usual names
			}
			se, ok := t.(xml.StartElement)
			if !ok || se.Name.Local != "Relationship" {
				continue
			}
			var typ, tgt, mode string
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "Type":
					typ = a.Value
				case "Target":
					tgt = a.Value
				case "TargetMode":
					mode = a.Value
				}
			}
			if strings.HasSuffix(typ, typeSuffix) && mode != "External" && tgt != "" {
				found = tgt
				return nil
			}
		}
	})
	if err != nil || found == "" {
		return def
	}
	found = strings.ReplaceAll(found, `\`, "/")
	if strings.HasPrefix(found, "/") {
		return strings.ToLower(path.Clean(found[1:]))
	}
	return strings.ToLower(path.Clean(path.Join(dir, found)))
}

// read inflates one part into fn, refusing it before inflating when its
// declared size is over limit or its compression ratio is absurd, and
// stopping if it inflates to more than it declared.
func (p *pkg) read(f *zip.File, limit uint64, fn func(io.Reader) error) error {
	size, packed := f.UncompressedSize64, f.CompressedSize64
	if size > limit {
		return p.fail(ErrTooLarge, fmt.Sprintf("其中的 %s 解压后有 %.0f MB，超过上限 %d MB，可能是恶意构造的文件", f.Name, float64(size)/(1<<20), limit>>20), nil)
	}
	if size > minRatioCheck && (packed == 0 || size/packed > maxRatio) {
		return p.fail(ErrTooLarge, fmt.Sprintf("其中的 %s 压缩比异常（%d 倍），可能是恶意构造的文件（“压缩炸弹”）", f.Name, size/max(packed, 1)), nil)
	}
	rc, err := f.Open()
	if err != nil {
		return p.fail(ErrCorrupt, fmt.Sprintf("文件已损坏，无法解压其中的 %s", f.Name), err)
	}
	defer rc.Close()
	lr := &limitReader{r: rc, n: int64(size)}
	if err := fn(lr); err != nil {
		if lr.over {
			return p.fail(ErrTooLarge, fmt.Sprintf("其中的 %s 解压后比声明的大小更大，可能是恶意构造的文件", f.Name), nil)
		}
		var pe *Error
		if errors.As(err, &pe) {
			return err
		}
		if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) {
			return p.fail(ErrCorrupt, fmt.Sprintf("文件已损坏，其中的 %s 不完整", f.Name), err)
		}
		return p.fail(ErrCorrupt, fmt.Sprintf("文件已损坏，其中的 %s 不是有效的 XML", f.Name), err)
	}
	return nil
}

// limitReader fails once more than n bytes have been read (archive/zip
// checks the declared size too; this makes the bound independent of it).
type limitReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitReader) Read(b []byte) (int, error) {
	if l.n < 0 {
		l.over = true
		return 0, errors.New("解压数据超出声明的大小")
	}
	if int64(len(b)) > l.n+1 {
		b = b[:l.n+1]
	}
	n, err := l.r.Read(b)
	if int64(len(b)) > l.n && errors.Is(err, zip.ErrFormat) {
		// archive/zip's own check of the declared size fired: asked for
		// more than is left, it got more and refused it.
		l.over = true
	}
	l.n -= int64(n)
	if l.n < 0 {
		l.over = true
		return 0, errors.New("解压数据超出声明的大小")
	}
	return n, err
}
