package rules

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/schema"
)

var unusedSuppression = &Rule{
	Name:     "unused-suppression",
	Category: Suppressions,
	Severity: Warning,
	Title:    "A suppression comment that suppresses nothing, or names no rule",
	Doc: `Findings can be suppressed in a Markdown page with HTML comments:

    <!-- podlint-disable-next-line RULE[, RULE] -- reason -->
    text <!-- podlint-disable-line RULE -->     (this line only)
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
// Compiled when a page first has the literal podlint- (see parseDirectives).
var directiveRe = lazyre.New(`<!--\s*podlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->`)

// directive is one suppression comment.
type directive struct {
	kind  string
	rules []string // empty: every rule
	span  schema.Span
	first int // the comment's first line
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

// mayHaveDirectives tells a page that may have suppression comments: each
// is an HTML comment that holds the literal podlint-, which most pages
// lack, so a search for them rules those pages out before the pattern
// runs. The search is for the comment's opening first: < is rare in a
// page, where the p of podlint- stops a byte search every few words.
func mayHaveDirectives(src []byte) bool {
	at := bytes.Index(src, []byte("<!--"))
	return at >= 0 && bytes.Contains(src[at:], []byte("podlint-"))
}

// parseDirectives reads a page's suppression comments, pairing each
// podlint-disable with the podlint-enable that ends it.
func parseDirectives(doc *schema.Document) []*directive {
	if doc.Format != schema.Markdown || !mayHaveDirectives(doc.Src) {
		return nil
	}
	var out []*directive
	for _, m := range directiveRe.Get().FindAllSubmatchIndex(doc.Src, -1) {
		args := string(doc.Src[m[4]:m[5]])
		if i := strings.Index(args, " -- "); i >= 0 {
			args = args[:i]
		}
		d := &directive{kind: string(doc.Src[m[2]:m[3]]), span: schema.Span{Start: m[0], End: m[1]},
			first: doc.Lines.Line(m[0]), line: doc.Lines.Line(m[1] - 1), used: map[string]bool{}}
		for _, r := range strings.Split(args, ",") {
			if r = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r), "--")); r != "" {
				d.rules = append(d.rules, r)
			}
		}
		out = append(out, d)
	}
	if len(out) > 0 {
		pairRanges(out, doc.Lines.Count()+1)
	}
	return out
}

// pairRanges ends each podlint-disable at the first later podlint-enable
// that names no rule or one of its rules (any enable, for a disable that
// names none), or after the last line. The directives are walked from the
// end, keeping the next enable of each kind, so that many unended disables
// cost their number, not its square.
func pairRanges(ds []*directive, end int) {
	none := -1
	nextAny, nextBare := none, none // the next enable; the next naming no rule
	nextNaming := map[string]int{}  // the next enable naming a rule
	for i := len(ds) - 1; i >= 0; i-- {
		d := ds[i]
		switch d.kind {
		case "disable":
			match := nextBare
			if len(d.rules) == 0 {
				match = nextAny
			}
			for _, r := range d.rules {
				if j, ok := nextNaming[r]; ok && (match == none || j < match) {
					match = j
				}
			}
			d.enabled = end
			if match != none {
				d.enabled = ds[match].line
				ds[match].used["enable"] = true
			}
		case "enable":
			nextAny = i
			if len(d.rules) == 0 {
				nextBare = i
			}
			for _, r := range d.rules {
				nextNaming[r] = i
			}
		}
	}
}

// suppress drops the findings a directive covers and marks it used. It
// takes the findings a rule at a time, so that many findings under many
// directives cost their sum, not their product: for one rule the lines the
// next-line directives cover are a set, the disabled ranges are sorted, and
// a directive is used when a finding of the rule falls where it covers.
func suppress(doc *schema.Document, ds []Diagnostic, directives []*directive) []Diagnostic {
	if len(directives) == 0 {
		return ds
	}
	lines := make([]int, len(ds))
	byRule := map[string][]int{} // the indexes of each rule's findings
	for i, diag := range ds {
		lines[i] = doc.Lines.Line(diag.Span.Start)
		byRule[diag.Rule] = append(byRule[diag.Rule], i)
	}
	hidden := make([]bool, len(ds))
	for rule, found := range byRule {
		at := make([]int, len(found))
		for k, i := range found {
			at[k] = lines[i]
		}
		cover := coverage(rule, at, directives)
		for _, i := range found {
			hidden[i] = cover.has(lines[i])
		}
	}
	kept := ds[:0]
	for i, diag := range ds {
		if !hidden[i] {
			kept = append(kept, diag)
		}
	}
	return kept
}

// lineCover is the lines where the directives hide one rule's findings.
type lineCover struct {
	file bool
	next map[int]bool // lines under a disable-next-line
	// ranges are the open line ranges of podlint-disable, by first line;
	// reach[i] is the furthest end among ranges[:i+1].
	ranges [][2]int
	reach  []int
}

// coverage works out where the directives hide the findings of rule, on
// the lines at, and marks each directive that hides one of them as used.
func coverage(rule string, at []int, directives []*directive) *lineCover {
	sort.Ints(at)
	// some says a finding lies strictly between lines lo and hi.
	some := func(lo, hi int) bool {
		k := sort.SearchInts(at, lo+1)
		return k < len(at) && at[k] < hi
	}
	c := &lineCover{next: map[int]bool{}}
	for _, d := range directives {
		var lo, hi int
		switch d.kind {
		case "disable-file":
			lo, hi = 0, math.MaxInt
		case "disable-next-line":
			lo, hi = d.line, d.line+2
		case "disable-line":
			// markdownlint's form: the lines the comment stands on.
			lo, hi = d.first-1, d.line+1
		case "disable":
			lo, hi = d.line, d.enabled
		default:
			continue
		}
		if !d.covers(rule) {
			continue
		}
		if some(lo, hi) {
			d.used[rule] = true
		}
		switch d.kind {
		case "disable-file":
			c.file = true
		case "disable-next-line":
			c.next[d.line+1] = true
		case "disable-line":
			for l := d.first; l <= d.line; l++ {
				c.next[l] = true
			}
		default:
			c.ranges = append(c.ranges, [2]int{lo, hi})
		}
	}
	sort.Slice(c.ranges, func(i, j int) bool { return c.ranges[i][0] < c.ranges[j][0] })
	c.reach = make([]int, len(c.ranges))
	for i, r := range c.ranges {
		c.reach[i] = r[1]
		if i > 0 {
			c.reach[i] = max(r[1], c.reach[i-1])
		}
	}
	return c
}

func (c *lineCover) has(line int) bool {
	if c.file || c.next[line] {
		return true
	}
	// The ranges that start before line; one of them reaches past it.
	k := sort.Search(len(c.ranges), func(i int) bool { return c.ranges[i][0] >= line })
	return k > 0 && c.reach[k-1] > line
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
		// A name podlint does not know is one finding with the directive's
		// other trouble: such a directive cannot have suppressed anything
		// under that name.
		var unknown []string
		for _, r := range d.rules {
			if Lookup(r) == nil && !isCategory(r) {
				unknown = append(unknown, fmt.Sprintf("%q%s", r, DidYouMean(r, Names())))
			}
		}
		switch {
		case len(unknown) > 0:
			what := "which is not a rule or category"
			if len(unknown) > 1 {
				what = "which are not rules or categories"
			}
			stale := ""
			if len(d.used) == 0 {
				stale = "; it suppresses nothing"
			}
			p.Report(d.span, "podlint-%s names %s, %s (see podlint rules)%s", d.kind, strings.Join(unknown, " and "), what, stale)
		case len(d.used) == 0:
			what := "any rule"
			if len(d.rules) > 0 {
				what = strings.Join(d.rules, ", ")
			}
			p.Report(d.span, "podlint-%s of %s suppresses nothing", d.kind, what)
		}
	}
}
