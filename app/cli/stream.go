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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	return writeJSONRowsWith(w, key, each, func(b []byte, row T) ([]byte, error) {
		buf.Reset()
		if err := enc.Encode(row); err != nil {
			return b, err
		}
		return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
	})
}

// writeJSONRowsWith is writeJSONRows with each row encoded by appendRow,
// which must append the row's JSON as encoding/json would, on one line.
func writeJSONRowsWith[T any](w io.Writer, key string, each func(yield func(T) error) error, appendRow func([]byte, T) ([]byte, error)) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	k, err := json.Marshal(key)
	if err != nil {
		return err
	}
	bw.WriteString("{\n  ")
	bw.Write(k)
	bw.WriteString(": [")
	var line []byte
	n := 0
	err = each(func(row T) error {
		line = line[:0]
		if n > 0 {
			line = append(line, ',')
		}
		n++
		line = append(line, "\n    "...)
		var err error
		if line, err = appendRow(line, row); err != nil {
			return err
		}
		_, err = bw.Write(line)
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
