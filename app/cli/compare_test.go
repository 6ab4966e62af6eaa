package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/app/parse"
	"huibian/assets"
)

type compareJSON struct {
	Address string `json:"address"`
	Kind    string `json:"kind"`
	Matches []struct {
		Document int      `json:"document"`
		Address  string   `json:"address"`
		Title    string   `json:"title"`
		Score    float64  `json:"score"`
		Terms    []string `json:"terms"`
		HasText  bool     `json:"has_text"`
	} `json:"matches"`
}

func TestCompareJSON(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		addr, kind string
		all        bool
		best       map[int]string // document → expected best match
	}{
		{"1/3", "section", false, map[int]string{2: "2/3", 4: "4/2", 5: "5/2", 6: "6/3", 7: "7/2", 9: "9/2"}},
		{"1/6", "section", false, map[int]string{2: "2/5", 4: "4/4", 5: "5/5", 7: "7/4"}},
		{"4/2", "section", true, map[int]string{1: "1/3"}},
		{"2.11", "item", false, nil},
	}
	for _, tc := range tests {
		args := []string{"compare", "--json", tc.addr}
		if tc.all {
			args = []string{"compare", "--json", "--all", tc.addr}
		}
		code, out, errs := run(t, dir, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s", args, code, errs)
		}
		var v compareJSON
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if v.Address != tc.addr || v.Kind != tc.kind {
			t.Errorf("%v: address %q kind %q", args, v.Address, v.Kind)
		}
		src := strings.FieldsFunc(tc.addr, func(r rune) bool { return r == '/' || r == '.' })[0]
		prev, perDoc := 0, map[int]int{}
		for _, m := range v.Matches {
			if src == strings.FieldsFunc(m.Address, func(r rune) bool { return r == '/' || r == '.' })[0] {
				t.Errorf("%v: %s matches its own document", args, m.Address)
			}
			if m.Document < prev {
				t.Errorf("%v: matches not in document order", args)
			}
			prev = m.Document
			perDoc[m.Document]++
			if m.Title == "" || m.Score <= 0 || len(m.Terms) == 0 {
				t.Errorf("%v: %+v lacks a title, score or terms", args, m)
			}
			if want, ok := tc.best[m.Document]; ok && perDoc[m.Document] == 1 && m.Address != want {
				t.Errorf("%v: best in document %d is %s, want %s", args, m.Document, m.Address, want)
			}
		}
		if len(perDoc) != 8 {
			t.Errorf("%v: matches in %d documents, want 8", args, len(perDoc))
		}
		for d, n := range perDoc {
			if (tc.all && n < 2) || (!tc.all && n != 1) {
				t.Errorf("%v: %d matches in document %d", args, n, d)
			}
		}
	}
	// Outline-only documents (6–9 of the seed) say so.
	_, out, _ := run(t, dir, "compare", "--json", "1/3")
	if !strings.Contains(out, `"has_text": false`) || !strings.Contains(out, `"has_text": true`) {
		t.Errorf("has_text not reported for outline-only and full-text matches:\n%s", out)
	}
}

func TestCompareText(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, dir, "compare", "1/3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"对照阅读：1/3", "第 4 篇", "4/2", "共同词：", "相关度", "（仅提纲）"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare 1/3 lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range [][]string{{"compare"}, {"compare", "3"}, {"compare", "1/3", "2/3"}} {
		if code, _, errs := run(t, dir, bad...); code != 2 || !strings.Contains(errs, "compare") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", bad, code, errs)
		}
	}
	if code, _, errs := run(t, dir, "compare", "12/1"); code != 1 || errs == "" {
		t.Errorf("compare 12/1: exit %d, stderr %q", code, errs)
	}
}

// The same answer across runs and after a re-import of the same text with
// other line ends.
func TestCompareStableAcrossReimport(t *testing.T) {
	dir := t.TempDir()
	cmds := [][]string{{"compare", "--json", "--all", "1/3"}, {"compare", "--json", "6.13"}, {"themes", "--json"}}
	want := map[int]string{}
	for i, c := range cmds {
		_, want[i], _ = run(t, dir, c...)
		if _, again, _ := run(t, dir, c...); again != want[i] {
			t.Fatalf("%v differs between runs", c)
		}
	}
	f := filepath.Join(t.TempDir(), "again.txt")
	if err := os.WriteFile(f, bytes.ReplaceAll(assets.Compilation, []byte("\n"), []byte("\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, dir, "import", f); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	for i, c := range cmds {
		if _, got, _ := run(t, dir, c...); got != want[i] {
			t.Errorf("%v differs after a re-import", c)
		}
	}
}

func TestThemesJSON(t *testing.T) {
	code, out, errs := run(t, t.TempDir(), "themes", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Themes []struct {
			Label string   `json:"label"`
			Terms []string `json:"terms"`
			Cells []struct {
				Document  int      `json:"document"`
				Addresses []string `json:"addresses"`
			} `json:"cells"`
		} `json:"themes"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Themes) < 5 {
		t.Fatalf("%d themes", len(v.Themes))
	}
	found := false
	for _, th := range v.Themes {
		if th.Label != strings.Join(th.Terms, " · ") || len(th.Cells) != 9 {
			t.Errorf("theme %q: terms %v, %d cells", th.Label, th.Terms, len(th.Cells))
		}
		for _, c := range th.Cells {
			if c.Addresses == nil {
				t.Errorf("theme %q: document %d has null addresses, want []", th.Label, c.Document)
			}
			for _, a := range c.Addresses {
				if a == "1/3" {
					found = true
					if !strings.Contains(th.Label, "阵地") {
						t.Errorf("1/3 is in theme %q, want a 阵地 theme", th.Label)
					}
				}
			}
		}
	}
	if !found {
		t.Error("1/3 in no theme")
	}
	code, out, _ = run(t, t.TempDir(), "themes")
	if code != 0 || !strings.Contains(out, "未涉及") || !strings.Contains(out, "专题 1：") {
		t.Errorf("themes: exit %d\n%s", code, out)
	}
}

func TestCompareOneDocument(t *testing.T) {
	res, err := parse.Parse("one.txt", []byte("一份计划\n一、加强阵地管理\n1.管好网络阵地\n2.规范内部阵地\n二、建强队伍\n3.培训骨干队伍\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Compilation
	var b bytes.Buffer
	if err := writeCompare(&b, c, "1/1", false, true); err != nil {
		t.Fatal(err)
	}
	var v compareJSON
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || v.Matches == nil || len(v.Matches) != 0 {
		t.Errorf("one document: %v, %s; want \"matches\": []", err, b.String())
	}
	b.Reset()
	if err := writeThemes(&b, c, true); err != nil || !strings.Contains(b.String(), `"themes": []`) {
		t.Errorf("one document themes: %v, %s", err, b.String())
	}
	b.Reset()
	if err := writeCompare(&b, c, "1.3", false, false); err != nil || !strings.Contains(b.String(), "没有其他文件") {
		t.Errorf("one document text: %v, %s", err, b.String())
	}
}
