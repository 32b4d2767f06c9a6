package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/rules"
)

// A baseline lets a corpus adopt podlint without first fixing every old
// page: the findings it records are not reported and do not fail the run;
// new ones are. Like ESLint's bulk suppressions it counts findings per file
// and rule, and like GitHub's code scanning it knows a finding by the text
// of its line, not by its line number, so that an edit elsewhere in the
// page leaves the old findings known.

// baselineVersion is the version of the file format this podlint writes
// and reads.
const baselineVersion = 1

// baselineFile is the file as stored: JSON, its entries sorted by file,
// rule and fingerprint, so that the same findings always give the same
// bytes and a change reads as a small diff.
type baselineFile struct {
	Version int             `json:"version"`
	Entries []baselineEntry `json:"entries"`
}

// baselineEntry is how many findings of one rule, with one fingerprint, a
// file had. File is relative to the baseline file's folder, with forward
// slashes. The fingerprint covers the rule, the message and the text of
// the finding's line; LineHash is that text's own hash, for a finding
// whose message changed on an unchanged line. Message is for the reader.
type baselineEntry struct {
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	LineHash    string `json:"line_hash"`
	Count       int    `json:"count"`
	Message     string `json:"message"`
}

type baselineKey struct{ file, rule, fingerprint string }

// baselineLine is where a finding sits, whatever its message says.
type baselineLine struct{ file, rule, lineHash string }

type baselineMode int

const (
	baselineFilter baselineMode = iota // --baseline: hide what it records
	baselinePrune                      // --prune-baseline: and drop what is gone
	baselineWrite                      // --write-baseline: record every finding
)

// baselineFlags are check's flags for a baseline.
func baselineFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "baseline", Usage: "do not report the findings recorded in `FILE` (see --write-baseline); report the new ones, and the recorded ones that are gone on stderr"},
		&cli.StringFlag{Name: "write-baseline", Usage: "record every finding of this run in `FILE` (created, or updated for the files checked) and report none of them"},
		&cli.BoolFlag{Name: "prune-baseline", Usage: "with --baseline (or baseline: in .podlint.yaml): drop from the file the recorded findings that are gone"},
		&cli.StringFlag{Name: "new-from-rev", Usage: "report only the findings on lines changed since the git revision `REV` (and in files git does not track yet)"},
	}
}

// baselineRun applies a baseline to a run's findings as each file comes
// in, then reports the recorded findings that are gone and writes the file.
type baselineRun struct {
	path    string // as given
	dir     string // absolute: entries' files are relative to it
	cwd     string
	mode    baselineMode
	existed bool   // the file was there when the run began
	read    []byte // its bytes then, for the atomic write

	recorded  map[baselineKey]baselineEntry // the file's entries
	unmatched map[baselineKey]int           // recorded findings not found yet
	byLine    map[baselineLine][]baselineKey
	found     map[baselineKey]baselineEntry // this run's findings
	// checked are the files this run judged, with the rules that ran on
	// each: a rule that did not run says nothing of its entries.
	checked map[string]map[string]bool
	// rulesFor tells the rules that run on a file.
	rulesFor func(path string) map[string]bool
	// stdinName is the name standard input is reported under ("" when it
	// is not read): a buffer is filtered, never recorded or judged.
	stdinName string
	hidden    int
	gone      map[string]bool
}

// baselines are a check run's baselines: the one the flags name, for
// every file, or else the one each file's config names (baseline: in
// .podlint.yaml, relative to the config's folder), opened when the first
// file it governs comes in.
type baselines struct {
	flag     *baselineRun
	res      *resolver
	mode     baselineMode // of the configs' baselines
	rulesFor func(string) map[string]bool
	stdin    string
	byPath   map[string]*baselineRun // by absolute path; nil: it failed to open
	failed   []error
	// changed, with --new-from-rev, are the lines a finding must touch to
	// be reported; unchanged counts the findings it left out.
	changed   *changedLines
	rev       string
	unchanged int
}

