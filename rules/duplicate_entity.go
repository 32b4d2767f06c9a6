package rules

import (
	"fmt"
	"strconv"
	"strings"
)

var duplicateEntity = &Rule{
	Name:     "duplicate-entity",
	Category: Entities,
	Severity: Warning,
	Title:    "The same entity listed twice",
	Doc: `Each entity appears once in the list. The pipeline merges entity lists from several chunks
of the transcript and sometimes keeps both copies; names are compared without regard to case.
The message says whether the second bullet is an exact copy (safe to drop) or differs.`,
	Bad:  "- **OpenStreetMap** (Organization): Volunteer-built open map.\n- **OpenStreetMap** (Organization): Volunteer-built open map.",
	Good: "- **OpenStreetMap** (Organization): Volunteer-built open map.",
	Run:  runDuplicateEntity,
}

func runDuplicateEntity(p *Pass) {
	es := p.Episode.Entities
	if es == nil {
		return
	}
	first := make(map[string]int, len(es.Entities)) // key → index of its first entity
	for i, e := range es.Entities {
		if e.Malformed != "" {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(e.Name.Value))
		at, dup := first[key]
		if !dup {
			first[key] = i
			continue
		}
		prev := es.Entities[at]
		how, fix := "with a different type or description", NoFix
		if prev.Name.Value == e.Name.Value && prev.Type.Value == e.Type.Value && prev.Description.Value == e.Description.Value {
			// drop-duplicate-entity deletes an exact copy.
			how, fix = "an exact duplicate", SafeFix
		}
		p.Add(Diagnostic{Span: e.Span, Fix: fix,
			Related: []Related{{Span: prev.Span, Message: "the first entry of " + strconv.Quote(e.Name.Value)}},
			Message: fmt.Sprintf("entity %q is listed twice, %s", e.Name.Value, how)})
	}
}
