package docx

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// maxLevels is the number of list levels Word knows (ilvl 0 … 8).
const maxLevels = 9

// level is one w:lvl of a numbering definition.
type level struct {
	start     int
	format    string // ST_NumberFormat, "" for decimal
	text      string // w:lvlText, e.g. "%1、" or "（%2）"
	hasText   bool
	restart   int // w:lvlRestart: 1-based level whose use restarts this one, 0 = never
	hasRestrt bool
	legal     bool   // w:isLgl: show every level in the text as decimal
	suffix    string // what follows the number: "\t", " " or ""
}

// abstractNum is a w:abstractNum: the levels, or a link to a numbering style
// that holds them.
type abstractNum struct {
	levels       [maxLevels]*level
	numStyleLink string // styleId of a numbering style whose num defines the levels
	singleLevel  bool
}

// override is a w:lvlOverride of a w:num.
type override struct {
	start    int
	hasStart bool
	lvl      *level // a whole level replaced, or nil
}

// num is a w:num: an instance of an abstract definition, which paragraphs
// reference by numId.
type num struct {
	abstract  int
	overrides map[int]override
}

// counters is the running count of one abstract definition. Word keeps the
// count per abstract definition, not per w:num: every w:num that shares it
// continues the same sequence, and a w:num with a w:startOverride restarts
// it where that w:num is first used at the overridden level.
type counters struct {
	val  [maxLevels]int
	used [maxLevels]bool
}

// numbering holds numbering.xml and the numbering properties of the
// paragraph styles, and counts numbered paragraphs in document order.
type numbering struct {
	abstracts map[int]*abstractNum
	nums      map[int]*num
	styles    *styles
	counts    map[*abstractNum]*counters
	applied   map[[2]int]bool // (numId, ilvl) whose startOverride has been used
}

func newNumbering(st *styles) *numbering {
	return &numbering{abstracts: map[int]*abstractNum{}, nums: map[int]*num{}, styles: st,
		counts: map[*abstractNum]*counters{}, applied: map[[2]int]bool{}}
}

// readNumbering reads word/numbering.xml.
func (nb *numbering) read(r io.Reader) error {
	d := newDecoder(r)
	return d.each(func(se xml.StartElement) error {
		if !d.isW(se.Name) {
			return nil
		}
		switch se.Name.Local {
		case "abstractNum":
			id, ok := intAttr(d, se, "abstractNumId")
			a, err := readAbstract(d)
			if ok {
				nb.abstracts[id] = a
			}
			return err
		case "num":
			id, ok := intAttr(d, se, "numId")
			n, err := readNum(d)
			if ok {
				nb.nums[id] = n
			}
			return err
		}
		return nil
	})
}

func readAbstract(d *decoder) (*abstractNum, error) {
	a := &abstractNum{}
	return a, d.children(func(se xml.StartElement) error {
		if !d.isW(se.Name) {
			return d.skip()
		}
		switch se.Name.Local {
		case "lvl":
			il, ok := intAttr(d, se, "ilvl")
			lv, err := readLevel(d)
			if err != nil {
				return err
			}
			if ok && il >= 0 && il < maxLevels {
				a.levels[il] = lv
			}
			return nil
		case "numStyleLink":
			a.numStyleLink = d.val(se)
		case "multiLevelType":
			a.singleLevel = d.val(se) == "singleLevel"
		}
		return d.skip()
	})
}

