package rules

import (
	"strconv"

	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

var quoteTimeDrift = &Rule{
	Name:     "quote-time-drift",
	Category: Grounding,
	Severity: Warning,
	Title:    "A quote said at another time than its timestamp",
	Doc: `A quote found in the episode's transcript (see quote-not-in-transcript) is said at the time
of its first word there; a timestamp more than ` + "`tolerance`" + ` seconds (default 30) away sends a
listener who follows it to other words. The pipeline's model guesses quote times from its
summary and often lands minutes off. When the transcript's time falls inside the quote's
chapter, podlint fix sets the timestamp to it; a time in another chapter means the quote sits
in the wrong chapter, or the chapter starts at the wrong time, which is for an editor.`,
	Bad:     `> *"You get to pick which lie you tell, not whether you tell one."* [00:09]`,
	Good:    `> *"You get to pick which lie you tell, not whether you tell one."* [01:40]`,
	Run:     runQuoteTimeDrift,
	Options: []AnyOption{driftTolerance},
}

// driftTolerance is how far a quote's timestamp may be from the
// transcript's time.
var driftTolerance = &Option[int]{
	Name:    "tolerance",
	Doc:     "Seconds a quote's timestamp may be from when the transcript says it.",
	Schema:  `{"type": "integer", "minimum": 0}`,
	Default: 30,
}

func runQuoteTimeDrift(p *Pass) {
	t := p.Config.Transcript
	if t == nil {
		return
	}
	leaked := p.leaked().blocks
	for _, g := range groundedQuotes(p.Doc, t) {
		secs, drifted, inside := drift(p.Episode, p.Config, g)
		if !drifted || leaked[g.block.Span.Start] {
			continue
		}
		at := g.block.Quote.At
		c := p.Episode.Chapters[g.chapter]
		said := "later"
		if secs < at.Seconds {
			said = "earlier"
		}
		where := transcriptPlace(t, g.result.Match)
		if !inside {
			p.Report(at.Span, "quote at %s is said at %s (%s), %s %s, outside %s: move the quote or correct the chapter",
				schema.FormatTimestamp(at.Seconds), schema.FormatTimestamp(secs), where, secondsApart(secs-at.Seconds), said, c.Label())
			continue
		}
		p.ReportFix(SafeFix, at.Span, "quote at %s is said at %s (%s), %s %s: write %s (%s)",
			schema.FormatTimestamp(at.Seconds), schema.FormatTimestamp(secs), where, secondsApart(secs-at.Seconds), said, writtenTime(p.Doc, p.Config, secs), c.Label())
	}
}

// writtenTime is a time as the page writes it: a timestamp in brackets in
// Markdown, seconds in JSON.
func writtenTime(doc *schema.Document, cfg *Config, seconds int) string {
	if doc.Format == schema.JSON {
		return strconv.Itoa(seconds)
	}
	return "[" + cfg.FormatTimestamp(seconds) + "]"
}

// formatMillis writes a transcript's time as a page's timestamp.
func formatMillis(m transcript.Millis) string { return schema.FormatTimestamp(m.Seconds()) }
