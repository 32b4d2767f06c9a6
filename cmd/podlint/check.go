package main

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
		ArgsUsage: "[PATH...] (files, directories, or - for standard input; default: the current folder)",
		Flags: append(append(lintFlags(),
			&cli.BoolFlag{Name: "fix", Usage: "repair the files first (as fix --write), then report what is left"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "with --fix: also apply fixes that may drop or reword text"},
			allowHardlinksFlag(),
			&cli.BoolFlag{Name: "cache", Usage: "reuse results of unchanged files (keyed by content, config and podlint build)"},
			&cli.StringFlag{Name: "cache-dir", Value: ".podlint-cache", Usage: "`DIR` where --cache keeps results"},
			&cli.StringFlag{Name: "cache-strategy", Value: "stamp", Usage: "`HOW` --cache knows a file is unchanged: stamp (size, times and inode, else content) or content (always read and hash)"},
		), baselineFlags()...),
		Action: checkAction,
	}
}

// lintFlags are the flags check and fix share.
func lintFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "format", Usage: "`FORMAT` of the output: " + strings.Join(formatNames(), ", ") + "; FORMAT:FILE writes it to a file; repeatable (default: text)"},
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "`WHEN` to colour text output: auto (on a terminal, unless NO_COLOR is set), always, never"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "report errors only, not warnings"},
		&cli.BoolFlag{Name: "statistics", Usage: "after the findings, count them per rule"},
		&cli.IntFlag{Name: "max-warnings", Value: -1, DefaultText: "no limit", Usage: "exit 1 when there are more than `N` warnings"},
		&cli.BoolFlag{Name: "exit-zero", Usage: "exit 0 even when there are findings (usage, config and input errors still exit 2)"},
		&cli.StringSliceFlag{Name: "enable", Usage: "run only these `RULES` or categories (comma-separated, repeatable), even those the config turns off"},
		&cli.StringSliceFlag{Name: "disable", Usage: "do not run these `RULES` or categories (comma-separated, repeatable)"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "`NAME` to report standard input under (its extension picks the form; without it, input that starts with { is JSON)"},
		&cli.StringFlag{Name: "max-file-size", Value: defaultMaxFileSize, Usage: "skip files larger than `SIZE` with an error (bytes, or KiB, MiB, GiB)"},
		&cli.StringFlag{Name: "config", Usage: "use this config `FILE` for every file (instead of the nearest .podlint.yaml)"},
		&cli.BoolFlag{Name: "no-config", Usage: "ignore every config file"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, DefaultText: "one per CPU", Usage: "`N` files checked at once"},
		&cli.StringFlag{Name: "transcript", Usage: "check quotes and chapters against the episodes' transcripts in `DIR` (PAGE.vtt or PAGE.srt, or the front matter's transcript: NAME)"},
	}
}

// lintOptions are the settings a lint run shares across files.
type lintOptions struct {
	paths    []string // the command line's, or the current folder
	resolver *resolver
	stdin    io.Reader
	stdinFor string
	stderr   io.Writer // for the progress bar
	jobs     int       // workers; 0: one per CPU
	cache    *cache    // check results by content; nil: none
	// cacheByStamp: a file whose stamp is unchanged is answered for from
	// the cache without reading it (--cache-strategy stamp).
	cacheByStamp bool
	// shortcut, when set, may answer for a file without its being read.
	shortcut func(input, *settings) (commit func(), ok bool)
	// namedEpisodesOnly: a named file that is not an episode is passed
	// over (check and fix, which pre-commit runs), not only a walked one.
	namedEpisodesOnly bool
	// withEdits: a format prints the fixes' edits (rdjson's suggestions),
	// so they are built; else a finding's fix is what its rule states.
	withEdits bool
	// lineHashes: the report keeps a hash of each finding's line, for
	// SARIF's fingerprints, a baseline and the cache (which may answer a
	// later run in any format). Text and the other formats print none.
	lineHashes bool
	// ends: the report keeps where each finding (and each place it points
	// at) ends, which every format but text and JUnit prints, the cache
	// keeps for a later run in any format, and --new-from-rev reads.
	// Counting the columns of the ends is half of placing the findings.
	ends bool
	// reuseReads: work keeps nothing of a file's bytes once it returns (its
	// commit holds strings, which are copies), so a worker reads its next
	// file into the same buffer. Fresh buffers for every file cost a
	// tenth of a check on one core: the kernel's copy lands on memory the
	// caches do not hold.
	reuseReads bool
}