func readNum(d *decoder) (*num, error) {
	n := &num{abstract: -1}
	return n, d.children(func(se xml.StartElement) error {
		if !d.isW(se.Name) {
			return d.skip()
		}
		switch se.Name.Local {
		case "abstractNumId":
			if v, err := strconv.Atoi(d.val(se)); err == nil {
				n.abstract = v
			}
		case "lvlOverride":
			il, ok := intAttr(d, se, "ilvl")
			var o override
			err := d.children(func(se xml.StartElement) error {
				if d.isW(se.Name) {
					switch se.Name.Local {
					case "startOverride":
						if v, err := strconv.Atoi(d.val(se)); err == nil {
							o.start, o.hasStart = v, true
						}
					case "lvl":
						lv, err := readLevel(d)
						o.lvl = lv
						return err
					}
				}
				return d.skip()
			})
			if err != nil {
				return err
			}
			if ok && il >= 0 && il < maxLevels {
				if n.overrides == nil {
					n.overrides = map[int]override{}
				}
				n.overrides[il] = o
			}
			return nil
		}
		return d.skip()
	})
}

func readLevel(d *decoder) (*level, error) {
	lv := &level{start: 1, suffix: "\t"}
	fallback := ""
	err := d.children(func(se xml.StartElement) error {
		if se.Name.Space == nsMC && se.Name.Local == "AlternateContent" {
			// Word 2010 writes custom formats ("001, 002, 003, ...") in a
			// Choice, with a plain format in the Fallback.
			return d.children(func(se xml.StartElement) error {
				return d.children(func(se xml.StartElement) error {
					if d.isW(se.Name) && se.Name.Local == "numFmt" {
						if f := customFormat(d.val(se), d.attr(se, "format")); f != "" && lv.format == "" {
							lv.format = f
						} else if fallback == "" {
							fallback = d.val(se)
						}
					}
					return d.skip()
				})
			})
		}
		if !d.isW(se.Name) {
			return d.skip()
		}
		switch se.Name.Local {
		case "start":
			if v, err := strconv.Atoi(d.val(se)); err == nil {
				lv.start = v
			}
		case "numFmt":
			f := d.val(se)
			if f == "custom" {
				f = customFormat(f, d.attr(se, "format"))
			}
			lv.format = f
		case "lvlText":
			lv.text, lv.hasText = d.val(se), true
		case "lvlRestart":
			if v, err := strconv.Atoi(d.val(se)); err == nil {
				lv.restart, lv.hasRestrt = v, true
			}
		case "isLgl":
			lv.legal = onOff(d.val(se))
		case "suff":
			switch d.val(se) {
			case "space":
				lv.suffix = " "
			case "nothing":
				lv.suffix = ""
			default:
				lv.suffix = "\t"
			}
		}
		return d.skip()
	})
	if lv.format == "" {
		lv.format = fallback
	}
	return lv, err
}

// customFormat maps Word 2010's custom number formats ([MS-DOCX] 2.4) to a
// format this reader renders: zero-padded decimals and the formats named
// by their first numbers.
func customFormat(val, format string) string {
	if val != "custom" {
		return ""
	}
	first, _, _ := strings.Cut(format, ",")
	first = strings.TrimSpace(first)
	if strings.Trim(first, "0") == "1" && strings.HasSuffix(first, "1") {
		return "decimalZero" + strconv.Itoa(len(first))
	}
	switch {
	case strings.HasPrefix(format, "一, 十, 一○○"):
		return "chineseCounting"
	case strings.HasPrefix(format, "一, 十, 一百"):
		return "chineseCountingThousand"
	case strings.HasPrefix(format, "壹, 贰"):
		return "chineseLegalSimplified"
	case strings.HasPrefix(format, "壹, 貳"):
		return "ideographLegalTraditional"
	case strings.HasPrefix(format, "一, 一〇"):
		return "ideographDigital"
	case strings.HasPrefix(format, "甲, 乙"):
		return "ideographTraditional"
	case strings.HasPrefix(format, "子, 丑"):
		return "ideographZodiac"
	case strings.HasPrefix(format, "①"):
		return "decimalEnclosedCircle"
	case strings.HasPrefix(format, "⑴"):
		return "decimalEnclosedParen"
	case strings.HasPrefix(format, "⒈"):
		return "decimalEnclosedFullstop"
	case strings.HasPrefix(format, "１"):
		return "decimalFullWidth"
	case strings.HasPrefix(format, "㈠"):
		return "ideographEnclosedCircle"
	}
	return ""
}

