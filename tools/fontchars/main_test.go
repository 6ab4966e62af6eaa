package main

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestGB2312Hanzi(t *testing.T) {
	han, err := gb2312(0xB0, 0xF7)
	if err != nil {
		t.Fatal(err)
	}
	if len(han) != 6763 {
		t.Fatalf("got %d hanzi, want 6763", len(han))
	}
	for _, r := range han {
		if !unicode.Is(unicode.Han, r) {
			t.Errorf("%q (U+%04X) in the hanzi rows is not Han", r, r)
		}
	}
	// First and last of level 1 (B0A1, D7F9) and of level 2 (D8A1, F7FE).
	for _, want := range []rune{'啊', '座', '亍', '齄'} {
		if !slices.Contains(han, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestBuild(t *testing.T) {
	seed, err := os.ReadFile("../../assets/compilation.txt")
	if err != nil {
		t.Fatal(err)
	}
	list, hanzi, symbols, err := build(map[string][]byte{
		"seed":  seed,
		"extra": []byte("𠀀\t\n"), // outside GB 2312; controls are dropped
	})
	if err != nil {
		t.Fatal(err)
	}
	if hanzi != 6763 || symbols < 682 {
		t.Errorf("hanzi, symbols = %d, %d; want 6763 and at least 682", hanzi, symbols)
	}
	if !slices.IsSorted(list) {
		t.Error("list is not sorted")
	}
	cases := []struct {
		name string
		r    rune
		want bool
	}{
		{"ASCII letter", 'A', true},
		{"ASCII digit", '9', true},
		{"full-width comma", '，', true},
		{"ideographic full stop", '。', true},
		{"left double quote", '“', true},
		{"em dash", '—', true},
		{"ellipsis", '…', true},
		{"single right angle quote", '›', true},
		{"black star", '★', true},
		{"white star", '☆', true},
		{"black circle", '●', true},
		{"left arrow", '←', true},
		{"full-width parenthesis", '（', true},
		{"GB 2312 symbol row: circled one", '①', true},
		{"GB 2312 symbol row: pinyin ǚ", 'ǚ', true},
		{"extra file: CJK Ext B", '𠀀', true},
		{"tab is dropped", '\t', false},
		{"newline is dropped", '\n', false},
		{"traditional-only hanzi not asked for", '龘', false},
	}
	for _, c := range cases {
		if got := slices.Contains(list, c.r); got != c.want {
			t.Errorf("%s: contains %q = %v, want %v", c.name, c.r, got, c.want)
		}
	}
	for _, r := range string(seed) {
		if r >= 0x20 && !slices.Contains(list, r) {
			t.Errorf("seed character %q (U+%04X) missing", r, r)
		}
	}
}

func TestRunDeterministic(t *testing.T) {
	var a, b, stderr bytes.Buffer
	if err := run([]string{"../../assets/compilation.txt"}, &a, &stderr); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"../../assets/compilation.txt"}, &b, &stderr); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs gave different output")
	}
	for i, line := range strings.Split(strings.TrimSuffix(a.String(), "\n"), "\n") {
		if n := len([]rune(line)); n > 64 {
			t.Errorf("line %d has %d characters, want at most 64", i+1, n)
		}
	}
}

func TestRunErrors(t *testing.T) {
	var out, stderr bytes.Buffer
	if err := run([]string{"/nonexistent/file.txt"}, &out, &stderr); err == nil {
		t.Error("missing input file: no error")
	}
	bad := t.TempDir() + "/bad.txt"
	if err := os.WriteFile(bad, []byte{0xff, 0xfe}, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{bad}, &out, &stderr); err == nil {
		t.Error("invalid UTF-8: no error")
	}
}
