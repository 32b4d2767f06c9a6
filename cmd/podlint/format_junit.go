package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit XML: one test case per file, failed when it has error-level
// findings; warnings go to the case's output.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, r *report) error {
	suite := junitSuite{Name: "podlint"}
	for _, f := range r.files {
		c := junitCase{Name: f.path, ClassName: "podlint"}
		var errs, warns []string
		for _, it := range f.items {
			line := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.path, it.start.Line, it.start.Column, it.severity, it.rule, it.message)
			if it.severity.String() == "error" {
				errs = append(errs, line)
			} else {
				warns = append(warns, line)
			}
		}
		if len(errs) > 0 {
			c.Failure = &junitMessage{Message: plural(len(errs), "error"), Type: "error", Text: strings.Join(errs, "\n")}
			suite.Failures++
		}
		if len(warns) > 0 {
			c.SystemOut = strings.Join(warns, "\n")
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, e := range r.errors {
		suite.Cases = append(suite.Cases, junitCase{Name: e.path, ClassName: "podlint", Error: &junitMessage{Message: e.msg, Type: "input", Text: e.String()}})
		suite.Errors++
	}
	suite.Tests = len(suite.Cases)
	out := junitSuites{Name: "podlint", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
