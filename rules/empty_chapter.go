package rules

var emptyChapter = &Rule{
	Name:     "empty-chapter",
	Category: Structure,
	Severity: Error,
	Title:    "A chapter with content but no prose",
	Doc: `Every chapter opens with a summary paragraph; a chapter that holds only quotes, or only
junk, has lost it. In episode JSON, a chapter whose ` + "`summary`" + ` is empty is the same defect.
(A chapter with nothing at all under its heading is an orphan-heading.)`,
	Bad: `## [21:30] The 1,000-year atlas

> *"We treat a coastline like a file with a history."* [22:13]`,
	Good: `## [21:30] The 1,000-year atlas

Ada describes a project that redraws the same regions at 1,000-year intervals.

> *"We treat a coastline like a file with a history."* [22:13]`,
	Run: runEmptyChapter,
}

func runEmptyChapter(p *Pass) {
	leaked := p.leaked().blocks
	for _, c := range p.Episode.Chapters {
		if len(c.Blocks) == 0 {
			continue
		}
		prose, quotes := 0, 0
		for _, b := range c.Blocks {
			switch {
			case leaked[b.Span.Start]:
			case b.Quote != nil:
				quotes++
			case b.Text != "":
				prose++
			}
		}
		if prose > 0 {
			continue
		}
		what := "only leaked JSON"
		if quotes > 0 {
			what = "only " + plural(quotes, "quote")
		}
		p.Report(c.Heading, "%s has no summary paragraph, %s", c.Label(), what)
	}
}
