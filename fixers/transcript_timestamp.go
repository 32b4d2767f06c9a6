package fixers

import (
	"strconv"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var transcriptTimestamp = &Fixer{
	Name:    "transcript-timestamp",
	Answers: []string{"quote-time-drift"},
	Safety:  Safe,
	Title:   "Set a quote's timestamp to when the transcript says it",
	Doc: `Rewrites the timestamp of a quote that the episode's transcript says at another time
(more than ` + "`tolerance`" + ` seconds away) with the time of the quote's first word there, in the
configured timestamp form (` + "`[01:40]`" + `; in episode JSON, the number of seconds). Only when that time
falls inside the quote's chapter: a quote said in another chapter is left as a finding. Only
the timestamp changes.`,
	Before: `> *"You get to pick which lie you tell, not whether you tell one."* [00:09]`,
	After:  `> *"You get to pick which lie you tell, not whether you tell one."* [01:40]`,
	Make:   makeTranscriptTimestamp,
}

func makeTranscriptTimestamp(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	secs, ok := rules.TranscriptTime(doc, cfg, d.Span)
	if !ok {
		return nil
	}
	written := cfg.FormatTimestamp(secs)
	if doc.Format == schema.JSON {
		written = strconv.Itoa(secs)
	}
	return &Fix{Safety: Safe, Removed: []string{string(doc.Src[d.Span.Start:d.Span.End])}, Edits: []Edit{{
		Start: d.Span.Start, End: d.Span.End, New: written,
	}}}
}
