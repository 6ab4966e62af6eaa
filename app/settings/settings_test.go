package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSettings(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.StringWithFallback("theme.variant", "system") != "system" || s.FloatWithFallback("text.size", 17) != 17 {
		t.Error("fallbacks not used on empty settings")
	}
	s.SetString("theme.variant", "dark")
	s.WriteValues(func(m map[string]any) {
		m["window.width"] = 1200.0
		m["reading.node"] = "c1:5.6"
		m["bad"] = []int{1}
	})
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("settings file mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s2.String("theme.variant") != "dark" || s2.Float("window.width") != 1200 || s2.String("reading.node") != "c1:5.6" || s2.String("bad") != "" {
		t.Errorf("reopened settings: %v", s2.vals)
	}
	// Another data directory has its own settings.
	other, _ := Open(t.TempDir())
	if other.String("theme.variant") != "" {
		t.Error("settings shared between data directories")
	}
	// A damaged file: defaults, and an error that says so.
	os.WriteFile(filepath.Join(dir, FileName), []byte("{not json"), 0o600)
	s3, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), "已损坏") || s3.String("theme.variant") != "" {
		t.Errorf("damaged settings: %v", err)
	}
}
