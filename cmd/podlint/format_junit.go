package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/podlint/podlint/rules"
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

// junitPrinter prints one JUnit report. Its head counts the cases and the
// failures, so each file's case is written as it comes to a spool, which
// the end copies after the head: the run keeps the cases' text, on disk
// once it grows, not their findings.
type junitPrinter struct {
	w        *bufio.Writer
	cases    *spool
	enc      *xml.Encoder // writes a case to cases, indented as in the report
	n        int          // the cases
	failures int
}

func newJUnitPrinter(w *bufio.Writer, _ bool) printer {
	p := &junitPrinter{w: w, cases: &spool{}}
	p.enc = xml.NewEncoder(p.cases)
	p.enc.Indent(junitCaseIndent, "  ")
	return p
}

// junitCaseIndent is the indentation of a test case in the report: the
// third level, in a suite in the suites.
const junitCaseIndent = "    "

func (p *junitPrinter) file(f fileReport) {
	c := junitCaseOf(f)
	if c.Failure != nil {
		p.failures++
	}
	p.addCase(c)
}

// junitCaseOf is a file's test case: its errors are the case's failure,
// its warnings the case's output.
func junitCaseOf(f fileReport) junitCase {
	c := junitCase{Name: f.path, ClassName: "podlint"}
	var errs, warns []string
	for _, it := range f.items {
		line := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.path, it.start.Line, it.start.Column, it.severity, it.rule, it.message)
		if it.severity == rules.Error {
			errs = append(errs, line)
		} else {
			warns = append(warns, line)
		}
	}
	if len(errs) > 0 {
		c.Failure = &junitMessage{Message: plural(len(errs), "error"), Type: "error", Text: strings.Join(errs, "\n")}
	}
	if len(warns) > 0 {
		c.SystemOut = strings.Join(warns, "\n")
	}
	return c
}

// addCase writes c to the cases, on a line of its own: the encoder starts
// each element after its first on a new line.
func (p *junitPrinter) addCase(c junitCase) {
	if p.n == 0 {
		_, _ = p.cases.Write([]byte{'\n'})
	}
	_ = p.enc.EncodeElement(c, junitCaseElement) // a case holds strings only
	p.n++
}

// junitCaseElement is a case's tag, which its field in junitSuite names.
var junitCaseElement = xml.StartElement{Name: xml.Name{Local: "testcase"}}

func (p *junitPrinter) end(r *report) error {
	for _, e := range r.errors {
		p.addCase(junitCase{Name: e.path, ClassName: "podlint", Error: &junitMessage{Message: e.msg, Type: "input", Text: e.String()}})
	}
	suite := junitSuite{Name: "podlint", Tests: p.n, Failures: p.failures, Errors: len(r.errors)}
	out := junitSuites{Name: "podlint", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	var doc bytes.Buffer
	doc.WriteString(xml.Header)
	enc := xml.NewEncoder(&doc)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	doc.WriteString("\n")
	// The suite with no cases is written `<testsuite …></testsuite>`; the
	// cases go between the two tags, and the end tag then goes on a line
	// of its own.
	empty := []byte("></testsuite>")
	cut := bytes.Index(doc.Bytes(), empty) + 1
	p.w.Write(doc.Bytes()[:cut])
	if p.n > 0 {
		if err := p.cases.copyTo(p.w); err != nil {
			return err
		}
		p.w.WriteString("\n  ")
	}
	_, err := p.w.Write(doc.Bytes()[cut:])
	return err
}
