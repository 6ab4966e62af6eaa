// Package parse turns the text of a compilation of official documents into
// a model.Compilation.
//
// A compilation file may hold, in this order and each part optional:
//
//   - the tail of a table of contents, page numbers glued on;
//   - the outlines of all documents back to back (numbered headings only;
//     a new "一、" starts the next document);
//   - the compilation's title, "目录" and the table of contents;
//   - the full texts: document title, preamble, numbered sections with an
//     optional intro, numbered items with a body. Item headings stand on a
//     line of their own or run into the body ("1.……。正文……").
//
// The parser merges outline and full text by number: the outline gives every
// short title, the full text the headings and paragraphs. Nothing of the
// full text is dropped except page-number lines, which are listed in
// Compilation.Skipped.
package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"huibian/app/model"
)

// Result is a parsed compilation with notes on how the parse went.
type Result struct {
	Compilation *model.Compilation
	// Warnings describe oddities a careful reader should know about, in Chinese.
	Warnings []string
}

// Parse decodes and parses one compilation: a text file, or a Word
// document (.docx, read by package docx), told apart by content. file names
// the source in error messages and becomes the title when the text has none.
func Parse(file string, data []byte) (res *Result, err error) {
	// The parser works on untrusted files: a bug must become an error
	// naming the file, never a crash of the reader.
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &Error{Op: OpImport, File: file, Reason: fmt.Sprintf("解析时发生内部错误：%v", r)}
		}
	}()
	return parseBytes(file, data)
}

// parseBytes is Parse without the safety net, so that the fuzzer sees panics.
func parseBytes(file string, data []byte) (*Result, error) {
	text, word, err := sourceText(file, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	p := &parser{file: file, unit: "行"}
	if word {
		p.unit = "段" // a line of the text is a paragraph of the document
	}
	p.split(text)
	comp, err := p.build()
	if err != nil {
		return nil, err
	}
	comp.SourceName = filepath.Base(file)
	comp.SourceHash = hex.EncodeToString(sum[:])
	return &Result{Compilation: comp, Warnings: p.warnings}, nil
}

// CompilationID derives a compilation's stable ID from its title, so that
// re-importing an edited source keeps the same IDs.
func CompilationID(title string) string {
	sum := sha256.Sum256([]byte(foldKey(title)))
	return "c" + hex.EncodeToString(sum[:6])
}

type line struct {
	no   int // 1-based line number in the source
	text string
}

type tocEntry struct {
	num   int
	title string
	page  int
}

type parser struct {
	file     string
	unit     string           // what a line number counts in warnings: 行 or 段
	lines    []line           // non-empty, trimmed
	title    string           // compilation title
	toc      map[int]tocEntry // table of contents by document number
	tocKeys  map[string]int   // folded title → document number
	outline  []line
	full     []line
	skipped  []model.SkippedLine
	warnings []string
}

var tocRe = regexp.MustCompile(`^(\d{1,3})\s*[.．、]\s*(.+?)\s*(\d{1,4})$`)

// parseTOC recognises a table-of-contents entry: "2.市委政研室2026年意识形态工作要点 18"
// or with the page glued on ("…要点18").
func parseTOC(s string) (tocEntry, bool) {
	m := tocRe.FindStringSubmatch(foldDigits(s))
	if m == nil {
		return tocEntry{}, false
	}
	title := strings.TrimRight(m[2], tocLeaders)
	if utf8.RuneCountInString(title) < 2 {
		return tocEntry{}, false
	}
	n, _ := strconv.Atoi(m[1])
	pg, _ := strconv.Atoi(m[3])
	return tocEntry{num: n, title: title, page: pg}, true
}

func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		if r == '．' {
			return '.'
		}
		return r
	}, s)
}

func isTOCHeader(s string) bool {
	k := foldKey(s)
	return k == "目录" || k == "目次"
}

