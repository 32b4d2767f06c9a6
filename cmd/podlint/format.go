package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/text"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// formats maps --format names to their printers (color is for text).
var formats = map[string]func(w *bufio.Writer, color bool) printer{
	"text":   newTextPrinter,
	"json":   newJSONPrinter,
	"sarif":  newSARIFPrinter,
	"github": newGitHubPrinter,
	"rdjson": newRDJSONPrinter,
	"junit":  newJUnitPrinter,
}

// A printer writes one --format of a run as its files come in, in input
// order: file takes a file's findings, end the rest (input errors, a
// summary) once the last file is in. Nothing is written before the first
// file or end: a run that stops on a usage error prints nothing. A printer
// keeps from one file to the next only what its format's later parts need
// (JUnit's counts come first), so that a check streamed through it holds a
// few files' findings at a time, not the run's.
type printer interface {
	file(f fileReport)
	end(r *report) error
}

// printAll feeds p the files r kept, then ends it.
func printAll(p printer, r *report) error {
	for _, f := range r.files {
		p.file(f)
	}
	return p.end(r)
}

// output is one --format: a printer and where it writes ("" is the
// command's own stream).
// printsEdits are the formats that carry the fixes' edits, not only
// whether a finding has a fix.
var printsEdits = map[string]bool{"rdjson": true}

// printsFingerprints are the formats that print a hash of each finding's
// line.
var printsFingerprints = map[string]bool{"sarif": true}

// printsStartsOnly are the formats that print where a finding starts and
// not where it ends.
var printsStartsOnly = map[string]bool{"text": true, "junit": true}

type output struct {
	name    string
	printer func(w *bufio.Writer, color bool) printer
	path    string
}

// parseOutputs reads --format values: NAME, or NAME:FILE to write to a file
// (several at once: --format text --format sarif:podlint.sarif).
func parseOutputs(values []string) ([]output, error) {
	var out []output
	for _, v := range splitList(values) {
		name, path, _ := strings.Cut(v, ":")
		printer, ok := formats[name]
		if !ok {
			return nil, usageError(fmt.Errorf("unknown --format %q: use one of %s", name, strings.Join(formatNames(), ", ")))
		}
		out = append(out, output{name: name, printer: printer, path: path})
	}
	if len(out) == 0 {
		out = []output{{name: "text", printer: newTextPrinter}}
	}
	// One format per stream: two on standard output would be one stream no
	// reader can parse, two in one file the last one alone.
	seen := map[string]string{}
	for _, o := range out {
		where, dest := "standard output", ""
		if o.path != "" {
			dest = filepath.Clean(o.path)
			where = o.path
		}
		if first, ok := seen[dest]; ok {
			return nil, usageError(fmt.Errorf("--format %s and --format %s both write to %s: write all but one to a file with FORMAT:FILE (e.g. --format sarif:podlint.sarif)", first, o.name, where))
		}
		seen[dest] = o.name
	}
	return out, nil
}

// machineOnStream tells whether a format other than text writes to the
// command's own stream. That stream is then the format's alone: every line
// meant for a person (what fix did, its header) goes to stderr, so that
// `podlint check --fix --format json | jq` reads JSON only.
func machineOnStream(outputs []output) bool {
	for _, o := range outputs {
		if o.path == "" && o.name != "text" {
			return true
		}
	}
	return false
}

