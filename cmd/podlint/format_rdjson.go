package main

import (
	"bufio"

	"github.com/podlint/podlint/schema"
)

// reviewdog's Diagnostic Format (rdjson), with fixes as suggestions.

type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	Related     []rdRelated    `json:"related_locations,omitempty"`
}

// rdRelated is a place the finding points at (reviewdog's related_locations).
type rdRelated struct {
	Message  string     `json:"message"`
	Location rdLocation `json:"location"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

// rdPosition's column counts UTF-8 bytes, as reviewdog does: a column in
// characters would put a suggestion after an em dash bytes too early.
type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

// rdjsonPrinter prints the findings as one rdjson document, a diagnostic
// as it comes, written by hand as encoding/json writes it (see
// appendRDDiagnostic).
type rdjsonPrinter struct {
	diagnostics streamedArray
	tail        []byte // the document from its diagnostics' `]`
	scratch     jsonWriter
}

func newRDJSONPrinter(w *bufio.Writer, _ bool) printer {
	head, tail := splitDocument(rdResult{Source: rdSource{Name: "podlint", URL: "https://github.com/podlint/podlint"}, Diagnostics: []rdDiagnostic{}},
		"diagnostics", false)
	return &rdjsonPrinter{diagnostics: newStreamedArray(w, head, 2), tail: tail}
}

func (p *rdjsonPrinter) file(f fileReport) {
	for i := range f.items {
		p.scratch.b = p.scratch.b[:0]
		p.scratch.element(2)
		appendRDDiagnostic(&p.scratch, f.path, &f.items[i])
		p.diagnostics.add(p.scratch.b)
	}
}

func (p *rdjsonPrinter) end(*report) error { return p.diagnostics.close(p.tail) }

// appendRDDiagnostic writes item it of the file at path as an rdDiagnostic:
// its members in the order of its fields, the empty ones left out as
// their tags say.
func appendRDDiagnostic(w *jsonWriter, path string, it *item) {
	w.open('{')
	w.strMember("message", it.message)
	w.key("location")
	appendRDLocation(w, path, it.start, it.end)
	w.strMember("severity", rdSeverity(it.severity.String()))
	w.key("code")
	w.open('{')
	w.strMember("value", it.rule)
	w.strMember("url", docsURL+"#"+it.rule)
	w.close('}')
	if it.fix == "safe" && len(it.suggestions) > 0 {
		w.key("suggestions")
		w.open('[')
		for _, s := range it.suggestions {
			w.item()
			w.open('{')
			w.key("range")
			appendRDRange(w, s.start, s.end)
			w.strMember("text", s.text)
			w.close('}')
		}
		w.close(']')
	}
	if len(it.related) > 0 {
		w.key("related_locations")
		w.open('[')
		for _, rl := range it.related {
			w.item()
			w.open('{')
			w.strMember("message", rl.text)
			w.key("location")
			appendRDLocation(w, path, rl.start, rl.end)
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

// appendRDLocation writes an rdLocation; appendRDRange an rdRange, its
// columns in bytes (see rdPosition).
func appendRDLocation(w *jsonWriter, path string, start, end schema.Position) {
	w.open('{')
	w.strMember("path", path)
	w.key("range")
	appendRDRange(w, start, end)
	w.close('}')
}

func appendRDRange(w *jsonWriter, start, end schema.Position) {
	w.open('{')
	for _, p := range [2]struct {
		name string
		at   schema.Position
	}{{"start", start}, {"end", end}} {
		w.key(p.name)
		w.open('{')
		w.numMember("line", p.at.Line)
		w.numMember("column", p.at.ByteColumn)
		w.close('}')
	}
	w.close('}')
}

// rdSeverity is rdjson's name of a severity.
func rdSeverity(severity string) string {
	switch severity {
	case "error":
		return "ERROR"
	case "warning":
		return "WARNING"
	}
	return ""
}