func readLintOptions(c *cli.Context) (lintOptions, error) {
	enable, disable := splitList(c.StringSlice("enable")), splitList(c.StringSlice("disable"))
	if _, err := rules.Select(enable, disable); err != nil {
		return lintOptions{}, usageError(err)
	}
	var size int64
	if c.IsSet("max-file-size") {
		var err error
		if size, err = parseSize(c.String("max-file-size")); err != nil {
			return lintOptions{}, usageError(fmt.Errorf("--max-file-size: %w", err))
		}
	}
	if c.Bool("no-config") && c.String("config") != "" {
		return lintOptions{}, usageError(fmt.Errorf("--config and --no-config exclude each other"))
	}
	res := newResolver(c.String("config"), c.Bool("no-config"), enable, disable, size)
	if dir := c.String("transcript"); dir != "" {
		if err := transcriptsFolder(dir); err != nil {
			return lintOptions{}, usageError(err)
		}
		res.cliTranscripts = dir
	}
	if c.String("config") != "" {
		if _, err := res.load(c.String("config")); err != nil {
			return lintOptions{}, err
		}
	}
	// No path: the current folder, as ruff and golangci-lint do.
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return lintOptions{paths: paths, namedEpisodesOnly: true, resolver: res, stdin: c.App.Reader, stdinFor: c.String("stdin-filename"), stderr: c.App.ErrWriter, jobs: c.Int("jobs")}, nil
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
	outputs, ropts, opts, err := readOptions(c)
	if err != nil {
		return err
	}
	strategy := c.String("cache-strategy")
	if strategy != "stamp" && strategy != "content" {
		return usageError(fmt.Errorf("--cache-strategy takes stamp or content, not %q", strategy))
	}
	if c.Bool("cache") || c.IsSet("cache-dir") || c.IsSet("cache-strategy") {
		if opts.cache, err = newCache(c.String("cache-dir")); err != nil {
			return err
		}
		opts.cacheByStamp = strategy == "stamp"
	}
	rep := newReport(outputs, c.App.Writer, ropts)
	if rep.baseline, err = startBaseline(c, opts.resolver); err != nil {
		return err
	}
	if err := lintInto(rep, opts.paths, opts); err != nil {
		return err
	}
	if opts.cache != nil {
		opts.cache.save()
	}
	concluded := rep.conclude(c, outputs, c.App.Writer, ropts)
	noteUngrounded(c.App.ErrWriter, rep.ungrounded, ropts.quiet)
	return rep.baseline.settle(c.App.ErrWriter, concluded)
}

// readOptions reads the flags check and fix share.
func readOptions(c *cli.Context) ([]output, reportOptions, lintOptions, error) {
	outputs, ropts, err := readReportOptions(c)
	if err != nil {
		return nil, ropts, lintOptions{}, err
	}
	opts, err := readLintOptions(c)
	for _, o := range outputs {
		opts.withEdits = opts.withEdits || printsEdits[o.name]
		opts.lineHashes = opts.lineHashes || printsFingerprints[o.name]
		opts.ends = opts.ends || !printsStartsOnly[o.name]
	}
	return outputs, ropts, opts, err
}

// reportOptions are the flags that shape what is printed.
type reportOptions struct {
	color       bool // colour is allowed (auto or always)
	forceColor  bool
	quiet       bool
	statistics  bool
	maxWarnings int
}

func readReportOptions(c *cli.Context) ([]output, reportOptions, error) {
	outputs, err := parseOutputs(c.StringSlice("format"))
	if err != nil {
		return nil, reportOptions{}, err
	}
	ro := reportOptions{quiet: c.Bool("quiet"), statistics: c.Bool("statistics"), maxWarnings: c.Int("max-warnings")}
	switch c.String("color") {
	case "auto":
		ro.color = true
	case "always":
		ro.color, ro.forceColor = true, true
	case "never":
	default:
		return nil, ro, usageError(fmt.Errorf("--color takes auto, always or never, not %q", c.String("color")))
	}
	return outputs, ro, nil
}

// conclude prints the report on stream in every format, then the input
// errors, and turns the run into an exit code.
func (r *report) conclude(c *cli.Context, outputs []output, stream io.Writer, ro reportOptions) error {
	if r.live != nil {
		if err := r.endLive(); err != nil {
			return err
		}
	} else if err := emit(outputs, stream, r, ro); err != nil {
		return err
	}
	err := r.finish(c.App.ErrWriter)
	if warnings := r.tally.allWarnings; err == nil && ro.maxWarnings >= 0 && warnings > ro.maxWarnings {
		fmt.Fprintf(c.App.ErrWriter, "podlint: %s, more than --max-warnings %d\n", plural(warnings, "warning"), ro.maxWarnings)
		return exitErr(exitFindings)
	}
	return err
}

