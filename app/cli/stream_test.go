package cli

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"huibian/app/notes"
)

// TestWriteJSONList: the streamed form is the same JSON value as what
// writeJSON writes, with one row a line.
func TestWriteJSONList(t *testing.T) {
	type row struct {
		ID   string `json:"id"`
		Text string `json:"text"`
		N    []int  `json:"n"`
	}
	for _, rows := range [][]row{nil, {{"a", "<笔记> & 引文", []int{1, 2}}}, {{"a", "x", nil}, {"b", "y\n", []int{}}}} {
		var want, got bytes.Buffer
		wrapped := rows
		if wrapped == nil {
			wrapped = []row{}
		}
		if err := writeJSON(&want, struct {
			Notes []row `json:"notes"`
		}{wrapped}); err != nil {
			t.Fatal(err)
		}
		if err := writeJSONList(&got, "notes", rows); err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(got.Bytes(), &a); err != nil {
			t.Fatalf("streamed JSON invalid: %v\n%s", err, got.String())
		}
		json.Unmarshal(want.Bytes(), &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("streamed:\n%s\nwant:\n%s", got.String(), want.String())
		}
		if lines := strings.Count(got.String(), "\n"); lines != len(rows)+4 && !(len(rows) == 0 && lines == 3) {
			t.Errorf("%d lines for %d rows:\n%s", lines, len(rows), got.String())
		}
		if strings.Contains(got.String(), `\u003c`) {
			t.Error("HTML characters escaped")
		}
	}
}

// TestAppendNoteRow: note ls --json's own encoder writes what
// encoding/json writes, byte for byte, for every field and for strings
// with every kind of character that encoding/json escapes.
func TestAppendNoteRow(t *testing.T) {
	at := time.Date(2026, 12, 2, 14, 25, 5, 618000000, time.UTC)
	strs := []string{"", "要点", "a\"b\\c", "\b\f\n\r\t\x00\x1f\x7f", "<&>", "行\u2028分\u2029段", "bad \xff\xfe utf8 \xe2\x80", "\xe2\x80\xa8", "😀 emoji", "引文“全角”：，（）"}
	var rows []noteRow
	for i, s := range strs {
		rows = append(rows, noteRow{Note: notes.Note{ID: s, NodeID: "c1:5.6", Address: "5.6", Title: s, Quote: strs[(i+1)%len(strs)],
			Text: s + strs[(i+3)%len(strs)], Color: notes.Color(s), Created: at, Updated: at.Add(time.Duration(i) * time.Millisecond).In(time.FixedZone("", 8*3600))},
			ColorName: s, Orphaned: i%2 == 0, Reason: strs[(i+2)%len(strs)]})
	}
	for _, r := range rows {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(r)
		want = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		got, err := appendNoteRow(nil, r)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("appendNoteRow:\n%s\nencoding/json:\n%s (%v)", got, want, err)
		}
	}
	// The whole listing, as writeJSONRows writes it.
	each := func(yield func(noteRow) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
	var a, b bytes.Buffer
	writeJSONRows(&a, "notes", each)
	writeJSONRowsWith(&b, "notes", each, appendNoteRow)
	if a.String() != b.String() {
		t.Errorf("listings differ:\n%s\n%s", a.String(), b.String())
	}
	if _, err := appendNoteRow(nil, noteRow{Note: notes.Note{Created: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}); err == nil {
		t.Error("a year past 9999 encoded without error")
	}
}
