// Package compare finds, for a section or item of one document, the closest
// sections or items of every other document of the same compilation
// (对照阅读), and groups the compilation's sections into themes (专题矩阵).
//
// # Method
//
// Everything is computed from the compilation's own text, offline and
// deterministically, so that every score can be explained:
//
//   - Terms are character bigrams of Han text (see tokenize). No segmenter
//     or dictionary is needed; shared bigrams are joined back into the
//     longest phrase both texts contain ("网络舆情", not "络舆") before they
//     are shown.
//   - Weights are TF-IDF: (1 + ln tf) · ln(N/df), with df counted over the
//     compilation's sections (for sections) or items (for items).
//   - Boilerplate is found, not hand-listed: a term that appears in at least
//     half of the sections (加强, 工作, 意识形态, 推进, …) carries no
//     weight. The same rule on items. A term that appears in only one
//     document is a department's own word (检察, 政研): it says nothing
//     about which section of another document to pair with, so it carries
//     no weight either.
//   - Each unit's vector is built from separately normalised fields and
//     then normalised as a whole: for a section its heading, its items'
//     titles, and its text (intro and bodies); for an item its heading, its
//     body and, with a small weight, its section's title. Because the
//     heading and titles are fields of their own, a section known only from
//     the outline (documents 6–9 of the seed) has a vector as long as a
//     section with ten paragraphs, and the two compare on the words they
//     share.
//   - The score is the cosine of two vectors (0 to 1).
//
// An Index holds every vector of one compilation; build it once (New, or a
// Cache keyed by compilation) and ask it many questions.
package compare

import (
	"math"
	"strings"
	"sync"

	"huibian/app/model"
)

// Field weights: how much of a unit's vector each field makes up.
const (
	wSecHead  = 1.0  // a section's heading (short title and full heading)
	wSecItems = 1.0  // the titles of its items
	wSecBody  = 0.8  // its intro and item bodies
	wItemHead = 1.0  // an item's heading
	wItemBody = 1.2  // its body
	wItemSec  = 0.35 // the title of the section it belongs to

	// stopShare: a term in at least this share of the sections (items) is
	// boilerplate.
	stopShare = 0.5
	// secTitles, itemTitles: the share of a score that comes from headings
	// and titles alone (see query.score). Items are compared on all they
	// have: their headings are short and alike (强化…, 健全…机制).
	secTitles  = 0.5
	itemTitles = 0.0
	// spreadPow: how strongly a term's weight follows the share of
	// documents that use it.
	spreadPow     = 1.0
	itemSpreadPow = 1.5
)

// kindSet is the vectors of one kind of unit (sections or items).
type kindSet struct {
	units []unit
	// byDoc[d] lists the indexes (into units) of document d+1's units.
	byDoc [][]int
	// pos maps an address to its unit.
	pos map[model.Address]int
	// stop marks boilerplate terms; idf holds the other terms' weights.
	stop map[int32]bool
	idf  map[int32]float64
	// titles is the share of a score that comes from the title vectors.
	titles float64
}

// unit is one section or item with its vector.
type unit struct {
	addr    model.Address
	doc     int // document number (1-based)
	title   string
	hasText bool
	v       vec    // all fields
	t       vec    // the heading and title fields only
	sq      seq    // bigram IDs of all its text, in order
	han     string // its Han text, for substring tests
}

// Index holds the vectors of one compilation's sections and items.
type Index struct {
	comp  *model.Compilation
	voc   *vocab
	cf    []int32 // occurrences of each term in the compilation
	frag  []bool  // terms that are mostly pieces of two words (see fragment)
	secs  kindSet
	items kindSet

	themesOnce sync.Once
	themesMu   sync.Mutex // guards matrix (ThemesReady reads it while Themes runs)
	matrix     *Matrix
}

// Compilation is the compilation the index was built from.
func (x *Index) Compilation() *model.Compilation { return x.comp }

// field is one weighted part of a unit's text.
type field struct {
	w     float64
	title bool // headings and titles, which outline-only units have too
	texts []string
}

// raw is a unit before weighting: its term counts per field.
type raw struct {
	addr    model.Address
	doc     int
	title   string
	hasText bool
	tfs     []map[int32]float64
	ws      []float64
	titled  []bool // which fields are headings or titles
	sq      seq
	han     string
}

// New builds the index of c. It reads c and never changes it; c must not
// change while the index is used.
func New(c *model.Compilation) *Index {
	x := &Index{comp: c, voc: newVocab()}
	var secs, items []raw
	for _, d := range c.Documents {
		for _, s := range d.Sections {
			head := s.Title
			if s.Heading != "" && s.Heading != s.Title {
				head = s.Title + "\n" + s.Heading
			}
			var titles, body []string
			body = append(body, s.Intro...)
			for _, it := range s.Items {
				titles = append(titles, itemHead(it))
				body = append(body, it.Body...)
				if it.Fragment != "" {
					body = append(body, it.Fragment)
				}
			}
			secs = append(secs, x.raw(model.Address{Doc: d.Number, Section: s.Number}, s.Title, s.HasText,
				field{wSecHead, true, []string{head}}, field{wSecItems, true, titles}, field{wSecBody, false, body}))
			for _, it := range s.Items {
				items = append(items, x.raw(model.Address{Doc: d.Number, Section: s.Number, Item: it.Number}, it.Title, it.HasText,
					field{wItemHead, true, []string{itemHead(it)}}, field{wItemBody, false, it.Body}, field{wItemSec, true, []string{s.Title}}))
			}
		}
	}
	x.counts(secs)
	x.secs = build(secs, len(c.Documents), secTitles)
	x.items = build(items, len(c.Documents), itemTitles)
	return x
}

