package notes

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestExportMarkdown(t *testing.T) {
	e := newEnv(t)
	e.svc.now = fixedClock()
	e.addNote("5.6", "宣传栏每月检查一次。", "", Blue)
	e.addNote("1.1", "四维架构值得借鉴。\n第二段。", "搭建“领导领学、支部研学、干部自学、实践践学”四维学习架构", Yellow)
	e.addNote("1", "整篇印象", "", Pink)
	if _, err := e.svc.AddBookmark(e.c, e.node("1.1"), "研学"); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := e.svc.ExportMarkdown(&b, time.UTC); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	// These must appear, in this order.
	want := []string{
		"# 汇编阅读器笔记与书签",
		"共 3 条笔记，1 个书签",
		"## 《" + e.c.Title + "》",
		"### 1. " + e.node("1").Title(),
		"关于本篇（1）：",
		"整篇印象",
		"*粉色笔记 · 2026-03-01 09:00 · 编号 ",
		"#### " + e.node("1/1").Section.Marker + e.node("1/1").Section.Heading,
		"##### 1. " + e.node("1.1").Title() + "（1.1）",
		"- 书签：研学",
		"> 搭建“领导领学、支部研学、干部自学、实践践学”四维学习架构",
		"四维架构值得借鉴。\n第二段。",
		"*黄色笔记",
		"### 5. " + e.node("5").Title(),
		"##### 6. " + e.node("5.6").Title() + "（5.6）",
		"宣传栏每月检查一次。",
		"*蓝色笔记",
	}
	rest := md
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("markdown lacks %q (or it is out of order):\n%s", w, md)
		}
		rest = rest[i+len(w):]
	}
	if strings.Contains(md, "原位置已不存在") {
		t.Error("no orphans expected")
	}
}

func TestExportImportJSON(t *testing.T) {
	src := newEnv(t)
	src.svc.now = fixedClock()
	src.addNote("1.1", "第一条 😀", "四维学习架构", Yellow)
	n2 := src.addNote("2.3", "第二条", "", Green)
	src.addNote("9.24", "第三条", "", Purple)
	if _, err := src.svc.AddBookmark(src.c, src.node("3.1"), "书签一"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.svc.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var head struct {
		Format  string            `json:"format"`
		Version int               `json:"version"`
		Notes   []json.RawMessage `json:"notes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &head); err != nil || head.Format != "huibian-notes" || head.Version != 1 || len(head.Notes) != 3 {
		t.Fatalf("export header: %+v %v", head, err)
	}
	export1 := append([]byte(nil), buf.Bytes()...)

	dst := newEnv(t)
	rep, err := dst.svc.ImportJSON(export1)
	if err != nil || rep.Added != 4 || rep.Updated != 0 || rep.Skipped != 0 {
		t.Fatalf("first import: %+v %v", rep, err)
	}
	if rep.String() != "新增 4 条，更新 0 条，跳过 0 条" {
		t.Errorf("report: %s", rep)
	}
	for _, n := range src.svc.Notes(Filter{}) {
		got, err := dst.svc.Note(n.ID)
		if err != nil || got != n {
			t.Errorf("imported note %s = %+v, %v; want %+v", n.ID, got, err, n)
		}
	}
	// Again: nothing new.
	rep, err = dst.svc.ImportJSON(export1)
	if err != nil || rep.Added != 0 || rep.Updated != 0 || rep.Skipped != 4 {
		t.Fatalf("second import: %+v %v", rep, err)
	}
	// The source edits one note and adds one; the destination merges.
	text := "第二条(改)"
	if _, err := src.svc.EditNote(n2.ID, NoteEdit{Text: &text}); err != nil {
		t.Fatal(err)
	}
	src.addNote("4.1", "新的一条", "", Blue)
	buf.Reset()
	if err := src.svc.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "笔记.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err = dst.svc.ImportJSONFile(path)
	if err != nil || rep.Added != 1 || rep.Updated != 1 || rep.Skipped != 3 {
		t.Fatalf("merge: %+v %v", rep, err)
	}
	// An older copy never overwrites a newer one.
	rep, err = dst.svc.ImportJSON(export1)
	if err != nil || rep.Updated != 0 {
		t.Fatalf("old export: %+v %v", rep, err)
	}
	if got, _ := dst.svc.Note(n2.ID); got.Text != text {
		t.Errorf("older import overwrote a newer note: %q", got.Text)
	}
	// A copy of a note under another ID is a duplicate.
	var ex Export
	if err := json.Unmarshal(export1, &ex); err != nil {
		t.Fatal(err)
	}
	ex.Notes[0].ID = "otherid123"
	dup, _ := json.Marshal(ex)
	rep, err = dst.svc.ImportJSON(dup)
	if err != nil || rep.Added != 0 {
		t.Errorf("duplicate under a new ID: %+v %v", rep, err)
	}
	dst.reopen()
	if dst.svc.NoteCount() != 4 || len(dst.svc.Bookmarks(ByTime)) != 1 {
		t.Errorf("after reopen: %d notes, %d bookmarks", dst.svc.NoteCount(), len(dst.svc.Bookmarks(ByTime)))
	}
}

func TestImportInvalid(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	good := `{"format":"huibian-notes","version":1,"notes":[
		{"id":"abc","node_id":"c50d52a54a8f3:1.1","text":"好","color":"绿","created":"2026-01-01T00:00:00Z"},
		{"id":"bad1","node_id":"c50d52a54a8f3:1.1","text":"好","color":"red","created":"2026-01-01T00:00:00Z"},
		{"id":"","node_id":"c50d52a54a8f3:1.1","text":"好","created":"2026-01-01T00:00:00Z"},
		{"id":"bad3","node_id":"x","text":"好","created":"2026-01-01T00:00:00Z"}
	],"bookmarks":[]}`
	tests := []struct {
		name, content string
		err           string
	}{
		{"missing file", "", "读取导入文件"},
		{"not JSON", "这不是 JSON", "不是有效的 JSON 笔记文件"},
		{"other JSON", `{"notes":[]}`, "不是汇编阅读器导出的笔记文件"},
		{"newer version", `{"format":"huibian-notes","version":2}`, "版本 2 不受支持"},
		{"partly bad", good, ""},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name+".json")
		if tt.content != "" {
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := e.svc.ImportJSONFile(path)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), path) {
				t.Errorf("%s: %v, want %q naming the file", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || rep.Added != 1 || rep.Skipped != 3 || len(rep.Problems) != 3 {
			t.Errorf("%s: %+v %v", tt.name, rep, err)
		}
		if n, err := e.svc.Note("abc"); err != nil || n.Color != Green || n.Address != "1.1" {
			t.Errorf("imported note: %+v %v", n, err)
		}
	}
}