// split assigns every line to the outline, the table of contents or the
// full text.
func (p *parser) split(text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	for i, raw := range strings.Split(text, "\n") {
		if t := trimLine(raw); t != "" {
			p.lines = append(p.lines, line{no: i + 1, text: t})
		}
	}
	ls := p.lines
	// Leading table-of-contents entries (a tail of a TOC glued to the top).
	i := 0
	for i < len(ls) {
		if e, ok := parseTOC(ls[i].text); ok && looksLikeDocTitle(e.title) {
			p.addTOC(e)
			i++
			continue
		}
		break
	}
	// "目录" with the compilation title on the line before it.
	hdr := -1
	for j := i; j < len(ls); j++ {
		if isTOCHeader(ls[j].text) {
			hdr = j
			break
		}
	}
	if hdr >= 0 {
		pre := ls[i:hdr]
		if n := len(pre); n > 0 && titleLike(pre[n-1].text) {
			p.title = pre[n-1].text
			pre = pre[:n-1]
		}
		p.outline = pre
		j := p.readTOC(ls, hdr+1)
		p.full = ls[j:]
		return
	}
	// No "目录": an outline is a run of numbered headings ended by a title
	// line (the start of the full text) or by the end of the file.
	j := i
	for j < len(ls) && isOutlineLine(ls[j].text) {
		j++
	}
	switch {
	case j == len(ls):
		p.outline = ls[i:]
	case j > i && titleLike(ls[j].text):
		p.outline = ls[i:j]
		p.full = ls[j:]
	default:
		p.full = ls[i:]
	}
	// A compilation title: two title lines in a row open the full text.
	if len(p.full) >= 2 && titleLike(p.full[0].text) && titleLike(p.full[1].text) && !p.knownTitle(p.full[0].text) {
		p.title = p.full[0].text
		p.full = p.full[1:]
	}
}

// looksLikeDocTitle filters TOC-shaped outline items ("1.推动……2026") from
// real entries: a document title names a plan, report or the like.
func looksLikeDocTitle(t string) bool {
	return utf8.RuneCountInString(t) >= 4 && !strings.ContainsAny(t, "。；")
}

// isOutlineLine: a numbered heading with no body run into it.
func isOutlineLine(s string) bool {
	m, ok := parseMarker(s)
	if !ok {
		return false
	}
	_, _, inline := splitInline(m.rest)
	return !inline && utf8.RuneCountInString(m.rest) <= 60
}

// readTOC reads entries after "目录" and returns the index of the first
// line that is not one. An entry broken after its number ("1" /
// ".市委组织部……要点 2") is joined. Besides "N.标题 页码", an entry may be
// numbered 一、 or （一） or not at all, with or without a page: it is
// taken as an entry when a later line is its title (a document's title
// line), or when dot leaders run to its page number ("……3"). Otherwise a
// contents page numbered 一、二、三、 would be read as a document's parts.
func (p *parser) readTOC(ls []line, i int) int {
	later := map[string]int{} // folded line → index of its last occurrence
	for k := i; k < len(ls); k++ {
		if utf8.RuneCountInString(ls[k].text) <= 200 {
			later[foldKey(ls[k].text)] = k
		}
	}
	n := 0 // entries so far
	for i < len(ls) {
		t := ls[i].text
		if i+1 < len(ls) && isAllDigits(t) && startsWithAny(ls[i+1].text, ".", "．", "、") {
			if e, ok := parseTOC(t + ls[i+1].text); ok {
				p.addTOC(e)
				n, i = n+1, i+2
				continue
			}
		}
		e, ok := parseTOC(t)
		if !ok {
			var leader bool
			e, leader = looseTOC(t, n+1)
			k, found := later[foldKey(e.title)]
			ok = titleLike(e.title) && ((found && k > i) || (leader && e.page > 0 && looksLikeDocTitle(e.title)))
		}
		if !ok {
			break
		}
		p.addTOC(e)
		n, i = n+1, i+1
	}
	return i
}

