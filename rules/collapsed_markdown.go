package rules

import (
	"bytes"

	"github.com/podlint/podlint/schema"
)

var collapsedMarkdown = &Rule{
	Name:     "collapsed-markdown",
	Category: Structure,
	Severity: Error,
	Title:    "The page is flattened onto one line",
	Doc: `Pages scraped back from the live site arrive with their line structure gone: the title on
the first line and everything else on the second, so that chapter headings (` + "`## [`" + `), quotes
(` + "`> *`" + `) and entity bullets (` + "`- **`" + `) stand mid-line. No other rule can see the chapters of
such a page, so this finding replaces missing-summary and missing-chapters.`,
	Bad:  `Ada Pemberton explains why every map distorts. ## [00:00] Cold open Ada opens with a claim. > *"Every map is an argument."* [00:09]`,
	Good: "Ada Pemberton explains why every map distorts.\n\n## [00:00] Cold open\n\nAda opens with a claim.\n\n> *\"Every map is an argument.\"* [00:09]",
	Run:  runCollapsedMarkdown,
}

func runCollapsedMarkdown(p *Pass) {
	c := p.Episode.Collapsed
	if c == nil {
		return
	}
	line := p.Doc.Src[c.Span.Start:c.Span.End]
	i := bytes.Index(line, []byte(" ## ["))
	if i == 1 && line[0] == '>' { // a quoted heading first: the marker is further on
		i = 2 + bytes.Index(line[2:], []byte(" ## ["))
	}
	at := c.Span.Start + i + 1
	p.Report(schema.Span{Start: at, End: c.Span.End},
		"page is flattened onto one line: %s (`## [`, `> *`, `- **`) stand mid-line, %s characters",
		plural(c.Markers, "block marker"), thousands(len([]rune(string(p.Doc.Src[c.Span.Start:c.Span.End])))))
}
