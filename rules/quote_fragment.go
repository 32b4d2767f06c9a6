package rules

import (
	"strings"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/schema"
)

var quoteFragment = &Rule{
	Name:     "quote-fragment",
	Category: Structure,
	Severity: Error,
	Title:    "A quote that is only a [minutes, seconds] time pair",
	Doc: `The pipeline's raw JSON lists quotes flat, each text followed by its time as a
` + "`[minutes, seconds]`" + ` pair. When the renderer misses that, every pair becomes a quote of its
own: ` + "`> *[7, 35]*`" + `. The time belongs to the quote before it, as its ` + "`[07:35]`" + ` timestamp.

In episode JSON, a flat pair in a chapter's ` + "`quotes`" + ` list is the same defect. A pair with no
quote before it, after a quote that already has a time, with more on its line (a speaker,
words), after a quote object, or with another value of the list between it and the text before
it, is reported but cannot be attached.`,
	Bad: `> *"Greenland is not the size of Africa."*
> *[7, 35]*`,
	Good: `> *"Greenland is not the size of Africa."* [07:35]`,
	Run:  runQuoteFragment,
}

func runQuoteFragment(p *Pass) {
	leaked := p.leaked().blocks
	for _, c := range p.Episode.Chapters {
		var prev *schema.Quote
		prevAt := -1 // prev's index in c.Blocks
		label := ""  // c.Label(), written once for the chapter's findings
		for i, b := range c.Blocks {
			if leaked[b.Span.Start] {
				prev = nil
				continue
			}
			q := b.Quote
			if q == nil {
				if b.Kind == schema.Paragraph {
					prev = nil
				}
				continue
			}
			if q.Pair == nil {
				prev, prevAt = q, i
				continue
			}
			// Messages are their parts joined: a page may have a finding on
			// every other quote, and this is cheaper than formatting.
			span := schema.Span{Start: contentStart(p.Doc, b), End: b.Span.End}
			pair := "[" + itoa(q.Pair.Minutes) + ", " + itoa(q.Pair.Seconds) + "]"
			at := p.Config.FormatTimestamp(q.Pair.Total())
			if label == "" {
				label = c.Label()
			}
			switch {
			case prev == nil || prev.Pair != nil || leak.IsText(prev.Body.Value):
				p.Add(Diagnostic{Span: span, Message: "quote is only the time pair " + pair + " (" + at + ") with no quote before it to belong to (" + label + ")"})
			case prev.At != nil:
				p.Add(Diagnostic{Span: span, Message: "quote is only the time pair " + pair + " (" + at + "), but the quote before it already has the time " +
					p.Config.FormatTimestamp(prev.At.Seconds) + " (" + label + ")"})
			default:
				// attach-quote-timestamp joins the two when nothing stands
				// between them and the quote has words to carry a time.
				fix := NoFix
				if prevAt == i-1 && prev.Words != "" && PairAttaches(p.Doc, c.Blocks[prevAt], b) {
					fix = SafeFix
				}
				p.Add(Diagnostic{Span: span, Message: "quote is only the time pair " + pair + ": it is the timestamp [" + at + "] of the " +
					itoa(wordCount(prev.Words)) + "-word quote before it (" + label + ")", Fix: fix})
			}
			prev, prevAt = q, i
		}
	}
}

// PairAttaches tells whether attach-quote-timestamp may join the time pair
// frag to the quote prev before it and lose nothing. In JSON the quote is
// a string (a quote object would be written whole into the new one) and
// only the list's comma stands between them (another value of the list,
// a [0] the reader takes for no quote, would go with the edit). In
// Markdown no word stands between them, and the pair's line holds the
// pair alone: a speaker or words after it would go with the line.
func PairAttaches(doc *schema.Document, prev, frag schema.Block) bool {
	// The page's text, not a copy of its bytes: a page may have a pair on
	// every other quote.
	gap := doc.Text[prev.Span.End:frag.Span.Start]
	if doc.Format == schema.JSON {
		return strings.TrimSpace(gap) == "," && doc.Src[prev.Span.Start] == '"'
	}
	if from, to := schema.NextWord(gap, 0); from < to {
		return false
	}
	line, n := doc.Text[frag.Span.Start:frag.Span.End], 0
	for from, to := schema.NextWord(line, 0); from < to; from, to = schema.NextWord(line, to) {
		if n++; n > 2 || strings.Trim(line[from:to], "0123456789") != "" {
			return false
		}
	}
	return n == 2
}
