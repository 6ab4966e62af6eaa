package library

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"

	"huibian/app/model"
)

// Stored compilations are gob-encoded behind a four-byte format tag. Gob
// decodes the seed in about a third of the time JSON takes, and opening the
// library is on the path of every start. A record with another tag (an
// older format) fails to decode, and the built-in compilation is then
// simply imported again from the embedded source.
var formatTag = []byte("HBG1")

func encode(c *model.Compilation) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(c.Stats().Characters*4 + 64<<10)
	buf.Write(formatTag)
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return nil, fmt.Errorf("编码汇编 %s: %w", c.Title, err)
	}
	return buf.Bytes(), nil
}

var errFormat = errors.New("记录格式不是本版本所用的格式")

func decode(data []byte) (*model.Compilation, error) {
	if !bytes.HasPrefix(data, formatTag) {
		return nil, errFormat
	}
	var c model.Compilation
	if err := gob.NewDecoder(bytes.NewReader(data[len(formatTag):])).Decode(&c); err != nil {
		return nil, err
	}
	return &c, nil
}
