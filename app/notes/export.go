package notes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"huibian/app/model"
	"huibian/storage"
)

// Export format identifiers.
const (
	ExportFormat  = "huibian-notes"
	ExportVersion = 1
)

// Export is the JSON export file.
type Export struct {
	Format    string     `json:"format"`
	Version   int        `json:"version"`
	Exported  time.Time  `json:"exported"`
	Notes     []Note     `json:"notes"`
	Bookmarks []Bookmark `json:"bookmarks"`
}

// ExportJSON writes every note and bookmark as versioned JSON.
func (s *Service) ExportJSON(w io.Writer) error {
	ex := Export{Format: ExportFormat, Version: ExportVersion, Exported: s.stamp(),
		Notes: s.Notes(Filter{}), Bookmarks: s.Bookmarks(ByPosition)}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ex); err != nil {
		return fmt.Errorf("导出 JSON: %w", err)
	}
	return nil
}

// ImportReport says what an import did.
type ImportReport struct {
	Added, Updated, Skipped int
	// Problems lists records that were skipped because they are invalid.
	Problems []string
}

func (r ImportReport) String() string {
	s := fmt.Sprintf("新增 %d 条，更新 %d 条，跳过 %d 条", r.Added, r.Updated, r.Skipped)
	if len(r.Problems) > 0 {
		s += fmt.Sprintf("（其中 %d 条内容有误）", len(r.Problems))
	}
	return s
}

// Limits of the notes store. The reader is measured at MaxNotes notes
// (note add, note ls, start-up, backups: see README); an import that would
// go beyond is refused, with a message that says so, rather than leaving a
// store that every later command is slow on.
const (
	MaxNotes = 100_000
	// MaxImportSize bounds a JSON file to import (100 000 notes of
	// ordinary length export to about 30 MB).
	MaxImportSize = 64 << 20
)

// ImportJSONFile merges a JSON export file into the store.
func (s *Service) ImportJSONFile(path string) (ImportReport, error) {
	if st, err := os.Stat(path); err == nil && st.Size() > MaxImportSize {
		return ImportReport{}, fmt.Errorf("导入文件 %s 有 %.0f MB，超过上限 %d MB:请分成几个较小的文件导入", path, float64(st.Size())/(1<<20), MaxImportSize>>20)
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ImportReport{}, fmt.Errorf("读取导入文件 %s: 文件不存在", path)
	case errors.Is(err, fs.ErrPermission):
		return ImportReport{}, fmt.Errorf("读取导入文件 %s: 没有读取权限", path)
	case err != nil:
		return ImportReport{}, fmt.Errorf("读取导入文件 %s: %w", path, err)
	}
	rep, err := s.ImportJSON(data)
	if err != nil {
		return rep, fmt.Errorf("导入文件 %s: %w", path, err)
	}
	return rep, nil
}

