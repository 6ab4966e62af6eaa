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
	return writeJSONRows(w, key, func(yield func(T) error) error {
		for i := range rows {
			if err := yield(rows[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeJSONRows is writeJSONList over rows produced one at a time by each,
// so that they need not all be in memory.
func writeJSONRows[T any](w io.Writer, key string, each func(yield func(T) error) error) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	k, err := json.Marshal(key)
	if err != nil {
		return err
	}
	bw.WriteString("{\n  ")
	bw.Write(k)
	bw.WriteString(": [")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	n := 0
	err = each(func(row T) error {
		buf.Reset()
		if err := enc.Encode(row); err != nil {
			return err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString("\n    ")
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		bw.WriteString("]\n}\n")
	} else {
		bw.WriteString("\n  ]\n}\n")
	}
	return bw.Flush()
}
