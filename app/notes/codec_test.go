package notes

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestCodecRoundTrip(t *testing.T) {
	t0 := time.Date(2026, 5, 4, 3, 2, 1, 7e6, time.UTC)
	notes := []Note{
		{ID: "a", NodeID: "c1:1.1", Address: "1.1", Title: "标题", Quote: "引文", Text: "正文 😀 𠀀", Color: Pink, Created: t0, Updated: t0.Add(time.Hour)},
		{ID: "b", NodeID: "c1:1", Text: strings.Repeat("长", MaxTextLen), Color: Yellow, Created: time.UnixMilli(0).UTC(), Updated: time.UnixMilli(-5).UTC()},
		{ID: "c"},
	}
	for _, n := range notes {
		// Format 1 holds the text; format 2 leaves it to its own record.
		got, err := decodeNote(n.ID, encodeNoteAs(&n, recordFormat1))
		if err != nil || *got != n {
			t.Errorf("note %s, format 1: %+v %v", n.ID, got, err)
		}
		want := n
		want.Text, want.noText = "", true
		got, err = decodeNote(n.ID, encodeNote(&n))
		if err != nil || *got != want {
			t.Errorf("note %s, format 2: %+v %v", n.ID, got, err)
		}
	}
	b := Bookmark{NodeID: "c1:2/3", Address: "2/3", Name: "名", Title: "题", Created: t0, Updated: t0}
	if got, err := decodeBookmark(b.NodeID, encodeBookmark(&b)); err != nil || *got != b {
		t.Errorf("bookmark: %+v %v", got, err)
	}
	// JSON records (an older or hand-made file) still read.
	js, _ := json.Marshal(notes[0])
	if got, err := decodeNote("a", js); err != nil || got.Text != notes[0].Text {
		t.Errorf("JSON note: %+v %v", got, err)
	}
	// Damaged records are errors, never panics.
	enc, enc1 := encodeNote(&notes[0]), encodeNoteAs(&notes[0], recordFormat1)
	for _, bad := range [][]byte{nil, {9}, enc[:len(enc)/2], enc[:1], enc1[:len(enc1)/2], append([]byte{1}, 0xff, 0xff, 0xff)} {
		if _, err := decodeNote("x", append([]byte(nil), bad...)); err == nil {
			t.Errorf("decodeNote(%x) accepted", bad)
		}
	}
}
