package rules

import "github.com/podlint/podlint/schema"

var chapterStart = &Rule{
	Name:     "chapter-start",
	Category: Timing,
	Severity: Warning,
	Title:    "The first chapter does not start at 00:00",
	Doc: `YouTube, Spotify and Apple Podcasts only build chapters from a description whose first
timestamp is 00:00; with any other start they ignore them all.`,
	Bad:  "## [00:04] Opening at the conference",
	Good: "## [00:00] Opening at the conference",
	Run:  runChapterStart,
}

func runChapterStart(p *Pass) {
	if len(p.Episode.Chapters) == 0 {
		return
	}
	c := p.Episode.Chapters[0]
	if c.Start.Valid && c.Start.Seconds != 0 {
		p.Report(c.Start.Span, "first chapter %q starts at %s, not at 00:00: platforms ignore description chapters that do not start at 00:00",
			c.Title.Value, schema.FormatTimestamp(c.Start.Seconds))
	}
}