// startBaseline reads the baseline flags of check (fix has none, and its
// diff is no run to judge a baseline by); nil when no baseline can apply.
func startBaseline(c *cli.Context, res *resolver) (*baselines, error) {
	if c.Command == nil || c.Command.Name != "check" {
		return nil, nil
	}
	path, mode := c.String("baseline"), baselineFilter
	switch write := c.String("write-baseline"); {
	case write != "" && path != "":
		return nil, usageError(errors.New("--baseline and --write-baseline exclude each other: --write-baseline updates its file with the findings of the files checked"))
	case write != "" && c.Bool("prune-baseline"):
		return nil, usageError(errors.New("--prune-baseline goes with --baseline; --write-baseline drops what is gone already"))
	case write != "":
		path, mode = write, baselineWrite
	case c.Bool("prune-baseline") && c.Bool("no-config") && path == "":
		return nil, usageError(errors.New("--prune-baseline needs --baseline FILE"))
	case c.Bool("prune-baseline"):
		mode = baselinePrune
	}
	s := &baselines{res: res, mode: mode, rulesFor: rulesThatRun(res), byPath: map[string]*baselineRun{}, rev: c.String("new-from-rev")}
	if s.rev != "" {
		switch {
		case mode == baselineWrite:
			return nil, usageError(errors.New("--new-from-rev does not go with --write-baseline: a baseline records every finding"))
		case c.Bool("fix"):
			return nil, usageError(errors.New("--new-from-rev does not go with --fix: the fixes move the lines the diff is of; run podlint check --fix first"))
		}
		var err error
		if s.changed, err = gitChangedLines(s.rev); err != nil {
			return nil, err
		}
	}
	for _, arg := range c.Args().Slice() {
		if arg == "-" {
			s.stdin = c.String("stdin-filename")
			if s.stdin == "" {
				s.stdin = "<stdin>"
			}
		}
	}
	if path == "" {
		if c.Bool("no-config") && s.changed == nil {
			return nil, nil
		}
		return s, nil
	}
	b, err := openBaseline(path, mode)
	if err != nil {
		return nil, err
	}
	b.rulesFor, b.stdinName = s.rulesFor, s.stdin
	s.flag = b
	return s, nil
}

// hashesLines tells whether the findings of a file with settings st need
// the hash of their line: a baseline applies to the file, the one the
// flags name or the one its config names.
func (s *baselines) hashesLines(st *settings) bool {
	return s != nil && (s.flag != nil || st.baseline && !s.res.noConfig)
}

// filter takes one file's findings to its baseline, if it has one, then
// keeps those on changed lines (--new-from-rev). The baseline sees every
// finding: its counts are of the whole file.
func (s *baselines) filter(f fileReport) []item {
	b := s.flag
	if b == nil && !s.res.noConfig {
		b = s.ofConfig(f.path)
	}
	if b != nil {
		f.items = b.filter(f)
	}
	if s.changed != nil {
		n := len(f.items)
		f.items = s.changed.keep(f)
		s.unchanged += n - len(f.items)
	}
	return f.items
}

// ofConfig is the baseline the config governing path names, if any.
func (s *baselines) ofConfig(path string) *baselineRun {
	c, err := s.res.configFor(path)
	if err != nil || c == nil || c.baseline == "" {
		return nil
	}
	abs := filepath.Join(c.dir, filepath.FromSlash(c.baseline))
	if b, ok := s.byPath[abs]; ok {
		return b
	}
	shown := abs
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, abs); err == nil {
			shown = rel // ../podlint-baseline.json from a subfolder
		}
	}
	b, err := openBaseline(shown, s.mode)
	if err != nil {
		s.failed = append(s.failed, fmt.Errorf("%s: %w", c.path, err))
	} else {
		b.rulesFor, b.stdinName = s.rulesFor, s.stdin
	}
	s.byPath[abs] = b
	return b
}