// looseTOC reads a contents line of any numbering: an optional number
// (一、, （一）, 1.; else the entry is numbered next), the title, optional
// dot leaders and an optional page number. leader reports dot leaders
// (or spaces) before the page number.
func looseTOC(s string, next int) (e tocEntry, leader bool) {
	e.num = next
	rest := s
	if m, ok := parseMarker(s); ok {
		e.num, rest = m.num, m.rest
	}
	body := strings.TrimRightFunc(rest, isSpace)
	k := len(body)
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(body[:k])
		if !isDigit(r) {
			break
		}
		k -= size
	}
	title := strings.TrimRight(body[:k], tocLeaders)
	if digits := body[k:]; digits != "" && utf8.RuneCountInString(digits) <= 4 && len(title) < k {
		// Digits after leaders or spaces are the page; digits glued to
		// the title are part of it ("……2026").
		e.page, _ = strconv.Atoi(foldDigits(digits))
		leader = true
	} else {
		title = strings.TrimRight(body, tocLeaders)
	}
	e.title = title
	return e, leader
}

// tocLeaders are the characters of dot leaders and the spaces around them.
const tocLeaders = ".…·．_-—─ \u3000\t"

// addTOC records an entry. A later entry for the same number (the full
// table after "目录", after the tail at the top) replaces the earlier one.
func (p *parser) addTOC(e tocEntry) {
	if p.toc == nil {
		p.toc, p.tocKeys = map[int]tocEntry{}, map[string]int{}
	}
	if old, ok := p.toc[e.num]; ok {
		delete(p.tocKeys, foldKey(old.title))
	}
	p.toc[e.num] = e
	p.tocKeys[foldKey(e.title)] = e.num
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

func (p *parser) knownTitle(s string) bool { return p.tocNumber(s) > 0 }

func (p *parser) tocNumber(s string) int {
	if len(p.toc) == 0 || utf8.RuneCountInString(s) > 200 {
		return 0
	}
	return p.tocKeys[foldKey(s)]
}

// --- outline -------------------------------------------------------------

type oDoc struct {
	sections []*oSection
}

type oSection struct {
	num   int
	title string
	items []oItem
}

type oItem struct {
	num   int
	title string
}

// levels picks the section and item levels: the outermost numbering level
// used, and the next one below it.
func levels(ls []line) (sec, item int) {
	seen := map[int]bool{}
	for _, l := range ls {
		if m, ok := parseMarker(l.text); ok {
			seen[m.level] = true
		}
	}
	var used []int
	for lv := levelHan; lv <= levelParArab; lv++ {
		if seen[lv] {
			used = append(used, lv)
		}
	}
	switch len(used) {
	case 0:
		return levelNone, levelNone
	case 1:
		return levelNone, used[0]
	}
	return used[0], used[1]
}

func (p *parser) parseOutline() []*oDoc {
	if len(p.outline) == 0 {
		return nil
	}
	secLv, itemLv := levels(p.outline)
	var docs []*oDoc
	var doc *oDoc
	var sec *oSection
	lastItem := 0
	for _, l := range p.outline {
		m, ok := parseMarker(l.text)
		if !ok {
			p.warn(l.no, "大纲中的这一行没有编号，已跳过", l.text)
			continue
		}
		switch m.level {
		case secLv:
			if doc == nil || sec == nil || m.num <= sec.num {
				doc = &oDoc{}
				docs = append(docs, doc)
				lastItem = 0
			}
			sec = &oSection{num: m.num, title: m.rest}
			doc.sections = append(doc.sections, sec)
		case itemLv:
			if doc == nil || (secLv == levelNone && m.num <= lastItem) {
				doc = &oDoc{}
				docs = append(docs, doc)
				sec = nil
			}
			if sec == nil {
				sec = &oSection{num: 1}
				doc.sections = append(doc.sections, sec)
			}
			sec.items = append(sec.items, oItem{num: m.num, title: m.rest})
			lastItem = m.num
		default:
			p.warn(l.no, "大纲中的下级标题，已跳过", l.text)
		}
	}
	for _, d := range docs {
		d.renumber()
	}
	return docs
}

// renumber numbers items through the document when the outline numbers
// them afresh in each section (or repeats a number).
func (d *oDoc) renumber() {
	last, ok := 0, true
	for _, s := range d.sections {
		for _, it := range s.items {
			if it.num <= last {
				ok = false
			}
			last = it.num
		}
	}
	if ok {
		return
	}
	n := 0
	for _, s := range d.sections {
		for i := range s.items {
			n++
			s.items[i].num = n
		}
	}
}

func (p *parser) warn(no int, what, text string) {
	p.warnings = append(p.warnings, fmt.Sprintf("第 %d %s:%s:%s", no, p.unit, what, text))
}

// --- full text -----------------------------------------------------------

type fDoc struct {
	num       int
	titleLine string
	preamble  []string
	sections  []*model.Section
}

// chunkFull cuts the full text into documents at title lines.
func (p *parser) chunkFull() [][]line {
	var chunks [][]line
	var cur []line
	sawMarker := false
	for k, l := range p.full {
		isTitle := false
		if len(p.toc) > 0 {
			isTitle = p.knownTitle(l.text)
		} else if titleLike(l.text) && (cur == nil || sawMarker) {
			// Without a table of contents, a short unnumbered line opens a
			// document if what follows is not an item of the current one.
			next := ""
			if k+1 < len(p.full) {
				next = p.full[k+1].text
			}
			nm, ok := parseMarker(next)
			isTitle = !ok || nm.num == 1
		}
		if isTitle && (cur != nil || k == 0) {
			if cur != nil {
				chunks = append(chunks, cur)
			}
			cur = []line{l}
			sawMarker = false
			continue
		}
		if _, ok := parseMarker(l.text); ok {
			sawMarker = true
		}
		cur = append(cur, l)
	}
	if cur != nil {
		chunks = append(chunks, cur)
	}
	return chunks
}

func (p *parser) parseFull() []*fDoc {
	var chunks [][]line
	for _, c := range p.chunkFull() {
		chunks = append(chunks, splitRestarts(c)...)
	}
	var docs []*fDoc
	for ci, chunk := range chunks {
		d := &fDoc{num: ci + 1}
		body := chunk
		if first := chunk[0].text; p.knownTitle(first) || (titleLike(first) && !isMarker(first)) {
			d.titleLine = first
			if n := p.tocNumber(first); n > 0 {
				d.num = n
			}
			body = chunk[1:]
		}
		p.parseDocBody(d, body, ci == len(chunks)-1)
		docs = append(docs, d)
	}
	return docs
}

// splitRestarts cuts a chunk where the outermost numbering starts again
// ("一、" after "六、"): a new document whose title line is missing.
func splitRestarts(ls []line) [][]line {
	secLv, itemLv := levels(ls)
	top := secLv
	if top == levelNone {
		top = itemLv
	}
	var out [][]line
	start, last := 0, 0
	for k, l := range ls {
		m, ok := parseMarker(l.text)
		if !ok || m.level != top {
			continue
		}
		if m.num <= last && k > start {
			out = append(out, ls[start:k])
			start = k
		}
		last = m.num
	}
	return append(out, ls[start:])
}

// sequentialItems reports whether items are numbered afresh in each
// section (一、 1. 2. 二、 1. 2.) rather than through the document.
func sequentialItems(ls []line, secLv, itemLv int) bool {
	prevMax, curMax := 0, 0
	for _, l := range ls {
		m, ok := parseMarker(l.text)
		switch {
		case !ok:
		case m.level == secLv:
			prevMax, curMax = max(prevMax, curMax), 0
		case m.level == itemLv:
			if curMax == 0 && prevMax > 0 && m.num <= prevMax {
				return true
			}
			curMax = max(curMax, m.num)
		}
	}
	return false
}

func isMarker(s string) bool { _, ok := parseMarker(s); return ok }

func (p *parser) parseDocBody(d *fDoc, ls []line, lastDoc bool) {
	secLv, itemLv := levels(ls)
	seq := secLv != levelNone && sequentialItems(ls, secLv, itemLv)
	var sec *model.Section
	var item *model.Item
	lastSec, lastItem, count := 0, 0, 0
	para := func(text string) {
		switch {
		case item != nil:
			item.Body = append(item.Body, text)
		case sec != nil:
			sec.Intro = append(sec.Intro, text)
		default:
			d.preamble = append(d.preamble, text)
		}
	}
	for k, l := range ls {
		m, ok := parseMarker(l.text)
		switch {
		case ok && m.level == secLv && m.num > lastSec:
			h, body, inline := splitInline(m.rest)
			sec = &model.Section{Number: m.num, Marker: m.raw, Heading: h, Inline: inline, HasText: true}
			if inline {
				sec.Intro = []string{body}
			}
			d.sections = append(d.sections, sec)
			item = nil
			lastSec = m.num
			if seq {
				lastItem = 0
			}
		case ok && m.level == itemLv && m.num > lastItem && (sec != nil || secLv == levelNone):
			if sec == nil {
				sec = &model.Section{Number: 1}
				d.sections = append(d.sections, sec)
			}
			h, body, inline := splitInline(m.rest)
			count++
			num := m.num
			if seq {
				num = count
			}
			item = &model.Item{Number: num, Marker: m.raw, Heading: h, Inline: inline, HasText: true}
			if inline {
				item.Body = []string{body}
			}
			sec.Items = append(sec.Items, item)
			lastItem = m.num
		case ok && (m.level == secLv || m.level == itemLv):
			// Numbering that goes backwards (a repeated "3.") is kept as a
			// paragraph where it stands, so the text keeps its order.
			p.warn(l.no, "编号重复或倒序，按正文段落处理", l.text)
			para(l.text)
		case pageNumber(l.text):
			// A lone number at the very end that continues the item
			// numbering is the start of an item whose text was cut off.
			if n, err := strconv.Atoi(foldDigits(l.text)); err == nil && lastDoc && k == len(ls)-1 && n == lastItem+1 && sec != nil && !seq {
				sec.Items = append(sec.Items, &model.Item{Number: n, Fragment: l.text})
				continue
			}
			p.skipped = append(p.skipped, model.SkippedLine{Line: l.no, Text: l.text, Why: "页码"})
		default:
			para(l.text)
		}
	}
}

// --- merge ---------------------------------------------------------------

func (p *parser) build() (*model.Compilation, error) {
	odocs := p.parseOutline()
	fdocs := p.parseFull()
	n := len(odocs)
	for num := range p.toc {
		n = max(n, num)
	}
	for _, f := range fdocs {
		n = max(n, f.num)
	}
	items := 0
	for _, f := range fdocs {
		for _, s := range f.sections {
			items += len(s.Items)
		}
	}
	for _, o := range odocs {
		for _, s := range o.sections {
			items += len(s.items)
		}
	}
	if items == 0 {
		return nil, &Error{Op: OpImport, File: p.file, Kind: ErrStructure,
			Reason: "不是公文汇编：没有找到“一、”“1.”这样的编号标题"}
	}
	if n > 999 {
		return nil, &Error{Op: OpImport, File: p.file, Kind: ErrStructure, Reason: fmt.Sprintf("篇数异常（%d 篇），不像是公文汇编", n)}
	}
	title := p.title
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(p.file), filepath.Ext(p.file))
	}
	c := &model.Compilation{Title: title, ID: CompilationID(title)}
	fByNum := map[int]*fDoc{}
	for _, f := range fdocs {
		if _, dup := fByNum[f.num]; dup {
			return nil, &Error{Op: OpImport, File: p.file, Kind: ErrStructure, Reason: fmt.Sprintf("第 %d 篇的正文出现了两次", f.num)}
		}
		fByNum[f.num] = f
	}
	for num := 1; num <= n; num++ {
		var o *oDoc
		if num <= len(odocs) {
			o = odocs[num-1]
		}
		d := p.mergeDoc(c.ID, num, o, fByNum[num])
		c.Documents = append(c.Documents, d)
	}
	setShortTitles(c.Documents)
	c.Skipped = p.skipped
	return c, nil
}

