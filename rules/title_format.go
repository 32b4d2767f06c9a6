package rules

import (
	"strings"

	"github.com/podlint/podlint/schema"
)

var titleFormat = &Rule{
	Name:     "title-format",
	Category: Style,
	Severity: Warning,
	Title:    "Stray spacing in a title, or titles that disagree",
	Doc: `Episode and chapter titles have no trailing or doubled spaces, and an em dash has a space
on both sides or on neither: ` + "`Atlas— Ada`" + ` is a slip of the pipeline's templating. When the
front matter has a ` + "`title:`" + ` as well as the ` + "`# `" + ` heading, the two agree. On a page
flattened onto one line (collapsed-markdown) the title runs on into the page, and its spacing
is left to that rule.`,
	Bad:  "# Maps That Lie: The 1,000-Year Atlas— Ada Pemberton ",
	Good: "# Maps That Lie: The 1,000-Year Atlas — Ada Pemberton",
	Run:  runTitleFormat,
}

func runTitleFormat(p *Pass) {
	ep := p.Episode
	// A title on the flattened line of a collapsed page runs on into the
	// whole page: its "spaces in a row" are the page's lost line breaks,
	// which collapsed-markdown reports once and restore-lines repairs.
	if ep.Title != nil && !onCollapsedLine(ep, ep.Title.Span) {
		checkTitle(p, *ep.Title, func() string { return "episode title" })
		if f, ok := ep.FrontMatter.Lookup("title"); ok && p.Doc.Format == schema.Markdown {
			if s, isString := f.Value.(string); isString && strings.TrimSpace(s) != strings.TrimSpace(ep.Title.Value) {
				p.Report(f.ValueSpan, "front matter title %q differs from the page title %q", s, strings.TrimSpace(ep.Title.Value))
			}
		}
	}
	for _, c := range ep.Chapters {
		checkTitle(p, c.Title, func() string { return "title of " + c.Label() })
	}
}

func onCollapsedLine(ep *schema.Episode, sp schema.Span) bool {
	c := ep.Collapsed
	return c != nil && sp.Start < c.Span.End && c.Span.Start < sp.End
}

func checkTitle(p *Pass, t schema.Text, name func() string) {
	v := t.Value
	if trimmed := strings.TrimRight(v, " \t"); trimmed != v && p.Doc.Format == schema.Markdown {
		p.Report(schema.Span{Start: t.Span.Start + len(trimmed), End: t.Span.End}, "%s has trailing spaces", name())
		v = trimmed
	}
	for from := 0; ; {
		i := strings.Index(v[from:], "  ")
		if i < 0 {
			break
		}
		i += from
		n := len(v[i:]) - len(strings.TrimLeft(v[i:], " "))
		p.Report(at(p, t, i, n), "%s has %d spaces in a row", name(), n)
		from = i + n
	}
	for i := strings.Index(v, "—"); i >= 0; {
		before := i > 0 && v[i-1] == ' '
		after := i+len("—") < len(v) && v[i+len("—")] == ' '
		atEdge := i == 0 || i+len("—") == len(v)
		if before != after && !atEdge {
			p.Report(at(p, t, i, len("—")), "%s has a space on one side of the dash only: write %q", name(), " — ")
		}
		next := strings.Index(v[i+len("—"):], "—")
		if next < 0 {
			break
		}
		i += len("—") + next
	}
}

// at is the span of n bytes at offset i of a title. In JSON the literal is
// escaped, so the whole string is the span.
func at(p *Pass, t schema.Text, i, n int) schema.Span {
	if p.Doc.Format != schema.Markdown {
		return t.Span
	}
	return schema.Span{Start: t.Span.Start + i, End: t.Span.Start + i + n}
}
