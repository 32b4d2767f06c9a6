package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// The printers write a format file by file; these references write it the
// way the formats were first written, as one document encoded whole. A
// printer fed a run's files one at a time must write what its reference
// writes of the run.

func wholeJSON(w io.Writer, r *report) error {
	out := []finding{}
	for _, f := range r.files {
		for i := range f.items {
			out = append(out, findingOf(f.path, &f.items[i]))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// byteRange is an rdRange of start and end, its columns in bytes.
func byteRange(start, end schema.Position) rdRange {
	return rdRange{rdPosition{start.Line, start.ByteColumn}, rdPosition{end.Line, end.ByteColumn}}
}

func wholeRDJSON(w io.Writer, r *report) error {
	out := rdResult{Source: rdSource{Name: "podlint", URL: "https://github.com/podlint/podlint"}, Diagnostics: []rdDiagnostic{}}
	for _, f := range r.files {
		for _, it := range f.items {
			rd := rdDiagnostic{Message: it.message, Location: rdLocation{Path: f.path, Range: byteRange(it.start, it.end)},
				Severity: map[string]string{"error": "ERROR", "warning": "WARNING"}[it.severity.String()],
				Code:     rdCode{Value: it.rule, URL: docsURL + "#" + it.rule}}
			for _, rl := range it.related {
				rd.Related = append(rd.Related, rdRelated{Message: rl.text, Location: rdLocation{Path: f.path, Range: byteRange(rl.start, rl.end)}})
			}
			if it.fix == "safe" {
				for _, s := range it.suggestions {
					rd.Suggestions = append(rd.Suggestions, rdSuggestion{Range: byteRange(s.start, s.end), Text: s.text})
				}
			}
			out.Diagnostics = append(out.Diagnostics, rd)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// wholeSARIF takes the printer's tool and rules (the head it wrote before
// any result) and encodes the log whole.
func wholeSARIF(w io.Writer, r *report) error {
	p := newSARIFPrinter(bufio.NewWriter(io.Discard), false).(*sarifPrinter)
	log := p.log
	run := &log.Runs[0]
	seen := map[string]int{}
	for _, f := range r.files {
		artifact := artifactLocation(p.folders, p.root, f.path)
		for _, it := range f.items {
			res := sarifResult{RuleID: it.rule, RuleIndex: p.index[it.rule], Level: it.severity.String(), Message: sarifText{Text: it.message},
				Locations: []sarifLocation{{Physical: sarifPhysical{Artifact: artifact,
					Region: &sarifRegion{StartLine: it.start.Line, StartColumn: it.start.Column, EndLine: it.end.Line, EndColumn: it.end.Column}}}},
				Fingerprints: map[string]string{"primaryLocationLineHash": fingerprint(seen, it.rule, artifact.URI, it.lineHash)}}
			for i, rl := range it.related {
				id := i + 1
				res.Related = append(res.Related, sarifLocation{ID: &id, Message: &sarifText{Text: rl.text}, Physical: sarifPhysical{Artifact: artifact,
					Region: &sarifRegion{StartLine: rl.start.Line, StartColumn: rl.start.Column, EndLine: rl.end.Line, EndColumn: rl.end.Column}}})
			}
			run.Results = append(run.Results, res)
		}
	}
	run.Invocations = []sarifInvocation{p.invocation(r)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func wholeJUnit(w io.Writer, r *report) error {
	suite := junitSuite{Name: "podlint"}
	for _, f := range r.files {
		c := junitCaseOf(f)
		if c.Failure != nil {
			suite.Failures++
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

func wholeGitHub(w io.Writer, r *report) error {
	for _, f := range r.files {
		for i := range f.items {
			fd := findingOf(f.path, &f.items[i])
			level := "error"
			if fd.Severity == "warning" {
				level = "warning"
			}
			fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", level,
				strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(fd.File), fd.Line, fd.Column, fd.EndLine, fd.EndColumn,
				strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(fd.Rule),
				strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(fd.Message))
		}
	}
	for _, e := range r.errors {
		fmt.Fprintf(w, "::error file=%s,title=podlint::%s\n", strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(e.path),
			strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(e.msg))
	}
	return nil
}

// randomReport is a run of up to six files of up to five findings each,
// and up to two input errors, in texts that need escapes in JSON, XML and
// workflow commands.
func randomReport(rng *rand.Rand) *report {
	pieces := []string{"a", "Ünïcødé", "<b>", "&amp;", `"quoted"`, "line\nbreak", "tab\t", "\r", "%", ":", ",", "\x1b[31m", "\u202e", "—", "😀", "\\", "]]>", " "}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	pos := func() schema.Position {
		return schema.Position{Line: 1 + rng.IntN(300), Column: 1 + rng.IntN(80), ByteColumn: 1 + rng.IntN(120)}
	}
	names := rules.All()
	r := &report{}
	for f := range rng.IntN(7) {
		fr := fileReport{path: fmt.Sprintf("pages/%d-%s.md", f, text())}
		for range rng.IntN(6) {
			it := item{rule: names[rng.IntN(len(names))].Name, severity: []rules.Severity{rules.Warning, rules.Error}[rng.IntN(2)], message: text(), start: pos(), end: pos(),
				lineHash: fmt.Sprintf("%016x", rng.Uint64()%4)}
			switch rng.IntN(3) {
			case 1:
				it.fix = "safe"
				for range rng.IntN(3) {
					it.suggestions = append(it.suggestions, suggestion{start: pos(), end: pos(), text: text()})
				}
			case 2:
				it.fix = "unsafe"
			}
			for range rng.IntN(3) {
				it.related = append(it.related, suggestion{start: pos(), end: pos(), text: text()})
			}
			fr.items = append(fr.items, it)
		}
		r.files = append(r.files, fr)
	}
	for range rng.IntN(3) {
		r.errors = append(r.errors, inputError{path: text(), msg: text()})
	}
	return r
}

// TestPrintersWriteTheWhole: each printer, fed a run's files one at a
// time, writes the bytes its format's whole document encodes to, on 500
// random runs (empty ones among them).
func TestPrintersWriteTheWhole(t *testing.T) {
	refs := map[string]func(io.Writer, *report) error{
		"json": wholeJSON, "rdjson": wholeRDJSON, "sarif": wholeSARIF, "junit": wholeJUnit, "github": wholeGitHub,
	}
	rng := rand.New(rand.NewPCG(7, 44))
	for range 500 {
		r := randomReport(rng)
		for name, ref := range refs {
			var want, got bytes.Buffer
			if err := ref(&want, r); err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriter(&got)
			if err := printAll(formats[name](w, false), r); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%s of %d files and %d errors:\n%s\nwant:\n%s", name, len(r.files), len(r.errors), got.Bytes(), want.Bytes())
			}
		}
	}
}

// TestCheckStreamsEveryFormat: a check that prints one format on its own
// stream keeps no file's findings, and prints nothing before its first
// file: a run that stops on a usage error leaves standard output empty.
func TestCheckStreamsEveryFormat(t *testing.T) {
	for _, name := range formatNames() {
		outputs, err := parseOutputs([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		r := newReport(outputs, &out, reportOptions{statistics: true})
		for i := range 3 {
			r.add(fileReport{path: fmt.Sprintf("p%d.md", i), items: []item{{rule: "quote-style", message: "m", start: schema.Position{Line: 1, Column: 1}}}})
		}
		if len(r.files) != 0 {
			t.Errorf("%s: the report kept %d files", name, len(r.files))
		}
		if r.byRule != nil != (name == "text") {
			t.Errorf("%s: statistics counted: %v", name, r.byRule != nil)
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"podlint", "check", "--no-config", "--format", name, "--enable", "no-such-rule", "../../testdata/demo"}, nil, &stdout, &stderr)
		if code != exitUsage || stdout.Len() != 0 {
			t.Errorf("%s with a bad --enable: exit %d, stdout %q", name, code, stdout.String())
		}
	}
}

// TestSpool: a spool gives back what was written to it, from memory and
// from its file, and from memory where no file can be made.
func TestSpool(t *testing.T) {
	var want bytes.Buffer
	s := &spool{}
	for i := 0; want.Len() <= 2*spoolInMemory; i++ {
		line := fmt.Sprintf("line %d %s\n", i, strings.Repeat("x", i%300))
		want.WriteString(line)
		if _, err := s.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if s.file == nil {
		t.Fatal("a spool past its memory has no file")
	}
	var got bytes.Buffer
	if err := s.copyTo(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("the spool gave back %d bytes, not the %d written", got.Len(), want.Len())
	}

	t.Setenv("TMPDIR", t.TempDir()+"/missing")
	s = &spool{}
	big := bytes.Repeat([]byte("y"), spoolInMemory+1)
	if _, err := s.Write(big); err != nil {
		t.Fatal(err)
	}
	if s.file != nil {
		t.Fatal("a spool made a file in a missing folder")
	}
	got.Reset()
	if err := s.copyTo(&got); err != nil || !bytes.Equal(got.Bytes(), big) {
		t.Fatalf("in memory: %d bytes back, error %v", got.Len(), err)
	}
	if _, err := os.Stat(os.TempDir()); err == nil {
		t.Fatal("the missing folder exists")
	}

	// A file that takes no more (a full temporary folder): what it holds
	// comes back, and the spool goes on in memory.
	made := filepath.Join(t.TempDir(), "full")
	defer func(make func() (*os.File, error)) { spoolTemp = make }(spoolTemp)
	spoolTemp = func() (*os.File, error) {
		if err := os.WriteFile(made, nil, 0o600); err != nil {
			return nil, err
		}
		return os.Open(made) // read only: every write fails
	}
	s = &spool{}
	want.Reset()
	for i := 0; want.Len() <= spoolInMemory+3*spoolChunk; i++ {
		line := fmt.Sprintf("line %d\n", i)
		want.WriteString(line)
		if _, err := s.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if s.file != nil || !s.noFile {
		t.Fatalf("a spool whose file takes nothing: file %v, memory only %v", s.file != nil, s.noFile)
	}
	got.Reset()
	if err := s.copyTo(&got); err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("after a failed write: %d bytes back of %d, error %v", got.Len(), want.Len(), err)
	}
}

// TestFormatFilesAtTheEnd: a format for a file is printed as files come
// in, yet the file keeps what it held until the run ends (the run may be
// reading it), and then holds what the format alone on standard output
// prints; a file that cannot be opened leaves the report kept whole, and
// the run fails as it did, after printing the formats before it.
func TestFormatFilesAtTheEnd(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	target := dir + "/out.json"
	old := strings.Repeat("the report of an earlier run\n", 1000)
	if err := os.WriteFile(target, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	outputs, err := parseOutputs([]string{"text", "json:" + target, "sarif:" + dir + "/out.sarif"})
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	r := newReport(outputs, &stdout, reportOptions{})
	r.add(fileReport{path: "p.md", items: []item{{rule: "quote-style", message: "m", start: schema.Position{Line: 1, Column: 1}}}})
	if got, _ := os.ReadFile(target); string(got) != old || r.live == nil || len(r.files) != 0 {
		t.Fatalf("after a file: live %v, %d files kept, the target holds %d bytes", r.live != nil, len(r.files), len(got))
	}
	if err := r.endLive(); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	w := bufio.NewWriter(&want)
	if err := printAll(newJSONPrinter(w, false), &report{files: []fileReport{{path: "p.md", items: []item{{rule: "quote-style", message: "m", start: schema.Position{Line: 1, Column: 1}}}}}}); err != nil {
		t.Fatal(err)
	}
	_ = w.Flush()
	if got, _ := os.ReadFile(target); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the target holds:\n%s\nwant:\n%s", got, want.Bytes())
	}

	for _, name := range []string{"json", "sarif", "text"} {
		var alone, aloneErr, both, bothErr bytes.Buffer
		run([]string{"podlint", "check", "--no-config", "--format", name, "testdata/demo"}, nil, &alone, &aloneErr)
		file := dir + "/report." + name
		code := run([]string{"podlint", "check", "--no-config", "--format", "github", "--format", name + ":" + file, "testdata/demo"}, nil, &both, &bothErr)
		got, _ := os.ReadFile(file)
		if code != exitFindings || !bytes.Equal(got, alone.Bytes()) {
			t.Errorf("%s to a file: exit %d, %d bytes, alone on stdout %d", name, code, len(got), alone.Len())
		}
	}

	var stats, statsAlone bytes.Buffer
	run([]string{"podlint", "check", "--no-config", "--statistics", "--format", "text", "--format", "json:" + dir + "/missing/out.json", "testdata/demo"}, nil, &stats, io.Discard)
	run([]string{"podlint", "check", "--no-config", "--statistics", "testdata/demo"}, nil, &statsAlone, io.Discard)
	if !bytes.Equal(stats.Bytes(), statsAlone.Bytes()) {
		t.Errorf("--statistics beside a file in a missing folder:\n%s\nwant:\n%s", stats.Bytes(), statsAlone.Bytes())
	}

	var stdout2, stderr bytes.Buffer
	code := run([]string{"podlint", "check", "--no-config", "--format", "json", "--format", "sarif:" + dir + "/missing/out.sarif", "testdata/demo"}, nil, &stdout2, &stderr)
	var alone bytes.Buffer
	run([]string{"podlint", "check", "--no-config", "--format", "json", "testdata/demo"}, nil, &alone, io.Discard)
	if code != exitUsage || !bytes.Equal(stdout2.Bytes(), alone.Bytes()) || !strings.Contains(stderr.String(), "--format sarif:"+dir+"/missing/out.sarif: no such file or directory") {
		t.Errorf("a file in a missing folder: exit %d, stderr %q, stdout the json alone: %v", code, stderr.String(), bytes.Equal(stdout2.Bytes(), alone.Bytes()))
	}
}

// FuzzAppendJSONString: a string is written as encoding/json writes it,
// with HTML escaped and not.
func FuzzAppendJSONString(f *testing.F) {
	for _, seed := range []string{"", "plain", `"\`, "<a href='x'>&</a>", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "\xff\xfe", "\xe2\x80", "é😀\u202e", "\xed\xa0\x80"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			if got := appendJSONString(nil, s, html); string(got) != strings.TrimSuffix(want.String(), "\n") {
				t.Fatalf("%q (HTML escaped %v): %s, want %s", s, html, got, want.Bytes())
			}
		}
	})
}
