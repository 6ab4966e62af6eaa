// Package cli is Huibian's command line. It calls the same app services as
// the window, so everything the window can do is testable without a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
)

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	DataDir        string
	Version        string
	// Comp is what --comp named (an ID or part of a title); "" means the
	// compilation opened last in the window, else the built-in one.
	Comp string

	lib *library.Service
	// opened lists the notes services commands opened, for the warnings
	// printed after the command (a failed backup, damaged records).
	opened []*notes.Service
}

// lockTimeout bounds the wait for a data file held by another process
// (the window), so that a command that must write fails within a second.
const lockTimeout = 800 * time.Millisecond

// noticeNotes prints what the user must know about freshly opened notes.
func (e *Env) noticeNotes(svc *notes.Service) {
	e.opened = append(e.opened, svc)
	if n := svc.ReadOnlyNotice(); n != "" {
		fmt.Fprintf(e.Stderr, "提示：%v\n", n)
	}
	for _, r := range svc.Repairs() {
		fmt.Fprintf(e.Stderr, "提示：%v\n", r)
	}
}

// warnAfter prints, once the command is done and its files closed (the
// last backup finished), a failed backup and damaged records met.
func (e *Env) warnAfter() {
	for _, svc := range e.opened {
		for _, r := range svc.Repairs() {
			fmt.Fprintf(e.Stderr, "提示：%v\n", r)
		}
		if w := svc.BackupWarning(); w != "" {
			fmt.Fprintf(e.Stderr, "警告：%v\n", w)
		}
	}
	e.opened = nil
}

// Library opens the library on first use.
func (e *Env) Library() (*library.Service, error) {
	if e.lib != nil {
		return e.lib, nil
	}
	lib, err := library.Open(e.DataDir, library.Options{Timeout: lockTimeout})
	if err != nil {
		return nil, err
	}
	for _, n := range lib.Notices {
		fmt.Fprintf(e.Stderr, "提示：%v\n", n)
	}
	e.lib = lib
	return lib, nil
}

// Compilation is the compilation the commands read: the one --comp names,
// or the one opened last in the window, or the built-in one.
func (e *Env) Compilation() (*model.Compilation, error) {
	lib, err := e.Library()
	if err != nil {
		return nil, err
	}
	id := lib.LastOpened()
	if e.Comp != "" {
		info, err := lib.Find(e.Comp)
		if err != nil {
			return nil, fmt.Errorf("--comp：%w", err)
		}
		id = info.ID
	}
	return lib.Get(id)
}

// compFilter is the compilation ID listings keep to: the one --comp names,
// or "" (every compilation, notes of removed ones included) without it.
// It reads only the library's list, never a compilation.
func (e *Env) compFilter() (string, error) {
	if e.Comp == "" {
		return "", nil
	}
	lib, err := e.Library()
	if err != nil {
		return "", err
	}
	info, err := lib.Find(e.Comp)
	if err != nil {
		return "", fmt.Errorf("--comp：%w", err)
	}
	return info.ID, nil
}

// Close releases whatever the commands opened.
func (e *Env) Close() {
	if e.lib != nil {
		e.lib.Close()
		e.lib = nil
	}
}

// commands lists every subcommand, in the order help shows them.
func commands() []command {
	var cs []command
	cs = append(cs, readCommands...)
	cs = append(cs, bookmarkCommand, noteCommand)
	cs = append(cs, notesFileCommands...)
	cs = append(cs, searchCommand, libraryCommand)
	cs = append(cs, exportDocCommands...)
	cs = append(cs, compareCommands...)
	return append(cs, backupCommand)
}

// IsCommand reports whether name is a subcommand (so that "huibian FILE"
// can open the window on a file instead).
func IsCommand(name string) bool {
	if name == "help" {
		return true
	}
	_, ok := find(commands(), name)
	return ok
}

