package ui

import (
	"bytes"
	"log"
	"testing"
)

func TestLogFilter(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"EOF race dropped", []string{
			"Fyne error:  Preferences load error:", "  Cause: EOF", "  At: /x/fyne/v2@v2.7.1/app/preferences.go:103", "after"},
			"after\n"},
		{"other cause kept", []string{
			"Fyne error:  Preferences load error:", "  Cause: invalid character", "  At: /x/app/preferences.go:103"},
			"Fyne error:  Preferences load error:\n  Cause: invalid character\n  At: /x/app/preferences.go:103\n"},
		{"other errors kept", []string{"Fyne error:  Settings watch error:", "  Cause: EOF", "  At: settings.go:1"},
			"Fyne error:  Settings watch error:\n  Cause: EOF\n  At: settings.go:1\n"},
		{"missing xdg folder dropped", []string{
			"Fyne error:  Getting favorite locations", "  Cause: this computer does not define a VIDEOS folder",
			"  At: /x/fyne/v2@v2.7.1/dialog/file.go:396", "after"},
			"after\n"},
		{"held line then another report", []string{
			"Fyne error:  Getting favorite locations", "Fyne error:  Preferences load error:", "  Cause: EOF",
			"  At: /x/app/preferences.go:103"},
			"Fyne error:  Getting favorite locations\n"},
		{"plain lines", []string{"a", "b"}, "a\nb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := log.New(&logFilter{out: &buf}, "", 0)
			for _, s := range tt.lines {
				l.Println(s)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
