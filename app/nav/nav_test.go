package nav

import (
	"strings"
	"testing"

	"huibian/app/internal/testcorpus"
	"huibian/app/model"
)

func addr(t *testing.T, s string) model.Address {
	t.Helper()
	if s == "" {
		return model.Address{}
	}
	a, err := model.ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestNextPrev(t *testing.T) {
	c := testcorpus.Seed(t)
	tests := []struct {
		from, next, prev string // "" = none
	}{
		{from: "1.1", next: "1.2", prev: ""},
		{from: "1.4", next: "1.5", prev: "1.3"},   // crosses a section boundary
		{from: "1.24", next: "2.1", prev: "1.23"}, // crosses a document boundary
		{from: "2.1", next: "2.2", prev: "1.24"},
		{from: "1/2", next: "1.5", prev: "1.4"}, // section: its first item / the item before it
		{from: "2", next: "2.1", prev: "1.24"},  // document
		{from: "", next: "1.1", prev: ""},       // compilation
		{from: "9.24", next: "", prev: "9.23"},
		{from: "5.7", next: "5.8", prev: "5.6"},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			n, ok := Next(c, addr(t, tt.from))
			if got := map[bool]string{true: model.Address{Doc: n.Addr.Doc, Item: n.Addr.Item}.String()}[ok]; got != tt.next {
				t.Errorf("Next(%q) = %q, want %q", tt.from, got, tt.next)
			}
			p, ok := Prev(c, addr(t, tt.from))
			if got := map[bool]string{true: model.Address{Doc: p.Addr.Doc, Item: p.Addr.Item}.String()}[ok]; got != tt.prev {
				t.Errorf("Prev(%q) = %q, want %q", tt.from, got, tt.prev)
			}
		})
	}
}

func TestHistory(t *testing.T) {
	a1, a2, a3 := model.Address{Doc: 1}, model.Address{Doc: 1, Item: 2}, model.Address{Doc: 3, Section: 1}
	var h History
	if h.CanBack() || h.CanForward() {
		t.Fatal("empty history can move")
	}
	h.Visit(a1)
	h.Visit(a2)
	h.Visit(model.Address{Doc: 1, Section: 1, Item: 2}) // same node as a2
	if h.Len() != 2 {
		t.Fatalf("Len = %d, want 2 (revisiting the current node adds nothing)", h.Len())
	}
	h.Visit(a3)
	steps := []struct {
		op     string
		want   model.Address
		wantOK bool
	}{
		{"back", a2, true},
		{"back", a1, true},
		{"back", model.Address{}, false},
		{"forward", a2, true},
		{"forward", a3, true},
		{"forward", model.Address{}, false},
		{"back", a2, true},
	}
	for i, s := range steps {
		var got model.Address
		var ok bool
		if s.op == "back" {
			got, ok = h.Back()
		} else {
			got, ok = h.Forward()
		}
		if ok != s.wantOK || got != s.want {
			t.Fatalf("step %d %s = %v,%v; want %v,%v", i, s.op, got, ok, s.want, s.wantOK)
		}
	}
	// Visiting from the middle drops the forward entries.
	h.Visit(model.Address{Doc: 9})
	if h.CanForward() {
		t.Error("forward entries survived a visit")
	}
	if cur, _ := h.Current(); cur != (model.Address{Doc: 9}) {
		t.Errorf("Current = %v", cur)
	}
	for i := 0; i < 3*maxHistory; i++ {
		h.Visit(model.Address{Doc: 1 + i%2})
	}
	if h.Len() != maxHistory {
		t.Errorf("Len = %d, want the cap %d", h.Len(), maxHistory)
	}
}

func texts(ps []Paragraph) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

