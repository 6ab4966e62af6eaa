package cli

import (
	"encoding/json"
	"time"
	"unicode/utf8"

	"huibian/app/notes"
)

// noteRow is one note as note ls --json lists it.
type noteRow struct {
	notes.Note
	ColorName string `json:"color_name"`
	Orphaned  bool   `json:"orphaned"`
	Reason    string `json:"orphan_reason,omitempty"`
}

// appendNoteRow appends r as encoding/json (without HTML escaping) would
// encode it, byte for byte, but several times faster: with 100 000 notes,
// reflection and rune decoding in encoding/json were a third of note ls
// --json. TestAppendNoteRow holds it to encoding/json's output, fields
// included, so a field added to notes.Note fails it until added here.
func appendNoteRow(b []byte, r noteRow) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, r.ID)
	b = append(b, `,"node_id":`...)
	b = appendJSONString(b, r.NodeID)
	b = append(b, `,"address":`...)
	b = appendJSONString(b, r.Address)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, r.Title)
	if r.Quote != "" {
		b = append(b, `,"quote":`...)
		b = appendJSONString(b, r.Quote)
	}
	b = append(b, `,"text":`...)
	b = appendJSONString(b, r.Text)
	b = append(b, `,"color":`...)
	b = appendJSONString(b, string(r.Color))
	var err error
	b = append(b, `,"created":`...)
	if b, err = appendJSONTime(b, r.Created); err != nil {
		return b, err
	}
	b = append(b, `,"updated":`...)
	if b, err = appendJSONTime(b, r.Updated); err != nil {
		return b, err
	}
	b = append(b, `,"color_name":`...)
	b = appendJSONString(b, r.ColorName)
	if r.Orphaned {
		b = append(b, `,"orphaned":true`...)
	} else {
		b = append(b, `,"orphaned":false`...)
	}
	if r.Reason != "" {
		b = append(b, `,"orphan_reason":`...)
		b = appendJSONString(b, r.Reason)
	}
	return append(b, '}'), nil
}

// appendJSONTime appends t as time.Time's MarshalJSON does.
func appendJSONTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		v, err := json.Marshal(t) // the error MarshalJSON gives
		return append(b, v...), err
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

const hexDigits = "0123456789abcdef"

// jsonSpecial marks the bytes of valid UTF-8 that appendJSONString must
// look at: control characters, '"', '\\', and 0xE2, which starts U+2028
// and U+2029.
var jsonSpecial = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t[0xE2] = true, true, true
	return t
}()

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: control characters, '"' and '\\' escaped, bytes
// of invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped, the rest as is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		if valid {
			for i < len(s) && !jsonSpecial[s[i]] {
				i++
			}
			if i == len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if valid {
			// Only U+2028 and U+2029 (E2 80 A8, E2 80 A9) need escaping.
			if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]-0xA8+8])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
