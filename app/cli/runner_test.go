package cli

import (
	"strings"
	"testing"
)

// TestCommandTable: every command of the table answers --help, and every
// leaf refuses one argument too many with its own usage message (exit 2)
// before it opens anything; groups refuse a missing or unknown
// sub-command.
func TestCommandTable(t *testing.T) {
	dir := t.TempDir()
	for _, c := range commands() {
		code, out, errs := run(t, dir, c.name, "--help")
		if code != 0 || !strings.HasPrefix(out, "用法：huibian [--data 目录] "+c.name) || errs != "" {
			t.Errorf("%s --help: %d %q %q", c.name, code, out, errs)
		}
		leaves := []command{c}
		prefix := []string{c.name}
		if c.subs != nil {
			leaves, prefix = c.subs, []string{c.name, ""}
			for _, args := range [][]string{{c.name}, {c.name, "frob"}} {
				code, _, errs := run(t, dir, args...)
				if code != 2 || !strings.Contains(errs, "子命令") {
					t.Errorf("%v: %d %q", args, code, errs)
				}
			}
		}
		for _, l := range leaves {
			if l.run == nil {
				t.Errorf("%s: no run function", l.name)
			}
			if l.args[1] < 0 {
				continue
			}
			if l.argsErr == "" {
				t.Errorf("%s: no usage message", l.name)
			}
			args := append([]string(nil), prefix...)
			args[len(args)-1] = l.name
			for i := 0; i <= l.args[1]; i++ {
				args = append(args, "1")
			}
			code, _, errs := run(t, dir, args...)
			if code != 2 || !strings.Contains(errs, l.argsErr) {
				t.Errorf("%v: exit %d, stderr %q; want 2 and %q", args, code, errs, l.argsErr)
			}
		}
	}
}
