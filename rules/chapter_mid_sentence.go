package rules

import (
	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

var chapterMidSentence = &Rule{
	Name:     "chapter-mid-sentence",
	Category: Grounding,
	Severity: Warning,
	Title:    "A chapter that starts in the middle of a sentence",
	Doc: `A chapter a listener jumps to should start where a sentence starts: within ` + "`window`" + `
seconds (default 5) of a sentence start in the episode's transcript. A sentence starts at the
transcript's first word, after a ` + "`.`" + `, ` + "`?`" + `, ` + "`!`" + ` or ` + "`…`" + `, and where the speaker changes; a
word's time is its cue's time shared out by characters. A chapter before the first word, after
the last cue or in a pause between cues is not judged (no words are said there to cut), nor is
any chapter against a transcript with no sentence punctuation at all (an automatic caption
track), where sentence starts cannot be told.`,
	Bad:     "## [00:00] Cold open\n\nAda opens.\n\n## [01:20] Why projections lie\n\nAda explains the choice.",
	Good:    "## [00:00] Cold open\n\nAda opens.\n\n## [01:40] Why projections lie\n\nAda explains the choice.",
	Run:     runChapterMidSentence,
	Options: []AnyOption{sentenceWindow},
}

// sentenceWindow is how near a sentence start a chapter must start.
var sentenceWindow = &Option[int]{
	Name:    "window",
	Doc:     "Seconds a chapter's start may be from the nearest sentence start in the transcript.",
	Schema:  `{"type": "integer", "minimum": 0}`,
	Default: 5,
}

func runChapterMidSentence(p *Pass) {
	t := p.Config.Transcript
	if t == nil || len(t.Cues) == 0 {
		return
	}
	window := sentenceWindow.In(p.Config)
	first, end := t.Cues[0].Start, t.End()
	for _, c := range p.Episode.Chapters {
		if !c.Start.Valid {
			continue
		}
		at := transcript.Millis(c.Start.Seconds) * 1000
		if at <= first || at >= end || !t.Speaking(at) {
			continue
		}
		nearest, ok := t.NearestSentence(at)
		if !ok {
			return
		}
		gap := nearest.Seconds() - c.Start.Seconds
		if max(gap, -gap) <= window {
			continue
		}
		side := "later"
		if gap < 0 {
			side = "earlier"
		}
		p.Report(c.Start.Span, "%s starts in the middle of a sentence in the transcript %s: the nearest sentence starts at %s, %s %s",
			c.Label(), t.Name, schema.FormatTimestamp(nearest.Seconds()), secondsApart(gap), side)
	}
}
