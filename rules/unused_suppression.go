package rules

import (
	"regexp"
	"strings"

	"github.com/podlint/podlint/schema"
)

var unusedSuppression = &Rule{
	Name:     "unused-suppression",
	Category: Suppressions,
	Severity: Warning,
	Title:    "A suppression comment that suppresses nothing, or names no rule",
	Doc: `Findings can be suppressed in a Markdown page with HTML comments:

    <!-- podlint-disable-next-line RULE[, RULE] -- reason -->
    <!-- podlint-disable RULE -->  …  <!-- podlint-enable RULE -->
    <!-- podlint-disable-file RULE -->

Without a rule name a directive covers every rule. A directive that suppresses no finding is
stale (the problem was fixed, or moved) and hides the next real one; a directive naming a rule
podlint does not have suppresses nothing at all. Both are reported here, so suppressions stay
honest. Fixers respect suppressions: a suppressed finding is not repaired.`,
	Bad: "<!-- podlint-disable-next-line quote-style -- the guest asked for no quotes -->\n" +
		"> *\"Already in double quotes.\"* [00:09]",
	Good: "<!-- podlint-disable-next-line quote-style -- the guest asked for no quotes -->\n" +
		"> *Every map is an argument.* [00:09]",
	Run: runUnusedSuppression,
}

// directiveRe finds suppression comments anywhere in a page.
var directiveRe = regexp.MustCompile(`<!--\s*podlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->`)

// directive is one suppression comment.
type directive struct {
	kind  string
	rules []string // empty: every rule
	span  schema.Span
	line  int // the comment's last line
	used  map[string]bool
	// enabled is the line of the matching podlint-enable, for a range.
	enabled int
}

func (d *directive) covers(rule string) bool {
	if len(d.rules) == 0 {
		return true
	}
	for _, r := range d.rules {
		if r == rule || (Lookup(r) == nil && isCategory(r) && Lookup(rule) != nil && Lookup(rule).Category == r) {
			return true
		}
	}
	return false
}

// parseDirectives reads a page's suppression comments, pairing each
// podlint-disable with the podlint-enable that ends it.
func parseDirectives(doc *schema.Document) []*directive {
	if doc.Format != schema.Markdown {
		return nil
	}
	var out []*directive
	for _, m := range directiveRe.FindAllSubmatchIndex(doc.Src, -1) {
		args := string(doc.Src[m[4]:m[5]])
		if i := strings.Index(args, " -- "); i >= 0 {
			args = args[:i]
		}
		d := &directive{kind: string(doc.Src[m[2]:m[3]]), span: schema.Span{Start: m[0], End: m[1]},
			line: doc.Lines.Line(m[1] - 1), used: map[string]bool{}}
		for _, r := range strings.Split(args, ",") {
			if r = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r), "--")); r != "" {
				d.rules = append(d.rules, r)
			}
		}
		out = append(out, d)
	}
	for i, d := range out {
		if d.kind != "disable" {
			continue
		}
		d.enabled = doc.Lines.Count() + 1
		for _, e := range out[i+1:] {
			if e.kind == "enable" && (len(e.rules) == 0 || overlap(e.rules, d.rules)) {
				d.enabled = e.line
				e.used["enable"] = true
				break
			}
		}
	}
	return out
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return len(b) == 0
}

// suppress drops the findings a directive covers and marks it used.
func suppress(doc *schema.Document, ds []Diagnostic, directives []*directive) []Diagnostic {
	if len(directives) == 0 {
		return ds
	}
	kept := ds[:0]
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

// runUnusedSuppression reports directives naming unknown rules, and those
// that suppressed nothing. Run calls it last, after suppress has marked the
// directives that hid a finding.
func runUnusedSuppression(p *Pass) {
	for _, d := range p.directives {
		if d.kind == "enable" {
			if !d.used["enable"] {
				p.Report(d.span, "podlint-enable %s ends no podlint-disable", strings.Join(d.rules, ", "))
			}
			continue
		}
		for _, r := range d.rules {
			if Lookup(r) == nil && !isCategory(r) {
				p.Report(d.span, "podlint-%s names %q, which is not a rule or category (see podlint rules)", d.kind, r)
			}
		}
		if len(d.used) == 0 {
			what := "any rule"
			if len(d.rules) > 0 {
				what = strings.Join(d.rules, ", ")
			}
			p.Report(d.span, "podlint-%s of %s suppresses nothing", d.kind, what)
		}
	}
}
