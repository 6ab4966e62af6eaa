package notes

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// containsFoldSlow is the definition: some run of runes of s equals q
// under simple case folding.
func containsFoldSlow(s, q string) bool {
	if q == "" {
		return true
	}
	n := utf8.RuneCountInString(q)
	rs := []rune(s)
	for i := 0; i+n <= len(rs); i++ {
		if strings.EqualFold(string(rs[i:i+n]), q) {
			return true
		}
	}
	return false
}

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, q string
		want bool
	}{
		{"TODO 对照检查", "todo", true},
		{"待核实 ToDo。", "todo", true},
		{"todo", "TODO", true},
		{"压实各级党组织主体责任", "党组织", true},
		{"压实各级党组织主体责任", "党支部", false},
		{"第2季度 Q2", "q2", true},
		{"tttttT", "tx", false},
		{"tttttTx", "tx", true},
		{"Straße", "STRASSE", false}, // simple folding only, as EqualFold
		{"ΣΊΣΥΦΟΣ", "σίσυφος", true},
		{"K 开尔文", "k 开", true}, // Kelvin sign folds to k
		{"", "a", false},
		{"abc", "", true},
		{"对照TODO检查", "对照todo", true},
		{"对照TOD", "对照todo", false},
	}
	for _, tt := range tests {
		if got := containsFold(tt.s, tt.q); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tt.s, tt.q, got, tt.want)
		}
		if slow := containsFoldSlow(tt.s, tt.q); slow != tt.want {
			t.Errorf("test case wrong: containsFoldSlow(%q, %q) = %v", tt.s, tt.q, slow)
		}
	}
	// Random texts over a small alphabet with cases and Chinese, against
	// the definition.
	alpha := []rune("aAbBtT对照kKΣσς 。")
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alpha[rng.IntN(len(alpha))]
		}
		return string(r)
	}
	for range 20000 {
		s, q := word(rng.IntN(12)), word(1+rng.IntN(3))
		if got, want := containsFold(s, q), containsFoldSlow(s, q); got != want {
			t.Fatalf("containsFold(%q, %q) = %v, want %v", s, q, got, want)
		}
	}
}
