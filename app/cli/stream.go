package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// writeJSONList writes {"key": [rows...]} one row at a time, each row on
// a line of its own: encoding 100 000 notes indented into one buffer took
// seconds and a gigabyte, most of it spent growing the buffer and
// indenting. The result is the same JSON value as writeJSON's.
func writeJSONList[T any](w io.Writer, key string, rows []T) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	k, err := json.Marshal(key)
	if err != nil {
		return err
	}
	bw.WriteString("{\n  ")
	bw.Write(k)
	if len(rows) == 0 {
		bw.WriteString(": []\n}\n")
		return bw.Flush()
	}
	bw.WriteString(": [")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range rows {
		buf.Reset()
		if err := enc.Encode(rows[i]); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}
