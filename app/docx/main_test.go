package docx

import (
	"flag"
	"os"
	"testing"
)

// TestMain bounds how long the fuzzer minimises each new input it finds,
// unless -fuzzminimizetime is given, as in package parse: the default
// (60 s an input) kept short fuzz runs minimising, at 0 execs/s.
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