// usageError marks a mistake in how a command was called.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// DefaultDataDir is where Huibian keeps its files unless told otherwise.
func DefaultDataDir(getenv func(string) string) (string, error) {
	if d := getenv("HUIBIAN_DATA"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到用户配置目录，请用 --data 指定数据目录：%w", err)
	}
	return filepath.Join(base, "huibian"), nil
}

// Options is what the global flags say.
type Options struct {
	DataDir string
	Comp    string   // --comp: the compilation the commands read
	Args    []string // the command and its arguments; empty means "open the window"
	Help    bool
	Version bool
}

// ParseGlobal reads the global flags that come before the command.
func ParseGlobal(args []string, getenv func(string) string, stderr io.Writer) (Options, error) {
	fs := flag.NewFlagSet("huibian", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o Options
	fs.StringVar(&o.DataDir, "data", "", "数据目录")
	fs.StringVar(&o.Comp, "comp", "", "汇编")
	fs.BoolVar(&o.Help, "help", false, "显示帮助")
	fs.BoolVar(&o.Help, "h", false, "显示帮助")
	fs.BoolVar(&o.Version, "version", false, "显示版本")
	if err := fs.Parse(args); err != nil {
		return o, usageError{fmt.Sprintf("参数错误：%v", err)}
	}
	o.Args = fs.Args()
	if o.DataDir == "" {
		d, err := DefaultDataDir(getenv)
		if err != nil {
			return o, err
		}
		o.DataDir = d
	}
	return o, nil
}

// Run runs one subcommand (args[0]) and returns the process exit code:
// 0 on success, 1 on failure, 2 on a usage mistake. Errors go to stderr.
func Run(o Options, version string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr, DataDir: o.DataDir, Version: version, Comp: o.Comp}
	defer env.Close()
	if o.Version {
		fmt.Fprintf(stdout, "汇编阅读器 %s\n", version)
		return 0
	}
	if o.Help || len(o.Args) == 0 || o.Args[0] == "help" {
		printHelp(stdout, version)
		return 0
	}
	name, args := o.Args[0], o.Args[1:]
	if c, ok := find(commands(), name); ok {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			fmt.Fprintf(stdout, "用法：huibian [--data 目录] %s %s\n%s\n", c.name, c.usage, c.summary)
			return 0
		}
		err := c.exec(env, args)
		env.Close()
		env.warnAfter()
		if err == nil {
			return 0
		}
		fmt.Fprintf(stderr, "错误：%v\n", err)
		if errors.Is(err, library.ErrLocked) {
			fmt.Fprintln(stderr, "提示：汇编阅读器的窗口（或另一个命令）正在使用数据文件。这个命令需要写入：请在窗口中操作，或关闭窗口后再试；只读的命令（show、search、note ls、export、backup ls 等）可以照常使用。")
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "用法：huibian [--data 目录] %s %s\n", c.name, c.usage)
			return 2
		}
		return 1
	}
	fmt.Fprintf(stderr, "错误：没有“%s”这个命令。\n", name)
	printHelp(stderr, version)
	return 2
}

func printHelp(w io.Writer, version string) {
	fmt.Fprintf(w, "汇编阅读器 %s:公文汇编离线阅读器\n\n", version)
	fmt.Fprintln(w, "用法：")
	fmt.Fprintln(w, "  huibian                         打开阅读窗口")
	fmt.Fprintln(w, "  huibian [--data 目录] [--comp 汇编] 命令 [参数]")
	fmt.Fprintln(w, "\n命令：")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-34s %s\n", strings.TrimSpace(c.name+" "+c.usage), c.summary)
	}
	fmt.Fprintln(w, "\n数据目录：--data 目录，或环境变量 HUIBIAN_DATA;默认在用户配置目录下的 huibian。")
	fmt.Fprintln(w, "汇编：--comp 标识或标题中的几个字，选定 toc、show、dump、search、bookmark、note 等命令所用的汇编；")
	fmt.Fprintln(w, "  默认是窗口中最后打开的汇编，没有则是内置汇编。各汇编的标识见 huibian library ls。")
}