// outputBuffer is the size of the buffer findings and diffs are printed
// through as files are done: each write to a pipe may wake its reader, and
// the commits that print wait for it, under a lock the workers share.
const outputBuffer = 64 << 10

// newReport prepares a report for the flags: --quiet drops warnings as
// files come in, and each format is printed as each file's turn comes
// instead of keeping every file's findings to the end (memory then does not
// grow with the number of files): on stream as it comes, to a file through
// a spool that is written to it at the end (see liveOutput). When a file
// given cannot be written, the report keeps its files and prints every
// format at the end, as emit does.
func newReport(outputs []output, stream io.Writer, ro reportOptions) *report {
	r := &report{quiet: ro.quiet}
	for _, o := range outputs {
		if o.path != "" && !mayCreate(o.path) {
			r.live, r.byRule = nil, nil
			break
		}
		lo := &liveOutput{output: o}
		if o.path == "" {
			lo.buf = bufio.NewWriterSize(stream, outputBuffer)
		} else {
			lo.spool = &spool{}
			lo.buf = bufio.NewWriterSize(lo.spool, outputBuffer)
		}
		lo.printer = o.printer(lo.buf, o.path == "" && (ro.forceColor || ro.color && isTerminal(stream)))
		if ro.statistics && o.name == "text" {
			lo.statistics = true
			r.byRule = map[string]*ruleStat{}
		}
		r.live = append(r.live, lo)
	}
	return r
}

// mayCreate tells whether os.Create(path) may succeed, without changing or
// opening a thing (a pipe opened and closed would hand its reader the end,
// a watcher would see a file written): an existing regular file this
// process may read and write (as os.Create opens it), a pipe or a device
// (opened at the end, as it always was), or a new name in a folder it may
// write to. Anything else, a folder or a link to nothing among them, is
// left to the end, where os.Create says what becomes of it, as it did
// before formats were printed live. It may be wrong only where the file
// changes during the run, or where writing fails for want of room; the
// write at the end then fails as it did.
func mayCreate(path string) bool {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return false
	case err == nil && !info.Mode().IsRegular():
		return true
	case err == nil:
		return canReadWrite(path) == nil
	case !errors.Is(err, fs.ErrNotExist):
		return false
	}
	if _, err := os.Lstat(path); err == nil {
		return false // a link to nothing
	}
	dir := filepath.Dir(path)
	info, err = os.Stat(dir)
	return err == nil && info.IsDir() && canWrite(dir) == nil
}

// liveOutput is one --format printed as files come in. A format for a file
// goes to a spool, and into the file (os.Create, as emit writes it) once
// the run is over: a file the run reads (a report in the folder checked) is
// not changed while it may be read, and a run stopped early leaves the
// file as it was.
type liveOutput struct {
	output
	printer    printer
	buf        *bufio.Writer // the stream's, or the spool's
	spool      *spool
	statistics bool // --statistics follows the text
}

// endLive ends the live outputs: those on the stream first, whose start is
// printed already, then the files in order, as emit writes them.
func (r *report) endLive() error {
	var err error
	for _, lo := range r.live {
		if lo.path == "" {
			if lerr := lo.end(r); err == nil {
				err = lerr
			}
		}
	}
	for _, lo := range r.live {
		if lo.path != "" && err == nil {
			err = lo.end(r)
		}
	}
	return err
}

