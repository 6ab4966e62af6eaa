package model

import (
	"strings"
	"testing"
)

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in   string
		want Address
		kind Kind
		ok   bool
	}{
		{"5", Address{Doc: 5}, KindDocument, true},
		{"5/2", Address{Doc: 5, Section: 2}, KindSection, true},
		{"5.6", Address{Doc: 5, Item: 6}, KindItem, true},
		{" ５．６ ", Address{Doc: 5, Item: 6}, KindItem, true},
		{"５／２", Address{Doc: 5, Section: 2}, KindSection, true},
		{"5。6", Address{Doc: 5, Item: 6}, KindItem, true},
		{"12.24", Address{Doc: 12, Item: 24}, KindItem, true},
		{"", Address{}, 0, false},
		{"0", Address{}, 0, false},
		{"5.", Address{}, 0, false},
		{"5/0", Address{}, 0, false},
		{"5.6.7", Address{}, 0, false},
		{"-1", Address{}, 0, false},
		{"abc", Address{}, 0, false},
		{"99999", Address{}, 0, false},
	}
	for _, tt := range tests {
		got, err := ParseAddress(tt.in)
		if (err == nil) != tt.ok || got != tt.want || (tt.ok && got.Kind() != tt.kind) {
			t.Errorf("ParseAddress(%q) = %+v, %v; want %+v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if !tt.ok && (err == nil || !strings.Contains(err.Error(), "无效")) {
			t.Errorf("ParseAddress(%q) error %v should say the address is invalid", tt.in, err)
		}
		if tt.ok {
			// String round-trips to the canonical form.
			back, err := ParseAddress(got.String())
			if err != nil || back != got {
				t.Errorf("round trip of %q via %q: %+v %v", tt.in, got.String(), back, err)
			}
		}
	}
}

func sample() *Compilation {
	c := &Compilation{ID: "c1", Title: "汇编"}
	for d := 1; d <= 2; d++ {
		doc := &Document{ID: DocumentID("c1", d), Number: d, Title: "文件", HasText: d == 1}
		n := 0
		for s := 1; s <= 2; s++ {
			sec := &Section{ID: SectionID("c1", d, s), Number: s, Title: "部分"}
			for i := 0; i < 3; i++ {
				n++
				sec.Items = append(sec.Items, &Item{ID: ItemID("c1", d, n), Number: n, Title: "条", Heading: "条", HasText: d == 1, Body: []string{"正文 一段"}})
			}
			doc.Sections = append(doc.Sections, sec)
		}
		c.Documents = append(c.Documents, doc)
	}
	return c
}

func TestResolve(t *testing.T) {
	c := sample()
	tests := []struct {
		in, id, err string
	}{
		{"1", "c1:1", ""},
		{"2/2", "c1:2/2", ""},
		{"1.5", "c1:1.5", ""},
		{"3", "", "没有第 3 篇：本汇编共 2 篇"},
		{"1/3", "", "第 1 篇没有第 3 部分"},
		{"2.7", "", "第 2 篇没有第 7 条：共 6 条"},
	}
	for _, tt := range tests {
		n, err := c.ResolveString(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || n.ID(c.ID) != tt.id {
			t.Errorf("%s: %v %v", tt.in, n.ID(c.ID), err)
		}
	}
	n, _ := c.ResolveString("1.5")
	if n.Section.Number != 2 || n.Addr.Section != 2 {
		t.Errorf("item 1.5 is in section 2: %+v", n.Addr)
	}
	comp, addr, err := ParseID("c1:1.5")
	if err != nil || comp != "c1" || addr != (Address{Doc: 1, Item: 5}) {
		t.Errorf("ParseID: %q %+v %v", comp, addr, err)
	}
	if _, _, err := ParseID("nonsense"); err == nil {
		t.Error("ParseID accepted nonsense")
	}
}

func TestWalkStatsAndLines(t *testing.T) {
	c := sample()
	var kinds []Kind
	c.Walk(func(n Node) { kinds = append(kinds, n.Kind()) })
	if len(kinds) != 2*(1+2*(1+3)) || kinds[0] != KindDocument || kinds[1] != KindSection || kinds[2] != KindItem {
		t.Errorf("walk kinds %v", kinds)
	}
	st := c.Stats()
	if st.Documents != 2 || st.Sections != 4 || st.Items != 12 || st.ItemsWithText != 6 {
		t.Errorf("stats %+v", st)
	}
	// Characters skip spaces: "正文 一段" counts 4.
	want := len([]rune("汇编")) + 2*len([]rune("文件")) + 4*len([]rune("部分")) + 12*len([]rune("条")) + 12*4
	if st.Characters != want {
		t.Errorf("characters %d, want %d", st.Characters, want)
	}
	c.Documents[0].Sections[0].Items[0].Inline = true
	lines := c.FullTextLines()
	if lines[0] != "条正文 一段" || len(lines) != 6*2-1 {
		t.Errorf("lines %q", lines)
	}
}

// Node.Walk visits a node and the nodes below it in reading order, the
// same nodes Compilation.Walk visits there; Node.Text reads each node's
// own fields.
func TestNodeWalkAndText(t *testing.T) {
	c := sample()
	c.Documents[1].Sections[0].Items[1].Fragment = "7"
	c.Documents[0].TitleLine = "文件"
	var all []Node
	c.Walk(func(n Node) { all = append(all, n) })
	for i, n := range all {
		var under []Node
		n.Walk(func(m Node) { under = append(under, m) })
		if len(under) == 0 || under[0].Addr != n.Addr {
			t.Fatalf("%s: walk starts at %+v", n.Addr, under)
		}
		for j, m := range under {
			if i+j >= len(all) || all[i+j].Addr != m.Addr {
				t.Fatalf("%s: walk below differs from the compilation's at %d", n.Addr, j)
			}
		}
		if next := i + len(under); next < len(all) && all[next].Kind() > n.Kind() {
			t.Fatalf("%s: walk below stops before its child %s", n.Addr, all[next].Addr)
		}
		tx := n.Text()
		var want Text
		switch n.Kind() {
		case KindDocument:
			d := n.Document
			want = Text{Title: d.Title, Heading: d.TitleLine, Paras: d.Preamble, HasText: d.HasText}
		case KindSection:
			s := n.Section
			want = Text{Title: s.Title, Marker: s.Marker, Heading: s.Heading, Inline: s.Inline, Paras: s.Intro, HasText: s.HasText}
		case KindItem:
			it := n.Item
			want = Text{Title: it.Title, Marker: it.Marker, Heading: it.Heading, Inline: it.Inline, Paras: it.Body, Fragment: it.Fragment, HasText: it.HasText}
		}
		if tx.Title != want.Title || tx.Marker != want.Marker || tx.Heading != want.Heading || tx.Inline != want.Inline ||
			strings.Join(tx.Paras, "\n") != strings.Join(want.Paras, "\n") || tx.Fragment != want.Fragment || tx.HasText != want.HasText {
			t.Errorf("%s: Text() = %+v, want %+v", n.Addr, tx, want)
		}
	}
	if got := (Node{}).Text(); got.Title != "" || got.Paras != nil {
		t.Errorf("compilation node has text %+v", got)
	}
}
