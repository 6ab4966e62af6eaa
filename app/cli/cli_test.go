package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the CLI as main does, with its own data directory.
func run(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	o, err := ParseGlobal(append([]string{"--data", dir}, args...), func(string) string { return "" }, &errb)
	if err != nil {
		t.Fatal(err)
	}
	code = Run(o, "test", &out, &errb)
	return code, out.String(), errb.String()
}

func TestInfoJSON(t *testing.T) {
	code, out, errs := run(t, t.TempDir(), "info", "--json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var v struct {
		Compilations []struct {
			ID, Title                                             string
			Documents, Sections, Items, ItemsWithText, Characters int
		} `json:"compilations"`
	}
	// Field names as documented: items_with_text.
	out = strings.ReplaceAll(out, "items_with_text", "itemswithtext")
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
	if len(v.Compilations) != 1 {
		t.Fatalf("compilations %+v", v.Compilations)
	}
	c := v.Compilations[0]
	if c.Documents != 9 || c.Sections != 54 || c.Items != 216 || c.ItemsWithText != 102 || c.Characters < 40000 || c.ID == "" {
		t.Errorf("info %+v", c)
	}
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bin.dat")
	os.WriteFile(bad, []byte{0, 1, 2, 3, 0, 0, 0xff}, 0o600)
	tests := []struct {
		args      []string
		code      int
		outHas    []string
		errHas    string
		outAbsent string
	}{
		{[]string{"show", "5.6"}, 0, []string{"检察院2026年意识形态工作要点 › 二、阵地固防筑屏障", "6.规范内部宣传阵地建设", "加强机关内部宣传阵地管理"}, "", ""},
		{[]string{"show", "5/2"}, 0, []string{"二、阵地固防筑屏障,规范意识形态管理", "5.打造新媒体阵地管控矩阵", "8.构建外部协作宣传机制", "〔原文在此处中断：本条只存开头“7”，其后正文缺失〕"}, "", ""},
		{[]string{"show", "2"}, 0, []string{"市委政研室2026年意识形态工作要点", "2026年是实施“十五五”规划的开局之年", "24.强化“督查考核”制度体系"}, "", ""},
		{[]string{"show", "７.３"}, 0, []string{"市委社会工作部2026年意识形态工作要点 › 一、思想引领固本", "3.强化价值引领", "本汇编未收录"}, "", ""},
		{[]string{"show", "5.7"}, 0, []string{"7.强化办案场所意识形态引领", "原文在此处中断"}, "", ""},
		{[]string{"show", "9.25"}, 1, nil, "第 9 篇没有第 25 条", ""},
		{[]string{"show", "abc"}, 1, nil, "地址“abc”无效", ""},
		{[]string{"show"}, 2, nil, "show 需要一个地址", ""},
		{[]string{"toc"}, 0, []string{"5.10   健全网络舆情处置体系", "〔正文不完整〕", "〔无正文〕"}, "", ""},
		{[]string{"frobnicate"}, 2, nil, "没有“frobnicate”这个命令", ""},
		{[]string{"import", bad}, 1, nil, bad, ""},
		{[]string{"import", filepath.Join(dir, "nope.txt")}, 1, nil, "无法打开文件", ""},
		{[]string{"help"}, 0, []string{"info", "toc", "show", "dump", "import"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := run(t, dir, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errs)
			}
			for _, s := range tt.outHas {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%.500s", s, out)
				}
			}
			if tt.errHas != "" && !strings.Contains(errs, tt.errHas) {
				t.Errorf("stderr %q lacks %q", errs, tt.errHas)
			}
			if tt.errHas == "" && errs != "" {
				t.Errorf("unexpected stderr %q", errs)
			}
			if tt.outAbsent != "" && strings.Contains(out, tt.outAbsent) {
				t.Errorf("stdout has %q", tt.outAbsent)
			}
		})
	}
}

// dump prints every line of the full text, in order.
func TestDumpHasTheFullText(t *testing.T) {
	code, out, _ := run(t, t.TempDir(), "dump")
	if code != 0 {
		t.Fatal(code)
	}
	src, _ := os.ReadFile("../../assets/compilation.txt")
	lines := strings.Split(string(src), "\n")
	// From document 1's title (the second time it appears) to the end.
	start := 0
	for i, l := range lines {
		if strings.TrimSpace(l) == "市委组织部2026年意识形态工作要点" {
			start = i
		}
	}
	pos := 0
	for _, l := range lines[start:] {
		l = strings.TrimSpace(l)
		if l == "" || l == "7" {
			continue
		}
		i := strings.Index(out[pos:], l)
		if i < 0 {
			t.Fatalf("dump lacks (or reorders) %.40q", l)
		}
		pos += i + len(l)
	}
}

func TestDataDirFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	o, err := ParseGlobal([]string{"info"}, func(k string) string {
		if k == "HUIBIAN_DATA" {
			return dir
		}
		return ""
	}, os.Stderr)
	if err != nil || o.DataDir != dir || o.Args[0] != "info" {
		t.Fatalf("%+v %v", o, err)
	}
	o, _ = ParseGlobal([]string{"--data", "/x", "info"}, func(string) string { return dir }, os.Stderr)
	if o.DataDir != "/x" {
		t.Errorf("--data should win over HUIBIAN_DATA: %q", o.DataDir)
	}
}
