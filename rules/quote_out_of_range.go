package rules

import (
	"math"

	"github.com/podlint/podlint/schema"
)

var quoteOutOfRange = &Rule{
	Name:     "quote-out-of-range",
	Category: Timing,
	Severity: Warning,
	Title:    "A quote's time falls outside its chapter",
	Doc: `A quote's timestamp falls inside its chapter: at or after the chapter's start and before
the next chapter's start (for the last chapter, before the episode's ` + "`duration`" + ` when the
front matter gives it). A quote outside that range was either placed in the wrong chapter or
given the wrong time, and a listener who follows the timestamp lands elsewhere.`,
	Bad:  "## [21:39] Data center debt\n\n> *\"We raised debt against the racks.\"* [21:20]",
	Good: "## [21:39] Data center debt\n\n> *\"We raised debt against the racks.\"* [22:20]",
	Run:  runQuoteOutOfRange,
}

func runQuoteOutOfRange(p *Pass) {
	chapters := p.Episode.Chapters
	end := episodeDuration(p.Episode)
	for i, c := range chapters {
		if !c.Start.Valid {
			continue
		}
		next := end
		if i+1 < len(chapters) && chapters[i+1].Start.Valid {
			next = chapters[i+1].Start.Seconds
		}
		for _, b := range c.Blocks {
			if b.Quote == nil || b.Quote.At == nil || !b.Quote.At.Valid {
				continue
			}
			at := b.Quote.At.Seconds
			if at >= c.Start.Seconds && at < next {
				continue
			}
			until := "the end"
			if next != math.MaxInt {
				until = schema.FormatTimestamp(next)
			}
			p.Report(b.Quote.At.Span, "quote at %s is outside %s, which runs %s–%s",
				schema.FormatTimestamp(at), c.Label(), schema.FormatTimestamp(c.Start.Seconds), until)
		}
	}
}

// episodeDuration reads the front matter's (or the JSON's) duration,
// seconds or h:mm:ss; without one (or with none above zero), math.MaxInt:
// the last chapter runs to the end.
func episodeDuration(ep *schema.Episode) int {
	f, ok := ep.FrontMatter.Lookup("duration")
	if !ok {
		return math.MaxInt
	}
	switch v := f.Value.(type) {
	case float64:
		if v > 0 {
			return int(v)
		}
	case string:
		if secs, ok := schema.ParseTimestamp(v); ok && secs > 0 {
			return secs
		}
	}
	return math.MaxInt
}
