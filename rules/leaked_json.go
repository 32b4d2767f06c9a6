package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/podlint/podlint/schema"
)

var leakedJSON = &Rule{
	Name:     "leaked-json",
	Category: Structure,
	Severity: Error,
	Title:    "Raw JSON or Python-literal fragments in prose or quotes",
	Doc: `When the pipeline's lenient JSON repair misreads one quote, the rest of the episode is
swallowed into that chapter's quote list and printed as quote lines in Python's repr form:
` + "`{'start': 412.0, 'summary': ...}`" + `, ` + "`title\": \"...`" + `, ` + "`] }, {`" + `. Readers see garbage, and every
later chapter is left as an orphan heading whose content sits inside the blob.

One finding covers each run of leaked lines, and says how much text it holds and how many
chapters and quotes it carries, so that nothing in it is deleted by hand unread.`,
	Bad: `## [01:35] Why every projection distorts

> *"You get to pick which lie you tell."* [02:11]
> * ] }, { *
> *{'start': 412.0, 'summary': 'The Mercator projection...', 'quotes': [...]}*

## [06:52] Mercator, power, and the classroom wall`,
	Good: `## [01:35] Why every projection distorts

> *"You get to pick which lie you tell."* [02:11]

## [06:52] Mercator, power, and the classroom wall

The Mercator projection was built for navigation...`,
	Run: runLeakedJSON,
}

// jsonKeyRe finds a key of the episode JSON followed by its closing quote
// and a colon: 'start':, "title":, or title": at the cut-off start of a
// string. Prose almost never writes a quoted word straight before a colon.
var jsonKeyRe = regexp.MustCompile(`\b(start|title|summary|quotes|entities|name|type|description|tags|seo_title|seo_description|confidence|text|at|speaker|chapters)['"]\s*:`)

// pairRe finds `[m, s]` pairs inside a blob.
var pairRe = regexp.MustCompile(`\[\d+, *\d+\]`)

// startKeyRe counts the chapters a blob carries.
var startKeyRe = regexp.MustCompile(`['"]start['"]\s*:`)

// IsLeakedText tells whether text is a fragment of the pipeline's JSON.
func IsLeakedText(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	if strings.Trim(t, "[]{}(),: \t\\n") == "" && strings.ContainsAny(t, "[]{}") {
		return true // bracket debris: `] }, {`
	}
	return hasQuotedColon(t) && jsonKeyRe.MatchString(t)
}

// hasQuotedColon is a fast test for what jsonKeyRe needs: a quote mark,
// then optional spaces, then a colon. Most prose has none, and the regexp
// then never runs.
func hasQuotedColon(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] != '\'' && t[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
			j++
		}
		if j < len(t) && t[j] == ':' {
			return true
		}
	}
	return false
}

// isLeaked tells whether a block is leaked JSON.
func isLeaked(b schema.Block) bool {
	switch b.Kind {
	case schema.QuoteBlock:
		return b.Quote.Pair == nil && IsLeakedText(b.Quote.Body.Value)
	case schema.Paragraph:
		return IsLeakedText(b.Text)
	}
	return false
}

// leakedRun is a run of consecutive leaked blocks in one container.
type leakedRun struct {
	blocks  []schema.Block
	chapter *schema.Chapter // nil in the intro
}

func (r leakedRun) span(doc *schema.Document) schema.Span {
	return schema.Span{Start: contentStart(doc, r.blocks[0]), End: r.blocks[len(r.blocks)-1].Span.End}
}

func (r leakedRun) text() string {
	var b strings.Builder
	for _, block := range r.blocks {
		if block.Quote != nil {
			b.WriteString(block.Quote.Body.Value)
		} else {
			b.WriteString(block.Text)
		}
	}
	return b.String()
}

// leakedRuns finds every run of leaked blocks in the episode.
func leakedRuns(ep *schema.Episode) []leakedRun {
	var out []leakedRun
	scan := func(blocks []schema.Block, ch *schema.Chapter) {
		var cur []schema.Block
		for _, b := range blocks {
			if isLeaked(b) {
				cur = append(cur, b)
				continue
			}
			if len(cur) > 0 {
				out = append(out, leakedRun{blocks: cur, chapter: ch})
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, leakedRun{blocks: cur, chapter: ch})
		}
	}
	scan(ep.Intro, nil)
	for _, c := range ep.Chapters {
		scan(c.Blocks, c)
	}
	return out
}

// contentStart is where a block's content begins: after `> ` for a quote line.
func contentStart(doc *schema.Document, b schema.Block) int {
	at := b.Span.Start
	if doc.Format == schema.Markdown && b.Kind == schema.QuoteBlock {
		if at < len(doc.Src) && doc.Src[at] == '>' {
			at++
		}
		if at < len(doc.Src) && doc.Src[at] == ' ' {
			at++
		}
	}
	return at
}

func runLeakedJSON(p *Pass) {
	for _, run := range leakedRuns(p.Episode) {
		text := run.text()
		where := "the summary"
		if run.chapter != nil {
			where = run.chapter.Label()
		}
		kind := "a paragraph"
		if run.blocks[0].Kind == schema.QuoteBlock {
			kind = "a quote"
			if len(run.blocks) > 1 {
				kind = strconv.Itoa(len(run.blocks)) + " quote lines"
			}
		} else if len(run.blocks) > 1 {
			kind = strconv.Itoa(len(run.blocks)) + " paragraphs"
		}
		carries := ""
		if n := len(startKeyRe.FindAllStringIndex(text, -1)); n > 0 {
			carries = ", carrying " + plural(n, "chapter")
			if q := len(pairRe.FindAllStringIndex(text, -1)); q > 0 {
				carries += " and " + plural(q, "quote")
			}
		}
		p.Report(run.span(p.Doc), "raw JSON in %s (%s): %s characters%s",
			kind, where, thousands(len([]rune(text))), carries)
	}
}

// plural writes "1 chapter", "3 chapters".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// thousands writes n with comma separators: 2,873.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
