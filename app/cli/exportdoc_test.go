package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/app/docx"
	"huibian/app/nav"
	"huibian/app/parse"
)

func TestExportDoc(t *testing.T) {
	dir := t.TempDir()
	out := t.TempDir()
	tests := []struct {
		args   []string
		code   int
		file   string // written file, read back
		has    []string
		errHas string
	}{
		{[]string{"export-doc", "5.6"}, 0, "", []string{"# 6.规范内部宣传阵地建设", "加强机关内部宣传阵地管理"}, ""},
		{[]string{"export-doc", "-o", filepath.Join(out, "d1.docx"), "1"}, 0, "d1.docx", []string{"市委组织部2026年意识形态工作要点\n", "1.构建分层分类研学体系\n"}, ""},
		{[]string{"export-doc", "--format", "md", "-o", filepath.Join(out, "d7.md"), "7"}, 0, "d7.md", []string{"# 市委社会工作部2026年意识形态工作要点", "〔" + strings.TrimSuffix(nav.MsgNoDocText, "。") + "〕"}, ""},
		{[]string{"export-compare", "-o", filepath.Join(out, "c.docx"), "1/3"}, 0, "c.docx", []string{"部门\t地址\t标题\t相关度\t共同词\n", "市委组织部（本篇）\t1/3\t"}, ""},
		{[]string{"export-compare", "--no-text", "2.11"}, 0, "", []string{"| 部门 | 地址 | 标题 | 相关度 | 共同词 |", "| 市委政研室（本篇） | 2.11 |"}, ""},
		{[]string{"themes", "--export", "docx", "-o", filepath.Join(out, "m.docx")}, 0, "m.docx", []string{"专题\t市委组织部\t市委政研室\t", "未涉及"}, ""},
		{[]string{"themes", "--export", "md"}, 0, "", []string{"# 专题矩阵：", "| 专题 | 市委组织部 |", "| --- |"}, ""},
		{[]string{"compare", "--export", "md", "1/3"}, 0, "", []string{"# 对照阅读：市委组织部 1/3", "| 市委组织部（本篇） | 1/3 |"}, ""},
		{[]string{"export-themes", "-o", filepath.Join(out, "t2.docx"), "2"}, 0, "t2.docx", []string{"专题对照：", "部门\t地址\t标题\t相关度\t共同词\n"}, ""},
		{[]string{"export-themes", "99"}, 1, "", nil, "没有第 99 个专题"},
		{[]string{"export-themes", "x"}, 2, "", nil, "专题序号“x”无效"},
		{[]string{"themes", "-o", "x.docx"}, 2, "", nil, "-o 只与 --export 一起使用"},
		{[]string{"compare", "--export", "pdf", "1/3"}, 2, "", nil, "格式“pdf”无效"},
		{[]string{"export-doc", "--format", "docx", "1"}, 2, "", nil, "需要用 -o"},
		{[]string{"export-doc", "--format", "pdf", "-o", "x.pdf"}, 2, "", nil, "格式“pdf”无效"},
		{[]string{"export-doc", "5/9"}, 1, "", nil, "第 5 篇没有第 9 部分"},
		{[]string{"export-compare", "1"}, 1, "", nil, "只能对照某一部分或某一条"},
		{[]string{"export-compare"}, 2, "", nil, "需要一个部分或条的地址"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, dir, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.errHas) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tc.code, stderr, tc.errHas)
			}
			got := stdout
			if tc.file != "" {
				data, err := os.ReadFile(filepath.Join(out, tc.file))
				if err != nil {
					t.Fatal(err)
				}
				got = string(data)
				if strings.HasSuffix(tc.file, ".docx") {
					if got, err = docx.Text(tc.file, data); err != nil {
						t.Fatal(err)
					}
				}
				if !strings.Contains(stdout, "已导出") {
					t.Errorf("stdout %q", stdout)
				}
			}
			for _, h := range tc.has {
				if !strings.Contains(got, h) {
					t.Errorf("output lacks %q:\n%.600s", h, got)
				}
			}
		})
	}
}

// TestExportAllReparses: the whole compilation as .docx, imported again,
// has the seed's documents, sections and items.
func TestExportAllReparses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "all.docx")
	if code, _, stderr := run(t, t.TempDir(), "export-doc", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := parse.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if st := res.Compilation.Stats(); st.Documents != 9 || st.Sections != 54 || st.Items != 216 {
		t.Errorf("re-imported export: %+v, want 9/54/216", st)
	}
}
