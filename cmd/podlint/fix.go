package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/schema"
)

func fixCommand() *cli.Command {
	return &cli.Command{
		Name:      "fix",
		Usage:     "repair what can be repaired: print a unified diff, or rewrite the files with --write",
		ArgsUsage: "[PATH...] (files, directories, or - for standard input; default: the current folder)",
		Flags: append(lintFlags(),
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite the files in place (standard input: print the fixed page)"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "also apply fixes that may drop or reword text"},
			allowHardlinksFlag(),
		),
		Action: func(c *cli.Context) error {
			return fixAction(c, c.Bool("write"))
		},
	}
}

// diffName is the name a diff gives a file: its path from the working
// folder, however the command line named it (git apply reads a/ and b/
// from there), or its absolute path when it lies outside: git apply takes
// that only with --unsafe-paths, as it takes no path outside its folder.
// cwd is the working folder, "" when it could not be read: a relative
// name is then as given.
func diffName(in input, cwd string, folders *realFolders) string {
	var abs string
	switch {
	case in.stdin:
		return in.path
	case filepath.IsAbs(in.path):
		abs = filepath.Clean(in.path)
	case cwd == "":
		return in.path
	default:
		abs = filepath.Join(cwd, in.path)
	}
	if cwd != "" {
		if rel, ok := folders.inside(cwd, abs); ok {
			return rel
		}
	}
	return abs
}

// allowHardlinksFlag is shared by fix and check --fix.
func allowHardlinksFlag() cli.Flag {
	return &cli.BoolFlag{Name: "allow-hardlinks", Usage: "with --write: write a file with several hard links in place, keeping the links (not atomic)"}
}

// fixedFile is what fixing one file produced.
type fixedFile struct {
	in      input
	applied map[string]int
	// diff is the file's diff (without --write), until its turn comes to
	// be written or held: a buffer of diffBuffers, returned then.
	diff    *bytes.Buffer
	outside bool   // the diff names the file by absolute path
	page    []byte // with --write on standard input
}

