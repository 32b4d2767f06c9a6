package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

const defaultMaxFileSize = "10MiB"

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check episode pages (*.md) and episode JSON (*.json)",
		ArgsUsage: "PATH... (files, directories, or - for standard input)",
		Flags: append(lintFlags(),
			&cli.BoolFlag{Name: "fix", Usage: "repair the files first (as fix --write), then report what is left"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "with --fix: also apply fixes that may drop or reword text"},
		),
		Action: checkAction,
	}
}

// lintFlags are the flags check and fix share.
func lintFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: " + strings.Join(formatNames(), ", ")},
		&cli.StringSliceFlag{Name: "enable", Usage: "run only these rules or categories (comma-separated, repeatable)"},
		&cli.StringSliceFlag{Name: "disable", Usage: "do not run these rules or categories (comma-separated, repeatable)"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "name to report standard input under (its extension picks the form)"},
		&cli.StringFlag{Name: "max-file-size", Value: defaultMaxFileSize, Usage: "skip larger files with an error (bytes, or KiB, MiB, GiB)"},
	}
}

// lintOptions are the settings a lint run shares across files.
type lintOptions struct {
	rules    []*rules.Rule
	maxSize  int64
	stdin    io.Reader
	stdinFor string
}

func readLintOptions(c *cli.Context) (lintOptions, error) {
	selected, err := rules.Select(splitList(c.StringSlice("enable")), splitList(c.StringSlice("disable")))
	if err != nil {
		return lintOptions{}, usageError(err)
	}
	size, err := parseSize(c.String("max-file-size"))
	if err != nil {
		return lintOptions{}, usageError(fmt.Errorf("--max-file-size: %w", err))
	}
	if c.NArg() == 0 {
		return lintOptions{}, usageError(fmt.Errorf("no files given: pass files, directories, or - for standard input"))
	}
	return lintOptions{rules: selected, maxSize: size, stdin: c.App.Reader, stdinFor: c.String("stdin-filename")}, nil
}

// splitList accepts both repeated flags and comma-separated values.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func checkAction(c *cli.Context) error {
	if c.Bool("fix") {
		return fixAction(c, true)
	}
	if c.Bool("unsafe-fixes") {
		return usageError(fmt.Errorf("--unsafe-fixes goes with --fix"))
	}
	format, ok := formats[c.String("format")]
	if !ok {
		return usageError(fmt.Errorf("unknown --format %q: use one of %s", c.String("format"), strings.Join(formatNames(), ", ")))
	}
	opts, err := readLintOptions(c)
	if err != nil {
		return err
	}
	rep := lint(c.Args().Slice(), opts)
	if err := format(c.App.Writer, rep); err != nil {
		return err
	}
	return rep.finish(c.App.ErrWriter)
}

// fileReport is what one file produced.
type fileReport struct {
	path  string
	lines *schema.Lines
	diags []rules.Diagnostic
	// fixes holds, for each diagnostic, the safety of the fix podlint can
	// make for it ("safe", "unsafe"), or "" when there is none.
	fixes []string
}

func newFileReport(path string, doc *schema.Document, diags []rules.Diagnostic) fileReport {
	fixes := make([]string, len(diags))
	for i, d := range diags {
		if s, ok := fixers.Available(doc, d); ok {
			fixes[i] = s.String()
		}
	}
	return fileReport{path: path, lines: doc.Lines, diags: diags, fixes: fixes}
}

// report is a whole run: the files checked and the paths that failed.
type report struct {
	files  []fileReport
	errors []inputError
}

// lint checks every input, in sorted order.
func lint(args []string, opts lintOptions) *report {
	inputs, errs := collect(args, opts.stdinFor)
	rep := &report{errors: errs}
	for _, in := range inputs {
		src, ierr := load(in, opts.stdin, opts.maxSize)
		if ierr != nil {
			rep.errors = append(rep.errors, *ierr)
			continue
		}
		doc := schema.Read(in.path, src)
		rep.files = append(rep.files, newFileReport(in.path, doc, rules.Run(doc, opts.rules)))
	}
	return rep
}

// counts tallies findings by severity and the files that have any.
func (r *report) counts() (errs, warnings, files int) {
	for _, f := range r.files {
		for _, d := range f.diags {
			if d.Severity == rules.Error {
				errs++
			} else {
				warnings++
			}
		}
		if len(f.diags) > 0 {
			files++
		}
	}
	return errs, warnings, files
}

// fixable counts findings with a safe and with an unsafe fix.
func (r *report) fixable() (safe, unsafe int) {
	for _, f := range r.files {
		for _, fix := range f.fixes {
			switch fix {
			case "safe":
				safe++
			case "unsafe":
				unsafe++
			}
		}
	}
	return safe, unsafe
}

// finish prints input errors and turns the run into an exit code.
func (r *report) finish(stderr io.Writer) error {
	sort.SliceStable(r.errors, func(i, j int) bool { return r.errors[i].path < r.errors[j].path })
	for _, e := range r.errors {
		fmt.Fprintf(stderr, "podlint: %s\n", e)
	}
	errs, _, _ := r.counts()
	switch {
	case len(r.errors) > 0:
		return exitErr(exitUsage)
	case errs > 0:
		return exitErr(exitFindings)
	}
	return nil
}