func (p *parser) mergeDoc(comp string, num int, o *oDoc, f *fDoc) *model.Document {
	d := &model.Document{ID: model.DocumentID(comp, num), Number: num}
	if e, ok := p.toc[num]; ok {
		d.Title, d.Page = e.title, e.page
	}
	secs := map[int]*model.Section{}
	get := func(n int) *model.Section {
		if s, ok := secs[n]; ok {
			return s
		}
		s := &model.Section{Number: n}
		secs[n] = s
		return s
	}
	itemSec := map[int]int{}
	oItems := map[int]string{}
	if o != nil {
		for _, os := range o.sections {
			s := get(os.num)
			s.Title = os.title
			for _, it := range os.items {
				itemSec[it.num] = os.num
				oItems[it.num] = it.title
			}
		}
	}
	fItems := map[int]*model.Item{}
	if f != nil {
		d.TitleLine = f.titleLine
		if d.Title == "" {
			d.Title = f.titleLine
		}
		d.Preamble = f.preamble
		d.HasText = true
		for _, fs := range f.sections {
			s := get(fs.Number)
			s.Marker, s.Heading, s.Inline, s.Intro, s.HasText = fs.Marker, fs.Heading, fs.Inline, fs.Intro, fs.HasText
			for _, it := range fs.Items {
				fItems[it.Number] = it
				itemSec[it.Number] = fs.Number // the full text decides where an item stands
			}
		}
	}
	if d.Title == "" {
		d.Title = fmt.Sprintf("第%d篇", num)
	}
	// Items, in number order, each in its section.
	for _, k := range slices.Sorted(maps.Keys(itemSec)) {
		it := fItems[k]
		if it == nil {
			it = &model.Item{Number: k}
		}
		if t, ok := oItems[k]; ok {
			it.Title = t
		} else {
			it.Title = shortFromHeading(it.Heading)
		}
		if it.Title == "" {
			it.Title = fmt.Sprintf("第%d条", k)
		}
		it.ID = model.ItemID(comp, num, k)
		s := get(itemSec[k])
		s.Items = append(s.Items, it)
	}
	for _, k := range slices.Sorted(maps.Keys(secs)) {
		s := secs[k]
		s.ID = model.SectionID(comp, num, k)
		if s.Title == "" {
			s.Title = shortFromHeading(s.Heading)
		}
		if s.Title == "" {
			s.Title = fmt.Sprintf("第%d部分", k)
		}
		d.Sections = append(d.Sections, s)
	}
	if d.HasText {
		for _, s := range d.Sections {
			for _, it := range s.Items {
				if !it.HasText {
					d.Truncated = true
				}
			}
		}
	}
	return d
}

