package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
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
	{name: "export-themes", usage: "[--format docx|md] [-o FILE] [--no-text] [N]", summary: "导出专题矩阵（Word 表格或 Markdown）；写 N 则导出第 N 个专题的对照阅读",
		flags: []flagDef{stringFlag("format", ""), stringFlag("o", ""), boolFlag("all"), boolFlag("no-text")}, args: [2]int{0, 1},
		argsErr: "export-themes 最多接受一个专题序号，例如 2", check: checkDocFormat, needs: needComp,
		run: func(x *call) error {
			n := ""
			if len(x.args) == 1 {
				n = x.args[0]
			}
			return exportThemes(x, n)
		}},
}

// optStr and optBool read a flag the command may not define ("" and
// false then): the export helpers serve export-*, compare and themes.
func optStr(x *call, name string) string {
	if x.fs.Lookup(name) == nil {
		return ""
	}
	return x.str(name)
}

func optBool(x *call, name string) bool {
	return x.fs.Lookup(name) != nil && x.bool(name)
}

// checkExportFormat checks --export of compare and themes.
func checkExportFormat(x *call) error {
	if x.str("export") == "" {
		if x.str("o") != "" {
			return usageError{"-o 只与 --export 一起使用，例如 --export docx -o 对照.docx"}
		}
		return nil
	}
	_, err := docFormat(x.str("export"), x.str("o"))
	return err
}

// exportComparison writes the comparison of the node at addr as
// --export (compare) or --format (export-compare) say.
func exportComparison(x *call, addr string) error {
	c := x.comp
	a, err := model.ParseAddress(addr)
	if err != nil {
		return err
	}
	r, err := compare.New(c).Compare(a, compare.Options{})
	if err != nil {
		return err
	}
	return writeDocTo(x, export.Comparison(c, r, export.CompareOptions{All: optBool(x, "all"), NoTexts: optBool(x, "no-text")}))
}

// exportThemes writes the theme matrix, or with n ("2") the comparison of
// theme n across all documents.
func exportThemes(x *call, n string) error {
	c := x.comp
	ix := compare.New(c)
	m := ix.Themes()
	if n == "" {
		return writeDocTo(x, export.Matrix(c, m))
	}
	i, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil {
		return usageError{fmt.Sprintf("专题序号“%s”无效：应为 1 到 %d 的数字（见 huibian themes）", n, len(m.Themes))}
	}
	th, err := m.Theme(i - 1)
	if err != nil {
		return err
	}
	r := ix.CompareTheme(th, compare.Options{})
	return writeDocTo(x, export.Comparison(c, r, export.CompareOptions{All: optBool(x, "all"), NoTexts: optBool(x, "no-text")}))
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

func runExportCompare(x *call) error { return exportComparison(x, x.args[0]) }

// writeDocTo writes d as --format (or compare's and themes' --export) and
// -o say (checked by checkDocFormat, checkExportFormat).
func writeDocTo(x *call, d export.Doc) error {
	f := optStr(x, "format")
	if f == "" {
		f = optStr(x, "export")
	}
	format, _ := docFormat(f, x.str("o"))
	return writeDoc(x.Env, d, format, x.str("o"))
}
