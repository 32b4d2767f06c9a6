// Command podlint checks and repairs podcast episode pages written by an LLM
// pipeline: Markdown pages and episode JSON.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync/atomic"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/rules"
)

// Exit codes, as ruff, ESLint and staticcheck use them.
const (
	exitClean    = 0 // no error-level finding
	exitFindings = 1 // at least one error-level finding
	exitUsage    = 2 // usage, configuration or I/O error
)

func main() {
	manageMemory()
	stopMem := startMemProfile(os.Getenv("PODLINT_MEMPROFILE"), os.Stderr)
	stop := startProfile(os.Getenv("PODLINT_CPUPROFILE"), os.Stderr)
	code := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	stopMem()
	os.Exit(code)
}

// manageMemory sets how the heap is collected, where the user's GOGC and
// GOMEMLIMIT do not. A run allocates many short-lived values per file and
// keeps few (a live heap of 2-3 MB): a lazy collector saves time (GOGC
// 1000 against 400: about a tenth of a corpus run, for a peak of 54 MB
// against 33), and a soft limit keeps the peak well under 100 MB whatever
// the number of files.
func manageMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(1000)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(baseMemoryLimit)
		memoryLimit.Store(baseMemoryLimit)
		afterEachGC(keepHeadroom)
	}
}

// startProfile writes a CPU profile of the run to path, for `go tool pprof`
// (PODLINT_CPUPROFILE=cpu.out podlint check ...): a profile of the real
// binary on real files, which a benchmark of one package does not show.
func startProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "podlint: PODLINT_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "podlint: PODLINT_CPUPROFILE: %v\n", err)
		}
	}
}

// startMemProfile has the run's allocations sampled, one every memSample
// bytes on average, and writes them to path when stop is called, for `go
// tool pprof -sample_index=alloc_space` (PODLINT_MEMPROFILE=mem.out podlint
// check ...): what a run allocates is much of what it costs, and the
// runtime's default sampling (one every 512 KiB) misses most of a page's
// small values. Without a path no allocation is sampled at all: each
// sample records its stack, and at the default rate a check of 10,000 pages
// took some 500 of them.
func startMemProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		runtime.MemProfileRate = 0
		return func() {}
	}
	runtime.MemProfileRate = memSample
	return func() {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "podlint: PODLINT_MEMPROFILE: %v\n", err)
		}
	}
}

// memSample is the mean number of bytes allocated between two samples of
// PODLINT_MEMPROFILE.
const memSample = 4096

// baseMemoryLimit is the soft heap limit of a run of ordinary pages.
const baseMemoryLimit = 64 << 20

// memoryLimit is the soft heap limit podlint set, 0 when it set none (the
// user's GOMEMLIMIT, or a test).
var memoryLimit atomic.Int64

// roomFor raises the soft heap limit to hold a page of n bytes: the model
// of a page takes up to about seven times its size, and below that the
// collector would run without pause (a 50 MB page took twice as long).
// The limit is never lowered again in a run.
func roomFor(n int) { raiseLimit(int64(n) * 8) }

