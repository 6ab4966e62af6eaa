// Package fileerr is the error for a file the reader cannot take in (a
// source compilation, a Word document), worded for the user: it names the
// file and says what is wrong in Chinese, and still lets callers tell the
// kinds of failure apart with errors.Is.
package fileerr

import "fmt"

// Error is a problem with one file.
type Error struct {
	Op     string // what could not be done, e.g. "无法导入"
	File   string // the file's name as the user gave it
	Reason string // what is wrong (and what to do), in Chinese
	Kind   error  // a sentinel of the package that failed, or nil
	Err    error  // underlying cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s %s：%s（%v）", e.Op, e.File, e.Reason, e.Err)
	}
	return fmt.Sprintf("%s %s：%s", e.Op, e.File, e.Reason)
}

// Unwrap exposes both the kind (for errors.Is) and the underlying cause.
func (e *Error) Unwrap() []error {
	var out []error
	for _, x := range []error{e.Kind, e.Err} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}
