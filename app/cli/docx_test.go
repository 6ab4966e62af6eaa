package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `huibian import` takes Word documents; an old .doc is refused with advice
// and exit code 1.
func TestImportDocx(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, dir, "import", filepath.Join("..", "parse", "testdata", "genre", "restart.docx"))
	if code != 0 || !strings.Contains(out, "已导入《2026年机关党建工作制度汇编》") || !strings.Contains(out, "3 篇") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	doc := filepath.Join(t.TempDir(), "旧版.doc")
	os.WriteFile(doc, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"+strings.Repeat("\x00", 600)), 0o600)
	code, _, errs = run(t, dir, "import", doc)
	if code != 1 || !strings.Contains(errs, "旧版.doc") || !strings.Contains(errs, "请在 Word 或 WPS 中另存为 .docx 后再导入") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
