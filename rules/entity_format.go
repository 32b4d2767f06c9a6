package rules

import "github.com/podlint/podlint/schema"

var entityFormat = &Rule{
	Name:     "entity-format",
	Category: Entities,
	Severity: Error,
	Title:    "A malformed entity bullet",
	Doc: `Each line of the ` + "`## Entities`" + ` section is one bullet: ` + "`- **Name** (Type): description`" + `. A
bullet of another shape, or a line that is not a bullet, cannot be read back into the
episode's entity list and is lost when the page is converted to JSON.`,
	Bad:  "## Entities\n\n- Ada Pemberton, Person: cartographer",
	Good: "## Entities\n\n- **Ada Pemberton** (Person): Cartographer and lead of a long-range atlas project.",
	Run:  runEntityFormat,
}

func runEntityFormat(p *Pass) {
	es := p.Episode.Entities
	if es == nil || p.Doc.Format != schema.Markdown {
		return // a JSON entity's shape is the schema's to check
	}
	for _, e := range es.Entities {
		if e.Malformed != "" {
			p.Report(e.Span, "entity bullet is malformed: %s; write - **Name** (Type): description", e.Malformed)
		}
	}
	for _, s := range es.Stray {
		p.Report(s, "line in the Entities section is not an entity bullet")
	}
}
