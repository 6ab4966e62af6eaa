package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"huibian/app/compare"
	"huibian/app/export"
	"huibian/app/model"
)

// docFormat picks the export format: --format if given, else the
// extension of -o, else Markdown.
func docFormat(format, out string) (string, error) {
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".docx":
			format = "docx"
		default:
			format = "md"
		}
	}
	switch format {
	case "md", "markdown":
		return "md", nil
	case "docx", "word":
		if out == "" {
			return "", usageError{"Word 格式需要用 -o 指定输出文件，例如 -o 汇编.docx"}
		}
		return "docx", nil
	}
	return "", usageError{fmt.Sprintf("格式“%s”无效：应为 docx 或 md", format)}
}

// writeDoc writes d in format to out, or to stdout when out is "".
func writeDoc(env *Env, d export.Doc, format, out string) error {
	var buf bytes.Buffer
	var err error
	if format == "docx" {
		err = export.WriteDocx(&buf, d)
	} else {
		err = export.WriteMarkdown(&buf, d)
	}
	if err != nil {
		return err
	}
	if toFile, err := writeOutput(env.Stdout, out, buf.Bytes()); err != nil || !toFile {
		return err
	}
	fmt.Fprintf(env.Stdout, "已导出《%s》到 %s\n", d.Title, out)
	return nil
}

// exportDocCommands export the chosen compilation's text, and comparisons.
var exportDocCommands = []command{
	{name: "export-doc", usage: "[--format docx|md] [-o FILE] [ADDR]", summary: "导出一篇（或一部分、一条）为 Word 或 Markdown；不写地址则导出整部汇编",
		flags: []flagDef{stringFlag("format", ""), stringFlag("o", "")}, args: [2]int{0, 1},
		argsErr: "export-doc 最多接受一个地址，例如 5；不写地址则导出整部汇编", check: checkDocFormat, needs: needComp, run: runExportDoc},
	{name: "export-compare", usage: "[--format docx|md] [-o FILE] [--all] [--no-text] ADDR", summary: "导出一个部分或一条的对照阅读（对照表和各篇原文）",
		flags: []flagDef{stringFlag("format", ""), stringFlag("o", ""), boolFlag("all"), boolFlag("no-text")}, args: exactArgs(1),
		argsErr: "export-compare 需要一个部分或条的地址，例如 1/3 或 2.11", check: checkDocFormat, needs: needComp, run: runExportCompare},
}

func checkDocFormat(x *call) error {
	_, err := docFormat(x.str("format"), x.str("o"))
	return err
}

func runExportDoc(x *call) error {
	c := x.comp
	n := model.Node{}
	if len(x.args) == 1 {
		var err error
		if n, err = c.ResolveString(x.args[0]); err != nil {
			return err
		}
	}
	return writeDocTo(x, export.Node(c, n))
}

func runExportCompare(x *call) error {
	c := x.comp
	a, err := model.ParseAddress(x.args[0])
	if err != nil {
		return err
	}
	r, err := compare.New(c).Compare(a, compare.Options{})
	if err != nil {
		return err
	}
	return writeDocTo(x, export.Comparison(c, r, export.CompareOptions{All: x.bool("all"), NoTexts: x.bool("no-text")}))
}

// writeDocTo writes d as --format and -o say (checked by checkDocFormat).
func writeDocTo(x *call, d export.Doc) error {
	format, _ := docFormat(x.str("format"), x.str("o"))
	return writeDoc(x.Env, d, format, x.str("o"))
}
