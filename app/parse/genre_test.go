package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"huibian/app/model"
)

// counts is what a person reading a compilation counts: documents, the
// numbered parts of each document, numbered items, and items whose text
// is in the file.
type counts struct {
	docs, sections, items, withText int
}

// readerCounts counts the parsed model the way a reader would: a section is
// a numbered part of a document (from the full text or the outline), not
// the container the model makes for the items of a document without parts.
func readerCounts(c *model.Compilation) counts {
	var n counts
	for _, d := range c.Documents {
		n.docs++
		for _, s := range d.Sections {
			if s.Marker != "" || s.Heading != "" || !isContainer(s) {
				n.sections++
			}
			for _, it := range s.Items {
				n.items++
				if it.HasText {
					n.withText++
				}
			}
		}
	}
	return n
}

// isContainer: a section the parser made to hold the items of a document
// that has no numbered parts.
func isContainer(s *model.Section) bool {
	return s.Marker == "" && s.Heading == "" && s.Title == fmt.Sprintf("第%d部分", s.Number) && len(s.Intro) == 0
}

// The genre samples in testdata/genre, counted by reading them (see the
// comment of each case), as .txt and as .docx made by LibreOffice.
func TestGenreSamples(t *testing.T) {
	tests := []struct {
		file    string
		title   string
		want    counts
		titles  []string // document titles, in order
		skipped int
	}{
		// A contents page numbered 一、二、三、 with dot leaders and pages;
		// three regulations of 3, 2 and 2 parts with 5, 4 and 3 points.
		{"toc-han", "机关内部管理制度汇编", counts{3, 7, 12, 12},
			[]string{"机关公文处理实施细则", "机关会议管理办法", "机关财务报销规定"}, 0},
		// Contents without numbers or pages; three notices with 3, 4 and no
		// numbered points, and no parts.
		{"toc-plain", "2026年第一季度通知汇编", counts{3, 0, 7, 7},
			[]string{"关于做好2026年元旦春节期间有关工作的通知", "关于开展安全生产大检查的通知", "关于调整机关值班电话的通知"}, 0},
		// No outline part, contents with Arabic numbers, leaders and pages,
		// a page number line; plans of 3 and 2 parts, 5 and 4 points.
		{"no-outline-pages", "乡镇2026年安全生产工作计划汇编", counts{2, 5, 9, 9},
			[]string{"城关镇2026年安全生产工作计划", "河西乡2026年安全生产工作计划"}, 1},
		// Points numbered afresh in each part (1. 2. / 1. 2. 3.); the last
		// document has points and no parts.
		{"restart", "2026年机关党建工作制度汇编", counts{3, 4, 11, 11},
			[]string{"机关党支部学习制度", "机关党支部谈心谈话制度", "机关党支部主题党日制度"}, 0},
		// No compilation title; contents numbered （一）（二） without pages.
		{"toc-han-paren", "toc-han-paren", counts{2, 5, 7, 7},
			[]string{"关于进一步加强信访工作的意见", "信访事项办理工作规程"}, 0},
	}
	for _, tt := range tests {
		for _, ext := range []string{".txt", ".docx"} {
			t.Run(tt.file+ext, func(t *testing.T) {
				path := filepath.Join("testdata", "genre", tt.file+ext)
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				res, err := Parse(path, data)
				if err != nil {
					t.Fatal(err)
				}
				c := res.Compilation
				if got := readerCounts(c); got != tt.want {
					t.Errorf("counts %+v, want %+v", got, tt.want)
				}
				if c.Title != tt.title {
					t.Errorf("title %q, want %q", c.Title, tt.title)
				}
				var titles []string
				for _, d := range c.Documents {
					titles = append(titles, d.Title)
				}
				if fmt.Sprint(titles) != fmt.Sprint(tt.titles) {
					t.Errorf("documents %q, want %q", titles, tt.titles)
				}
				if len(c.Skipped) != tt.skipped {
					t.Errorf("skipped %v", c.Skipped)
				}
				if len(res.Warnings) != 0 {
					t.Errorf("warnings %q", res.Warnings)
				}
			})
		}
	}
}
