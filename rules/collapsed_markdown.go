package rules

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

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
such a page, so this finding replaces missing-summary and missing-chapters, and title-format's
spacing findings on the flattened line.

The fix restore-lines splits the page at its markers; where a heading and its chapter's first
sentence run together, it scores every possible end of the title (capitalization, function
words, the page's entity names, sentence shape, length, the page's other titles). A heading
whose title end stays unsure is left whole and reported again here, with the best split,
which ` + "`--unsafe-fixes`" + ` applies.`,
	Bad:  `Ada Pemberton explains why every map distorts. ## [00:00] Cold open Ada opens with a claim. > *"Every map is an argument."* [00:09]`,
	Good: "Ada Pemberton explains why every map distorts.\n\n## [00:00] Cold open\n\nAda opens with a claim.\n\n> *\"Every map is an argument.\"* [00:09]",
	Run:  runCollapsedMarkdown,
}

func runCollapsedMarkdown(p *Pass) {
	if p.Doc.Format != schema.Markdown {
		return
	}
	c := p.Episode.Collapsed
	if c == nil {
		runMergedHeadings(p)
		return
	}
	line := p.Doc.Src[c.Span.Start:c.Span.End]
	i := bytes.Index(line, []byte(" ## ["))
	if i == 1 && line[0] == '>' { // a quoted heading first: the marker is further on
		i = 2 + bytes.Index(line[2:], []byte(" ## ["))
	}
	at := c.Span.Start + i + 1
	uncertain := ""
	if r, _ := p.Doc.RestoreCollapsed(); len(r.Uncertain) > 0 {
		sp := r.Uncertain[0]
		uncertain = fmt.Sprintf("; %s title end unsure, the first: %q, then %q", plural(len(r.Uncertain), "chapter"), sp.Title, firstWords(sp.Body, 4))
	}
	p.Report(schema.Span{Start: at, End: c.Span.End},
		"page is flattened onto one line: %s (`## [`, `> *`, `- **`) stand mid-line, %s characters%s",
		plural(c.Markers, "block marker"), thousands(utf8.RuneCount(line)), uncertain)
}

// mergedTitleWords is how long a chapter title must be, ending in a full
// stop, before it is taken for a title with its first paragraph glued on.
const mergedTitleWords = 6

// runMergedHeadings finds headings that a restored page left whole because
// the title end was unsure: a long title ending in a full stop, in a chapter
// with no prose. The message gives the best split, which fix offers as an
// unsafe repair.
func runMergedHeadings(p *Pass) {
	var known []string
	for _, c := range p.Episode.Chapters {
		title := strings.TrimSpace(c.Title.Value)
		if !strings.HasSuffix(title, ".") || len(c.Prose()) > 0 || len(strings.Fields(title)) < mergedTitleWords {
			continue
		}
		if known == nil {
			known = p.Episode.EntityNames()
		}
		sp := schema.SplitHeading(c.Title.Value, schema.NameTokens(known), "")
		if sp.Body == "" || !sp.Plausible {
			continue
		}
		p.Report(c.Title.Span, "the heading of %s seems to hold its first paragraph: the title may be %q, then %q",
			labelAt(c), sp.Title, firstWords(sp.Body, 4))
	}
}

func labelAt(c *schema.Chapter) string {
	if c.Start.Valid {
		return "the chapter at " + schema.FormatTimestamp(c.Start.Seconds)
	}
	return "a chapter"
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) <= n {
		return s
	}
	return strings.Join(w[:n], " ") + " …"
}
