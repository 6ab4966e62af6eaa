package cli

import (
	"fmt"
	"strings"

	"huibian/app/search"
)

// searchCommand searches the chosen compilation, or with --all every
// compilation of the library (the chosen one first).
var searchCommand = command{name: "search", usage: "[--json] [--limit N] [--all] QUERY", summary: "搜索标题、正文和拼音",
	flags: []flagDef{boolFlag("json"), intFlag("limit", search.DefaultLimit), boolFlag("all")}, args: anyArgs(0),
	check: func(x *call) error {
		if x.int("limit") < 1 {
			return usageError{"--limit 应为正整数"}
		}
		if searchQuery(x).Empty() {
			return usageError{"请给出要搜索的内容，例如：huibian search 舆情"}
		}
		return nil
	},
	needs: needComp, run: runSearch}

func searchQuery(x *call) search.Query { return search.ParseQuery(strings.Join(x.args, " ")) }

func runSearch(x *call) error {
	q, c, limit, asJSON := searchQuery(x), x.comp, x.int("limit"), x.bool("json")
	if q.Truncated {
		fmt.Fprintf(x.Stderr, "搜索内容过长，已截断为前 %d 字。\n", search.MaxQueryRunes)
	}
	var resp search.Response
	if x.bool("all") {
		mr, err := searchAll(x, q, c.ID, limit)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(x.Stdout, mr)
		}
		for _, f := range mr.Failed {
			fmt.Fprintf(x.Stderr, "跳过：%s\n", f)
		}
		resp = mr.Response
	} else {
		resp = search.New(c).SearchQuery(q, search.Options{Limit: limit})
		if asJSON {
			return writeJSON(x.Stdout, resp)
		}
	}
	w := x.Stdout
	if resp.Total == 0 {
		fmt.Fprintf(w, "没有找到“%s”。\n", q.Raw)
		return nil
	}
	for _, g := range search.GroupByDocument(resp.Results) {
		if g.CompilationTitle != "" {
			fmt.Fprintf(w, "《%s》", g.CompilationTitle)
		}
		if g.Doc > 0 {
			fmt.Fprintf(w, "第 %d 篇 %s\n", g.Doc, g.DocTitle)
		} else {
			fmt.Fprintln(w, "其他笔记和书签")
		}
		for _, r := range g.Results {
			fmt.Fprintf(w, "  %-6s %s〔%s〕\n", r.Address, r.Title, r.Kind.Label())
			fmt.Fprintf(w, "         %s\n", Mark(r.Snippet, r.Positions, "【", "】"))
		}
	}
	if resp.Total > len(resp.Results) {
		fmt.Fprintf(w, "\n共 %d 条结果，显示前 %d 条（用 --limit 显示更多）。\n", resp.Total, len(resp.Results))
	} else {
		fmt.Fprintf(w, "\n共 %d 条结果。\n", resp.Total)
	}
	return nil
}

// searchAll searches every compilation of the library (search --all), the
// chosen one first.
func searchAll(x *call, q search.Query, first string, limit int) (search.MultiResponse, error) {
	lib := x.library
	if lib == nil {
		var err error
		if lib, err = x.Library(); err != nil {
			return search.MultiResponse{}, err
		}
	}
	m := search.NewMulti(search.Catalog{
		List: func() ([]search.CompRef, error) {
			infos, err := lib.List()
			if err != nil {
				return nil, err
			}
			refs := make([]search.CompRef, len(infos))
			for i, in := range infos {
				refs[i] = search.CompRef{ID: in.ID, Title: in.Title}
			}
			return refs, nil
		},
		Load: lib.Get,
	})
	return m.SearchAll(q, first, search.Options{Limit: limit})
}

// Mark wraps each run of the given rune positions of s in open and close.
func Mark(s string, positions []int, open, close string) string {
	hit := make(map[int]bool, len(positions))
	for _, p := range positions {
		hit[p] = true
	}
	var b strings.Builder
	in := false
	i := 0
	for _, r := range s {
		if hit[i] != in {
			if in {
				b.WriteString(close)
			} else {
				b.WriteString(open)
			}
			in = !in
		}
		b.WriteRune(r)
		i++
	}
	if in {
		b.WriteString(close)
	}
	return b.String()
}
