// Command huibian is 汇编阅读器, an offline reader for compilations of
// Chinese official documents. With no command it opens the window;
// otherwise it runs a command line subcommand (huibian help lists them).
package main

import (
	"fmt"
	"os"

	"huibian/app/cli"
	"huibian/ui"
)

// version is stamped by release builds: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	opts, err := cli.ParseGlobal(os.Args[1:], os.Getenv, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "错误：%v\n", err)
		os.Exit(2)
	}
	// "huibian FILE" (also how a file manager opens a file with the
	// reader) opens the window and imports the file.
	var file string
	if len(opts.Args) == 1 && !cli.IsCommand(opts.Args[0]) {
		if st, err := os.Stat(opts.Args[0]); err == nil && !st.IsDir() {
			file, opts.Args = opts.Args[0], nil
		}
	}
	if len(opts.Args) == 0 && !opts.Help && !opts.Version {
		if err := ui.Run(ui.Config{DataDir: opts.DataDir, Version: version, OpenFile: file}); err != nil {
			fmt.Fprintf(os.Stderr, "错误：%v\n", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(cli.Run(opts, version, os.Stdout, os.Stderr))
}
