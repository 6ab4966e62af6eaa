package cli

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
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