// shortFromHeading makes a short title from a full heading: the part
// before the first comma, without a final full stop.
func shortFromHeading(h string) string {
	h = strings.TrimRight(h, "。.;；")
	if i := strings.IndexAny(h, ",，"); i > 0 && utf8.RuneCountInString(h[:i]) >= 4 {
		return h[:i]
	}
	return h
}

var yearTail = regexp.MustCompile(`\d{4}年?$`)

// setShortTitles drops what every document title shares ("2026年意识形态工作要点").
func setShortTitles(docs []*model.Document) {
	if len(docs) == 0 {
		return
	}
	suffix := []rune(docs[0].Title)
	for _, d := range docs[1:] {
		r := []rune(d.Title)
		k := 0
		for k < len(r) && k < len(suffix) && r[len(r)-1-k] == suffix[len(suffix)-1-k] {
			k++
		}
		suffix = suffix[len(suffix)-k:]
	}
	for _, d := range docs {
		short := d.Title
		if len(docs) > 1 && len(suffix) > 0 && len([]rune(d.Title)) > len(suffix) {
			short = string([]rune(d.Title)[:len([]rune(d.Title))-len(suffix)])
			short = yearTail.ReplaceAllString(short, "")
		}
		if strings.TrimSpace(short) == "" {
			short = d.Title
		}
		d.Short = short
	}
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
