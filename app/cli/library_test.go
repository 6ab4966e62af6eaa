package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"huibian/app/library"
)

// libraryDir is a data directory with the built-in compilation and two
// genre samples imported (one .docx, one .txt), and their IDs.
func libraryDir(t *testing.T) (dir, zhidu, dangjian string) {
	t.Helper()
	dir = t.TempDir()
	ids := []string{}
	for _, f := range []string{"toc-han.docx", "restart.txt"} {
		code, out, errs := run(t, dir, "import", filepath.Join("..", "parse", "testdata", "genre", f))
		if code != 0 {
			t.Fatalf("import %s: %d %s", f, code, errs)
		}
		i := strings.Index(out, "标识 ")
		ids = append(ids, strings.Fields(out[i+len("标识 "):])[0][:13])
	}
	return dir, ids[0], ids[1]
}

func TestLibraryLsJSON(t *testing.T) {
	dir, zhidu, dangjian := libraryDir(t)
	code, out, errs := run(t, dir, "library", "ls", "--json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var raw struct {
		Compilations []map[string]any `json:"compilations"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
	var top map[string]any
	json.Unmarshal([]byte(out), &top)
	if len(top) != 1 || len(raw.Compilations) != 3 {
		t.Fatalf("JSON %s", out)
	}
	wantKeys := []string{"documents", "id", "imported", "items", "items_with_text", "sections", "source", "title"}
	type row struct {
		id, title, source           string
		docs, secs, items, withText float64
	}
	want := []row{
		{"", "局机关2026年意识形态工作要点材料汇编(9篇)", "", 9, 54, 216, 102},
		{dangjian, "2026年机关党建工作制度汇编", "restart.txt", 3, 5, 11, 11},
		{zhidu, "机关内部管理制度汇编", "toc-han.docx", 3, 7, 12, 12},
	}
	for i, c := range raw.Compilations {
		var keys []string
		for k := range c {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("compilation %d has keys %v, want exactly %v", i, keys, wantKeys)
		}
		w := want[i]
		got := row{c["id"].(string), c["title"].(string), c["source"].(string),
			c["documents"].(float64), c["sections"].(float64), c["items"].(float64), c["items_with_text"].(float64)}
		if w.id == "" {
			w.id, w.source = got.id, got.source // the built-in one's
		}
		if got != w {
			t.Errorf("compilation %d = %+v, want %+v", i, got, w)
		}
		if s, _ := c["imported"].(string); !strings.HasPrefix(s, "20") || !strings.Contains(s, "T") {
			t.Errorf("imported %q is not a time", s)
		}
	}
}

// TestLibraryCommands: --comp chooses the compilation of the reading and
// notes commands; without it they read the one opened last in the
// window, or the built-in one; library ls and rm.
func TestLibraryCommands(t *testing.T) {
	dir, zhidu, dangjian := libraryDir(t)
	builtinTitle := "《局机关2026年意识形态工作要点材料汇编(9篇)》"
	steps := []struct {
		name   string
		args   []string
		code   int
		outHas []string
		errHas []string
		absent string // in stdout
	}{
		{"default is built-in", []string{"toc"}, 0, []string{builtinTitle, "5.10   健全网络舆情处置体系"}, nil, "制度汇编"},
		{"by title", []string{"--comp", "党建", "toc"}, 0, []string{"《2026年机关党建工作制度汇编》", "1.1    学习党的创新理论"}, nil, "意识形态"},
		{"by ID", []string{"--comp", zhidu, "toc"}, 0, []string{"《机关内部管理制度汇编》"}, nil, "党建"},
		{"by ID prefix", []string{"--comp", zhidu[:7], "toc", "--json"}, 0, []string{`"title": "机关内部管理制度汇编"`}, nil, ""},
		{"show", []string{"--comp", "党建", "show", "1.1"}, 0, []string{"机关党支部学习制度", "学习党的创新理论"}, nil, "意识形态"},
		{"dump", []string{"--comp", "党建", "dump"}, 0, []string{"2026年机关党建工作制度汇编\n", "机关党支部谈心谈话制度"}, nil, "意识形态"},
		{"search", []string{"--comp", "党建", "search", "机关党支部"}, 0, []string{"机关党支部学习制度", "条结果"}, nil, "意识形态"},
		{"search elsewhere", []string{"search", "机关党支部"}, 0, []string{"没有找到"}, nil, ""},
		{"ambiguous", []string{"--comp", "制度汇编", "toc"}, 1, nil, []string{"--comp", "符合的汇编不止一部", "制度汇编”符合 2 部", zhidu, dangjian, "《机关内部管理制度汇编》", "《2026年机关党建工作制度汇编》"}, ""},
		{"ambiguous with built-in", []string{"--comp", "机关", "show", "1"}, 1, nil, []string{"符合 3 部", builtinTitle}, ""},
		{"none", []string{"--comp", "财政", "toc"}, 1, nil, []string{"资料库中没有符合的汇编", "财政", "library ls"}, ""},
		{"none, notes", []string{"--comp", "财政", "backup", "ls"}, 1, nil, []string{"资料库中没有符合的汇编"}, ""},
		{"backup ls with --comp", []string{"--comp", "党建", "backup", "ls"}, 0, nil, nil, ""},
		{"bookmark add", []string{"--comp", "党建", "bookmark", "add", "1.2"}, 0, []string{"已添加书签 1.2 “学习党章党规党纪”"}, nil, ""},
		{"bookmark add built-in", []string{"bookmark", "add", "5.6"}, 0, []string{"已添加书签 5.6"}, nil, ""},
		{"bookmark ls comp", []string{"--comp", "党建", "bookmark", "ls"}, 0, []string{"学习党章党规党纪"}, nil, "5.6"},
		{"bookmark ls all", []string{"bookmark", "ls"}, 0, []string{"学习党章党规党纪", "5.6"}, nil, ""},
		{"note add", []string{"--comp", dangjian, "note", "add", "2.1", "谈心要点"}, 0, nil, nil, ""},
		{"note add built-in", []string{"note", "add", "5.6", "内置要点"}, 0, nil, nil, ""},
		{"note ls comp", []string{"--comp", "党建", "note", "ls"}, 0, []string{"谈心要点"}, nil, "内置要点"},
		{"note ls doc", []string{"--comp", "党建", "note", "ls", "--doc", "2"}, 0, []string{"谈心要点"}, nil, ""},
		{"note ls other comp", []string{"--comp", "内部管理", "note", "ls"}, 0, []string{"没有笔记"}, nil, ""},
		{"note ls all", []string{"note", "ls"}, 0, []string{"谈心要点", "内置要点"}, nil, ""},
		{"bookmark rm", []string{"--comp", "党建", "bookmark", "rm", "1.2"}, 0, []string{"已删除书签 1.2"}, nil, ""},
		{"ls", []string{"library", "ls"}, 0, []string{"标识", "有正文", builtinTitle + "（内置）", "《机关内部管理制度汇编》", "toc-han.docx", "restart.txt", "共 3 部汇编", "*  c"}, nil, ""},
		{"rm built-in", []string{"library", "rm", "意识形态"}, 1, nil, []string{"是内置汇编，不能删除"}, ""},
		{"rm ambiguous", []string{"library", "rm", "制度汇编"}, 1, nil, []string{"符合 2 部"}, ""},
		{"rm nothing", []string{"library", "rm"}, 2, nil, []string{"用法：library rm ID"}, ""},
		{"rm", []string{"library", "rm", "党建"}, 0, []string{"已删除《2026年机关党建工作制度汇编》", "笔记和书签仍然保留"}, nil, ""},
		{"removed", []string{"--comp", "党建", "toc"}, 1, nil, []string{"资料库中没有符合的汇编"}, ""},
		{"orphaned note kept", []string{"note", "ls"}, 0, []string{"谈心要点", "原位置已不存在", "内置要点"}, nil, ""},
		{"ls after rm", []string{"library", "ls"}, 0, []string{"共 2 部汇编"}, nil, "党建"},
		{"unknown sub", []string{"library", "frob"}, 2, nil, []string{"library 没有“frob”这个子命令"}, ""},
		{"help", []string{"help"}, 0, []string{"library ls [--json] | rm ID", "--comp"}, nil, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			code, out, errs := run(t, dir, st.args...)
			if code != st.code {
				t.Fatalf("%v: exit %d, want %d; stdout %q, stderr %q", st.args, code, st.code, out, errs)
			}
			for _, s := range st.outHas {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%.800s", s, out)
				}
			}
			for _, s := range st.errHas {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q: %q", s, errs)
				}
			}
			if st.absent != "" && strings.Contains(out, st.absent) {
				t.Errorf("stdout has %q:\n%.800s", st.absent, out)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, library.SourcesDir)); err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(filepath.Join(dir, library.SourcesDir))
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".txt") {
			t.Errorf("the removed compilation's source %s is still kept", f.Name())
		}
	}
}

// Without --comp the commands read the compilation opened last in the
// window; once it is removed, the built-in one again.
func TestDefaultIsLastOpened(t *testing.T) {
	dir, zhidu, _ := libraryDir(t)
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.SetLastOpened(zhidu); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"toc"}, "《机关内部管理制度汇编》"},
		{[]string{"--comp", "意识形态", "toc"}, "《局机关2026年意识形态工作要点材料汇编(9篇)》"},
		{[]string{"library", "ls"}, "*  " + zhidu},
		{[]string{"library", "rm", zhidu}, "已删除"},
		{[]string{"toc"}, "《局机关2026年意识形态工作要点材料汇编(9篇)》"},
	}
	for _, tc := range tests {
		code, out, errs := run(t, dir, tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d, stdout lacks %q:\n%.300s\nstderr %q", tc.args, code, tc.want, out, errs)
		}
	}
}
