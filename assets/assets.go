// Package assets embeds everything the reader needs at run time, so the
// binary works with nothing beside it.
package assets

import _ "embed"

// Compilation is the built-in compilation's source text, exactly as shipped
// in ../shared/seed (UTF-8, LF line ends).
//
//go:embed compilation.txt
var Compilation []byte

// CompilationName is the file name reported for the built-in source.
const CompilationName = "内置汇编:局机关2026年意识形态工作要点材料汇编(9篇).txt"