// fixAction runs the fix engine on every input. Without write it prints the
// diff on stdout and what would remain on stderr, so that the diff can be
// piped to git apply; with write it rewrites the files and reports what
// remains on stdout, as check does. A machine format on stdout (--format
// json) takes stdout instead of the diff or the line saying what was fixed.
func fixAction(c *cli.Context, write bool) error {
	outputs, ropts, opts, err := readOptions(c)
	if err != nil {
		return err
	}
	rep := &report{quiet: ropts.quiet}
	if rep.baseline, err = startBaseline(c, opts.resolver); err != nil {
		return err // check --fix --baseline: what remains is filtered
	}
	var fixed []fixedFile
	// A machine format on stdout has it to itself: what fix did, and its
	// diff, go to stderr then.
	machine := machineOnStream(outputs)
	// Otherwise the diff has stdout alone, and each file's is written as
	// soon as the files before it are: a run's memory does not grow with
	// its diff. Not on a terminal, where the progress line is drawn, and
	// not on stderr, where the notes of the run come first: there each
	// file's diff is held in a spool as its turn comes, and written at the
	// end (memory still does not grow with the diff).
	streamDiff := !write && !machine && !isTTY(c.App.Writer)
	held := &spool{}
	// Diffs are written through a buffer, flushed once every file is done:
	// a write per file, under the lock the commits take, had both workers
	// wait on the reader of a pipe.
	diffOut := bufio.NewWriterSize(c.App.Writer, outputBuffer)
	cwd, err := os.Getwd() // once: diff names are made from it
	if err != nil {
		cwd = ""
	}
	folders := &realFolders{}
	unsafe := c.Bool("unsafe-fixes")
	hardLinks := c.Bool("allow-hardlinks")
	if write {
		// A file --write may not change is refused before it is read: a
		// pipe is not drained, /dev/stdin not consumed.
		opts.shortcut = func(in input, _ *settings) (func(), bool) {
			if in.stdin {
				return nil, false
			}
			if _, _, err := writableTarget(in.path, hardLinks); err != nil {
				return func() { rep.errors = append(rep.errors, inputError{path: in.path, msg: err.Error()}) }, true
			}
			return nil, false
		}
		defer removeTempsOnSignal(c.App.ErrWriter)()
	}
	opts.reuseReads = true // what a commit prints is a copy (a page from stdin is not read into a reused buffer)
	err = eachInput(opts.paths, opts, rep, func(in input, src []byte, _ fileStamp, st *settings) func() {
		cfg, terr, ungrounded := st.cfg, (*inputError)(nil), false
		if st.transcripts != "" {
			cfg, terr, ungrounded = groundingConfig(in, schema.Read(in.path, src), st)
		}
		out, err := fixers.Run(in.path, src, fixers.Options{Config: cfg, Unsafe: unsafe, Text: textOf(src)})
		if err != nil {
			return func() { rep.errors = append(rep.errors, inputError{path: in.path, msg: err.Error()}) }
		}
		// Only the diff (or, for stdin, the page) waits for printing: not the
		// files themselves.
		f := fixedFile{in: in, applied: out.Applied}
		var changes *fixers.Changes // the diff, once, for what is printed and where
		switch {
		case write && in.stdin:
			f.page = out.Src
		case write && out.Changed():
			if err := writeAtomic(in.path, src, out.Src, hardLinks); err != nil {
				return func() { rep.errors = append(rep.errors, inputError{path: in.path, msg: err.Error()}) }
			}
		case !write && out.Changed():
			changes = out.Changes()
			if !changes.Equal() {
				name := diffName(in, cwd, folders)
				f.diff = diffBuffers.Get().(*bytes.Buffer)
				changes.WriteUnified(f.diff, name)
				f.outside = filepath.IsAbs(name)
			}
		}
		fr := newFileReport(in.path, out.Doc, cfg, out.Remaining, forFile(opts, rep, st), textOf(src))
		if changes != nil && out.Changed() && len(fr.items) > 0 {
			// The fixed text is not written: what would remain is shown
			// where it stands in the file as it is.
			onDisk(&fr, out.Doc.Lines, schema.NewLines(src), changes.Origin())
		}
		// The guard's refusals as the messages printed, made here: what the
		// commit keeps must hold nothing of the page (reuseReads).
		var rejected []string
		for _, r := range out.Rejected {
			// A fix the structural guard turned down is a bug of its
			// fixer: named, exit 2; the rest of the page was fixed.
			rejected = append(rejected, fmt.Sprintf("fixer %s: %v (this is a bug in podlint; that fix was not applied, the rest of the page was fixed)", r.Fixer, r.Err))
		}
		out.Release()
		return func() {
			if f.page != nil {
				// An editor reads the page from stdout: a short page with
				// exit 0 would replace its buffer with half of it.
				if _, err := c.App.Writer.Write(f.page); err != nil {
					rep.errors = append(rep.errors, inputError{path: in.path, msg: "the fixed page could not be written to standard output: " + err.Error()})
				}
			}
			for _, msg := range rejected {
				rep.errors = append(rep.errors, inputError{path: in.path, msg: msg})
			}
			if f.diff != nil {
				if streamDiff {
					_, _ = diffOut.Write(f.diff.Bytes())
				} else {
					_, _ = held.Write(f.diff.Bytes())
				}
				putDiffBuffer(f.diff)
				f.diff = nil
			}
			fixed = append(fixed, f)
			rep.grounded(in.path, terr, ungrounded)
			rep.add(fr)
		}
	})
	if ferr := diffOut.Flush(); ferr != nil {
		// As for a fixed page from stdin: the run is not well (exit 2), and
		// what it found is still reported on stderr.
		rep.errors = append(rep.errors, inputError{path: "standard output", msg: "the diff could not be written: " + ferr.Error()})
	}
	if err != nil {
		return err
	}
	applied, changedFiles := countApplied(fixed)
	stdinOnly := len(fixed) == 1 && fixed[0].in.stdin
	stream, human := c.App.Writer, c.App.Writer
	if machine {
		human = c.App.ErrWriter
	}
	switch {
	case write && stdinOnly:
		// The fixed page went to stdout; the report goes to stderr.
		stream = c.App.ErrWriter
	case write:
		if applied > 0 {
			fmt.Fprintf(human, "fixed %s in %s (%s)\n", plural(applied, "problem"), plural(changedFiles, "file"), fixerCounts(fixed))
		}
	default:
		_ = held.copyTo(human) // empty where the diff was streamed; as fmt.Fprint, a failed print is not worth a branch
		var outside []string
		for _, f := range fixed {
			if f.outside {
				outside = append(outside, f.in.path)
			}
		}
		if len(outside) > 0 {
			fmt.Fprintf(c.App.ErrWriter, "podlint: the diff names %s by absolute path, outside the working folder: git apply takes such a path only with --unsafe-paths, and never from a subfolder of a repository\n", visible(exampleList(outside)))
		}
		if !machine {
			// The diff has stdout, for git apply; the report goes below
			// this line on stderr.
			stream = c.App.ErrWriter
		}
		if applied > 0 {
			fmt.Fprintf(c.App.ErrWriter, "would fix %s in %s (%s)", plural(applied, "problem"), plural(changedFiles, "file"), fixerCounts(fixed))
			if stream == c.App.ErrWriter {
				fmt.Fprint(c.App.ErrWriter, "; what would remain:")
			}
			fmt.Fprintln(c.App.ErrWriter)
		}
	}
	concluded := rep.conclude(c, outputs, stream, ropts)
	noteUngrounded(c.App.ErrWriter, rep.ungrounded, ropts.quiet)
	err = rep.baseline.settle(c.App.ErrWriter, concluded)
	if err == nil && !write && applied > 0 {
		return exitErr(exitFindings) // a diff is pending: CI can require a clean tree
	}
	return err
}

