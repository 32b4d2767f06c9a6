package rules

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestSuppressMatchesEachByEach: pairing disables with enables and hiding
// findings a rule at a time decide exactly what comparing every finding
// with every directive decides, on random pages of directives and
// findings: the same findings kept, the same directives used.
func TestSuppressMatchesEachByEach(t *testing.T) {
	kinds := []string{"disable-next-line", "disable-line", "disable-file", "disable", "enable"}
	names := []string{"", "quote-style", "entity-type", "quote-style, entity-type", "style", "entities", "no-such-rule"}
	ruleNames := []string{"quote-style", "entity-type", "title-format"}
	rng := rand.New(rand.NewSource(12))
	for trial := range 2000 {
		var page strings.Builder
		var starts []int
		for range 1 + rng.Intn(30) {
			starts = append(starts, page.Len())
			if rng.Intn(2) == 0 {
				fmt.Fprintf(&page, "<!-- podlint-%s %s -->\n", kinds[rng.Intn(len(kinds))], names[rng.Intn(len(names))])
			} else {
				page.WriteString("text\n")
			}
		}
		src := []byte(page.String())
		doc := &schema.Document{Src: src, Format: schema.Markdown, Lines: schema.NewLines(src)}
		var ds []Diagnostic
		for range rng.Intn(40) {
			at := starts[rng.Intn(len(starts))]
			ds = append(ds, Diagnostic{Rule: ruleNames[rng.Intn(len(ruleNames))], Span: schema.Span{Start: at, End: at + 1}})
		}

		fast := parseDirectives(doc)
		slow := parseDirectives(doc)
		pairEachByEach(slow, doc.Lines.Count()+1)
		gotKept := suppress(doc, append([]Diagnostic(nil), ds...), fast)
		wantKept := suppressEachByEach(doc, append([]Diagnostic(nil), ds...), slow)
		if (len(gotKept) > 0 || len(wantKept) > 0) && !reflect.DeepEqual(gotKept, wantKept) {
			t.Fatalf("trial %d: kept %v, want %v\n%s", trial, gotKept, wantKept, src)
		}
		for i := range fast {
			if fast[i].enabled != slow[i].enabled || !reflect.DeepEqual(fast[i].used, slow[i].used) {
				t.Fatalf("trial %d: directive %d ends at %d and is used for %v; want %d and %v\n%s",
					trial, i, fast[i].enabled, fast[i].used, slow[i].enabled, slow[i].used, src)
			}
		}
	}
}

// pairEachByEach is pairRanges by looking at every later directive.
func pairEachByEach(ds []*directive, end int) {
	for _, d := range ds {
		delete(d.used, "enable")
	}
	for i, d := range ds {
		if d.kind != "disable" {
			continue
		}
		d.enabled = end
		for _, e := range ds[i+1:] {
			if e.kind == "enable" && (len(e.rules) == 0 || len(d.rules) == 0 || sharesName(e.rules, d.rules)) {
				d.enabled = e.line
				e.used["enable"] = true
				break
			}
		}
	}
}

func sharesName(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// suppressEachByEach is suppress by comparing every finding with every
// directive.
func suppressEachByEach(doc *schema.Document, ds []Diagnostic, directives []*directive) []Diagnostic {
	var kept []Diagnostic
	for _, diag := range ds {
		line := doc.Lines.Line(diag.Span.Start)
		hidden := false
		for _, d := range directives {
			hit := false
			switch d.kind {
			case "disable-file":
				hit = true
			case "disable-next-line":
				hit = line == d.line+1
			case "disable-line":
				hit = line >= d.first && line <= d.line
			case "disable":
				hit = line > d.line && line < d.enabled
			}
			if hit && d.covers(diag.Rule) {
				hidden = true
				d.used[diag.Rule] = true
			}
		}
		if !hidden {
			kept = append(kept, diag)
		}
	}
	return kept
}
