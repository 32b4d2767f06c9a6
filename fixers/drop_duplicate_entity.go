package fixers

import (
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var dropDuplicateEntity = &Fixer{
	Name:    "drop-duplicate-entity",
	Answers: []string{"duplicate-entity"},
	Safety:  Safe,
	Title:   "Delete an exact duplicate entity",
	Doc: `Deletes an entity that repeats an earlier one exactly: same name, type and description.
When the two differ, both are kept and the finding stays, since merging them is an editor's
call.`,
	Before: "- **OpenStreetMap** (Organization): Volunteer-built open map.\n- **OpenStreetMap** (Organization): Volunteer-built open map.",
	After:  "- **OpenStreetMap** (Organization): Volunteer-built open map.",
	Make:   makeDropDuplicateEntity,
}

func makeDropDuplicateEntity(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	es := doc.Episode.Entities
	if es == nil {
		return nil
	}
	for i, e := range es.Entities {
		if e.Span != d.Span {
			continue
		}
		for j := 0; j < i; j++ {
			p := es.Entities[j]
			if p.Name.Value != e.Name.Value || p.Type.Value != e.Type.Value || p.Description.Value != e.Description.Value ||
				strings.TrimSpace(p.Name.Value) == "" {
				continue
			}
			removed := []string{string(doc.Src[e.Span.Start:e.Span.End])}
			if doc.Format == schema.JSON {
				// Delete the element with the comma and space before it.
				prev := es.Entities[i-1].Span.End
				return &Fix{Safety: Safe, Removed: removed, Edits: []Edit{{Start: prev, End: e.Span.End}}}
			}
			return &Fix{Safety: Safe, Removed: removed, Edits: []Edit{{Start: e.Span.Start, End: lineEnd(doc.Src, e.Span.End)}}}
		}
	}
	return nil
}
