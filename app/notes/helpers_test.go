package notes

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/assets"
)

// env is a data directory with the real seed library and a notes service.
type env struct {
	t   *testing.T
	dir string
	lib *library.Service
	svc *Service
	c   *model.Compilation
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir()}
	e.open()
	return e
}

func (e *env) open() {
	e.t.Helper()
	lib, err := library.Open(e.dir, library.Options{})
	if err != nil {
		e.t.Fatalf("library.Open: %v", err)
	}
	c, err := lib.Builtin()
	if err != nil {
		e.t.Fatalf("Builtin: %v", err)
	}
	svc, err := Open(e.dir, lib, Options{})
	if err != nil {
		lib.Close()
		e.t.Fatalf("notes.Open: %v", err)
	}
	e.lib, e.svc, e.c = lib, svc, c
	e.t.Cleanup(e.close)
}

func (e *env) close() {
	if e.svc != nil {
		e.svc.Close()
		e.svc = nil
	}
	if e.lib != nil {
		e.lib.Close()
		e.lib = nil
	}
}

func (e *env) reopen() {
	e.t.Helper()
	e.close()
	e.open()
}

// node resolves an address in the seed or fails the test.
func (e *env) node(addr string) model.Node {
	e.t.Helper()
	n, err := e.c.ResolveString(addr)
	if err != nil {
		e.t.Fatalf("resolve %s: %v", addr, err)
	}
	return n
}

func (e *env) addNote(addr, text, quote string, c Color) Note {
	e.t.Helper()
	n, err := e.svc.AddNote(e.c, e.node(addr), NoteInput{Text: text, Quote: quote, Color: c})
	if err != nil {
		e.t.Fatalf("AddNote(%s): %v", addr, err)
	}
	return n
}

// seedLines is the seed split into lines.
func seedLines() []string { return strings.Split(string(assets.Compilation), "\n") }

// editedSeed is the seed with one body line of item 1.1 changed.
func editedSeed(t *testing.T) []byte {
	t.Helper()
	const from, to = "搭建“领导领学", "搭建“领导带学"
	if !bytes.Contains(assets.Compilation, []byte(from)) {
		t.Fatalf("seed lacks %q", from)
	}
	return bytes.Replace(assets.Compilation, []byte(from), []byte(to), 1)
}

// seedWithoutLastDoc is the seed with document 9 removed: its two table
// of contents lines and its outline block.
func seedWithoutLastDoc(t *testing.T) []byte {
	t.Helper()
	lines := seedLines()
	var out []string
	firsts, skipping := 0, false
	for _, l := range lines {
		if strings.Contains(l, "中级人民法院2026年") {
			continue
		}
		if strings.HasPrefix(l, "一、") && !skipping && firsts >= 0 {
			firsts++
			if firsts == 9 {
				skipping = true
			}
		}
		if skipping && strings.HasPrefix(l, "局机关") {
			skipping, firsts = false, -1 // only the outline part
		}
		if skipping {
			continue
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n"))
}

// fixedClock returns a clock that advances one second per call.
func fixedClock() func() time.Time {
	t := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// renumberTOC moves a table of contents line "N.……工作要点 P" with N > 3
// up one number.
func renumberTOC(l string) string {
	num, rest, ok := strings.Cut(l, ".")
	if !ok || !strings.Contains(rest, "工作要点") {
		return l
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 3 {
		return l
	}
	return strconv.Itoa(n-1) + "." + rest
}

// seedWithoutDoc3 is the seed with document 3 removed from the middle: its
// table of contents lines, its outline block and its full text. Documents
// 4 to 9 move up one number, so their old addresses now name other nodes.
func seedWithoutDoc3(t *testing.T) []byte {
	t.Helper()
	const title = "市委直属机关工委2026年意识形态工作要点"
	var out []string
	firsts, skip := 0, false
	for _, l := range seedLines() {
		if strings.Contains(l, title) && l != title {
			continue // the two tables of contents
		}
		if strings.HasPrefix(l, "局机关") {
			skip = false
			firsts = -1000 // the outline part is over
		}
		if strings.HasPrefix(l, "一、") && firsts >= 0 {
			firsts++
			skip = firsts == 3
		}
		switch l {
		case title:
			skip = true
		case "市委编办2026年意识形态工作要点":
			skip = false
		}
		if !skip {
			out = append(out, renumberTOC(l))
		}
	}
	data := []byte(strings.Join(out, "\n"))
	if bytes.Contains(data, []byte("直属机关工委")) {
		t.Fatal("document 3 not removed")
	}
	return data
}
