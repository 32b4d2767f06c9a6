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

func byteRange(start, end schema.Position) rdRange {
	return rdRange{rdPosition{start.Line, start.ByteColumn}, rdPosition{end.Line, end.ByteColumn}}
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
// as it comes.
type rdjsonPrinter struct {
	diagnostics streamedArray
	head, tail  []byte // the document with no diagnostics, cut where they go
}

func newRDJSONPrinter(w *bufio.Writer, _ bool) printer {
	p := &rdjsonPrinter{diagnostics: newStreamedArray(w, 2, false)}
	p.head, p.tail = splitDocument(rdResult{Source: rdSource{Name: "podlint", URL: "https://github.com/podlint/podlint"}, Diagnostics: []rdDiagnostic{}},
		"diagnostics", false)
	return p
}

func (p *rdjsonPrinter) file(f fileReport) {
	for _, it := range f.items {
		rd := rdDiagnostic{
			Message:  it.message,
			Location: rdLocation{Path: f.path, Range: byteRange(it.start, it.end)},
			Severity: rdSeverity(it.severity.String()),
			Code:     rdCode{Value: it.rule, URL: docsURL + "#" + it.rule},
		}
		for _, rl := range it.related {
			rd.Related = append(rd.Related, rdRelated{Message: rl.text, Location: rdLocation{Path: f.path, Range: byteRange(rl.start, rl.end)}})
		}
		if it.fix == "safe" {
			for _, s := range it.suggestions {
				rd.Suggestions = append(rd.Suggestions, rdSuggestion{Range: byteRange(s.start, s.end), Text: s.text})
			}
		}
		p.diagnostics.add(func() []byte { return p.head }, rd)
	}
}

func (p *rdjsonPrinter) end(*report) error { return p.diagnostics.close(p.head, p.tail) }

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