// settle finishes every baseline once the report is printed: an error of
// a baseline's own (a file it could not read or write) outranks the run's
// outcome.
func (s *baselines) settle(stderr io.Writer, runErr error) error {
	if s == nil {
		return runErr
	}
	if s.unchanged > 0 {
		fmt.Fprintf(stderr, "podlint: %s not shown: on lines unchanged since %s\n", plural(s.unchanged, "finding"), visible(s.rev))
	}
	if s.flag != nil {
		if err := s.flag.finish(stderr); err != nil {
			return err
		}
		return runErr
	}
	paths := make([]string, 0, len(s.byPath))
	for p, b := range s.byPath {
		if b != nil {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var errs []error
	for _, p := range paths {
		if err := s.byPath[p].finish(stderr); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(s.failed, errs...)
	if len(paths) == 0 && s.mode == baselinePrune && len(s.failed) == 0 {
		errs = append(errs, usageError(errors.New("--prune-baseline: no baseline to prune: give --baseline FILE, or name one in .podlint.yaml (baseline: FILE)")))
	}
	switch len(errs) {
	case 0:
		return runErr
	case 1:
		return errs[0]
	}
	for _, err := range errs {
		fmt.Fprintf(stderr, "podlint: %v\n", err)
	}
	return exitErr(exitUsage)
}

// openBaseline reads the baseline file at path. A missing file is an
// error, except for --write-baseline, which creates it.
func openBaseline(path string, mode baselineMode) (*baselineRun, error) {
	b := newBaselineRun(path, mode)
	data, err := readBaselineFile(absFrom(b.cwd, path))
	switch {
	case errors.Is(err, fs.ErrNotExist) && mode == baselineWrite:
		return b, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("baseline %s: no such file (podlint check --write-baseline %s writes one)", path, path)
	case err != nil:
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	b.existed, b.read = true, data
	if mode == baselineWrite && len(bytes.TrimSpace(data)) == 0 {
		return b, nil // an empty file to fill
	}
	entries, err := parseBaseline(data)
	switch {
	case err != nil && mode == baselineWrite && !errors.As(err, new(newerBaseline)):
		return nil, fmt.Errorf("baseline %s: %w; it is updated, not replaced: remove it to write a new one", path, err)
	case err != nil:
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	b.load(entries)
	return b, nil
}

// newBaselineRun is a run of the baseline at path, with no entries yet.
func newBaselineRun(path string, mode baselineMode) *baselineRun {
	cwd, _ := os.Getwd()
	return &baselineRun{path: path, dir: filepath.Dir(absFrom(cwd, path)), cwd: cwd, mode: mode,
		recorded: map[baselineKey]baselineEntry{}, unmatched: map[baselineKey]int{}, byLine: map[baselineLine][]baselineKey{},
		found: map[baselineKey]baselineEntry{}, checked: map[string]map[string]bool{}, gone: map[string]bool{}}
}

// load takes the entries of the file.
func (b *baselineRun) load(entries []baselineEntry) {
	for _, e := range entries {
		k := baselineKey{e.File, e.Rule, e.Fingerprint}
		if old, ok := b.recorded[k]; ok {
			e.Count += old.Count // a file edited by hand may repeat a key
		} else {
			at := baselineLine{e.File, e.Rule, e.LineHash}
			b.byLine[at] = append(b.byLine[at], k)
		}
		b.recorded[k] = e
		b.unmatched[k] = e.Count
	}
	for _, keys := range b.byLine {
		sort.Slice(keys, func(i, j int) bool { return keys[i].fingerprint < keys[j].fingerprint })
	}
}

// readBaselineFile reads a regular file (not a folder, a pipe or a device).
func readBaselineFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("is %s, not a regular file", fileKind(info.Mode()))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errors.New(describeFSError(err))
	}
	return data, nil
}

// parseBaseline reads and checks the stored form.
func parseBaseline(data []byte) ([]baselineEntry, error) {
	var f struct {
		Version *int            `json:"version"`
		Entries []baselineEntry `json:"entries"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not a podlint baseline: %w", err)
	}
	switch {
	case f.Version == nil:
		return nil, errors.New("not a podlint baseline: no version")
	case *f.Version > baselineVersion:
		return nil, newerBaseline(*f.Version)
	case *f.Version != baselineVersion:
		return nil, fmt.Errorf("version %d is not one podlint reads (%d)", *f.Version, baselineVersion)
	}
	for i, e := range f.Entries {
		if e.File == "" || e.Rule == "" || e.Fingerprint == "" || e.LineHash == "" || e.Count < 1 {
			return nil, fmt.Errorf("entry %d: file, rule, fingerprint, line_hash and a count of at least 1 are required", i+1)
		}
	}
	return f.Entries, nil
}

// newerBaseline is a baseline written by a newer podlint: not to be
// replaced by an older one.
type newerBaseline int

func (v newerBaseline) Error() string {
	return fmt.Sprintf("version %d is newer than this podlint reads (%d): update podlint", int(v), baselineVersion)
}

// rulesThatRun tells, from a file's settings, the rules that run on it.
// It is called as files are committed, one at a time, after the scheduler
// has settled every file's config.
func rulesThatRun(res *resolver) func(string) map[string]bool {
	memo := map[*settings]map[string]bool{}
	return func(path string) map[string]bool {
		st, err := res.settingsFor(path)
		if err != nil {
			return nil
		}
		if set, ok := memo[st]; ok {
			return set
		}
		set := map[string]bool{}
		for _, r := range st.cfg.Rules {
			if st.cfg.SeverityOf(r) != rules.Off {
				set[r.Name] = true
			}
		}
		memo[st] = set
		return set
	}
}

// filter takes one file's findings and returns those the baseline does
// not know. A finding is known by its key (file, rule, fingerprint) while
// the baseline counts more of that key than the file has shown so far: of
// identical findings, the first ones in the file are the known ones. Then a
// finding whose message changed (it names its chapter, which was renamed)
// is known by its line, if a recorded finding of its rule on a line of the
// same text is still unmatched.
func (b *baselineRun) filter(f fileReport) []item {
	stdin := f.path == b.stdinName
	file := b.fileKey(f.path)
	if !stdin {
		b.checked[file] = b.rulesFor(f.path)
	}
	known := make([]bool, len(f.items))
	for i, it := range f.items {
		k := baselineKey{file, it.rule, findingFingerprint(it.rule, it.message, it.lineHash)}
		if !stdin {
			e := b.found[k]
			if e.Count == 0 {
				e = baselineEntry{File: k.file, Rule: k.rule, Fingerprint: k.fingerprint, LineHash: it.lineHash, Message: it.message}
			}
			e.Count++
			b.found[k] = e
		}
		switch {
		case b.mode == baselineWrite && !stdin:
			known[i] = true
		case b.unmatched[k] > 0:
			b.unmatched[k]--
			known[i] = true
		}
	}
	var kept []item
	for i, it := range f.items {
		if !known[i] {
			for _, k := range b.byLine[baselineLine{file, it.rule, it.lineHash}] {
				if b.unmatched[k] > 0 {
					b.unmatched[k]--
					known[i] = true
					break
				}
			}
		}
		if known[i] {
			b.hidden++
		} else {
			kept = append(kept, it)
		}
	}
	return kept
}

// fileKey is path relative to the baseline's folder, with forward slashes:
// the baseline works from any folder once committed beside the pages.
func (b *baselineRun) fileKey(path string) string {
	abs := absFrom(b.cwd, path)
	if rel, err := filepath.Rel(b.dir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// findingFingerprint identifies a finding by its rule, its message and the
// text of its first line (hashLine), never by its position: lines added or
// removed elsewhere in the page leave it the same. A line number quoted in
// the message ("first at line 4") is taken out for the same reason.
func findingFingerprint(rule, message, lineHash string) string {
	message = lineNumber.Get().ReplaceAllString(message, "$1")
	sum := sha256.Sum256([]byte(rule + "\x00" + message + "\x00" + lineHash))
	return hex.EncodeToString(sum[:8])
}

var lineNumber = lazyre.New(`\b(lines?) [0-9]+(?:[-–][0-9]+)?`)

// isGone tells an entry's file that no longer exists (renamed, deleted).
func (b *baselineRun) isGone(file string) bool {
	g, ok := b.gone[file]
	if !ok {
		_, err := os.Lstat(filepath.Join(b.dir, filepath.FromSlash(file)))
		g = errors.Is(err, fs.ErrNotExist)
		b.gone[file] = g
	}
	return g
}

// staleEntry is a recorded finding no longer found: count of them, in a
// file that was checked or is gone.
type staleEntry struct {
	baselineEntry
	fileGone bool
}

// stale lists the recorded findings no longer found, sorted: those of the
// files this run checked (with the rule run) and those of files that no
// longer exist. A file the run did not check is not judged.
func (b *baselineRun) stale() []staleEntry {
	var out []staleEntry
	for k, n := range b.unmatched {
		if n == 0 {
			continue
		}
		e := b.recorded[k]
		e.Count = n
		if ran, checked := b.checked[k.file]; checked {
			if ran[k.rule] {
				out = append(out, staleEntry{baselineEntry: e})
			}
		} else if b.isGone(k.file) {
			out = append(out, staleEntry{baselineEntry: e, fileGone: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return entryLess(out[i].baselineEntry, out[j].baselineEntry) })
	return out
}

// next is the baseline to write: --write-baseline records this run's
// findings for the files it checked, --prune-baseline keeps the recorded
// findings still found; both keep the entries of files not checked (and
// of rules that did not run) and drop those of files that are gone.
func (b *baselineRun) next() []baselineEntry {
	var out []baselineEntry
	for k, e := range b.recorded {
		ran, checked := b.checked[k.file]
		switch {
		case checked && ran[k.rule]:
			if b.mode == baselinePrune {
				if e.Count -= b.unmatched[k]; e.Count > 0 {
					out = append(out, e)
				}
			}
		case !checked && b.isGone(k.file):
		default:
			out = append(out, e)
		}
	}
	if b.mode == baselineWrite {
		for _, e := range b.found {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return entryLess(out[i], out[j]) })
	return out
}

func entryLess(a, b baselineEntry) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Fingerprint < b.Fingerprint
}

// encodeBaseline is the stored form of entries.
func encodeBaseline(entries []baselineEntry) []byte {
	if entries == nil {
		entries = []baselineEntry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(baselineFile{Version: baselineVersion, Entries: entries}) // plain strings and numbers encode
	return buf.Bytes()
}

// finish tells on stderr what the baseline hid and which of its findings
// are gone, and writes the file for --write-baseline and --prune-baseline.
func (b *baselineRun) finish(stderr io.Writer) error {
	if b == nil {
		return nil
	}
	name := visible(b.path)
	if b.mode == baselineWrite {
		entries := b.next()
		if err := b.save(encodeBaseline(entries)); err != nil {
			return err
		}
		findings, files := 0, map[string]bool{}
		for _, e := range entries {
			findings += e.Count
			files[e.File] = true
		}
		fmt.Fprintf(stderr, "podlint: baseline %s: %s recorded in %s\n", name, plural(findings, "finding"), plural(len(files), "file"))
		return nil
	}
	if b.hidden > 0 {
		fmt.Fprintf(stderr, "podlint: %s not shown: known in baseline %s\n", plural(b.hidden, "finding"), name)
	}
	stale := b.stale()
	if len(stale) > 0 {
		n := 0
		for _, s := range stale {
			n += s.Count
		}
		what := "drops them"
		if b.mode == baselinePrune {
			what = "dropped them"
		}
		fmt.Fprintf(stderr, "podlint: baseline %s: %s no longer found (--prune-baseline %s):\n", name, plural(n, "known finding"), what)
		for _, s := range stale {
			line := fmt.Sprintf("  %s: %s: %s", visible(s.File), s.Rule, visible(s.Message))
			if s.Count > 1 {
				line += fmt.Sprintf(" (%d of them)", s.Count)
			}
			if s.fileGone {
				line += " (the file is gone)"
			}
			fmt.Fprintln(stderr, line)
		}
	}
	if b.mode == baselinePrune {
		return b.save(encodeBaseline(b.next()))
	}
	return nil
}

// save replaces the baseline file atomically (a new file is renamed into
// place; an old one is replaced only if it still holds what was read),
// and leaves it untouched when its bytes would not change.
func (b *baselineRun) save(data []byte) error {
	if b.existed && bytes.Equal(data, b.read) {
		return nil
	}
	var err error
	if b.existed {
		err = writeAtomic(b.path, b.read, data, false)
	} else {
		err = createAtomic(b.path, data)
	}
	if err != nil {
		return fmt.Errorf("baseline %s: %w", b.path, err)
	}
	return nil
}

// createAtomic writes a new file: a temporary file beside it, synced, then
// renamed to its name, so that the file is never seen half written.
func createAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	temps.sweep(dir)
	tmp, err := temps.create(dir, "."+filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	defer temps.release(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp's 0600 would keep a committed file from others
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("cannot write: %s", describeFSError(err))
	}
	syncDir(dir)
	return nil
}
