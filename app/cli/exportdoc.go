package cli

import (
	"bytes"
	"flag"
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
	if out == "" {
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return fmt.Errorf("写入导出文件 %s:%w", out, err)
	}
	fmt.Fprintf(env.Stdout, "已导出《%s》到 %s\n", d.Title, out)
	return nil
}

func cmdExportDoc(env *Env, args []string) error {
	var format, out string
	pos, err := flags("export-doc", args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "", "")
		fs.StringVar(&out, "o", "", "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{"export-doc 最多接受一个地址，例如 5；不写地址则导出整部汇编"}
	}
	if format, err = docFormat(format, out); err != nil {
		return err
	}
	c, err := env.Compilation()
	if err != nil {
		return err
	}
	n := model.Node{}
	if len(pos) == 1 {
		if n, err = c.ResolveString(pos[0]); err != nil {
			return err
		}
	}
	return writeDoc(env, export.Node(c, n), format, out)
}

func cmdExportCompare(env *Env, args []string) error {
	var format, out string
	var all, noText bool
	pos, err := flags("export-compare", args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "", "")
		fs.StringVar(&out, "o", "", "")
		fs.BoolVar(&all, "all", false, "")
		fs.BoolVar(&noText, "no-text", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"export-compare 需要一个部分或条的地址，例如 1/3 或 2.11"}
	}
	if format, err = docFormat(format, out); err != nil {
		return err
	}
	c, err := env.Compilation()
	if err != nil {
		return err
	}
	a, err := model.ParseAddress(pos[0])
	if err != nil {
		return err
	}
	r, err := compare.New(c).Compare(a, compare.Options{})
	if err != nil {
		return err
	}
	return writeDoc(env, export.Comparison(c, r, export.CompareOptions{All: all, NoTexts: noText}), format, out)
}
