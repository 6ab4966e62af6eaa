package notes

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unsafe"

	"huibian/storage"
)

// Notes and bookmarks are stored in a small binary form rather than JSON:
// with 10 000 notes, decoding JSON at every start-up took half a second,
// this takes a few milliseconds. The first byte is the record format, so
// the form can change later (a value starting with '{' is read as JSON).
//
// Record format 1: the format byte, then each string as a uvarint length
// and its UTF-8 bytes, and each time as a varint of Unix milliseconds.
//
// Record format 2 (notes, schema 3 on): format 1 without the note's text,
// which is a record of its own, its bare UTF-8 bytes, under the same key in
// bucketTexts. The tree's marks and the notes panel's order need every
// note's node, colour and dates, but only the texts of the rows on screen;
// with 100 000 notes the texts are nine tenths of the file, and reading
// them all made opening the window half again as slow (texts.go). A note
// read back in format 1 (a file of schema 2 opened read-only, a record
// repaired from an older backup) has its text in it, and is used as is.

const (
	recordFormat1 = 1
	recordFormat2 = 2
)

type encoder struct{ buf []byte }

func (e *encoder) str(s string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) time(t time.Time) {
	e.buf = binary.AppendVarint(e.buf, t.UnixMilli())
}

type decoder struct {
	s   string // the whole record, so fields are substrings of one allocation
	pos int
	err error
}

var errRecord = errors.New("记录格式错误")

func (d *decoder) str() string {
	if d.err != nil {
		return ""
	}
	n, k := uvarint(d.s[d.pos:])
	if k <= 0 || uint64(len(d.s)-d.pos-k) < n {
		d.err = errRecord
		return ""
	}
	d.pos += k
	v := d.s[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return v
}

func (d *decoder) time() time.Time {
	if d.err != nil {
		return time.Time{}
	}
	u, k := uvarint(d.s[d.pos:])
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if k <= 0 {
		d.err = errRecord
		return time.Time{}
	}
	d.pos += k
	return time.UnixMilli(v).UTC()
}

// uvarint is binary.Uvarint over a string, without copying it.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// encodeNote is a note in record format 2: everything but its text
// (putNoteTx stores the text beside it).
func encodeNote(n *Note) []byte { return encodeNoteAs(n, recordFormat2) }

// encodeNoteAs is a note in the given record format; format 1 includes
// the text (what files of schema 2 hold: tests write such files to check
// the migration).
func encodeNoteAs(n *Note, format byte) []byte {
	size := 32 + len(n.NodeID) + len(n.Address) + len(n.Title) + len(n.Quote)
	if format == recordFormat1 {
		size += len(n.Text)
	}
	e := encoder{buf: make([]byte, 0, size)}
	e.buf = append(e.buf, format)
	e.str(n.NodeID)
	e.str(n.Address)
	e.str(n.Title)
	e.str(n.Quote)
	if format == recordFormat1 {
		e.str(n.Text)
	}
	e.str(string(n.Color))
	e.time(n.Created)
	e.time(n.Updated)
	return e.buf
}

// errTextNotRead refuses to write a note whose text could not be read:
// writing it would replace the text with nothing.
var errTextNotRead = errors.New("这条笔记的正文未能读取，不能修改；请先从备份恢复")

// putNoteTx stores a note's record and its text in tx.
func putNoteTx(tx storage.Tx, n *Note) error {
	if n.noText {
		return fmt.Errorf("笔记 %s：%w", n.ID, errTextNotRead)
	}
	if err := tx.Put(bucketNotes, n.ID, encodeNote(n)); err != nil {
		return err
	}
	return tx.Put(bucketTexts, n.ID, []byte(n.Text))
}

// decodeNote decodes a stored note. It takes ownership of val: the note's
// strings share its memory, so val must not be changed afterwards (the
// store hands out a fresh copy of every value, which is never reused).
func decodeNote(id string, val []byte) (*Note, error) {
	n := &Note{}
	if err := decodeNoteInto(n, id, val); err != nil {
		return nil, err
	}
	return n, nil
}

// decodeNoteInto is decodeNote into a Note the caller provides.
func decodeNoteInto(n *Note, id string, val []byte) error {
	*n = Note{ID: id}
	if len(val) > 0 && val[0] == '{' {
		if err := json.Unmarshal(val, n); err != nil {
			return err
		}
		n.ID = id
		return nil
	}
	if len(val) == 0 || val[0] != recordFormat1 && val[0] != recordFormat2 {
		return fmt.Errorf("%w（未知的记录格式）", errRecord)
	}
	d := decoder{s: unsafe.String(unsafe.SliceData(val), len(val)), pos: 1}
	n.NodeID = d.str()
	n.Address = d.str()
	n.Title = d.str()
	n.Quote = d.str()
	if val[0] == recordFormat1 {
		n.Text = d.str()
	} else {
		n.noText = true
	}
	n.Color = Color(d.str())
	n.Created = d.time()
	n.Updated = d.time()
	return d.err
}

func encodeBookmark(b *Bookmark) []byte {
	e := encoder{buf: make([]byte, 0, 32+len(b.NodeID)+len(b.Address)+len(b.Name)+len(b.Title))}
	e.buf = append(e.buf, recordFormat1)
	e.str(b.Address)
	e.str(b.Name)
	e.str(b.Title)
	e.time(b.Created)
	e.time(b.Updated)
	return e.buf
}

func decodeBookmark(nodeID string, val []byte) (*Bookmark, error) {
	b := &Bookmark{NodeID: nodeID}
	if len(val) > 0 && val[0] == '{' {
		if err := json.Unmarshal(val, b); err != nil {
			return nil, err
		}
		b.NodeID = nodeID
		return b, nil
	}
	if len(val) == 0 || val[0] != recordFormat1 {
		return nil, fmt.Errorf("%w（未知的记录格式）", errRecord)
	}
	d := decoder{s: string(val), pos: 1}
	b.Address = d.str()
	b.Name = d.str()
	b.Title = d.str()
	b.Created = d.time()
	b.Updated = d.time()
	if d.err != nil {
		return nil, d.err
	}
	return b, nil
}