// numPr is a paragraph's numbering reference.
type numPr struct {
	numID, ilvl      int
	hasNum, hasLevel bool
}

// label returns the number Word shows before a paragraph with the given
// style and direct numbering properties, with its suffix, and counts it.
// It returns "" for a paragraph that is not numbered.
func (nb *numbering) label(style string, direct numPr) string {
	np := nb.styles.numPr(style)
	if direct.hasNum {
		np.numID, np.hasNum = direct.numID, true
	}
	if direct.hasLevel {
		np.ilvl, np.hasLevel = direct.ilvl, true
	}
	if !np.hasNum || np.numID == 0 {
		return ""
	}
	n := nb.nums[np.numID]
	if n == nil {
		return ""
	}
	abs, link := nb.resolve(n)
	if abs == nil {
		return ""
	}
	il := np.ilvl
	if abs.singleLevel || il < 0 || il >= maxLevels {
		il = 0
	}
	lvl := nb.level(n, link, abs, il)
	if lvl == nil {
		return ""
	}
	c := nb.counts[abs]
	if c == nil {
		c = &counters{}
		nb.counts[abs] = c
	}
	key := [2]int{np.numID, il}
	switch o, ok := nb.startOverride(n, link, il); {
	case ok && !nb.applied[key]:
		c.val[il], c.used[il] = o, true
	case !c.used[il]:
		c.val[il], c.used[il] = lvl.start, true
	default:
		c.val[il]++
	}
	nb.applied[key] = true
	// Deeper levels start again after this one (Word's default), unless
	// their w:lvlRestart says never (0) or names a level above this one
	// (1-based; a value at or below the level itself is ignored).
	for k := il + 1; k < maxLevels; k++ {
		if deeper := nb.level(n, link, abs, k); deeper != nil && deeper.hasRestrt {
			r := deeper.restart
			if r == 0 || (r-1 < k && il > r-1) {
				continue
			}
		}
		c.used[k] = false
	}
	if !lvl.hasText {
		return ""
	}
	text := nb.render(lvl, n, link, abs, c)
	if text == "" {
		return ""
	}
	return text + lvl.suffix
}

// render fills in lvlText: %1 … %9 are the current counts of levels 1 … 9,
// each in its own level's format.
func (nb *numbering) render(lvl *level, n, link *num, abs *abstractNum, c *counters) string {
	t := lvl.text
	if !strings.Contains(t, "%") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		ch := t[i]
		if ch == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			v := c.val[k]
			ref := nb.level(n, link, abs, k)
			if !c.used[k] && ref != nil {
				v = ref.start
			}
			format := "decimal"
			if ref != nil {
				format = ref.format
			}
			if lvl.legal && format != "decimalZero" {
				format = "decimal"
			}
			b.WriteString(formatLevel(v, format))
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}

// formatLevel is formatNumber plus the zero-padded custom formats.
func formatLevel(v int, format string) string {
	if w, ok := strings.CutPrefix(format, "decimalZero"); ok && w != "" {
		width, _ := strconv.Atoi(w)
		s := strconv.Itoa(v)
		if len(s) < width {
			s = strings.Repeat("0", width-len(s)) + s
		}
		return s
	}
	return formatNumber(v, format)
}

// resolve finds the abstract definition that holds the levels, following
// a numStyleLink to the numbering style's own w:num. link is that w:num,
// or nil.
func (nb *numbering) resolve(n *num) (*abstractNum, *num) {
	abs := nb.abstracts[n.abstract]
	if abs == nil || abs.numStyleLink == "" {
		return abs, nil
	}
	np := nb.styles.numPr(abs.numStyleLink)
	link := nb.nums[np.numID]
	if !np.hasNum || link == nil || link == n {
		return abs, nil
	}
	if target := nb.abstracts[link.abstract]; target != nil && target.numStyleLink == "" {
		return target, link
	}
	return abs, nil
}

