package localeenv

import "testing"

func TestFix(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want map[string]string // "" means unset
	}{
		{"C.UTF-8 in LANG", map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"plain C left alone", map[string]string{"LANG": "C"}, map[string]string{"LANG": "C", "LC_MESSAGES": ""}},
		{"Chinese left alone", map[string]string{"LANG": "zh_CN.UTF-8"}, map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": ""}},
		{"English left alone", map[string]string{"LANG": "en_US.UTF-8"}, map[string]string{"LC_MESSAGES": ""}},
		{"LC_ALL moves to LANG", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"},
			map[string]string{"LC_ALL": "", "LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"LC_MESSAGES wins over LANG", map[string]string{"LC_MESSAGES": "POSIX.utf8", "LANG": "en_US.UTF-8"},
			map[string]string{"LC_MESSAGES": "C", "LANG": "en_US.UTF-8"}},
		{"LC_ALL valid hides LANG", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "C.UTF-8"}, map[string]string{"LC_MESSAGES": ""}},
		{"nothing set", map[string]string{}, map[string]string{"LC_MESSAGES": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			Fix(func(k string) string { return env[k] },
				func(k, v string) error { env[k] = v; return nil },
				func(k string) error { delete(env, k); return nil })
			for k, want := range tt.want {
				if env[k] != want {
					t.Errorf("%s = %q, want %q", k, env[k], want)
				}
			}
		})
	}
}
