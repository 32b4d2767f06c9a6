package rules

import "strings"

var entityType = &Rule{
	Name:     "entity-type",
	Category: Entities,
	Severity: Warning,
	Title:    "An entity type outside the vocabulary, or not capitalized",
	Doc: `An entity's type is one of a fixed vocabulary, written capitalized: ` + strings.Join(EntityTypes, ", ") + `.
The site groups and filters entities by type, so ` + "`(person)`" + ` and ` + "`(Framework)`" + ` each end up in a
group of their own.`,
	Bad:  "- **Ada Pemberton** (person): Cartographer.\n- **Leaflet** (Library): Web map library.",
	Good: "- **Ada Pemberton** (Person): Cartographer.\n- **Leaflet** (Software): Web map library.",
	Run:  runEntityType,
}

// EntityTypes is the default vocabulary of entity types (the rule option
// `types` replaces it).
var EntityTypes = []string{"Person", "Organization", "Software", "Product", "Concept", "Place", "Event", "Work"}

func runEntityType(p *Pass) {
	es := p.Episode.Entities
	if es == nil {
		return
	}
	for _, e := range es.Entities {
		if e.Malformed != "" {
			continue
		}
		t := e.Type.Value
		known := ""
		for _, v := range p.Config.EntityTypes {
			if strings.EqualFold(v, t) {
				known = v
			}
		}
		switch {
		case known == t:
		case known != "":
			p.Report(e.Type.Span, "entity type %q of %q is not capitalized: write %q", t, e.Name.Value, known)
		default:
			p.Report(e.Type.Span, "entity type %q of %q is not one of %s", t, e.Name.Value, strings.Join(p.Config.EntityTypes, ", "))
		}
	}
}
