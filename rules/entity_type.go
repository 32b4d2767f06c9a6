package rules

import (
	"strings"
)

var entityType = &Rule{
	Name:     "entity-type",
	Category: Entities,
	Severity: Warning,
	Title:    "An entity type outside the vocabulary, or not capitalized",
	Doc: `An entity's type is one of a fixed vocabulary, written capitalized: ` + strings.Join(defaultEntityTypes, ", ") + `.
The site groups and filters entities by type, so ` + "`(person)`" + ` and ` + "`(Framework)`" + ` each end up in a
group of their own.`,
	Bad:     "- **Ada Pemberton** (person): Cartographer.\n- **Leaflet** (Library): Web map library.",
	Good:    "- **Ada Pemberton** (Person): Cartographer.\n- **Leaflet** (Software): Web map library.",
	Run:     runEntityType,
	Options: []AnyOption{entityTypes},
}

// defaultEntityTypes is the vocabulary when the config does not set one.
var defaultEntityTypes = []string{"Person", "Organization", "Software", "Product", "Concept", "Place", "Event", "Work"}

var entityTypes = &Option[[]string]{
	Name:    "types",
	Doc:     "The entity type vocabulary.",
	Schema:  `{"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1, "uniqueItems": true}`,
	Default: defaultEntityTypes,
}

// EntityTypes is the configured vocabulary of entity types, as written.
func (c *Config) EntityTypes() []string { return entityTypes.In(c) }

func runEntityType(p *Pass) {
	es := p.Episode.Entities
	if es == nil {
		return
	}
	types := p.Config.EntityTypes()
	for _, e := range es.Entities {
		if e.Malformed != "" {
			continue
		}
		t := e.Type.Value
		known := ""
		for _, v := range types {
			if strings.EqualFold(v, t) {
				known = v
			}
		}
		switch {
		case known == t:
		case known != "":
			// Quoted as %q quotes, and joined: a page may type every
			// entity in lower case, and formatting costs more.
			p.Add(Diagnostic{Span: e.Type.Span, Fix: SafeFix, Message: "entity type " + quote(t) + " of " +
				quote(e.Name.Value) + " is not capitalized: write " + quote(known)})
		default:
			p.Report(e.Type.Span, "entity type %q of %q is not one of %s", t, e.Name.Value, strings.Join(types, ", "))
		}
	}
}
