package parse

import (
	"flag"
	"os"
	"testing"
)

// TestMain bounds how long the fuzzer minimises each new input it finds,
// unless -fuzzminimizetime is given. The default (60 s an input) kept the
// 20-second fuzz run in CI minimising, at 0 execs/s, most of the time.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", "250ms"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
