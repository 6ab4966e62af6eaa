package cli

import (
	"flag"
	"fmt"
	"strings"

	"huibian/app/search"
)

func cmdSearch(env *Env, args []string) error {
	var asJSON bool
	limit := search.DefaultLimit
	pos, err := flags("search", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "")
		fs.IntVar(&limit, "limit", search.DefaultLimit, "")
	})
	if err != nil {
		return err
	}
	if limit < 1 {
		return usageError{"--limit 应为正整数"}
	}
	q := search.ParseQuery(strings.Join(pos, " "))
	if q.Empty() {
		return usageError{"请给出要搜索的内容,例如:huibian search 舆情"}
	}
	c, err := env.Compilation()
	if err != nil {
		return err
	}
	resp := search.New(c).SearchQuery(q, search.Options{Limit: limit})
	if asJSON {
		return writeJSON(env.Stdout, resp)
	}
	w := env.Stdout
	if resp.Total == 0 {
		fmt.Fprintf(w, "没有找到“%s”。\n", q.Raw)
		return nil
	}
	for _, g := range search.GroupByDocument(resp.Results) {
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
		fmt.Fprintf(w, "\n共 %d 条结果,显示前 %d 条(用 --limit 显示更多)。\n", resp.Total, len(resp.Results))
	} else {
		fmt.Fprintf(w, "\n共 %d 条结果。\n", resp.Total)
	}
	return nil
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
