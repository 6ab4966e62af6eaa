// Command fillnotes prepares a data directory for scripts/perf/notes.sh:
// it opens (creating) the library in DIR and, with -notes/-bookmarks > 0,
// writes that many notes and bookmarks with notestest.Fill (see there what
// they are). Copies of the seed are imported under other titles first, in
// every data directory, full or empty, so that the library is the same and
// there are nodes for every bookmark.
//
//	go run ./scripts/perf/fillnotes -copies 4 -notes 10000 -bookmarks 1000 DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"huibian/app/library"
	"huibian/app/notes/notestest"
)

func main() {
	nNotes := flag.Int("notes", 0, "number of notes")
	nBookmarks := flag.Int("bookmarks", 0, "number of bookmarks")
	copies := flag.Int("copies", 1, "compilations in the library (the seed and copies of it)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "用法: fillnotes [-copies N] [-notes N] [-bookmarks N] 数据目录")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *copies, *nNotes, *nBookmarks); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
}

func run(dir string, copies, nNotes, nBookmarks int) error {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := notestest.ImportCopies(lib, copies); err != nil {
		return err
	}
	if nNotes == 0 && nBookmarks == 0 {
		return nil
	}
	rep, err := notestest.Fill(dir, lib, nNotes, nBookmarks)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d 条笔记(本汇编 %d 个节点), %d 个书签\n", dir, rep.Notes, rep.Nodes, rep.Bookmarks)
	return nil
}
