package search

import (
	"strings"
	"unicode/utf8"
)

// Query is a parsed search query.
type Query struct {
	// Raw is the query as typed.
	Raw string
	// Doc limits the search to one document (1-based); 0 searches all.
	// It comes from a leading "5:" (or "５：").
	Doc int
	// Terms are the folded, space-separated terms; all must match.
	Terms []string
	// Joined is the folded query without spaces, used for fuzzy title
	// matching, where spaces carry no meaning.
	Joined string
	// Truncated is set when the query was longer than MaxQueryRunes and
	// only its start was searched.
	Truncated bool
}

// MaxQueryRunes caps the length of a query: nobody types more, and a
// pasted page would only slow every keystroke down.
const MaxQueryRunes = 200

// CapQuery cuts s to MaxQueryRunes runes; it reports whether it did.
func CapQuery(s string) (string, bool) {
	if len(s) <= MaxQueryRunes {
		return s, false // fewer bytes than the cap: fewer runes too
	}
	n := 0
	for i := range s {
		if n == MaxQueryRunes {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// ParseQuery splits a typed query into a document limit and folded terms.
// A query longer than MaxQueryRunes is cut to that length (Truncated).
func ParseQuery(s string) Query {
	s, cut := CapQuery(s)
	q := Query{Raw: s, Truncated: cut}
	rest := s
	// A leading document number: "5:" or "５：", spaces allowed around it.
	t := strings.TrimLeft(rest, " \t\u3000")
	n, i := 0, 0
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if f, ok := foldRune(r); ok && f >= '0' && f <= '9' && n < 100000 {
			n = n*10 + int(f-'0')
			i += size
			continue
		}
		break
	}
	if i > 0 {
		u := strings.TrimLeft(t[i:], " \t\u3000")
		if r, size := utf8.DecodeRuneInString(u); r == ':' || r == '：' {
			q.Doc = n
			rest = u[size:]
		}
	}
	for _, f := range strings.FieldsFunc(rest, isSpace) {
		if t := foldString(f); t != "" {
			q.Terms = append(q.Terms, t)
		}
	}
	q.Joined = strings.Join(q.Terms, "")
	return q
}

func isSpace(r rune) bool {
	_, ok := foldRune(r)
	return !ok
}

// Empty reports whether the query has nothing to look for.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// Ranges finds every occurrence of every term in text and returns the
// matched stretches as rune ranges of text, sorted and merged. The reading
// pane uses it to highlight all matches in whatever text it shows.
func (q Query) Ranges(text string) []Range {
	if q.Empty() || text == "" {
		return nil
	}
	return termRanges(fold(text), q.Terms)
}

// termRanges finds the terms in a folded text.
func termRanges(f folded, terms []string) []Range {
	var out []Range
	for _, t := range terms {
		var br [][2]int
		for pos := 0; pos <= len(f.text)-len(t); {
			i := strings.Index(f.text[pos:], t)
			if i < 0 {
				break
			}
			br = append(br, [2]int{pos + i, pos + i + len(t)})
			pos += i + len(t)
		}
		out = append(out, f.byteRangesToRunes(br)...)
	}
	return mergeRanges(out)
}
