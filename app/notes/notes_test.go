package notes

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/search"
	"huibian/storage"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want Color
		err  string
	}{
		{"", Yellow, ""},
		{"yellow", Yellow, ""},
		{"Green", Green, ""},
		{" BLUE ", Blue, ""},
		{"pink", Pink, ""},
		{"purple", Purple, ""},
		{"黄", Yellow, ""},
		{"绿色", Green, ""},
		{"蓝", Blue, ""},
		{"粉", Pink, ""},
		{"紫色", Purple, ""},
		{"红", "", "没有红色"},
		{"orange", "", "颜色“orange”无效"},
	}
	for _, tt := range tests {
		got, err := ParseColor(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseColor(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseColor(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, c := range colorOrder {
		if c.Chinese() == "" || !c.Valid() {
			t.Errorf("colour %q has no Chinese name", c)
		}
	}
	if got := strings.Join([]string{Yellow.Chinese(), Green.Chinese(), Blue.Chinese(), Pink.Chinese(), Purple.Chinese()}, ""); got != "黄绿蓝粉紫" {
		t.Errorf("Chinese names = %s", got)
	}
}

func TestBookmarks(t *testing.T) {
	e := newEnv(t)
	e.svc.now = fixedClock()
	// Added out of reading order, so the two orders differ.
	adds := []struct {
		addr, name, wantName string
	}{
		{"5.6", "", "规范内部宣传阵地建设"},
		{"1.1", "开篇", "开篇"},
		{"2/3", "", e.node("2/3").Title()},
		{"1", "", e.node("1").Title()},
	}
	for _, a := range adds {
		b, err := e.svc.AddBookmark(e.c, e.node(a.addr), a.name)
		if err != nil {
			t.Fatalf("AddBookmark(%s): %v", a.addr, err)
		}
		if b.Name != a.wantName || b.Address != a.addr || b.NodeID != e.node(a.addr).ID(e.c.ID) {
			t.Errorf("AddBookmark(%s) = %+v, want name %q", a.addr, b, a.wantName)
		}
	}
	addrs := func(bs []Bookmark) string {
		var s []string
		for _, b := range bs {
			s = append(s, b.Address)
		}
		return strings.Join(s, " ")
	}
	if got := addrs(e.svc.Bookmarks(ByPosition)); got != "1 1.1 2/3 5.6" {
		t.Errorf("by position: %s", got)
	}
	if got := addrs(e.svc.Bookmarks(ByTime)); got != "1 2/3 1.1 5.6" {
		t.Errorf("by time: %s", got)
	}
	if got := addrs(e.svc.BookmarksIn(e.c.ID, ByPosition)); got != "1 1.1 2/3 5.6" {
		t.Errorf("in this compilation: %s", got)
	}
	if got := e.svc.BookmarksIn("c000000000000", ByTime); len(got) != 0 {
		t.Errorf("in another compilation: %v", got)
	}

	// Rename, and an empty name goes back to the title.
	id11 := e.node("1.1").ID(e.c.ID)
	b, err := e.svc.RenameBookmark(id11, "  研学体系 ")
	if err != nil || b.Name != "研学体系" || !b.Updated.After(b.Created) {
		t.Fatalf("rename: %+v, %v", b, err)
	}
	b, err = e.svc.RenameBookmark(id11, "")
	if err != nil || b.Name != e.node("1.1").Title() {
		t.Fatalf("rename to empty: %+v, %v", b, err)
	}
	if _, err := e.svc.RenameBookmark("c0:9.9", "x"); err == nil || !strings.Contains(err.Error(), "没有这个书签") {
		t.Errorf("rename unknown: %v", err)
	}

	// Toggle off and on.
	_, on, err := e.svc.ToggleBookmark(e.c, e.node("5.6"))
	if err != nil || on {
		t.Fatalf("toggle off: %v %v", on, err)
	}
	if _, ok := e.svc.Bookmarked(e.node("5.6").ID(e.c.ID)); ok {
		t.Error("5.6 still bookmarked")
	}
	if u, err := e.svc.UndoDelete(); err != nil || u.Bookmark == nil || u.Bookmark.Address != "5.6" {
		t.Fatalf("undo bookmark delete: %+v %v", u, err)
	}
	_, on, err = e.svc.ToggleBookmark(e.c, e.node("3.2"))
	if err != nil || !on {
		t.Fatalf("toggle on: %v %v", on, err)
	}
	if _, err := e.svc.DeleteBookmark(e.node("2/3").ID(e.c.ID)); err != nil {
		t.Fatal(err)
	}

	// The compilation itself cannot be bookmarked.
	if _, err := e.svc.AddBookmark(e.c, model.Node{}, ""); err == nil || !strings.Contains(err.Error(), "整部汇编") {
		t.Errorf("bookmark on the compilation: %v", err)
	}

	e.reopen()
	if got := addrs(e.svc.Bookmarks(ByPosition)); got != "1 1.1 3.2 5.6" {
		t.Errorf("after reopen: %s", got)
	}
}

func TestNoteTextLimitsAndUnicode(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("意", MaxTextLen)
	tests := []struct {
		name, text, quote string
		err               string
	}{
		{"exactly the limit", long, "", ""},
		{"one over", long + "识", "", "笔记太长：100001 字，最多 100000 字"},
		{"emoji, extension B, combining marks", "读后感 😀 𠀀𪚥 é ﷽ \u200d\n第二行\t", "", ""},
		{"quote only (a highlight)", "", "切实把学习成果转化为破解组织工作难题的实际能力", ""},
		{"empty", "  \n ", "", "笔记内容为空"},
		{"invalid UTF-8", "a\xffb", "", "不是有效的 UTF-8"},
	}
	saved := map[string]Note{}
	for _, tt := range tests {
		n, err := e.svc.AddNote(e.c, e.node("1.1"), NoteInput{Text: tt.text, Quote: tt.quote})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if n.Text != tt.text || n.Quote != tt.quote || n.Color != Yellow {
			t.Errorf("%s: saved %q/%q/%s", tt.name, n.Text, n.Quote, n.Color)
		}
		saved[n.ID] = n
	}
	e.reopen()
	for id, want := range saved {
		got, err := e.svc.Note(id)
		if err != nil {
			t.Fatalf("after reopen: %v", err)
		}
		if got != want {
			t.Errorf("note %s changed across reopen: %d chars vs %d", id, utf8.RuneCountInString(got.Text), utf8.RuneCountInString(want.Text))
		}
	}
	if e.svc.NoteCount() != 3 {
		t.Errorf("NoteCount = %d, want 3", e.svc.NoteCount())
	}
}

func TestNoteEditDeleteUndo(t *testing.T) {
	e := newEnv(t)
	e.svc.now = fixedClock()
	n := e.addNote("2.3", "第一稿", "", Green)
	if len(n.ID) != 10 || n.Address != "2.3" || n.Title != e.node("2.3").Title() {
		t.Errorf("new note: %+v", n)
	}
	text, purple := "第二稿", Purple
	ed, err := e.svc.EditNote(n.ID, NoteEdit{Text: &text, Color: &purple})
	if err != nil || ed.Text != text || ed.Color != Purple || !ed.Updated.After(n.Updated) || !ed.Created.Equal(n.Created) {
		t.Fatalf("edit: %+v %v", ed, err)
	}
	bad := Color("red")
	if _, err := e.svc.EditNote(n.ID, NoteEdit{Color: &bad}); err == nil || !strings.Contains(err.Error(), "颜色") {
		t.Errorf("bad colour: %v", err)
	}
	empty := ""
	if _, err := e.svc.EditNote(n.ID, NoteEdit{Text: &empty}); err == nil {
		t.Error("emptying a note without a quote must fail")
	}
	for _, op := range []func(string) error{
		func(id string) error { _, err := e.svc.EditNote(id, NoteEdit{Text: &text}); return err },
		func(id string) error { _, err := e.svc.DeleteNote(id); return err },
		func(id string) error { _, err := e.svc.Note(id); return err },
	} {
		if err := op("nosuchid"); !errors.Is(err, ErrNoteNotFound) || !strings.Contains(err.Error(), "没有这条笔记") {
			t.Errorf("unknown ID: %v", err)
		}
	}
	if _, err := e.svc.UndoDelete(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo with nothing deleted: %v", err)
	}
	del, err := e.svc.DeleteNote(n.ID)
	if err != nil || del.Text != text {
		t.Fatalf("delete: %v", err)
	}
	if _, err := e.svc.Note(n.ID); err == nil {
		t.Fatal("deleted note still there")
	}
	u, err := e.svc.UndoDelete()
	if err != nil || u.Note == nil || *u.Note != ed {
		t.Fatalf("undo: %+v %v", u, err)
	}
	if e.svc.CanUndo() {
		t.Error("undo twice")
	}
	e.reopen()
	got, err := e.svc.Note(n.ID)
	if err != nil || got != ed {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
}

func TestNotesFilterAndMarkers(t *testing.T) {
	e := newEnv(t)
	e.svc.now = fixedClock()
	e.addNote("5.6", "宣传栏要更新", "", Blue)
	e.addNote("1.1", "研学体系 Alpha", "四维学习架构", Yellow)
	e.addNote("1/2", "责任闭环", "", Green)
	e.addNote("1", "整篇的总体印象", "", Pink)
	second := e.addNote("1.1", "第二条笔记", "", Blue)
	e.addNote("2.3", "alpha 小写", "", Purple)
	doc1 := e.node("1").ID(e.c.ID)
	addrs := func(ns []Note) string {
		var s []string
		for _, n := range ns {
			s = append(s, n.Address+":"+n.Color.Chinese())
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name string
		f    Filter
		want string
	}{
		{"all by position", Filter{}, "1:粉 1.1:黄 1.1:蓝 1/2:绿 2.3:紫 5.6:蓝"},
		{"all by time", Filter{Order: ByTime}, "2.3:紫 1.1:蓝 1:粉 1/2:绿 1.1:黄 5.6:蓝"},
		{"document 1", Filter{DocID: doc1}, "1:粉 1.1:黄 1.1:蓝 1/2:绿"},
		{"blue", Filter{Colors: []Color{Blue}}, "1.1:蓝 5.6:蓝"},
		{"doc 1 and blue", Filter{DocID: doc1, Colors: []Color{Blue}}, "1.1:蓝"},
		{"text", Filter{Query: "宣传栏"}, "5.6:蓝"},
		{"quote", Filter{Query: "四维"}, "1.1:黄"},
		{"case-insensitive", Filter{Query: "ALPHA"}, "1.1:黄 2.3:紫"},
		{"node", Filter{NodeID: e.node("1.1").ID(e.c.ID)}, "1.1:黄 1.1:蓝"},
		{"no match", Filter{Query: "不存在的词"}, ""},
		{"orphans", Filter{Orphaned: OnlyOrphaned}, ""},
		{"this compilation", Filter{CompID: e.c.ID, Colors: []Color{Purple}}, "2.3:紫"},
		{"another compilation", Filter{CompID: "c000000000000"}, ""},
	}
	for _, tt := range tests {
		if got := addrs(e.svc.Notes(tt.f)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}

	on := e.svc.QuotesOn([]string{e.node("1.1").ID(e.c.ID), e.node("5.6").ID(e.c.ID), e.node("4.1").ID(e.c.ID)})
	if len(on) != 2 || len(on[e.node("1.1").ID(e.c.ID)]) != 2 || on[e.node("1.1").ID(e.c.ID)][1].NoteID != second.ID {
		t.Errorf("QuotesOn: %v", on)
	}
	if _, err := e.svc.AddBookmark(e.c, e.node("3.1"), ""); err != nil {
		t.Fatal(err)
	}
	m := e.svc.Markers()
	id := func(a string) string { return e.node(a).ID(e.c.ID) }
	checks := []struct {
		addr       string
		notes      int
		colors     string
		inside     int
		bookmarked bool
	}{
		{"1", 1, "粉", 3, false},  // 1/2, and 1.1 twice
		{"1/1", 0, "", 2, false}, // 1.1 is in section 1
		{"1/2", 1, "绿", 0, false},
		{"1.1", 2, "黄蓝", 0, false},
		{"2", 0, "", 1, false},
		{"3.1", 0, "", 0, true},
	}
	for _, c := range checks {
		got := m[id(c.addr)]
		var cs string
		for _, col := range got.Colors {
			cs += col.Chinese()
		}
		if got.Notes != c.notes || cs != c.colors || got.Inside != c.inside || got.Bookmarked != c.bookmarked {
			t.Errorf("marker %s = %+v, want %d %s %d %v", c.addr, got, c.notes, c.colors, c.inside, c.bookmarked)
		}
	}
	if _, ok := m[id("4.1")]; ok {
		t.Error("4.1 has no notes but a marker")
	}

	docs, err := e.svc.SearchSource(e.c.ID).SearchDocs()
	if err != nil || len(docs) != 7 || docs[6].Kind != search.KindBookmark || docs[6].Text != e.node("3.1").Title() || docs[6].Address != "3.1" {
		t.Fatalf("SearchDocs: %d docs, %v, last %+v", len(docs), err, docs[len(docs)-1])
	}
	for _, d := range docs {
		if d.Kind == search.KindNote && d.Address == "1.1" && strings.Contains(d.Text, "Alpha") && !strings.Contains(d.Text, "四维学习架构") {
			t.Errorf("search doc lacks the quote: %+v", d)
		}
	}
	if docs, _ := e.svc.SearchSource("c000000000000").SearchDocs(); len(docs) != 0 {
		t.Errorf("another compilation's index got %d docs", len(docs))
	}
	// The real index finds a note by its text.
	idx := search.New(e.c)
	if err := idx.LoadExtras(e.svc.SearchSource(e.c.ID)); err != nil {
		t.Fatal(err)
	}
	r := idx.Search("宣传栏", search.Options{})
	found := false
	for _, res := range r.Results {
		if res.Kind == search.KindNote {
			found = true
		}
	}
	if !found {
		t.Errorf("search for a note's text found no note: %+v", r)
	}
}

func TestPositionAndReadMarks(t *testing.T) {
	e := newEnv(t)
	if _, ok, err := e.svc.Position(e.c.ID); ok || err != nil {
		t.Fatalf("fresh position: %v %v", ok, err)
	}
	if _, err := e.svc.SetPosition(e.c.ID, e.node("3.4").ID(e.c.ID), 120.5); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"1.1", "1.2", "2"} {
		if err := e.svc.SetRead(e.node(a).ID(e.c.ID), true); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.SetRead(e.node("1.2").ID(e.c.ID), false); err != nil {
		t.Fatal(err)
	}
	e.reopen()
	p, ok, err := e.svc.Position(e.c.ID)
	if err != nil || !ok || p.NodeID != e.node("3.4").ID(e.c.ID) || p.Offset != 120.5 {
		t.Errorf("position after reopen: %+v %v %v", p, ok, err)
	}
	marks, err := e.svc.ReadMarks()
	if err != nil || len(marks) != 2 {
		t.Fatalf("read marks: %v %v", marks, err)
	}
	if _, ok := marks[e.node("1.2").ID(e.c.ID)]; ok {
		t.Error("1.2 still read")
	}
}

// TestReimportKeepsNotes adds notes, then re-imports an edited copy of the
// seed (one body line changed) and a copy with document 9 removed.
func TestReimportKeepsNotes(t *testing.T) {
	e := newEnv(t)
	kept := []Note{
		e.addNote("1.1", "关于四维学习架构", "“领导领学、支部研学、干部自学、实践践学”", Yellow),
		e.addNote("1/2", "部分笔记", "", Green),
		e.addNote("5.6", "检察院", "", Blue),
	}
	gone := []Note{
		e.addNote("9", "中院整篇", "", Pink),
		e.addNote("9.24", "最后一条", "", Purple),
	}
	if _, err := e.svc.AddBookmark(e.c, e.node("9.3"), "中院书签"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.AddBookmark(e.c, e.node("1.1"), ""); err != nil {
		t.Fatal(err)
	}
	all := len(kept) + len(gone)

	// 1. Edited body line, via the library's built-in source on reopen.
	e.close()
	lib, err := library.Open(e.dir, library.Options{Builtin: &library.Source{Name: "edited.txt", Data: editedSeed(t)}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := lib.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != e.c.ID {
		t.Fatalf("edited seed changed the compilation ID: %s vs %s", c.ID, e.c.ID)
	}
	if !strings.Contains(strings.Join(c.Documents[0].Sections[0].Items[0].Body, ""), "领导带学") {
		t.Fatal("edit did not reach the library")
	}
	svc, err := Open(e.dir, lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := svc.Notes(Filter{Orphaned: OnlyAnchored}); len(got) != all {
		t.Errorf("after an edited re-import %d of %d notes anchored", len(got), all)
	}
	if o := svc.OrphanedBookmarks(); len(o) != 0 {
		t.Errorf("orphaned bookmarks: %+v", o)
	}
	svc.Close()

	// 2. Document 9 removed, imported into the open library.
	svc, err = Open(e.dir, lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	defer svc.Close()
	rep, err := lib.ImportBytes(library.Source{Name: "without-9.txt", Data: seedWithoutLastDoc(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Replaced || len(rep.Compilation.Documents) != 8 {
		t.Fatalf("import without doc 9: replaced=%v, %d documents", rep.Replaced, len(rep.Compilation.Documents))
	}
	svc.Refresh()
	if got := svc.Notes(Filter{}); len(got) != all {
		t.Fatalf("notes after removal: %d, want %d (none may be dropped)", len(got), all)
	}
	orph := svc.OrphanedNotes()
	if len(orph) != len(gone) {
		t.Fatalf("orphaned notes: %d, want %d", len(orph), len(gone))
	}
	for i, n := range orph {
		if n.ID != gone[i].ID || n.Address != gone[i].Address || n.Text != gone[i].Text {
			t.Errorf("orphan %d = %+v, want %+v", i, n, gone[i])
		}
		a := svc.NoteAnchor(n)
		if !a.Orphaned || !strings.Contains(a.Reason, "没有第 9 篇") {
			t.Errorf("orphan reason: %+v", a)
		}
	}
	for _, n := range kept {
		if a := svc.NoteAnchor(n); a.Orphaned || a.Node.Title() != n.Title {
			t.Errorf("note at %s: %+v", n.Address, a)
		}
	}
	if o := svc.OrphanedBookmarks(); len(o) != 1 || o[0].Name != "中院书签" {
		t.Errorf("orphaned bookmarks: %+v", o)
	}
	// Orphans sort last and keep their quote in the Markdown export.
	byPos := svc.Notes(Filter{})
	if byPos[len(byPos)-1].Address != "9.24" {
		t.Errorf("orphans not last: %s", byPos[len(byPos)-1].Address)
	}
	var md strings.Builder
	if err := svc.ExportMarkdown(&md, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "原位置已不存在") || !strings.Contains(md.String(), "最后一条") {
		t.Errorf("markdown lacks the orphans:\n%s", md.String())
	}
}

// TestReimportMiddleDocumentRemoved re-imports the seed without document 3:
// documents 4 to 9 move up, so a note on old 5.6 would now sit on another
// node. It must be reported as orphaned (its title no longer matches), not
// silently moved, and a note on a document before the gap stays.
func TestReimportMiddleDocumentRemoved(t *testing.T) {
	e := newEnv(t)
	before := e.addNote("2.3", "政研室", "", Yellow)
	shifted := e.addNote("5.6", "检察院宣传栏", "", Blue)
	quoted := e.addNote("4.1", "编办", string([]rune(e.node("4.1").Item.Body[0])[:12]), Green)
	e.close()
	lib, err := library.Open(e.dir, library.Options{Builtin: &library.Source{Name: "without-3.txt", Data: seedWithoutDoc3(t)}})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	c, err := lib.Builtin()
	if err != nil || c.ID != e.c.ID || len(c.Documents) != 8 {
		t.Fatalf("re-import: %v, %d documents, 3rd %q %d sections", err, len(c.Documents), c.Documents[2].Title, len(c.Documents[2].Sections))
	}
	svc, err := Open(e.dir, lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if a := svc.NoteAnchor(before); a.Orphaned {
		t.Errorf("note before the gap orphaned: %s", a.Reason)
	}
	for _, n := range []Note{shifted, quoted} {
		a := svc.NoteAnchor(n)
		if !a.Orphaned || !strings.Contains(a.Reason, "标题已由") {
			t.Errorf("note on old %s: orphaned=%v %q", n.Address, a.Orphaned, a.Reason)
		}
	}
	if got := len(svc.Notes(Filter{})); got != 3 {
		t.Errorf("%d notes kept, want 3", got)
	}
	// The reader puts the orphan back where it belongs: old 5.6 is 4.6 now.
	n46, err := c.ResolveString("4.6")
	if err != nil {
		t.Fatal(err)
	}
	moved, err := svc.MoveNote(shifted.ID, c, n46)
	if err != nil || moved.Address != "4.6" || moved.Text != shifted.Text || moved.Title != shifted.Title {
		t.Fatalf("move: %+v %v", moved, err)
	}
	if a := svc.NoteAnchor(moved); a.Orphaned {
		t.Errorf("moved note still orphaned: %s", a.Reason)
	}
}

// TestTitleChangeOrphans checks that a note whose address now holds a node
// with another title counts as orphaned, unless its quote is still there.
func TestTitleChangeOrphans(t *testing.T) {
	e := newEnv(t)
	withQuote := e.addNote("1.1", "有引文", "四维学习架构", Yellow)
	noQuote := e.addNote("1.1", "无引文", "", Yellow)
	// Pretend both were made when 1.1 had another title.
	for _, id := range []string{withQuote.ID, noQuote.ID} {
		e.svc.mu.Lock()
		e.svc.notes[id].Title = "旧标题"
		e.svc.mu.Unlock()
	}
	e.svc.Refresh()
	if a := e.svc.NoteAnchor(*e.svc.notes[withQuote.ID]); a.Orphaned {
		t.Errorf("note with a quote still in the text orphaned: %s", a.Reason)
	}
	if a := e.svc.NoteAnchor(*e.svc.notes[noQuote.ID]); !a.Orphaned || !strings.Contains(a.Reason, "旧标题") {
		t.Errorf("note on a retitled node: %+v", a)
	}
}

func TestSecondInstance(t *testing.T) {
	e := newEnv(t)
	_, err := Open(e.dir, e.lib, Options{Timeout: 200e6})
	if !errors.Is(err, storage.ErrLocked) || !strings.Contains(err.Error(), "另一个") || !strings.Contains(err.Error(), FileName) {
		t.Fatalf("second open: %v", err)
	}
}

func TestRecoveryFromBackup(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 3; i++ {
		e.addNote("1.1", "备份中的笔记", "", Yellow)
	}
	// A backup holds the three notes (a reopen a moment later makes none:
	// start-up backups wait for BackupInterval or BackupEvery changes).
	if _, err := e.svc.BackupNow(); err != nil {
		t.Fatal(err)
	}
	path := e.svc.Path()
	e.close()
	if err := corrupt(path); err != nil {
		t.Fatal(err)
	}
	e.open()
	if e.svc.Recovery == nil {
		t.Fatal("no recovery reported")
	}
	if s := e.svc.Recovery.String(); !strings.Contains(s, "已损坏") || !strings.Contains(s, e.svc.Recovery.DamagedPath) {
		t.Errorf("recovery message: %s", s)
	}
	if e.svc.NoteCount() != 3 {
		t.Errorf("recovered %d notes, want 3", e.svc.NoteCount())
	}
}

// corrupt overwrites the middle of a bbolt file's data pages and both meta
// pages with garbage.
func corrupt(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	junk := bytes.Repeat([]byte{0xA5}, 8192)
	if _, err := f.WriteAt(junk, 0); err != nil {
		return err
	}
	return f.Sync()
}

// TestNotesPageOrphans: a node whose notes carry different titles (one
// made before the node was retitled) is decided note by note: the note
// whose title no longer matches is orphaned and listed last, the others
// stay in place; the markers count every note.
func TestNotesPageOrphans(t *testing.T) {
	e := newEnv(t)
	e.svc.now = fixedClock()
	a1 := e.addNote("1.1", "甲", "", Yellow)
	old := e.addNote("1.1", "乙", "", Pink)
	a2 := e.addNote("1.1", "丙", "", Yellow)
	b := e.addNote("1.2", "丁", "", Yellow)
	if _, total := e.svc.NotesPage(Filter{}, 1); total != 4 {
		t.Fatalf("%d notes", total)
	}
	e.svc.mu.Lock()
	e.svc.notes[old.ID].Title = "旧标题"
	e.svc.mu.Unlock()
	e.svc.Refresh()
	tests := []struct {
		f     Filter
		limit int
		want  []string
	}{
		{Filter{}, -1, []string{a1.ID, a2.ID, b.ID, old.ID}},
		{Filter{}, 3, []string{a1.ID, a2.ID, b.ID}},
		{Filter{Orphaned: OnlyOrphaned}, 5, []string{old.ID}},
		{Filter{Orphaned: OnlyAnchored}, 1, []string{a1.ID}},
		{Filter{Colors: []Color{Pink}}, 5, []string{old.ID}},
		{Filter{Order: ByTime}, 2, []string{b.ID, a2.ID}},
	}
	for i, tt := range tests {
		page, _ := e.svc.NotesPage(tt.f, tt.limit)
		var got []string
		for _, n := range page {
			got = append(got, n.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%d: %v, want %v", i, got, tt.want)
		}
	}
	if m := e.svc.Markers()[a1.NodeID]; m.Notes != 3 {
		t.Errorf("marker on 1.1: %+v", m)
	}
}
