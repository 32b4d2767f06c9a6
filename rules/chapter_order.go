package rules

import "github.com/podlint/podlint/schema"

var chapterOrder = &Rule{
	Name:     "chapter-order",
	Category: Timing,
	Severity: Error,
	Title:    "Chapter starts are not strictly ascending, or past the episode's end",
	Doc: `Chapters start in strictly ascending order. Platforms that build chapter markers from the
description drop or reorder the rest, and a chapter that starts where the previous one does is
empty. When the front matter (or the JSON) gives the episode's ` + "`duration`" + ` (seconds, or h:mm:ss),
every chapter starts before it: a chapter at or after the end can never be played.`,
	Bad:  "## [06:52] Mercator, power, and the classroom wall\n\n...\n\n## [01:35] Why every projection distorts",
	Good: "## [01:35] Why every projection distorts\n\n...\n\n## [06:52] Mercator, power, and the classroom wall",
	Run:  runChapterOrder,
}

func runChapterOrder(p *Pass) {
	var prev *schema.Chapter
	end := episodeDuration(p.Episode)
	for _, c := range p.Episode.Chapters {
		if !c.Start.Valid {
			continue
		}
		switch {
		case prev != nil && c.Start.Seconds <= prev.Start.Seconds:
			p.Report(c.Start.Span, "%s does not start after the %s", c.Label(), prev.Label())
		case c.Start.Seconds >= end:
			p.Report(c.Start.Span, "%s starts after the episode's end: its duration is %s", c.Label(), schema.FormatTimestamp(end))
		}
		prev = c
	}
}
