package rules

import (
	"bytes"
	"strings"

	"github.com/podlint/podlint/schema"
)

var titleFormat = &Rule{
	Name:     "title-format",
	Category: Style,
	Severity: Warning,
	Title:    "Stray spacing or punctuation in a title, or titles that disagree",
	Doc: `Episode and chapter titles have no trailing or doubled spaces, and an em dash has a space
on both sides or on neither: ` + "`Atlas— Ada`" + ` is a slip of the pipeline's templating. When the
front matter has a ` + "`title:`" + ` as well as the ` + "`# `" + ` heading, the two agree. On a page
flattened onto one line (collapsed-markdown) the title runs on into the page, and its spacing
is left to that rule.

Punctuation and symbols too, which players and feeds show as they are: an emoji or symbol
glued to the first word (` + "`🔬How GPT-5 works`" + `: a space goes after it), a mark written twice
(` + "`,,`" + `, ` + "`;;`" + `, ` + "`!!`" + `, ` + "`??`" + `: one is kept), two dots (` + "`..`" + `: one dot or an ellipsis, the editor's
call), and a title that ends in ` + "`,`" + `, ` + "`;`" + `, ` + "`:`" + ` or a lone dash (` + "`Maps That Lie -`" + `): the rest of the
title was cut off, and only an editor knows it. A title may end in ` + "`?`" + `, ` + "`!`" + `, ` + "`.`" + ` (an
abbreviation: ` + "`Inc.`" + `) or an ellipsis, and ` + "`?!`" + `, ` + "`...`" + `, ` + "`std::vector`" + `, ` + "`::new`" + ` and ` + "`1..10`" + ` are left
alone.`,
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
	if trimmed := strings.TrimRight(v, " \t"); trimmed != v {
		span := at(p, t, len(trimmed), len(v)-len(trimmed))
		if p.Doc.Format == schema.Markdown {
			span = schema.Span{Start: t.Span.Start + len(trimmed), End: t.Span.End}
		}
		p.ReportFix(SafeFix, span, "%s has trailing spaces", name())
		v = trimmed
	}
	from := 0
	if lead := len(v) - len(strings.TrimLeft(v, " ")); lead > 0 && lead < len(v) && p.Doc.Format == schema.Markdown &&
		t.Span.Start > 0 && p.Doc.Src[t.Span.Start-1] == ' ' {
		// Spaces before a chapter's title: with the one after `]` that the
		// reader takes for the separator, a run like any other.
		span := schema.Span{Start: t.Span.Start - 1, End: t.Span.Start + lead}
		fix := SafeFix
		if SpaceMakesMarker(p.Doc.Src, span) {
			fix = NoFix
		}
		p.ReportFix(fix, span, "%s has %d spaces in a row", name(), lead+1)
		from = lead
	}
	code := codeSpans(v)
	for {
		i := strings.Index(v[from:], "  ")
		if i < 0 {
			break
		}
		i += from
		n := len(v[i:]) - len(strings.TrimLeft(v[i:], " "))
		if inAny(code, i) {
			from = i + n
			continue // code is written as it is meant
		}
		span := at(p, t, i, n)
		// title-spacing makes the run one space, unless one space would
		// put a block marker mid-line.
		fix := SafeFix
		if p.Doc.Format == schema.Markdown && SpaceMakesMarker(p.Doc.Src, span) {
			fix = NoFix
		}
		p.ReportFix(fix, span, "%s has %d spaces in a row", name(), n)
		from = i + n
	}
	for i := strings.Index(v, "—"); i >= 0; {
		before := i > 0 && v[i-1] == ' '
		after := i+len("—") < len(v) && v[i+len("—")] == ' '
		atEdge := i == 0 || i+len("—") == len(v)
		if before != after && !atEdge && !inAny(code, i) {
			p.ReportFix(SafeFix, at(p, t, i, len("—")), "%s has a space on one side of the dash only: write %q", name(), " — ")
		}
		next := strings.Index(v[i+len("—"):], "—")
		if next < 0 {
			break
		}
		i += len("—") + next
	}
	checkTitleSlips(p, t, name)
}

// at is the span of n bytes at offset i of a title. In JSON the literal is
// escaped, so the whole string is the span.
func at(p *Pass, t schema.Text, i, n int) schema.Span {
	if p.Doc.Format != schema.Markdown {
		return t.Span
	}
	return schema.Span{Start: t.Span.Start + i, End: t.Span.Start + i + n}
}

// SpaceMakesMarker tells whether one space in place of the run of spaces at
// span would put a block marker (`## [`, `> *`, `- **`) mid-line where the
// line had none: the page would then read as flattened. A run that ends
// its line is deleted, not made one space, and never makes one.
func SpaceMakesMarker(src []byte, span schema.Span) bool {
	if span.End >= len(src) || src[span.End] == '\n' || src[span.End] == '\r' {
		return false
	}
	start := bytes.LastIndexByte(src[:span.Start], '\n') + 1
	end := len(src)
	if i := bytes.IndexByte(src[span.End:], '\n'); i >= 0 {
		end = span.End + i + 1
	}
	before, after := string(src[start:span.Start]), string(src[span.End:end])
	joined := before + " " + after
	for _, m := range []string{" ## [", " > *", " - **"} {
		if strings.Count(joined, m) > strings.Count(before+string(src[span.Start:span.End])+after, m) {
			return true
		}
	}
	return false
}