// level returns the definition of level il: an override in the paragraph's
// w:num, then in the linked style's w:num, then the abstract definition.
func (nb *numbering) level(n, link *num, abs *abstractNum, il int) *level {
	for _, x := range []*num{n, link} {
		if x == nil {
			continue
		}
		if o, ok := x.overrides[il]; ok && o.lvl != nil {
			return o.lvl
		}
	}
	return abs.levels[il]
}

func (nb *numbering) startOverride(n, link *num, il int) (int, bool) {
	for _, x := range []*num{n, link} {
		if x == nil {
			continue
		}
		if o, ok := x.overrides[il]; ok && o.hasStart {
			return o.start, true
		}
	}
	return 0, false
}

// styles holds what this reader needs from styles.xml: each paragraph
// style's numbering properties and the style it is based on.
type styles struct {
	byID     map[string]*style
	defaultP string // the default paragraph style
}

type style struct {
	basedOn string
	num     numPr
}

func (st *styles) read(r io.Reader) error {
	d := newDecoder(r)
	return d.each(func(se xml.StartElement) error {
		if !d.isW(se.Name) || se.Name.Local != "style" {
			return nil
		}
		id := d.attr(se, "styleId")
		typ := d.attr(se, "type")
		if def := d.attr(se, "default"); typ == "paragraph" && def != "" && onOff(def) && st.defaultP == "" {
			st.defaultP = id
		}
		s := &style{}
		err := d.children(func(se xml.StartElement) error {
			if !d.isW(se.Name) {
				return d.skip()
			}
			switch se.Name.Local {
			case "basedOn":
				s.basedOn = d.val(se)
			case "pPr":
				return d.children(func(se xml.StartElement) error {
					if d.isW(se.Name) && se.Name.Local == "numPr" {
						s.num = readNumPr(d)
						return nil
					}
					return d.skip()
				})
			}
			return d.skip()
		})
		if id != "" && (typ == "paragraph" || typ == "numbering" || typ == "") {
			st.byID[id] = s
		}
		return err
	})
}

// numPr returns the numbering properties a paragraph of the style gets,
// following basedOn: the nearest style that names a numId, and the nearest
// that names a level.
func (st *styles) numPr(id string) numPr {
	var np numPr
	if st == nil {
		return np
	}
	if id == "" {
		id = st.defaultP
	}
	for i := 0; i < 32 && id != ""; i++ {
		s := st.byID[id]
		if s == nil {
			break
		}
		if !np.hasNum && s.num.hasNum {
			np.numID, np.hasNum = s.num.numID, true
		}
		if !np.hasLevel && s.num.hasLevel {
			np.ilvl, np.hasLevel = s.num.ilvl, true
		}
		id = s.basedOn
	}
	return np
}

// readNumPr reads the children of a w:numPr.
func readNumPr(d *decoder) numPr {
	var np numPr
	_ = d.children(func(se xml.StartElement) error {
		if d.isW(se.Name) {
			switch se.Name.Local {
			case "numId":
				if v, err := strconv.Atoi(d.val(se)); err == nil {
					np.numID, np.hasNum = v, true
				}
			case "ilvl":
				if v, err := strconv.Atoi(d.val(se)); err == nil {
					np.ilvl, np.hasLevel = v, true
				}
			}
		}
		return d.skip()
	})
	return np
}

func intAttr(d *decoder, se xml.StartElement, name string) (int, bool) {
	v, err := strconv.Atoi(d.attr(se, name))
	return v, err == nil
}

// onOff reads an ST_OnOff value; an empty value (the element or attribute
// present without a value) means on.
func onOff(v string) bool {
	switch v {
	case "0", "false", "off":
		return false
	}
	return true
}
