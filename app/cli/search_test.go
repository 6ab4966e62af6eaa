package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func runCLI(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(Options{DataDir: dir, Args: args}, "test", &out, &errb)
	return code, out.String(), errb.String()
}

func TestSearchJSON(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, dir, "search", "--json", "--limit", "3", "舆情")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var resp struct {
		Total   int `json:"total"`
		Results []struct {
			Address   string `json:"address"`
			ID        string `json:"id"`
			Title     string `json:"title"`
			Kind      string `json:"kind"`
			Snippet   string `json:"snippet"`
			Positions []int  `json:"positions"`
			Matches   []struct {
				Part  string `json:"part"`
				Index int    `json:"index"`
				Start int    `json:"start"`
				End   int    `json:"end"`
			} `json:"matches"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if resp.Total <= 3 || len(resp.Results) != 3 {
		t.Fatalf("total %d, %d results; want more than 3 found and 3 shown", resp.Total, len(resp.Results))
	}
	// The first results are titles holding 舆情, in reading order.
	if r := resp.Results[0]; r.Kind != "title" || r.Address != "1.18" || !strings.Contains(r.Title, "舆情") {
		t.Errorf("first result %+v, want the title of 1.18", r)
	}
	for _, r := range resp.Results {
		if r.Address == "" || r.ID == "" || r.Title == "" || len(r.Matches) == 0 {
			t.Errorf("incomplete result %+v", r)
		}
		runes := []rune(r.Snippet)
		var got []rune
		for _, p := range r.Positions {
			if p < 0 || p >= len(runes) {
				t.Fatalf("position %d outside snippet %q", p, r.Snippet)
			}
			got = append(got, runes[p])
		}
		if s := string(got); strings.ReplaceAll(s, "舆情", "") != "" || s == "" {
			t.Errorf("%s: highlighted %q in %q, want 舆情", r.Address, s, r.Snippet)
		}
	}
}

func TestSearchText(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, dir, "search", "5:舆情")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"第 5 篇", "5.10", "健全网络【舆情】处置体系", "〔标题〕", "共 2 条结果"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "第 1 篇") {
		t.Errorf("5: should limit the search to document 5:\n%s", out)
	}

	code, out, _ = runCLI(t, dir, "search", "没有这种内容的查询词")
	if code != 0 || !strings.Contains(out, "没有找到") {
		t.Errorf("no match: exit %d, output %q", code, out)
	}
}

func TestSearchUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"search"},
		{"search", "   "},
		{"search", "--json", "\u3000"},
		{"search", "5:"},
		{"search", "--limit", "0", "舆情"},
		{"search", "--limit", "x", "舆情"},
	} {
		code, out, errs := runCLI(t, dir, args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2 (usage)", args, code)
		}
		if out != "" {
			t.Errorf("%q: printed %q on stdout", args, out)
		}
		if !strings.Contains(errs, "用法") || !hasHan(errs) {
			t.Errorf("%q: stderr %q, want a Chinese usage message", args, errs)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

func TestMark(t *testing.T) {
	for _, tc := range []struct {
		s    string
		pos  []int
		want string
	}{
		{"健全网络舆情处置体系", []int{4, 5}, "健全网络【舆情】处置体系"},
		{"健全网络舆情处置体系", []int{0, 1, 4, 5, 6, 7}, "【健全】网络【舆情处置】体系"},
		{"…abc…", []int{3}, "…ab【c】…"},
		{"舆情", []int{0, 1}, "【舆情】"},
		{"舆情", nil, "舆情"},
	} {
		got := Mark(tc.s, tc.pos, "【", "】")
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("Mark(%q, %v) = %q, want %q", tc.s, tc.pos, got, tc.want)
		}
	}
}
