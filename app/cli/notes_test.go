package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/app/notes"
)

// notesCLI runs one command in dir.
func notesCLI(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(Options{DataDir: dir, Args: args}, "test", &out, &errb)
	return code, out.String(), errb.String()
}

func TestNoteCommands(t *testing.T) {
	dir := t.TempDir()
	// note add prints only the new ID.
	code, out, errs := notesCLI(t, dir, "note", "add", "1.1", "四维学习架构值得借鉴", "--quote", "四维学习架构", "--color", "蓝")
	if code != 0 || errs != "" {
		t.Fatalf("note add: %d %q", code, errs)
	}
	id := strings.TrimSpace(out)
	if len(id) != 10 || strings.ContainsAny(id, " \n") {
		t.Fatalf("note add printed %q, want an ID", out)
	}
	for _, args := range [][]string{
		{"note", "add", "2.3", "第二条", "--color", "green"},
		{"note", "add", "５．６", "全角地址", "--color", "紫色"},
		{"note", "add", "9", "整篇"},
	} {
		if code, _, errs := notesCLI(t, dir, args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	if code, out, _ := notesCLI(t, dir, "note", "edit", id, "改过的笔记"); code != 0 || !strings.Contains(out, "已修改笔记 "+id) {
		t.Fatalf("note edit: %d %s", code, out)
	}

	code, out, _ = notesCLI(t, dir, "note", "ls", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var ls struct {
		Notes []struct {
			ID, Address, Text, Quote, Color string
			ColorName                       string `json:"color_name"`
			Orphaned                        bool
		} `json:"notes"`
	}
	if err := json.Unmarshal([]byte(out), &ls); err != nil {
		t.Fatalf("note ls --json: %v\n%s", err, out)
	}
	var got []string
	for _, n := range ls.Notes {
		got = append(got, n.Address+"/"+n.Color+"/"+n.ColorName+"/"+n.Text)
	}
	want := "1.1/blue/蓝/改过的笔记 2.3/green/绿/第二条 5.6/purple/紫/全角地址 9/yellow/黄/整篇"
	if strings.Join(got, " ") != want {
		t.Errorf("note ls --json = %v, want %s", got, want)
	}
	if ls.Notes[0].ID != id || ls.Notes[0].Quote != "四维学习架构" {
		t.Errorf("first note: %+v", ls.Notes[0])
	}

	code, out, _ = notesCLI(t, dir, "note", "ls")
	if code != 0 || !strings.Contains(out, id+"  1.1    蓝  构建分层分类研学体系") || !strings.Contains(out, "  引文：四维学习架构") {
		t.Errorf("note ls:\n%s", out)
	}
	if code, out, _ = notesCLI(t, dir, "note", "ls", "--color", "绿"); code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "第二条") {
		t.Errorf("note ls --color 绿：\n%s", out)
	}

	if code, out, _ := notesCLI(t, dir, "note", "rm", id); code != 0 || !strings.Contains(out, "已删除笔记") {
		t.Fatalf("note rm: %d %s", code, out)
	}
	_, out, _ = notesCLI(t, dir, "note", "ls", "--json")
	if strings.Contains(out, id) {
		t.Error("removed note still listed")
	}
}

func TestBookmarkCommands(t *testing.T) {
	dir := t.TempDir()
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"bookmark", "add", "5.6"}, "已添加书签 5.6 “规范内部宣传阵地建设”"},
		{[]string{"bookmark", "add", "1/2", "--name", "责任闭环"}, "已添加书签 1/2 “责任闭环”"},
		{[]string{"bookmark", "add", "3"}, "已添加书签 3"},
		{[]string{"bookmark", "rm", "3"}, "已删除书签 3"},
		{[]string{"bookmark", "ls"}, "1/2      责任闭环（聚焦责任闭环落实）\n5.6      规范内部宣传阵地建设\n"},
	}
	for _, s := range steps {
		code, out, errs := notesCLI(t, dir, s.args...)
		if code != 0 || !strings.Contains(out, s.want) {
			t.Errorf("%v: %d %q %q, want %q", s.args, code, out, errs, s.want)
		}
	}
	code, out, _ := notesCLI(t, dir, "bookmark", "ls", "--json")
	var ls struct {
		Bookmarks []notes.Bookmark `json:"bookmarks"`
	}
	if err := json.Unmarshal([]byte(out), &ls); code != 0 || err != nil || len(ls.Bookmarks) != 2 || ls.Bookmarks[0].Address != "1/2" {
		t.Errorf("bookmark ls --json: %v %s", err, out)
	}
}

func TestNotesCLIErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"note", "add", "10.1", "x"}, 1, "没有第 10 篇"},
		{[]string{"note", "add", "abc", "x"}, 1, "地址“abc”无效"},
		{[]string{"note", "add", "1.1", "x", "--color", "red"}, 1, "颜色“red”无效"},
		{[]string{"note", "add", "1.1", "x", "--color", "橙"}, 1, "应为 黄、绿、蓝、粉、紫"},
		{[]string{"note", "add", "1.1", strings.Repeat("长", notes.MaxTextLen+1)}, 1, "笔记太长"},
		{[]string{"note", "add", "1.1"}, 2, "用法：note add ADDR TEXT"},
		{[]string{"note", "edit", "nosuch", "x"}, 1, "没有编号为“nosuch”的笔记"},
		{[]string{"note", "rm", "nosuch"}, 1, "没有编号为“nosuch”的笔记"},
		{[]string{"note", "frob"}, 2, "note 没有“frob”这个子命令"},
		{[]string{"bookmark", "rm", "1.1"}, 1, "1.1 没有书签"},
		{[]string{"bookmark", "rm", "9.99"}, 1, "第 9 篇没有第 99 条"},
		{[]string{"bookmark"}, 2, "bookmark 需要子命令"},
		{[]string{"export", "--format", "pdf"}, 2, "格式“pdf”无效"},
		{[]string{"import-notes", filepath.Join(dir, "无此文件.json")}, 1, "无此文件.json"},
		{[]string{"import-notes"}, 2, "import-notes 需要一个 JSON 文件路径"},
	}
	for _, tt := range tests {
		code, out, errs := notesCLI(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.err) || out != "" {
			t.Errorf("%.60v: code %d, stderr %q, stdout %q; want %d %q", tt.args, code, errs, out, tt.code, tt.err)
		}
		if !hasHanText(errs) {
			t.Errorf("%.60v: error not in Chinese: %q", tt.args, errs)
		}
	}
}

func hasHanText(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

func TestExportImportCommands(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	notesCLI(t, src, "note", "add", "1.1", "第一条", "--quote", "四维学习架构")
	notesCLI(t, src, "note", "add", "5.6", "第二条", "--color", "粉")
	notesCLI(t, src, "bookmark", "add", "2.1")

	code, md, _ := notesCLI(t, src, "export", "--format", "md")
	if code != 0 || !strings.Contains(md, "> 四维学习架构") || !strings.Contains(md, "### 5. 检察院2026年意识形态工作要点") {
		t.Errorf("export md:\n%s", md)
	}
	file := filepath.Join(t.TempDir(), "笔记.json")
	code, out, errs := notesCLI(t, src, "export", "--format", "json", "-o", file)
	if code != 0 || !strings.Contains(out, "已导出 2 条笔记、1 个书签到 "+file) {
		t.Fatalf("export json: %d %s %s", code, out, errs)
	}
	code, out, _ = notesCLI(t, dst, "import-notes", file)
	if code != 0 || !strings.Contains(out, "新增 3 条，更新 0 条，跳过 0 条") {
		t.Fatalf("import: %d %s", code, out)
	}
	// Again: everything is skipped, which is a failure a script must see.
	code, out, errs = notesCLI(t, dst, "import-notes", file)
	if code != 1 || !strings.Contains(out, "新增 0 条，更新 0 条，跳过 3 条") || !strings.Contains(errs, "全部跳过") {
		t.Fatalf("import again: %d %s %s", code, out, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format":"other"}`), 0o600)
	code, _, errs = notesCLI(t, dst, "import-notes", bad)
	if code != 1 || !strings.Contains(errs, "不是汇编阅读器导出的笔记文件") || !strings.Contains(errs, bad) {
		t.Errorf("bad import: %d %s", code, errs)
	}
}

// TestSecondInstanceCLI checks that a command run while the window (here:
// an open service) holds the user-data file fails at once with a clear
// message instead of hanging.
func TestSecondInstanceCLI(t *testing.T) {
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := notes.Open(dir, lib, notes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close() // the library is free; only userdata.db stays locked
	defer svc.Close()
	start := time.Now()
	code, _, errs := notesCLI(t, dir, "note", "add", "1.1", "x")
	if code != 1 || !strings.Contains(errs, "另一个汇编阅读器进程打开") || !strings.Contains(errs, notes.FileName) {
		t.Errorf("second instance: %d %q", code, errs)
	}
	// The CLI waits storage's one-second default for the lock, then gives
	// up: well under two seconds, never bbolt's endless wait.
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second instance took %v, want about the one-second lock timeout", d)
	}
}
