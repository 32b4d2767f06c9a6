package rules

import "github.com/podlint/podlint/schema"

var chapterOrder = &Rule{
	Name:     "chapter-order",
	Category: Timing,
	Severity: Error,
	Title:    "Chapter starts are not strictly ascending",
	Doc: `Chapters start in strictly ascending order. Platforms that build chapter markers from the
description drop or reorder the rest, and a chapter that starts where the previous one does is
empty.`,
	Bad:  "## [06:52] Mercator, power, and the classroom wall\n\n...\n\n## [01:35] Why every projection distorts",
	Good: "## [01:35] Why every projection distorts\n\n...\n\n## [06:52] Mercator, power, and the classroom wall",
	Run:  runChapterOrder,
}

func runChapterOrder(p *Pass) {
	var prev *schema.Chapter
	for _, c := range p.Episode.Chapters {
		if !c.Start.Valid {
			continue
		}
		if prev != nil && c.Start.Seconds <= prev.Start.Seconds {
			p.Report(c.Start.Span, "%s does not start after the %s", c.Label(), prev.Label())
		}
		prev = c
	}
}
