package fixers

import (
	"strconv"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var attachQuoteTimestamp = &Fixer{
	Name:    "attach-quote-timestamp",
	Answers: []string{"quote-fragment"},
	Safety:  Safe,
	Title:   "Attach a [m, s] time pair to the quote before it",
	Doc: `A quote line that is only a ` + "`[minutes, seconds]`" + ` pair is the time of the quote before it:
the pair is removed and the quote gets a canonical ` + "` [mm:ss]`" + ` timestamp. In raw episode JSON,
a text followed by a pair becomes a quote object ` + "`{\"text\": ..., \"at\": seconds}`" + `. A pair with
no quote before it, after a quote that already has a time, with more on its line (a speaker,
words), after a JSON quote object, or with another value of the JSON list between it and the
text, is left as a finding.`,
	Before: "> *\"Greenland is not the size of Africa.\"*\n> *[7, 35]*",
	After:  "> *\"Greenland is not the size of Africa.\"* [07:35]",
	// The time a pair gives its quote may fall outside the quote's
	// chapter, or far from when the transcript says it.
	Reveals: []string{"quote-out-of-range", "quote-time-drift"},
	Make:    makeAttachQuoteTimestamp,
}

func makeAttachQuoteTimestamp(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	c, i := blockAt(doc, d.Span.Start)
	if c == nil || i == 0 {
		return nil
	}
	frag, prev := c.Blocks[i], c.Blocks[i-1]
	if frag.Quote == nil || frag.Quote.Pair == nil || prev.Quote == nil {
		return nil
	}
	pq := prev.Quote
	if pq.Pair != nil || pq.At != nil || pq.Words == "" || leak.IsText(pq.Body.Value) {
		return nil
	}
	if !rules.PairAttaches(doc, prev, frag) {
		return nil // the edit would take more than the pair
	}
	secs := frag.Quote.Pair.Total()
	removed := []string{string(doc.Src[frag.Span.Start:frag.Span.End])}
	if doc.Format == schema.JSON {
		// "text", [m, s]  →  {"text": "text", "at": seconds}; the quote's
		// literal is read from the page's text, as the new text is made
		// of it (no copy of it of its own).
		literal := doc.Text[prev.Span.Start:prev.Span.End]
		return &Fix{Safety: Safe, Removed: removed, Edits: []Edit{{
			Start: prev.Span.Start, End: frag.Span.End,
			New: `{"text": ` + literal + `, "at": ` + strconv.Itoa(secs) + `}`,
		}}}
	}
	// The timestamp goes at the end of the quote line; whatever stands
	// between the two lines (a line ending, blank lines) goes with the pair.
	return &Fix{Safety: Safe, Removed: removed, Edits: []Edit{{
		Start: prev.Span.End, End: frag.Span.End,
		New: " [" + cfg.FormatTimestamp(secs) + "]",
	}}}
}
