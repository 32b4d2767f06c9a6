package rules

import "github.com/podlint/podlint/schema"

var quoteStyle = &Rule{
	Name:     "quote-style",
	Category: Style,
	Severity: Warning,
	Title:    "A quote not written as > *\"text\"*",
	Doc: `A quote is one line: ` + "`> *\"TEXT\"*`" + `, then optionally ` + "` — Speaker`" + `, then optionally ` + "` [TS]`" + `. The
double quotes tell readers (and the site's styles) that the words are the speaker's own; a
quote without them reads as the editor's paraphrase.`,
	Bad:  `> *Every map is an argument about what matters.* [00:09]`,
	Good: `> *"Every map is an argument about what matters."* [00:09]`,
	Run:  runQuoteStyle,
}

func runQuoteStyle(p *Pass) {
	if p.Doc.Format != schema.Markdown {
		return
	}
	leaked := p.leaked().blocks
	for _, c := range p.Episode.Chapters {
		for _, b := range c.Blocks {
			q := b.Quote
			if q == nil || q.Pair != nil || q.Quoted || leaked[b.Span.Start] || q.Words == "" {
				continue
			}
			start := contentStart(p.Doc, b)
			if p.Doc.Src[start] != '*' {
				p.Report(schema.Span{Start: start, End: b.Span.End}, "quote is not in italics and double quotes: write > *\"…\"* (%s)", c.Label())
				continue
			}
			p.Report(q.Body.Span, "quote is not in double quotes: write *\"…\"* (%s)", c.Label())
		}
	}
}
