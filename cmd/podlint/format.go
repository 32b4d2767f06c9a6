package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// formats maps --format names to printers of a whole run.
var formats = map[string]func(io.Writer, *report) error{
	"text": writeText,
	"json": writeJSON,
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
}

// findings resolves every diagnostic of the run, in file order.
func (r *report) findings() []finding {
	var out []finding
	for _, f := range r.files {
		for i, d := range f.diags {
			start, end := f.lines.Position(d.Span.Start), f.lines.Position(d.Span.End)
			var fix *string
			if f.fixes[i] != "" {
				fix = &f.fixes[i]
			}
			out = append(out, finding{
				File: f.path, Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
				Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message, Fix: fix,
			})
		}
	}
	return out
}

// writeText prints `file:line:col: severity rule: message` lines and a summary.
func writeText(w io.Writer, r *report) error {
	for _, f := range r.findings() {
		fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Message)
	}
	_, err := fmt.Fprintln(w, summaryLine(r))
	return err
}

func summaryLine(r *report) string {
	errs, warnings, files := r.counts()
	total := len(r.files)
	var s string
	if errs+warnings == 0 {
		s = "no problems in " + plural(total, "file")
	} else {
		s = fmt.Sprintf("%s (%s, %s) in %d of %s", plural(errs+warnings, "problem"), plural(errs, "error"), plural(warnings, "warning"), files, plural(total, "file"))
	}
	if safe, unsafe := r.fixable(); safe > 0 {
		s += fmt.Sprintf("; %d fixable with podlint fix", safe)
		if unsafe > 0 {
			s += fmt.Sprintf(" (%d more with --unsafe-fixes)", unsafe)
		}
	} else if unsafe > 0 {
		s += fmt.Sprintf("; %d fixable with podlint fix --unsafe-fixes", unsafe)
	}
	if n := len(r.errors); n > 0 {
		s += fmt.Sprintf("; %s could not be checked", plural(n, "path"))
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeJSON prints the findings as one JSON array.
func writeJSON(w io.Writer, r *report) error {
	out := r.findings()
	if out == nil {
		out = []finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
