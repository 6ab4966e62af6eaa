package cli

import (
	"flag"
	"fmt"
	"io"

	"huibian/app/library"
	"huibian/app/model"
	"huibian/app/notes"
)

// A command is one subcommand as a table row: its words, its flags, how
// many arguments it takes, what it needs opened, and its own logic. The
// runner (exec) does the rest the same way for every command: it parses
// the flags (before or after the arguments), checks the argument count,
// opens what the command needs, runs it and closes what it opened.
//
// A group (bookmark, note, backup, library) has subs instead of run: its
// first argument names the sub-command.
type command struct {
	name    string // "toc"; in a group, the sub-command's word ("add")
	usage   string // arguments, for help: "ADDR"
	summary string // one Chinese line, for help (top-level commands)

	flags []flagDef
	// args bounds the number of positional arguments: at least args[0],
	// at most args[1] (-1: any number). argsErr is the usage error
	// otherwise.
	args    [2]int
	argsErr string
	// check, if set, validates the arguments and flags before anything is
	// opened.
	check func(x *call) error
	needs needs
	run   func(x *call) error

	subs []command
	// noSub and unknownSub are the usage errors of a group called without
	// a sub-command, or with one it does not have (%s: the word given).
	noSub, unknownSub string
}

// needs says what the runner opens before a command runs.
type needs uint8

const (
	// needLibrary opens the library: call.library.
	needLibrary needs = 1 << iota
	// needComp loads the compilation the commands read (--comp, else the
	// last opened, else the built-in one): call.comp.
	needComp
	// needNotes opens the user data for reading (it works beside a
	// running window, through a snapshot the window writes): call.notes.
	needNotes
	// needWrite opens the user data for writing: call.notes.
	needWrite
	// needLazy reads the notes only when first needed (a command that
	// adds one, or streams them).
	needLazy
)

// flagDef is one flag of a command; def is its default value, and its
// type (bool, string or int) is the flag's.
type flagDef struct {
	name string
	def  any
}

func boolFlag(name string) flagDef                { return flagDef{name, false} }
func stringFlag(name, def string) flagDef         { return flagDef{name, def} }
func intFlag(name string, def int) flagDef        { return flagDef{name, def} }
func anyArgs(min int) [2]int                      { return [2]int{min, -1} }
func exactArgs(n int) [2]int                      { return [2]int{n, n} }
func (c command) sub(name string) (command, bool) { return find(c.subs, name) }

// call is what a command's check and run functions get: the environment,
// the positional arguments, the flags and what the runner opened.
type call struct {
	*Env
	args    []string
	fs      *flag.FlagSet
	library *library.Service
	comp    *model.Compilation
	notes   *notes.Service
}

// flag returns the value of a flag the command defines.
func (x *call) flag(name string) any   { return x.fs.Lookup(name).Value.(flag.Getter).Get() }
func (x *call) bool(name string) bool  { return x.flag(name).(bool) }
func (x *call) str(name string) string { return x.flag(name).(string) }
func (x *call) int(name string) int    { return x.flag(name).(int) }

// find returns the command named name in cs.
func find(cs []command, name string) (command, bool) {
	for _, c := range cs {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// exec runs command c (or, for a group, its sub-command) with args.
func (c command) exec(env *Env, args []string) error {
	if c.subs != nil {
		if len(args) == 0 {
			return usageError{c.noSub}
		}
		s, ok := c.sub(args[0])
		if !ok {
			return usageError{fmt.Sprintf(c.unknownSub, args[0])}
		}
		s.name = c.name + " " + s.name
		return s.exec(env, args[1:])
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, f := range c.flags {
		switch def := f.def.(type) {
		case bool:
			fs.Bool(f.name, def, "")
		case string:
			fs.String(f.name, def, "")
		case int:
			fs.Int(f.name, def, "")
		}
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < c.args[0] || (c.args[1] >= 0 && len(pos) > c.args[1]) {
		return usageError{c.argsErr}
	}
	x := &call{Env: env, args: pos, fs: fs}
	if c.check != nil {
		if err := c.check(x); err != nil {
			return err
		}
	}
	if c.needs&(needLibrary|needComp|needNotes|needWrite) != 0 {
		if x.library, err = env.Library(); err != nil {
			return err
		}
	}
	if c.needs&needComp != 0 {
		if x.comp, err = env.Compilation(); err != nil {
			return err
		}
	} else if c.needs&(needNotes|needWrite) != 0 {
		// A notes command that needs no compilation still refuses a
		// --comp that names none (it reads only the library's list).
		if _, err := env.compFilter(); err != nil {
			return err
		}
	}
	if c.needs&(needNotes|needWrite) != 0 {
		opt := notes.Options{ReadOnly: c.needs&needWrite == 0, LazyNotes: c.needs&needLazy != 0}
		if x.notes, err = openNotesWith(env, opt); err != nil {
			return err
		}
		defer x.notes.Close()
	}
	return c.run(x)
}

// flags parses a command's own flags; positional arguments may come before
// or after them ("search --json 舆情" and "search 舆情 --json" both work).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{fmt.Sprintf("参数错误：%v", err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
