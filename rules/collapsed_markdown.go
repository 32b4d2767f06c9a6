package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/podlint/podlint/restore"
	"github.com/podlint/podlint/schema"
)

var collapsedMarkdown = &Rule{
	Name:     "collapsed-markdown",
	Category: Structure,
	Severity: Error,
	Title:    "The page is flattened onto one line",
	Doc: `Pages scraped back from the live site arrive with their line structure gone: the title on
the first line and everything else on the second, so that chapter headings (` + "`## [`" + `), quotes
(` + "`> *`" + `) and entity bullets (` + "`- **`" + `) stand mid-line. Every other rule then reads the page
as restore-lines would restore it, in memory, and reports at the place in the file as it is:
a flattened page and its restored form report the same findings.

The fix restore-lines splits the page at its markers. Where a heading and its chapter's first
sentence run together, it cuts only on decisive evidence: the leaked JSON on the page names
the chapter's title; the heading's text ends no sentence (it is all title); or exactly one end
of the title passes every hard test (the body opens a sentence and reads on like one, the title
ends on no comma, article or joining word, cuts no name in two, keeps the page's title style).
A heading left whole is reported here with the best guess, which ` + "`--unsafe-fixes`" + `
applies.`,
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
	r, _ := restore.Collapsed(p.Doc)
	if len(r.Uncertain) > 0 {
		sp := r.Uncertain[0]
		uncertain = fmt.Sprintf("; %s title end unsure, the first: %q, then %q", plural(len(r.Uncertain), "chapter"), sp.Title, firstWords(sp.Body, 4))
	}
	// restore-lines writes the restored lines when restoring changes any.
	fix := NoFix
	if p.Doc.Format == schema.Markdown && r.Text != string(line) {
		fix = SafeFix
	}
	p.ReportFix(fix, schema.Span{Start: at, End: c.Span.End},
		"page is flattened onto one line: %s (`## [`, `> *`, `- **`) stand mid-line, %s characters%s",
		plural(c.Markers, "block marker"), thousands(schema.RuneCount(line)), uncertain)
}

// mergedTitleWords is how long a chapter title must be, ending in a full
// stop, before it is taken for a title with its first paragraph glued on
// (and then only when the split is plausible: see restore.Split).
const mergedTitleWords = 3

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
		sp := restore.SplitHeading(c.Title.Value, restore.NameTokens(known), "")
		if sp.Body == "" || !sp.Plausible {
			continue
		}
		// restore-lines splits the heading there, as an unsafe fix: the
		// title's end is a guess.
		fix := NoFix
		if p.Doc.Format == schema.Markdown {
			fix = UnsafeFix
		}
		p.ReportFix(fix, c.Title.Span, "the heading of %s seems to hold its first paragraph: the title may be %q, then %q",
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