// emit writes the report in every requested format; colour is used only on
// a terminal, for text.
func emit(outputs []output, stream io.Writer, r *report, opts reportOptions) error {
	for _, o := range outputs {
		w, closeFile := stream, func() error { return nil }
		if o.path != "" {
			f, err := os.Create(o.path)
			if err != nil {
				return fmt.Errorf("--format %s:%s: %s", o.name, o.path, describeFSError(err))
			}
			w, closeFile = f, f.Close
		}
		bw := bufio.NewWriterSize(w, outputBuffer)
		err := printAll(o.printer(bw, o.path == "" && (opts.forceColor || opts.color && isTerminal(stream))), r)
		if err == nil && o.name == "text" && opts.statistics {
			writeStatistics(bw, r)
		}
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
		if cerr := closeFile(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func formatNames() []string {
	names := make([]string, 0, len(formats))
	for name := range formats {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// finding is a diagnostic with its positions resolved, ready to print.
type finding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	// Fix is "safe" or "unsafe" when podlint fix can repair the finding
	// (unsafe: only with --unsafe-fixes), null when it cannot.
	Fix *string `json:"fix"`
	// Related are other places the finding points at.
	Related []relatedFinding `json:"related,omitempty"`
}

// relatedFinding is a place a finding points at, in the same file.
type relatedFinding struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

// findingOf resolves item it of the file at path.
func findingOf(path string, it *item) finding {
	var fix *string
	if it.fix != "" {
		fix = &it.fix
	}
	fd := finding{
		File: path, Line: it.start.Line, Column: it.start.Column, EndLine: it.end.Line, EndColumn: it.end.Column,
		Rule: it.rule, Severity: it.severity.String(), Message: it.message, Fix: fix,
	}
	for _, r := range it.related {
		fd.Related = append(fd.Related, relatedFinding{Line: r.start.Line, Column: r.start.Column, EndLine: r.end.Line, EndColumn: r.end.Column, Message: r.text})
	}
	return fd
}

// textPrinter prints `file:line:col: severity rule: message` lines and a
// summary.
type textPrinter struct {
	w       *bufio.Writer
	color   bool
	scratch []byte // a file's lines, kept for the next file
}

func newTextPrinter(w *bufio.Writer, color bool) printer { return &textPrinter{w: w, color: color} }

func (p *textPrinter) file(f fileReport) { writeFileText(p.w, f, p.color, &p.scratch) }

// ANSI colours for text on a terminal.
const (
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

func (p *textPrinter) end(r *report) error {
	if r.crashed > 0 {
		// No summary for a run that lost a file to a bug: it could read as
		// a pass. The crash itself is printed with the input errors.
		_, err := fmt.Fprintf(p.w, "podlint failed on %s (internal error); the results are incomplete\n", plural(r.crashed, "file"))
		return err
	}
	_, err := fmt.Fprintln(p.w, summaryLine(r))
	return err
}

// writeFileText prints one file's findings as text lines:
//
//	PATH:LINE:COL: SEVERITY RULE: MESSAGE
//	    PATH:LINE:COL: note: TEXT
//
// A file's lines are built in one buffer and written at once: a page of the
// site can have a hundred findings, and this runs while the other workers
// wait to hand in their files. The buffer is *scratch, kept for the next
// file (nil for none): a buffer grown afresh for every file was a sixth of
// what a check of the shared corpus allocated.
func writeFileText(w io.Writer, f fileReport, color bool, scratch *[]byte) {
	if len(f.items) == 0 {
		return
	}
	path := visible(f.path)
	paint := func(b []byte, code, s string) []byte {
		if !color {
			return append(b, s...)
		}
		return append(append(append(b, code...), s...), ansiReset...)
	}
	at := func(b []byte, p schema.Position) []byte {
		b = append(append(b, path...), ':')
		b = append(strconv.AppendInt(b, int64(p.Line), 10), ':')
		return strconv.AppendInt(b, int64(p.Column), 10)
	}
	var b []byte
	if scratch != nil {
		b = (*scratch)[:0]
	}
	for _, it := range f.items {
		if color {
			b = append(b, ansiBold...)
		}
		b = at(b, it.start)
		if color {
			b = append(b, ansiReset...)
		}
		b = append(b, ": "...)
		if it.severity == rules.Error {
			b = paint(b, ansiRed, it.severity.String())
		} else {
			b = paint(b, ansiYellow, it.severity.String())
		}
		b = append(paint(append(b, ' '), ansiDim, it.rule), ": "...)
		b = append(append(b, visible(it.message)...), '\n')
		for _, r := range it.related {
			b = at(append(b, "    "...), r.start)
			b = append(paint(append(b, ": "...), ansiDim, "note:"), ' ')
			b = append(append(b, visible(r.text)...), '\n')
		}
	}
	_, _ = w.Write(b)
	if scratch != nil {
		*scratch = b
	}
}

// visible makes text from a file (its name, a title in a message) safe to
// print on a terminal: control characters (C0, DEL, C1), bidirectional
// overrides and bytes that are not UTF-8 are written as escapes (`\x1b`,
// `\n`, `\u009b`, `\u202e`), so that they can neither move the cursor,
// recolour or clear the screen, nor break or reorder a line of output.
func visible(s string) string {
	i := firstHidden(s)
	if i == len(s) {
		return s // no copy
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !hidden(r) || r == utf8.RuneError:
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// firstHidden is the index of the first rune of s that hidden tells, or
// len(s). The usual text, printable ASCII, is passed over eight bytes at a
// time, up to the first byte of the eight that is not (a curly quote or a
// dash, in most messages), whose rune is read.
func firstHidden(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := schema.EightBytes(s, i)
			// A high bit for a byte under 0x20 (the borrow), or of 0x7f
			// and up (plus one, or its own). The carries and borrows of
			// the sums run upward from such a byte: the lowest high bit
			// is the first such byte's.
			m := ((x-0x20*ones)&^x | (x + ones) | x) & highs
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		}
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if hidden(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// hidden tells the runes visible escapes; a byte that is not UTF-8 reads
// as RuneError (a U+FFFD written as such is then kept as it is).
func hidden(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == utf8.RuneError
}

// visibleLines is visible for a message of several lines (an internal
// error with its stack): its line breaks and tabs are kept.
func visibleLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		fields := strings.Split(l, "\t")
		for j, f := range fields {
			fields[j] = visible(f)
		}
		lines[i] = strings.Join(fields, "\t")
	}
	return strings.Join(lines, "\n")
}

// ruleStat is what --statistics prints of a rule: its findings, and how
// many of them fix can repair.
type ruleStat struct {
	rule     string
	severity string
	count    int
	fixable  int
}

// countRules counts f's findings in byRule, by rule.
func countRules(byRule map[string]*ruleStat, f fileReport) {
	for _, it := range f.items {
		s := byRule[it.rule]
		if s == nil {
			s = &ruleStat{rule: it.rule, severity: it.severity.String()}
			byRule[it.rule] = s
		}
		s.count++
		if it.fix == "safe" {
			s.fixable++
		}
	}
}

// writeStatistics prints how many findings each rule made.
func writeStatistics(w io.Writer, r *report) {
	byRule := r.byRule
	if byRule == nil { // the files were kept
		byRule = map[string]*ruleStat{}
		for _, f := range r.files {
			countRules(byRule, f)
		}
	}
	stats := make([]*ruleStat, 0, len(byRule))
	for _, s := range byRule {
		stats = append(stats, s)
	}
	sort.Slice(stats, func(i, j int) bool {
		if stats[i].count != stats[j].count {
			return stats[i].count > stats[j].count
		}
		return stats[i].rule < stats[j].rule
	})
	for _, s := range stats {
		fixable := ""
		if s.fixable > 0 {
			fixable = fmt.Sprintf(" (%d fixable)", s.fixable)
		}
		fmt.Fprintf(w, "%6d  %-20s %s%s\n", s.count, s.rule, s.severity, fixable)
	}
}

// isTerminal tells whether w is a terminal and colour is wanted: not when
// NO_COLOR is set (no-color.org).
func isTerminal(w io.Writer) bool {
	if _, off := os.LookupEnv("NO_COLOR"); off {
		return false
	}
	return isTTY(w)
}

// summaryLine sums up the run. When a path could not be checked it says so
// first and never says "no problems": a run that missed a file is no pass.
func summaryLine(r *report) string {
	errs, warnings, files := r.counts()
	total := r.tally.files
	var s string
	failed := ""
	if n := len(r.errors); n > 0 {
		failed = plural(n, "path") + " could not be checked; "
	}
	switch {
	case errs+warnings > 0:
		s = failed + fmt.Sprintf("%s (%s, %s) in %s of %s", plural(errs+warnings, "problem"), plural(errs, "error"), plural(warnings, "warning"), text.Thousands(files), plural(total, "file"))
	case failed != "" && total == 0:
		s = failed + "0 files checked"
	case failed != "":
		s = failed + plural(total, "file") + " checked without findings"
	default:
		s = "no problems in " + plural(total, "file")
	}
	if safe, unsafe := r.fixable(); safe > 0 {
		s += "; " + text.Thousands(safe) + " fixable with podlint fix"
		if unsafe > 0 {
			s += " (" + text.Thousands(unsafe) + " more with --unsafe-fixes)"
		}
	} else if unsafe > 0 {
		s += "; " + text.Thousands(unsafe) + " fixable with podlint fix --unsafe-fixes"
	}
	return s
}

// plural ("1 file", "2,873 files") is how every podlint message writes
// counts.
var plural = text.Plural

// jsonPrinter prints the findings as one JSON array, an element as it
// comes, written by hand as encoding/json writes it (see appendFinding).
type jsonPrinter struct {
	findings streamedArray
	scratch  []byte // a finding
}

func newJSONPrinter(w *bufio.Writer, _ bool) printer {
	return &jsonPrinter{findings: newStreamedArray(w, []byte("["), 1)}
}

func (p *jsonPrinter) file(f fileReport) {
	for i := range f.items {
		fd := findingOf(f.path, &f.items[i])
		p.scratch = appendFinding(p.scratch[:0], &fd)
		p.findings.add(p.scratch)
	}
}

func (p *jsonPrinter) end(*report) error { return p.findings.close([]byte("]\n")) }

// streamedArray writes an array of a JSON document element by element,
// with the bytes a json.Encoder indenting by two spaces writes of the whole
// document: what comes before the array up to its `[` before the first
// element, each element as the encoder indents it at the array's depth,
// and the rest of the document, from the array's `]`, at the end.
type streamedArray struct {
	w       *bufio.Writer
	head    []byte // the document up to the array's `[`
	closing string // what stands before the `]` of an array with elements
	n       int    // the elements written
}

// newStreamedArray writes to w the elements of an array depth levels deep
// (the root is 0), after head, the document up to its `[`.
func newStreamedArray(w *bufio.Writer, head []byte, depth int) streamedArray {
	return streamedArray{w: w, head: head, closing: "\n" + strings.Repeat("  ", depth-1)}
}

// add writes elem, an element as the encoder writes it at the array's
// depth (see jsonWriter.element), after the head when it is the first.
func (a *streamedArray) add(elem []byte) {
	if a.n == 0 {
		a.w.Write(a.head)
		a.w.WriteByte('\n')
	} else {
		a.w.WriteString(",\n")
	}
	a.n++
	a.w.Write(elem)
}

// close writes tail, the rest of the document from the array's `]`; when
// no element came, the head first.
func (a *streamedArray) close(tail []byte) error {
	if a.n == 0 {
		a.w.Write(a.head)
	} else {
		a.w.WriteString(a.closing)
	}
	_, err := a.w.Write(tail)
	return err
}

// splitDocument encodes doc as a json.Encoder indenting by two spaces
// writes it, and cuts it inside the empty array that is the value of its
// member key: head ends with the array's `[`, tail starts with its `]`.
// The member is the first `"key": [` of the text, as no string holds a
// quote mark unescaped.
func splitDocument(doc any, key string, escapeHTML bool) (head, tail []byte) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	enc.SetIndent("", "  ")
	_ = enc.Encode(doc)
	member := []byte(`"` + key + `": []`)
	cut := bytes.Index(b.Bytes(), member) + len(member) - 1
	return b.Bytes()[:cut], b.Bytes()[cut:]
}
