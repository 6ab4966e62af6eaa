package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huibian/assets"
)

func TestSearchAll(t *testing.T) {
	dir := t.TempDir()
	// A second compilation: the seed under another title (the ID comes
	// from the title).
	src := filepath.Join(t.TempDir(), "第二部.txt")
	text := bytes.Replace(assets.Compilation, []byte("局机关2026年意识形态工作要点材料汇编"), []byte("县机关2026年意识形态工作要点材料汇编"), 1)
	if err := os.WriteFile(src, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, dir, "import", src); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errs)
	}
	type result struct {
		Address          string `json:"address"`
		Kind             string `json:"kind"`
		Compilation      string `json:"compilation"`
		CompilationTitle string `json:"compilation_title"`
	}
	var one, all struct {
		Total        int      `json:"total"`
		Compilations int      `json:"compilations"`
		Results      []result `json:"results"`
	}
	for _, tc := range []struct {
		args []string
		into any
	}{
		{[]string{"search", "--json", "--limit", "1000", "wlyq"}, &one},
		{[]string{"search", "--all", "--json", "--limit", "1000", "wlyq"}, &all},
	} {
		code, out, errs := runCLI(t, dir, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s", tc.args, code, errs)
		}
		if err := json.Unmarshal([]byte(out), tc.into); err != nil {
			t.Fatalf("%v: %v\n%s", tc.args, err, out)
		}
	}
	if one.Total < 10 || all.Total != 2*one.Total || len(all.Results) != all.Total || all.Compilations != 2 {
		t.Fatalf("wlyq: %d in one, %d in %d compilations (%d results)", one.Total, all.Total, all.Compilations, len(all.Results))
	}
	ids := map[string]int{}
	for i, r := range all.Results {
		if r.Compilation == "" || r.CompilationTitle == "" {
			t.Fatalf("result %d without its compilation: %+v", i, r)
		}
		ids[r.Compilation]++
		if i < one.Total && r.Address != one.Results[i].Address {
			t.Errorf("result %d: %s, want the selected compilation's %s first", i, r.Address, one.Results[i].Address)
		}
	}
	if len(ids) != 2 {
		t.Errorf("results from %v", ids)
	}
	for _, r := range one.Results {
		if r.Compilation != "" {
			t.Errorf("search without --all names a compilation: %+v", r)
		}
	}
	// Text output names the compilation in each group.
	code, out, _ := runCLI(t, dir, "search", "--all", "三审三校")
	if code != 0 || strings.Count(out, "《") < 2 {
		t.Errorf("text output: exit %d\n%s", code, out)
	}
	// A pasted page is cut, with a notice.
	code, _, errs := runCLI(t, dir, "search", strings.Repeat("网络舆情", 1000))
	if code != 0 || !strings.Contains(errs, "已截断") {
		t.Errorf("long query: exit %d, stderr %q", code, errs)
	}
}
