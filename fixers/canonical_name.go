package fixers

import (
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var canonicalName = &Fixer{
	Name:    "canonical-name",
	Answers: []string{"name-variant"},
	Safety:  Unsafe,
	Title:   "Write a name as the entity list spells it",
	Doc: `Rewrites a near miss of a name in the spelling name-variant measured it against (the entity
list's, the config's, or the one the page uses most): only the words that differ change, so
` + "`Ada Pembleton's`" + ` becomes ` + "`Ada Pemberton's`" + `. It is unsafe: a near miss may be somebody else, whom
the entity list does not know.`,
	Before: "## [06:52] Ada Pembleton on Mercator\n\nThe projection was built for navigation.\n\n## Entities\n\n- **Ada Pemberton** (Person): Cartographer.",
	After:  "## [06:52] Ada Pemberton on Mercator\n\nThe projection was built for navigation.\n\n## Entities\n\n- **Ada Pemberton** (Person): Cartographer.",
	Make:   makeCanonicalName,
}

func makeCanonicalName(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	for _, v := range rules.NameVariants(doc, cfg) {
		if v.Span != d.Span || v.Message != d.Message || len(v.Words) == 0 {
			continue
		}
		fix := &Fix{Safety: Unsafe}
		if v.Exact {
			for _, w := range v.Words {
				fix.Edits = append(fix.Edits, Edit{Start: v.TextSpan.Start + w.Start, End: v.TextSpan.Start + w.End, New: w.New})
				fix.Removed = append(fix.Removed, v.Text[w.Start:w.End])
			}
			return fix
		}
		// A JSON string: the literal is written anew with the words replaced.
		text, at := "", 0
		for _, w := range v.Words {
			text += v.Text[at:w.Start] + w.New
			at = w.End
		}
		text += v.Text[at:]
		fix.Edits = []Edit{{Start: v.TextSpan.Start, End: v.TextSpan.End, New: schema.JSONString(text)}}
		fix.Removed = []string{string(doc.Src[v.TextSpan.Start:v.TextSpan.End])}
		return fix
	}
	return nil
}
