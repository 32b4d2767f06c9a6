package main

import (
	"bufio"
	"fmt"
	"strings"
)

// githubPrinter prints GitHub Actions workflow commands: each finding
// becomes an annotation on the pull request's diff, and each input error
// one on its file.
type githubPrinter struct{ w *bufio.Writer }

func newGitHubPrinter(w *bufio.Writer, _ bool) printer { return githubPrinter{w} }

func (p githubPrinter) file(f fileReport) {
	file := escapeProperty(f.path)
	for _, it := range f.items {
		level := "error"
		if it.severity.String() == "warning" {
			level = "warning"
		}
		fmt.Fprintf(p.w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", level,
			file, it.start.Line, it.start.Column, it.end.Line, it.end.Column, escapeProperty(it.rule), escapeData(it.message))
	}
}

func (p githubPrinter) end(r *report) error {
	for _, e := range r.errors {
		fmt.Fprintf(p.w, "::error file=%s,title=podlint::%s\n", escapeProperty(e.path), escapeData(e.msg))
	}
	return nil
}

// The workflow commands' escapes: of a message (data), and of a property
// (a file name, a title), which a colon or a comma would end.
var (
	dataEscapes     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscapes = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string { return dataEscapes.Replace(s) }

func escapeProperty(s string) string { return propertyEscapes.Replace(s) }