// diffBuffers hold the diffs fix streams, each from when its file is fixed
// to when it is written: their memory is used again, file after file, where
// a string for each diff made as much garbage as the pages are long.
var diffBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledDiff is the most memory a diff buffer keeps once written: one
// grown for a huge page is left to the collector.
const maxPooledDiff = 1 << 20

func putDiffBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledDiff {
		return
	}
	b.Reset()
	diffBuffers.Put(b)
}

// onDisk moves the positions of a report on the fixed text fixed to the
// text on disk, through origin. A finding inside an edit stands at the
// edit's start; a suggestion with an end inside one cannot be made on disk,
// and its finding keeps none.
func onDisk(fr *fileReport, fixed, disk *schema.Lines, origin func(int) (int, bool)) {
	move := func(p *schema.Position) bool {
		old, ok := origin(fixed.Start(p.Line) + p.ByteColumn - 1)
		*p = disk.Position(old)
		return ok
	}
	// An end the report did not place (lintOptions.ends) stays unplaced.
	moveEnd := func(p *schema.Position) {
		if p.Line > 0 {
			move(p)
		}
	}
	for i := range fr.items {
		it := &fr.items[i]
		move(&it.start)
		moveEnd(&it.end)
		for j := range it.related {
			move(&it.related[j].start)
			moveEnd(&it.related[j].end)
		}
		exact := true
		for j := range it.suggestions {
			s := &it.suggestions[j]
			exact = move(&s.start) && exact
			exact = move(&s.end) && exact
		}
		if !exact {
			it.suggestions = nil
		}
	}
}

func countApplied(fixed []fixedFile) (applied, files int) {
	for _, f := range fixed {
		n := 0
		for _, c := range f.applied {
			n += c
		}
		applied += n
		if n > 0 {
			files++
		}
	}
	return applied, files
}

// fixerCounts writes "attach-quote-timestamp 47, quote-marks 47".
func fixerCounts(fixed []fixedFile) string {
	counts := map[string]int{}
	for _, f := range fixed {
		for name, n := range f.applied {
			counts[name] += n
		}
	}
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, counts[name])
	}
	return strings.Join(parts, ", ")
}
