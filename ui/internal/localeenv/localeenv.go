// Package localeenv makes the process's locale environment parseable by
// Fyne before Fyne first reads it.
//
// Fyne's lang package reads LC_ALL / LC_MESSAGES / LANG in its package
// initialiser and logs "Error parsing user locale C" for values such as
// C.UTF-8 or POSIX.UTF-8 (it strips the encoding and cannot parse "C").
// A plain "C" or "POSIX" it treats as "no locale" without complaint.
//
// Go initialises packages in import-path order among those whose imports
// are ready (Go 1.21+). This package imports only "os", which is initialised
// before "log"; fyne.io/fyne/v2/lang imports "log", and "huibian/…" sorts
// before "log", so this init runs before Fyne's. Keep the import list to
// "os" alone, and import this package (blank) from package ui.
package localeenv

import "os"

func init() { Fix(os.Getenv, os.Setenv, os.Unsetenv) }

// Fix rewrites the locale variables when the one that decides the message
// language is C or POSIX with an encoding or modifier (C.UTF-8): LC_MESSAGES
// is set to plain "C", which Fyne accepts silently. When LC_ALL holds the
// value (it overrides LC_MESSAGES), it moves to LANG so that character
// handling (LC_CTYPE, used by the X input method) keeps the UTF-8 locale.
func Fix(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) {
	name, val := "", ""
	for _, n := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(n); v != "" {
			name, val = n, v
			break
		}
	}
	if !unparseableC(val) {
		return
	}
	if name == "LC_ALL" {
		_ = unsetenv("LC_ALL")
		_ = setenv("LANG", val)
		for _, n := range [...]string{"LC_CTYPE", "LC_COLLATE", "LC_NUMERIC", "LC_TIME", "LC_MONETARY"} {
			_ = unsetenv(n)
		}
	}
	_ = setenv("LC_MESSAGES", "C")
}

// unparseableC reports whether v is "C" or "POSIX" followed by '.', '@' or
// '_' and more (C.UTF-8, POSIX.utf8, C@euro).
func unparseableC(v string) bool {
	for _, base := range [...]string{"C", "POSIX"} {
		if len(v) > len(base) && v[:len(base)] == base {
			switch v[len(base)] {
			case '.', '@', '_', '-':
				return true
			}
		}
	}
	return false
}
