package rules

var orphanHeading = &Rule{
	Name:     "orphan-heading",
	Category: Structure,
	Severity: Error,
	Title:    "A heading with nothing under it",
	Doc: `A chapter heading followed directly by the next heading (or the end of the page) has
lost its content: its summary and quotes are usually inside leaked JSON further up the page
(see leaked-json). The same goes for an ` + "`## Entities`" + ` heading with no list under it.`,
	Bad: `## [06:52] Mercator, power, and the classroom wall

## [21:30] The 1,000-year atlas`,
	Good: `## [06:52] Mercator, power, and the classroom wall

The Mercator projection was built for navigation...

## [21:30] The 1,000-year atlas

Ada describes a project that redraws the same regions at 1,000-year intervals.`,
	Run: runOrphanHeading,
}

func runOrphanHeading(p *Pass) {
	hint := ""
	var related []Related
	if runs := p.leaked().runs; len(runs) > 0 {
		hint = "; its content may be in the leaked JSON (see the related place)"
		related = []Related{{Span: runs[0].span(p.Doc), Message: "the leaked JSON that may hold the content"}}
	}
	for _, c := range p.Episode.Chapters {
		if len(c.Blocks) == 0 {
			p.ReportRelated(c.Heading, related, "%s has nothing under its heading%s", c.Label(), hint)
		}
	}
	if e := p.Episode.Entities; e != nil && len(e.Entities) == 0 && len(e.Stray) == 0 {
		p.ReportRelated(e.Heading, related, "the Entities section has no list%s", hint)
	}
}