// ImportJSON merges an export into the store, in one transaction.
//
// A note with an ID already present is updated when the imported copy is
// newer and differs, and skipped otherwise. A note with a new ID that has
// the same node, text, quote and creation time as an existing one is a
// duplicate and is skipped. Bookmarks are keyed by node. Invalid records
// are skipped and listed in Problems.
func (s *Service) ImportJSON(data []byte) (ImportReport, error) {
	var rep ImportReport
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var ex Export
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&ex); err != nil {
		return rep, fmt.Errorf("不是有效的 JSON 笔记文件：%w", err)
	}
	if ex.Format != ExportFormat {
		return rep, fmt.Errorf("不是汇编阅读器导出的笔记文件（format 应为 %q，实为 %q）", ExportFormat, ex.Format)
	}
	if ex.Version < 1 || ex.Version > ExportVersion {
		return rep, fmt.Errorf("笔记文件版本 %d 不受支持（本程序支持版本 %d）", ex.Version, ExportVersion)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadNotesLocked()
	s.loadTextsLocked() // duplicates are found by text
	type dupKey struct {
		node, text, quote string
		created           int64
	}
	dups := map[dupKey]bool{}
	for _, n := range s.notes {
		dups[dupKey{n.NodeID, n.Text, n.Quote, n.Created.UnixMilli()}] = true
	}
	var putNotes []*Note
	var putBms []*Bookmark
	seen := map[string]bool{}
	for i, in := range ex.Notes {
		in := in
		if p := checkImportedNote(&in); p != "" {
			rep.Skipped++
			rep.Problems = append(rep.Problems, fmt.Sprintf("第 %d 条笔记：%s", i+1, p))
			continue
		}
		if seen[in.ID] {
			rep.Skipped++
			continue
		}
		seen[in.ID] = true
		if old, ok := s.notes[in.ID]; ok {
			if *old == in || !in.Updated.After(old.Updated) {
				rep.Skipped++
				continue
			}
			rep.Updated++
			putNotes = append(putNotes, &in)
			continue
		}
		k := dupKey{in.NodeID, in.Text, in.Quote, in.Created.UnixMilli()}
		if dups[k] {
			rep.Skipped++
			continue
		}
		dups[k] = true
		rep.Added++
		putNotes = append(putNotes, &in)
	}
	seenBm := map[string]bool{}
	for i, in := range ex.Bookmarks {
		in := in
		if p := checkImportedBookmark(&in); p != "" {
			rep.Skipped++
			rep.Problems = append(rep.Problems, fmt.Sprintf("第 %d 个书签：%s", i+1, p))
			continue
		}
		if seenBm[in.NodeID] {
			rep.Skipped++
			continue
		}
		seenBm[in.NodeID] = true
		if old, ok := s.bookmarks[in.NodeID]; ok {
			if *old == in || !in.Updated.After(old.Updated) {
				rep.Skipped++
				continue
			}
			rep.Updated++
		} else {
			rep.Added++
		}
		putBms = append(putBms, &in)
	}
	if len(putNotes)+len(putBms) == 0 {
		return rep, nil
	}
	if total, max := len(s.notes)+countNew(putNotes, s.notes), s.x.limit(); total > max {
		return ImportReport{}, fmt.Errorf("导入后将有 %d 条笔记，超过上限 %d 条（现有 %d 条）：未导入任何内容", total, max, len(s.notes))
	}
	err := s.store.Update(func(tx storage.Tx) error {
		for _, n := range putNotes {
			if err := putNoteTx(tx, n); err != nil {
				return err
			}
		}
		for _, b := range putBms {
			if err := tx.Put(bucketBookmarks, b.NodeID, encodeBookmark(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ImportReport{}, fmt.Errorf("保存导入的笔记：%w", err)
	}
	for _, n := range putNotes {
		s.notes[n.ID] = n
	}
	s.forgetGroupsLocked()
	for _, b := range putBms {
		s.bookmarks[b.NodeID] = b
	}
	return rep, nil
}

// countNew counts the notes in ns that are not in have.
func countNew(ns []*Note, have map[string]*Note) int {
	n := 0
	for _, x := range ns {
		if _, ok := have[x.ID]; !ok {
			n++
		}
	}
	return n
}

// storedTime is t as it reads back from the store: UTC, milliseconds.
func storedTime(t time.Time) time.Time { return time.UnixMilli(t.UnixMilli()).UTC() }

func checkImportedNote(n *Note) string {
	n.ID = strings.TrimSpace(n.ID)
	switch {
	case n.ID == "" || len(n.ID) > 64:
		return "缺少有效的 id"
	case n.NodeID == "":
		return "缺少 node_id"
	}
	if _, _, err := model.ParseID(n.NodeID); err != nil {
		return err.Error()
	}
	if n.Color == "" {
		n.Color = Yellow
	}
	if c, err := ParseColor(string(n.Color)); err != nil {
		return err.Error()
	} else {
		n.Color = c
	}
	if err := checkText(n.Text, n.Quote); err != nil {
		return err.Error()
	}
	if n.Created.IsZero() {
		return "缺少 created 时间"
	}
	if n.Updated.IsZero() {
		n.Updated = n.Created
	}
	n.Created, n.Updated = storedTime(n.Created), storedTime(n.Updated)
	if n.Address == "" {
		_, a, _ := model.ParseID(n.NodeID)
		n.Address = a.String()
	}
	return ""
}

func checkImportedBookmark(b *Bookmark) string {
	if b.NodeID == "" {
		return "缺少 node_id"
	}
	if _, _, err := model.ParseID(b.NodeID); err != nil {
		return err.Error()
	}
	if b.Created.IsZero() {
		return "缺少 created 时间"
	}
	if b.Updated.IsZero() {
		b.Updated = b.Created
	}
	b.Created, b.Updated = storedTime(b.Created), storedTime(b.Updated)
	if b.Name == "" {
		b.Name = b.Title
	}
	if b.Address == "" {
		_, a, _ := model.ParseID(b.NodeID)
		b.Address = a.String()
	}
	return ""
}

// ExportMarkdown writes every note and bookmark as a Markdown document that
// reads on its own: grouped by compilation, document and section in
// reading order, with the quoted passages. Orphaned records come last.
// loc is the time zone for the dates shown (nil means local time).
func (s *Service) ExportMarkdown(w io.Writer, loc *time.Location) error {
	if loc == nil {
		loc = time.Local
	}
	notes := s.Notes(Filter{Order: ByPosition})
	bms := s.Bookmarks(ByPosition)
	var entries []mdEntry
	s.mu.Lock()
	for i := range notes {
		a := s.anchorLocked(notes[i].NodeID, notes[i].Title, notes[i].Quote)
		entries = append(entries, mdEntry{key: a.key, note: &notes[i], an: Anchor{Orphaned: a.orphan, Reason: a.reason, Compilation: a.c, Node: a.node}})
	}
	for i := range bms {
		a := s.anchorLocked(bms[i].NodeID, bms[i].Title, "")
		entries = append(entries, mdEntry{key: a.key, bm: &bms[i], an: Anchor{Orphaned: a.orphan, Reason: a.reason, Compilation: a.c, Node: a.node}})
	}
	s.mu.Unlock()
	// Bookmarks come before the notes on the same node.
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].key != entries[j].key {
			return entries[i].key.less(entries[j].key)
		}
		return entries[i].bm != nil && entries[j].bm == nil
	})

	var b strings.Builder
	b.WriteString("# 汇编阅读器笔记与书签\n\n")
	fmt.Fprintf(&b, "导出时间：%s。共 %d 条笔记，%d 个书签。\n", s.stamp().In(loc).Format("2006-01-02 15:04"), len(notes), len(bms))
	if len(entries) == 0 {
		b.WriteString("\n（还没有笔记或书签。）\n")
	}
	var curComp, curDoc, curSec, curNode string
	orphanHeader := false
	for _, e := range entries {
		if e.an.Orphaned {
			if !orphanHeader {
				b.WriteString("\n## 原位置已不存在的笔记和书签\n\n")
				b.WriteString("这些记录所在的篇、部分或条在当前资料库中已找不到（例如汇编被删除或重新导入后有变动）。记录本身完整保留如下。\n")
				orphanHeader = true
			}
			title := ""
			if t := recTitle(e); t != "" {
				title = "“" + t + "”"
			}
			fmt.Fprintf(&b, "\n### 原地址 %s %s\n\n", recAddress(e), title)
			fmt.Fprintf(&b, "原因：%s\n", e.an.Reason)
			writeEntry(&b, e.note, e.bm, loc)
			continue
		}
		c, n := e.an.Compilation, e.an.Node
		if c != nil && c.ID != curComp {
			curComp, curDoc, curSec, curNode = c.ID, "", "", ""
			fmt.Fprintf(&b, "\n## 《%s》\n", c.Title)
		}
		if n.Document != nil {
			if id := n.Document.ID; id != curDoc {
				curDoc, curSec = id, ""
				fmt.Fprintf(&b, "\n### %d. %s\n", n.Document.Number, n.Document.Title)
			}
		}
		if n.Section != nil {
			if id := model.SectionID(c.ID, n.Addr.Doc, n.Section.Number); id != curSec {
				curSec = id
				fmt.Fprintf(&b, "\n#### %s\n", sectionHeading(n.Section))
			}
		}
		nodeID := recNodeID(e)
		if nodeID != curNode {
			curNode = nodeID
			switch n.Kind() {
			case model.KindItem:
				fmt.Fprintf(&b, "\n##### %d. %s（%s）\n", n.Item.Number, n.Item.Title, n.Addr)
			case model.KindSection:
				fmt.Fprintf(&b, "\n关于本部分（%s）：\n", n.Addr)
			case model.KindDocument:
				fmt.Fprintf(&b, "\n关于本篇（%s）：\n", n.Addr)
			}
		}
		writeEntry(&b, e.note, e.bm, loc)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("导出 Markdown: %w", err)
	}
	return nil
}

// mdEntry is one note or bookmark placed for the Markdown export.
type mdEntry struct {
	key  posKey
	note *Note
	bm   *Bookmark
	an   Anchor
}

func sectionHeading(s *model.Section) string {
	if s.Marker != "" && s.Heading != "" {
		return s.Marker + s.Heading
	}
	return fmt.Sprintf("第 %d 部分 %s", s.Number, s.Title)
}

func recTitle(e mdEntry) string {
	if e.note != nil {
		return e.note.Title
	}
	return e.bm.Title
}

func recAddress(e mdEntry) string {
	if e.note != nil {
		return e.note.Address
	}
	return e.bm.Address
}

func recNodeID(e mdEntry) string {
	if e.note != nil {
		return e.note.NodeID
	}
	return e.bm.NodeID
}

func writeEntry(b *strings.Builder, n *Note, bm *Bookmark, loc *time.Location) {
	if bm != nil {
		fmt.Fprintf(b, "\n- 书签：%s（%s）\n", bm.Name, bm.Created.In(loc).Format("2006-01-02 15:04"))
		return
	}
	b.WriteString("\n")
	if n.Quote != "" {
		for _, l := range strings.Split(strings.TrimRight(n.Quote, "\n"), "\n") {
			fmt.Fprintf(b, "> %s\n", l)
		}
		b.WriteString("\n")
	}
	if strings.TrimSpace(n.Text) != "" {
		b.WriteString(strings.TrimRight(n.Text, "\n"))
		b.WriteString("\n\n")
	}
	when := n.Created.In(loc).Format("2006-01-02 15:04")
	if !n.Updated.Equal(n.Created) {
		when += ",修改于 " + n.Updated.In(loc).Format("2006-01-02 15:04")
	}
	fmt.Fprintf(b, "*%s色笔记 · %s · 编号 %s*\n", n.Color.Chinese(), when, n.ID)
}
