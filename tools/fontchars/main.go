// Command fontchars prints the character list the bundled reader font is
// subset to: every character of the GB 2312 code table (the 6763 hanzi of
// rows 0xB0-0xF7 and the symbols of rows 0xA1-0xA9), found by decoding the
// table itself, plus every character of the files named on the command line
// and a fixed set of punctuation, Latin and UI symbol ranges.
//
// Usage:
//
//	go run ./tools/fontchars [-o chars.txt] [file ...]
//
// The output is UTF-8, sorted by code point, one line of at most 64
// characters each, so that the same inputs always give the same bytes. A
// summary goes to stderr.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// fixedRanges are added whatever the inputs: ASCII, Latin-1, General
// Punctuation (“”‘’—…›), arrows, the CJK and full-width punctuation blocks,
// and a few symbols the interface draws as text. Code points the source font
// lacks are simply skipped by the subsetter.
var fixedRanges = [][2]rune{
	{0x0020, 0x007E}, // ASCII
	{0x00A0, 0x00FF}, // Latin-1 supplement
	{0x2000, 0x206F}, // General Punctuation
	{0x2190, 0x21FF}, // Arrows
	{0x2460, 0x24FF}, // Enclosed alphanumerics ①⑴⒈
	{0x25A0, 0x25FF}, // Geometric shapes ■□▲△●○◆◇
	{0x2605, 0x2606}, // ★☆
	{0x2713, 0x2715}, // ✓✔✕
	{0x2318, 0x2318}, // ⌘ (macOS menu shortcuts)
	{0x2325, 0x2325}, // ⌥
	{0x3000, 0x303F}, // CJK Symbols and Punctuation
	{0xFF00, 0xFFEF}, // Halfwidth and Fullwidth Forms
}

// gb2312 decodes every two-byte code of the GB 2312 table in the given rows
// (first bytes) and cells 0xA1-0xFE, and returns the characters that decode
// to a real character (unassigned codes decode to U+FFFD and are dropped).
func gb2312(firstRow, lastRow byte) ([]rune, error) {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for row := int(firstRow); row <= int(lastRow); row++ {
		for cell := 0xA1; cell <= 0xFE; cell++ {
			b, err := dec.Bytes([]byte{byte(row), byte(cell)})
			if err != nil {
				return nil, fmt.Errorf("decoding GB 2312 code %02X%02X: %w", row, cell, err)
			}
			r, n := utf8.DecodeRune(b)
			if r == utf8.RuneError || n != len(b) || r == 0xFFFD {
				continue
			}
			// GBK maps a few GB 2312 codes that are unassigned in the
			// original table to private-use characters: skip them.
			if unicode.In(r, unicode.Co) {
				continue
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// charSet collects characters without duplicates.
type charSet map[rune]struct{}

func (s charSet) add(rs ...rune) {
	for _, r := range rs {
		if r < 0x20 || r == 0x7F || r == utf8.RuneError || unicode.IsControl(r) {
			continue
		}
		s[r] = struct{}{}
	}
}

func (s charSet) sorted() []rune {
	out := make([]rune, 0, len(s))
	for r := range s {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

func countHan(rs []rune) int {
	n := 0
	for _, r := range rs {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// build returns the sorted character list for the given input texts.
func build(texts map[string][]byte) (list []rune, hanzi, symbols int, err error) {
	set := charSet{}
	han, err := gb2312(0xB0, 0xF7)
	if err != nil {
		return nil, 0, 0, err
	}
	sym, err := gb2312(0xA1, 0xA9)
	if err != nil {
		return nil, 0, 0, err
	}
	set.add(han...)
	set.add(sym...)
	for name, text := range texts {
		if !utf8.Valid(text) {
			return nil, 0, 0, fmt.Errorf("%s is not valid UTF-8", name)
		}
		set.add([]rune(string(text))...)
	}
	for _, rg := range fixedRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			set.add(r)
		}
	}
	return set.sorted(), countHan(han), len(sym), nil
}

func write(w io.Writer, list []rune) error {
	bw := bufio.NewWriter(w)
	for i, r := range list {
		bw.WriteRune(r)
		if i%64 == 63 || i == len(list)-1 {
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fontchars", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outPath := fs.String("o", "", "write the list to this file instead of stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	texts := map[string][]byte{}
	for _, name := range fs.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		texts[name] = b
	}
	list, hanzi, symbols, err := build(texts)
	if err != nil {
		return err
	}
	if hanzi != 6763 {
		return fmt.Errorf("GB 2312 decoded to %d hanzi, want 6763", hanzi)
	}
	w := stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			return fmt.Errorf("creating %s: %w", *outPath, err)
		}
		defer f.Close()
		w = f
	}
	if err := write(w, list); err != nil {
		return fmt.Errorf("writing character list: %w", err)
	}
	fmt.Fprintf(stderr, "fontchars: %d characters (GB 2312: %d hanzi, %d symbols; %d hanzi in all)\n",
		len(list), hanzi, symbols, countHan(list))
	if f, ok := w.(*os.File); ok && w != stdout {
		if err := f.Close(); err != nil {
			return fmt.Errorf("closing %s: %w", *outPath, err)
		}
	}
	return nil
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fontchars:", err)
		os.Exit(1)
	}
}
