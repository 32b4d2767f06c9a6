package main

import (
	"fmt"
	"io"
	"strings"
)

// writeGitHub prints GitHub Actions workflow commands: each finding becomes
// an annotation on the pull request's diff.
func writeGitHub(w io.Writer, r *report) error {
	for _, f := range r.findings() {
		level := "error"
		if f.Severity == "warning" {
			level = "warning"
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", level,
			escapeProperty(f.File), f.Line, f.Column, f.EndLine, f.EndColumn, escapeProperty(f.Rule), escapeData(f.Message))
	}
	for _, e := range r.errors {
		fmt.Fprintf(w, "::error file=%s,title=podlint::%s\n", escapeProperty(e.path), escapeData(e.msg))
	}
	return nil
}

// escapeData and escapeProperty follow the workflow command escaping.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