// keepHeadroom raises the soft heap limit podlint set to twice the live
// heap, when the live heap has grown past half of it. Some pages need far
// more than 8 times their size (800,000 one-letter tags in front matter:
// about 150 times), and a limit under the live heap makes the collector
// run without pause, in time that grows with the square of the page.
func keepHeadroom() {
	if holdingBlock.Load() {
		return
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() == metrics.KindUint64 {
		raiseLimit(int64(live[0].Value.Uint64()) * 2)
	}
}

// holdingBlock is set while preferHugePages holds a block it allocated
// only to advise: the heap live at a collection then counts the block,
// which is no page's need.
var holdingBlock atomic.Bool

// afterEachGC calls f after every garbage collection, on the goroutine that
// runs cleanups: a value made for the purpose is collected, and its cleanup
// makes the next one, then calls f. The next value is there before f runs:
// a collection that starts while f runs, or once it has, collects it.
func afterEachGC(f func()) {
	runtime.AddCleanup(&gcMark{}, func(f func()) {
		afterEachGC(f)
		f()
	}, f)
}

// gcMark is a value for afterEachGC to watch; the pointer keeps it out of
// the allocator's blocks of tiny values, which are freed together.
type gcMark struct{ _ *int }

// raiseLimit raises the soft heap limit podlint set to want bytes, if that
// is higher; it never lowers it.
func raiseLimit(want int64) {
	for {
		cur := memoryLimit.Load()
		if cur == 0 || want <= cur {
			return
		}
		if memoryLimit.CompareAndSwap(cur, want) {
			debug.SetMemoryLimit(want)
			return
		}
	}
}

// run is main without the process: tests call it with their own streams.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.Run(hoistFlags(app, args))
	return exitCode(err, stderr)
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "podlint",
		Usage:     "check and repair podcast episode pages",
		Version:   version(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// The help command present, urfave/cli adds no --help: here it is.
		Flags: []cli.Flag{cli.HelpFlag},
		Commands: []*cli.Command{
			checkCommand(),
			fixCommand(),
			convertCommand(),
			rulesCommand(),
			explainCommand(),
			schemaCommand(),
			initCommand(),
			completionCommand(),
			lspCommand(),
			helpCommand(),
		},
		// podlint's own help command: urfave/cli's exits 3 on an unknown
		// topic and names no command near it.
		HideHelpCommand: true,
		// podlint decides its exit codes itself, in exitCode.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError(suggestFlag(c, err))
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(unknownCommand(c.App, c.Args().First()))
			}
			_ = cli.ShowAppHelp(c)
			return exitErr(exitUsage)
		},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = app.OnUsageError
		tidyFlagHelp(cmd.Flags)
		if hasFlag(cmd, "exit-zero") {
			cmd.Action = exitZero(cmd.Action)
		}
	}
	return app
}

// helpCommand is `podlint help [COMMAND]`, the same text as --help.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the commands, or one command's options",
		ArgsUsage: "[COMMAND]",
		Action: func(c *cli.Context) error {
			switch name := c.Args().First(); {
			case c.NArg() > 1:
				return usageError(fmt.Errorf("help takes one command, not %d", c.NArg()))
			case name == "":
				return cli.ShowAppHelp(c)
			case c.App.Command(name) == nil:
				return usageError(unknownCommand(c.App, name))
			default:
				// From the app's context: the help command's own lists no commands.
				return cli.ShowCommandHelp(c.Lineage()[1], name)
			}
		},
	}
}

// unknownCommand is the error for a command podlint does not have, naming
// the nearest one.
func unknownCommand(app *cli.App, name string) error {
	var known []string
	for _, cmd := range app.Commands {
		known = append(known, cmd.Names()...)
	}
	return fmt.Errorf("unknown command %q%s", name, rules.DidYouMean(name, known))
}

// suggestFlag adds the nearest flag of the command to the flag package's
// "flag provided but not defined: -formt".
func suggestFlag(c *cli.Context, err error) error {
	const undefined = "flag provided but not defined: "
	typed, ok := strings.CutPrefix(err.Error(), undefined)
	if !ok || c == nil || c.Command == nil {
		return err
	}
	var known []string
	for _, f := range c.Command.Flags {
		for _, name := range f.Names() {
			known = append(known, dashed(name))
		}
	}
	typed = dashed(strings.TrimLeft(typed, "-"))
	return fmt.Errorf("unknown flag %s%s", typed, rules.DidYouMean(typed, known))
}

// dashed writes a flag name as it is typed: -j, --jobs.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func hasFlag(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

// tidyFlagHelp keeps help to what a flag takes and its real default: a
// switch shows no "(default: false)".
func tidyFlagHelp(flags []cli.Flag) {
	for _, f := range flags {
		if b, ok := f.(*cli.BoolFlag); ok {
			b.DisableDefaultText = true
		}
	}
}

// exitZero makes an action that found problems exit 0 (--exit-zero);
// usage, configuration and input errors still exit 2.
func exitZero(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		err := action(c)
		var code exitErr
		if c.Bool("exit-zero") && errors.As(err, &code) && code == exitFindings {
			return nil
		}
		return err
	}
}

// usageErr marks an error as the user's: exit code 2 and a usage hint.
type usageErr struct{ err error }

func (e usageErr) Error() string { return e.err.Error() }

func usageError(err error) error { return usageErr{err} }

// exitErr carries an exit code without a message (findings were printed).
type exitErr int

func (e exitErr) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitClean
	}
	var code exitErr
	if errors.As(err, &code) {
		return int(code)
	}
	var usage usageErr
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "podlint: %v\nRun 'podlint --help' for usage.\n", usage.err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "podlint: %v\n", err)
	return exitUsage
}