func TestParagraphs(t *testing.T) {
	c := testcorpus.Seed(t)
	tests := []struct {
		addr      string
		wantFirst []string // leading paragraph texts
		contains  []string // texts that must appear somewhere
		absent    []string
	}{
		{addr: "1.1", wantFirst: []string{"市委组织部2026年意识形态工作要点 › 一、锚定政治引领根本,夯实理论武装根基", "1.构建分层分类研学体系"}},
		{addr: "1/1", wantFirst: []string{"市委组织部2026年意识形态工作要点", "一、锚定政治引领根本,夯实理论武装根基"},
			contains: []string{"1.构建分层分类研学体系", "4.推动学用结合深度融合"}, absent: []string{"5.压实分级管控责任链条"}},
		{addr: "1", wantFirst: []string{"市委组织部2026年意识形态工作要点"},
			contains: []string{"一、锚定政治引领根本,夯实理论武装根基", "24.强化工作保障支撑", "六、锤炼过硬骨干队伍,强化工作支撑保障"}},
		{addr: "5", contains: []string{"本篇正文不完整：原文在第 7 条处中断，其后各条仅有提纲标题。", "原文在此处中断：本条只存开头“7”，其后正文缺失。"},
			absent: []string{MsgNoText}},
		{addr: "5.7", contains: []string{"原文在此处中断：本条只存开头“7”，其后正文缺失。", "7.强化办案场所意识形态引领"}},
		{addr: "5.9", contains: []string{"本汇编未收录此部分正文（原文在第 7 条处中断）。"}},
		{addr: "6", contains: []string{"法院2026年意识形态工作要点", MsgNoDocText, "一、深刻把握极端重要性"}},
		{addr: "6.1", contains: []string{MsgNoText}},
		{addr: "", wantFirst: []string{c.Title}, contains: []string{"9  中级人民法院2026年意识形态工作要点"}},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			n, err := c.Resolve(addr(t, tt.addr))
			if err != nil {
				t.Fatal(err)
			}
			ps := Paragraphs(c, n)
			got := texts(ps)
			for i, w := range tt.wantFirst {
				if i >= len(got) || got[i] != w {
					t.Fatalf("paragraph %d = %q, want %q", i, got[min(i, len(got)-1)], w)
				}
			}
			joined := "\n" + strings.Join(got, "\n") + "\n"
			for _, w := range tt.contains {
				if !strings.Contains(joined, "\n"+w+"\n") {
					t.Errorf("no paragraph %q", w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(joined, "\n"+w+"\n") {
					t.Errorf("unexpected paragraph %q", w)
				}
			}
		})
	}
}

func TestParagraphParts(t *testing.T) {
	c := testcorpus.Seed(t)
	n, _ := c.Resolve(model.Address{Doc: 1})
	ps := Paragraphs(c, n)
	// Every item's body paragraphs must be numbered 1..len(Body) after its heading (0),
	// so highlights anchored by (node, part) land on the same text in every view.
	for _, p := range ps {
		if p.Part < 0 {
			continue
		}
		nn, err := c.Resolve(p.Addr)
		if err != nil {
			t.Fatal(err)
		}
		if p.NodeID != nn.ID(c.ID) {
			t.Fatalf("paragraph %q has node %q, want %q", p.Text, p.NodeID, nn.ID(c.ID))
		}
		var want string
		switch nn.Kind() {
		case model.KindItem:
			want = ItemHeading(nn.Item)
			if p.Part > 0 {
				want = nn.Item.Body[p.Part-1]
			}
		case model.KindSection:
			want = SectionHeading(nn.Section)
			if p.Part > 0 {
				want = nn.Section.Intro[p.Part-1]
			}
		case model.KindDocument:
			want = nn.Document.Title
			if p.Part > 0 {
				want = nn.Document.Preamble[p.Part-1]
			}
		}
		if p.Text != want {
			t.Fatalf("part %d of %s = %q, want %q", p.Part, p.NodeID, p.Text, want)
		}
	}
	item, _ := c.Resolve(model.Address{Doc: 1, Item: 3})
	var inDoc, alone []Paragraph
	for _, p := range ps {
		if p.NodeID == item.ID(c.ID) {
			inDoc = append(inDoc, p)
		}
	}
	for _, p := range Paragraphs(c, item) {
		if p.NodeID == item.ID(c.ID) {
			alone = append(alone, p)
		}
	}
	if len(inDoc) != len(alone) || len(alone) != len(item.Item.Body)+1 {
		t.Fatalf("item 1.3: %d paragraphs in the document view, %d alone, body %d", len(inDoc), len(alone), len(item.Item.Body))
	}
}

func TestTreeLabel(t *testing.T) {
	c := testcorpus.Seed(t)
	tests := map[string]string{
		"1":   "1 市委组织部",
		"1/1": "一 锚定政治引领根本",
		"1.1": "1.1 构建分层分类研学体系",
		"5/3": "三 风险清源守底线",
		"":    c.Title,
	}
	for a, want := range tests {
		n, err := c.Resolve(addr(t, a))
		if err != nil {
			t.Fatal(err)
		}
		if got := TreeLabel(c, n); got != want {
			t.Errorf("TreeLabel(%q) = %q, want %q", a, got, want)
		}
	}
}

func TestHanNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 6: "六", 10: "十", 12: "十二", 20: "二十", 23: "二十三"} {
		if got := HanNumeral(n); got != want {
			t.Errorf("HanNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}
