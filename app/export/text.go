package export

import (
	"strings"

	"huibian/app/model"
)

// PlainText is a node as plain text for the clipboard (复制本条): its
// heading and text, with its sections and items, one paragraph a line, a
// heading that ran into its first paragraph joined with it as written, and
// the reader's notes in 〔〕. The line saying where it comes from is left
// out.
func PlainText(c *model.Compilation, n model.Node) string {
	return Plain(Node(c, n))
}

// Plain renders d as plain text, one block a line (a table row a line,
// its cells separated by tabs), and skips the source line.
func Plain(d Doc) string {
	var blocks []Block
	for _, bl := range d.Blocks {
		if !bl.Source {
			blocks = append(blocks, bl)
		}
	}
	var b strings.Builder
	for i, bl := range blocks {
		switch bl.Kind {
		case Heading:
			b.WriteString(bl.HeadingText())
			if bl.RunIn && i+1 < len(blocks) && blocks[i+1].Kind == Para {
				continue // the paragraph follows on the same line
			}
		case Para:
			b.WriteString(bl.Lead + bl.Text)
		case Note, Entry:
			b.WriteString(bl.Text)
		case Table:
			if bl.Table == nil {
				continue
			}
			rows := append([][]string{bl.Table.Header}, bl.Table.Rows...)
			for i, r := range rows {
				if i > 0 {
					b.WriteString("\n")
				}
				b.WriteString(strings.ReplaceAll(strings.Join(r, "\t"), "\n", " "))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
