package export

import (
	"bytes"
	"io"
	"strings"
)

// WriteMarkdown writes d as Markdown (CommonMark with GitHub tables): the
// title as "#", headings one level per depth below the shallowest one
// used, notes as quotes, tables as pipe tables.
func WriteMarkdown(w io.Writer, d Doc) error {
	_, err := w.Write(Markdown(d))
	return err
}

// Markdown returns d as Markdown.
func Markdown(d Doc) []byte {
	// Headings below the title start at "##", whichever depth the
	// shallowest one has (a document's sections are depth 2).
	base := 0
	for _, b := range d.Blocks {
		if b.Kind == Heading && b.Depth > 0 && (base == 0 || b.Depth < base) {
			base = b.Depth
		}
	}
	var out bytes.Buffer
	sep := func() {
		if out.Len() > 0 {
			out.WriteString("\n")
		}
	}
	for i, b := range d.Blocks {
		switch b.Kind {
		case Heading:
			level := 1
			if b.Depth > 0 {
				level = min(b.Depth-base+2, 6)
			}
			sep()
			out.WriteString(strings.Repeat("#", level) + " " + mdInline(oneLine(b.HeadingText())) + "\n")
		case Para:
			sep()
			if b.Lead != "" {
				out.WriteString("**" + mdInline(oneLine(b.Lead)) + "**")
				out.WriteString(mdInline(oneLine(b.Text)) + "\n")
			} else {
				out.WriteString(mdBlockStart(mdInline(oneLine(b.Text))) + "\n")
			}
		case Note:
			sep()
			out.WriteString("> " + mdInline(oneLine(b.Text)) + "\n")
		case Entry:
			// Consecutive entries form one list.
			if i == 0 || d.Blocks[i-1].Kind != Entry {
				sep()
			}
			out.WriteString("- " + mdInline(oneLine(b.Text)) + "\n")
		case Table:
			if b.Table == nil {
				continue
			}
			sep()
			mdTable(&out, b.Table)
		}
	}
	return out.Bytes()
}

func mdTable(out *bytes.Buffer, t *TableData) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	row := func(cells []string) {
		out.WriteString("|")
		for i := 0; i < cols; i++ {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			// A cell's lines are joined with <br>, which GitHub and most
			// renderers show as a line break inside the cell.
			lines := strings.Split(c, "\n")
			for k, l := range lines {
				lines[k] = strings.ReplaceAll(mdInline(oneLine(l)), "|", `\|`)
			}
			out.WriteString(" " + strings.Join(lines, "<br>") + " |")
		}
		out.WriteString("\n")
	}
	row(t.Header)
	out.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
	for _, r := range t.Rows {
		row(r)
	}
}

// oneLine makes a paragraph one line: line breaks and tabs become spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)), " ")
}

// mdInline escapes the characters Markdown would read as markup inside a
// line: emphasis, code, links, HTML and backslashes.
func mdInline(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<>") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdBlockStart escapes what would start a block other than a paragraph
// at the beginning of a line: a heading, quote, list item or rule.
func mdBlockStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=', '|':
		return `\` + s
	}
	// "1. " or "1) " starts an ordered list.
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
