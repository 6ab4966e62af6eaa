package testcorpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"huibian/app/model"
	"huibian/app/parse"
)

// EachGenre runs fn as a subtest of t for each genre sample (the other
// compilation shapes the parser knows, app/parse/testdata/genre/*.txt),
// parsed. No sample at all fails t.
func EachGenre(t *testing.T, fn func(t *testing.T, c *model.Compilation)) {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "parse", "testdata", "genre")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no genre samples in %s: %v", dir, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := parse.Parse(filepath.Base(f), data)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, res.Compilation)
		})
	}
}
