package fixers

import (
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var entityTypeCase = &Fixer{
	Name:    "entity-type-case",
	Answers: []string{"entity-type"},
	Safety:  Safe,
	Title:   "Capitalize an entity type as the vocabulary writes it",
	Doc: `Rewrites an entity type that differs from a vocabulary type only in case: ` + "`(person)`" + `
becomes ` + "`(Person)`" + `. A type outside the vocabulary is left as a finding: which type was
meant is an editor's call.`,
	Before: "- **Ada Pemberton** (person): Cartographer.",
	After:  "- **Ada Pemberton** (Person): Cartographer.",
	Make:   makeEntityTypeCase,
}

func makeEntityTypeCase(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	raw := string(doc.Src[d.Span.Start:d.Span.End])
	value := raw
	if doc.Format == schema.JSON {
		v, _, err := schema.ParseJSON([]byte(raw))
		if err != nil || v.Kind != schema.String {
			return nil
		}
		value = v.Str
	}
	for _, t := range cfg.EntityTypes() {
		if strings.EqualFold(t, value) && t != value {
			if doc.Format == schema.JSON {
				var ok bool
				if t, ok = schema.RewriteJSONString(raw, t); !ok {
					return nil
				}
			}
			return &Fix{Safety: Safe, Removed: []string{raw}, Edits: []Edit{{Start: d.Span.Start, End: d.Span.End, New: t}}}
		}
	}
	return nil
}