// end prints the rest of the output; for a file, it then writes what the
// spool holds to it.
func (lo *liveOutput) end(r *report) error {
	err := lo.printer.end(r)
	if err == nil && lo.statistics {
		writeStatistics(lo.buf, r)
	}
	if ferr := lo.buf.Flush(); err == nil {
		err = ferr
	}
	if lo.path == "" || err != nil {
		return err
	}
	f, err := os.Create(lo.path)
	if err != nil {
		return fmt.Errorf("--format %s:%s: %s", lo.name, lo.path, describeFSError(err))
	}
	err = lo.spool.copyTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// add takes one file's report: counted, then printed or kept.
func (r *report) add(f fileReport) {
	if r.baseline != nil {
		// Before any count: a recorded finding neither prints nor fails.
		f.items = r.baseline.filter(f)
	}
	t := &r.tally
	t.files++
	for _, it := range f.items {
		if it.severity != rules.Error {
			t.allWarnings++
		}
	}
	if r.quiet {
		var kept []item
		for _, it := range f.items {
			if it.severity == rules.Error {
				kept = append(kept, it)
			}
		}
		f.items = kept
	}
	if len(f.items) > 0 {
		t.withFindings++
	}
	for _, it := range f.items {
		if it.severity == rules.Error {
			t.errs++
		} else {
			t.warnings++
		}
		switch it.fix {
		case "safe":
			t.safe++
		case "unsafe":
			t.unsafe++
		}
	}
	if r.live == nil {
		r.files = append(r.files, f)
		return
	}
	if r.byRule != nil {
		countRules(r.byRule, f)
	}
	for _, lo := range r.live {
		lo.printer.file(f)
	}
}

// fileReport is what one file produced, resolved to positions in the worker
// so that the file's bytes are not kept until printing.
type fileReport struct {
	path  string
	items []item
}

// item is one finding with everything the formats print.
type item struct {
	rule       string
	severity   rules.Severity
	message    string
	start, end schema.Position
	// fix is the safety of the fix podlint can make ("safe", "unsafe"), or
	// "" when there is none; suggestions are its edits.
	fix         string
	suggestions []suggestion
	// related are the other places the finding points at: a span and
	// what it is (in text).
	related []suggestion
	// lineHash identifies the text of the finding's first line (SARIF
	// fingerprints) without keeping the text.
	lineHash string
}

// suggestion is one edit of a fix, in positions, for formats that carry
// fixes (rdjson).
type suggestion struct {
	start, end schema.Position
	text       string
}

// newFileReport turns a file's findings into report items. Each item's fix
// is what its rule states (fixers.Verdict), built only where the rule
// leaves it to the fixer, or for every finding when opts.withEdits asks
// for the edits themselves; each item's line hash only when
// opts.lineHashes asks for it.
//
// read is the text of the buffer the page was read into when the worker
// reads its next file there ("" otherwise): a message or an edit that is a
// slice of it is copied, as the report outlives the buffer's contents.
func newFileReport(path string, doc *schema.Document, cfg *rules.Config, diags []rules.Diagnostic, opts lintOptions, read string) fileReport {
	items := make([]item, len(diags))
	// Findings come in source order, often many on one line: a cursor
	// counts columns from the previous finding, and a line is hashed once.
	// The starts and ends of findings and of related places get a cursor
	// each, since each goes its own way: a leaked blob's line, thousands
	// of characters long, is the related place of many findings, and one
	// cursor for its start and end would count across the line and back
	// for every one of them.
	pos, ends := doc.Lines.Cursor(), doc.Lines.Cursor()
	relStarts, relEnds := doc.Lines.Cursor(), doc.Lines.Cursor()
	hashedLine, lineHash := 0, ""
	for i, d := range diags {
		it := item{rule: d.Rule, severity: d.Severity, message: keptFrom(read, d.Message), start: pos.Position(d.Span.Start)}
		if opts.ends {
			it.end = ends.Position(d.Span.End)
		}
		if opts.lineHashes {
			if it.start.Line != hashedLine {
				hashedLine, lineHash = it.start.Line, hashLine(doc.Lines.Text(it.start.Line))
			}
			it.lineHash = lineHash
		}
		for _, r := range d.Related {
			// Anywhere on the page, before the finding too.
			rel := suggestion{start: relStarts.Position(r.Span.Start), text: keptFrom(read, r.Message)}
			if opts.ends {
				rel.end = relEnds.Position(r.Span.End)
			}
			it.related = append(it.related, rel)
		}
		if !opts.withEdits {
			fix, note := fixers.Verdict(doc, cfg, d)
			it.fix, it.message = fixLabel(fix), it.message+note
		} else if fix := fixers.Suggest(doc, cfg, d); fix == nil {
			it.message += fixers.Note(doc, cfg, d, nil)
		} else {
			it.fix, it.message = fix.Safety.String(), it.message+fixers.Note(doc, cfg, d, fix)
			for _, e := range fix.Edits {
				// An edit may be a slice of the page's text, which a kept
				// report must not hold on to.
				it.suggestions = append(it.suggestions, suggestion{start: pos.Position(e.Start), end: pos.Position(e.End), text: keptFrom(read, e.New)})
			}
		}
		items[i] = it
	}
	return fileReport{path: path, items: items}
}

// fixLabel is an item's fix: "safe", "unsafe", or "" for none.
func fixLabel(f rules.Fix) string {
	switch f {
	case rules.SafeFix:
		return fixers.Safe.String()
	case rules.UnsafeFix:
		return fixers.Unsafe.String()
	}
	return ""
}

// report is a whole run: the files checked and the paths that failed.
type report struct {
	files  []fileReport // empty when streamed
	errors []inputError
	// crashed counts files on which podlint panicked (also in errors).
	crashed int
	tally   tally
	quiet   bool
	// live are the formats printed as files come in (nil: the files are
	// kept, and printed at the end).
	live []*liveOutput
	// byRule counts the findings by rule for --statistics, where files
	// are printed live (nil: they are kept, and counted from there).
	byRule map[string]*ruleStat
	// baseline, when set, takes out the findings it records (--baseline).
	baseline *baselines
	// ungrounded are the pages with no transcript in the transcript folder.
	ungrounded []string
}

// tally counts over every file added, kept or streamed.
type tally struct {
	files, withFindings          int
	errs, warnings, safe, unsafe int
	allWarnings                  int // before --quiet, for --max-warnings
}

// forFile is opts for one file: its findings' lines are hashed also when
// a baseline applies to it (a config names one for the files it governs,
// so a run without --no-config may have a baseline for some files only).
func forFile(opts lintOptions, rep *report, st *settings) lintOptions {
	opts.lineHashes = opts.lineHashes || rep.baseline.hashesLines(st)
	return opts
}

func lintInto(rep *report, args []string, opts lintOptions) error {
	opts.reuseReads = true
	opts.lineHashes = opts.lineHashes || opts.cache != nil
	opts.ends = opts.ends || opts.cache != nil || rep.baseline != nil && rep.baseline.rev != ""
	c := opts.cache
	if c != nil && opts.cacheByStamp {
		// A file whose stamp is unchanged is not even read.
		opts.shortcut = func(in input, st *settings) (func(), bool) {
			entry, ok := c.entry(in)
			if !ok || st.transcripts != "" {
				return nil, false
			}
			items, ok := c.byStamp(entry, settingsKey(in.path, st, opts.withEdits), st.maxSize)
			if !ok {
				return nil, false
			}
			return func() { rep.add(fileReport{path: in.path, items: items}) }, true
		}
	}
	return eachInput(args, opts, rep, func(in input, src []byte, stamp fileStamp, st *settings) func() {
		var config, content [sha256.Size]byte
		entry, cached := "", false
		// A page checked against a transcript is not cached: its findings
		// depend on a file the cache key does not cover.
		if c != nil && st.transcripts == "" {
			if entry, cached = c.entry(in); cached {
				// The stamp is fstat's, taken just before the read: an edit
				// after it gives the file another stamp (its change time
				// moves past the run's start), so this entry never answers
				// for the edited file by stamp.
				config, content = settingsKey(in.path, st, opts.withEdits), sha256.Sum256(src)
				if items, ok := c.get(entry, config, content, stamp); ok {
					return func() { rep.add(fileReport{path: in.path, items: items}) }
				}
			}
		}
		doc := schema.ReadText(in.path, src, textOf(src))
		cfg, terr, ungrounded := groundingConfig(in, doc, st)
		fr := newFileReport(in.path, doc, cfg, rules.Run(doc, cfg), forFile(opts, rep, st), doc.Text)
		if cached {
			c.put(entry, config, content, stamp, fr.items)
		}
		// The report holds copies: the page's memory serves the next page.
		doc.Release()
		return func() {
			rep.grounded(in.path, terr, ungrounded)
			rep.add(fr)
		}
	})
}

// counts tallies findings by severity and the files that have any.
func (r *report) counts() (errs, warnings, files int) {
	return r.tally.errs, r.tally.warnings, r.tally.withFindings
}

// fixable counts findings with a safe and with an unsafe fix.
func (r *report) fixable() (safe, unsafe int) {
	return r.tally.safe, r.tally.unsafe
}

// finish prints input errors and turns the run into an exit code.
func (r *report) finish(stderr io.Writer) error {
	sort.SliceStable(r.errors, func(i, j int) bool { return r.errors[i].path < r.errors[j].path })
	for _, e := range r.errors {
		e.path = visible(e.path)
		fmt.Fprintf(stderr, "podlint: %s\n", visibleLines(e.String()))
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