// counts fills cf and frag from the sections' text (which holds all of the
// compilation's text once).
func (x *Index) counts(secs []raw) {
	x.cf = make([]int32, len(x.voc.terms))
	for _, r := range secs {
		for _, id := range r.sq {
			if id >= 0 {
				x.cf[id]++
			}
		}
	}
	dominated := make([]int32, len(x.voc.terms))
	for _, r := range secs {
		for i, id := range r.sq {
			if id < 0 {
				continue
			}
			var nb int32
			if i > 0 && r.sq[i-1] >= 0 {
				nb = x.cf[r.sq[i-1]]
			}
			if i+1 < len(r.sq) && r.sq[i+1] >= 0 {
				nb = max(nb, x.cf[r.sq[i+1]])
			}
			if 4*x.cf[id] < nb {
				dominated[id]++
			}
		}
	}
	x.frag = make([]bool, len(x.voc.terms))
	for id, d := range dominated {
		x.frag[id] = 2*d > x.cf[id]
	}
}

// itemHead is an item's title and, when different, its full heading.
func itemHead(it *model.Item) string {
	if it.Heading != "" && it.Heading != it.Title {
		return it.Title + "\n" + it.Heading
	}
	return it.Title
}

func (x *Index) raw(a model.Address, title string, hasText bool, fields ...field) raw {
	r := raw{addr: a, doc: a.Doc, title: title, hasText: hasText}
	var all []string
	for _, f := range fields {
		tf := map[int32]float64{}
		var chars []rune
		for _, t := range f.texts {
			x.voc.tokenize(t, tf, &r.sq, &chars)
		}
		r.tfs = append(r.tfs, tf)
		r.ws = append(r.ws, f.w)
		r.titled = append(r.titled, f.title)
		all = append(all, f.texts...)
	}
	r.han = hanText(strings.Join(all, "\n"))
	return r
}

// build weights the raw units of one kind.
func build(rs []raw, docs int, titles float64) kindSet {
	ks := kindSet{titles: titles, byDoc: make([][]int, docs), pos: map[model.Address]int{}, stop: map[int32]bool{}, idf: map[int32]float64{}}
	df := map[int32]int{}
	docsOf := map[int32]map[int]bool{}
	for _, r := range rs {
		seen := map[int32]bool{}
		for _, tf := range r.tfs {
			for id := range tf {
				seen[id] = true
			}
		}
		for id := range seen {
			df[id]++
			if docsOf[id] == nil {
				docsOf[id] = map[int]bool{}
			}
			docsOf[id][r.doc] = true
		}
	}
	n := float64(len(rs))
	for id, k := range df {
		switch {
		case float64(k) >= stopShare*n && n >= 4:
			ks.stop[id] = true
		case len(docsOf[id]) < 2 && docs > 1:
			// A document's own word: no use for pairing across documents.
			ks.stop[id] = true
		default:
			// Spread: a term many documents use (阵地, 队伍, 舆情) pairs
			// sections across documents; one that two documents happen to
			// use in unrelated sections (深耕, 锚定) should not decide.
			spread := float64(len(docsOf[id])) / float64(docs)
			ks.idf[id] = math.Log(n/float64(k)) * math.Pow(spread, spreadPow)
		}
	}
	for i, r := range rs {
		total, titles := map[int32]float64{}, map[int32]float64{}
		for f, tf := range r.tfs {
			part := map[int32]float64{}
			for id, c := range tf {
				if w := ks.idf[id]; w > 0 {
					part[id] = (1 + math.Log(c)) * w
				}
			}
			normalize(part)
			for id, w := range part {
				total[id] += w * r.ws[f]
				if r.titled[f] {
					titles[id] += w * r.ws[f]
				}
			}
		}
		normalize(total)
		normalize(titles)
		ks.units = append(ks.units, unit{addr: r.addr, doc: r.doc, title: r.title, hasText: r.hasText, v: fromMap(total), t: fromMap(titles), sq: r.sq, han: r.han})
		ks.pos[r.addr] = i
		if r.doc >= 1 && r.doc <= docs {
			ks.byDoc[r.doc-1] = append(ks.byDoc[r.doc-1], i)
		}
	}
	return ks
}

// Cache keeps one Index per compilation, keyed by the compilation's ID and
// source hash, so a re-imported compilation gets a fresh index and the
// window and command line build each index once. It is safe for
// concurrent use.
type Cache struct {
	mu sync.Mutex
	m  map[string]*Index
}

// Get returns the index of c, building it on first use.
func (k *Cache) Get(c *model.Compilation) *Index {
	key := c.ID + "\x00" + c.SourceHash
	k.mu.Lock()
	defer k.mu.Unlock()
	if x, ok := k.m[key]; ok && x.comp == c {
		return x
	}
	if k.m == nil {
		k.m = map[string]*Index{}
	}
	x := New(c)
	k.m[key] = x
	return x
}

// Forget drops the index of the compilation with this ID (after it was
// removed from the library).
func (k *Cache) Forget(id string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for key := range k.m {
		if strings.HasPrefix(key, id+"\x00") {
			delete(k.m, key)
		}
	}
}
