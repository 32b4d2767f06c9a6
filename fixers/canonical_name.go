package fixers

import (
	"strings"

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
		if at, ok := wordsInSource(doc, v); ok {
			for _, w := range v.Words {
				fix.Edits = append(fix.Edits, Edit{Start: at + w.Start, End: at + w.End, New: w.New})
				fix.Removed = append(fix.Removed, v.Text[w.Start:w.End])
			}
			return fix
		}
		// A JSON string that escapes a character: the literal is written
		// anew with the words replaced, its escapes elsewhere kept.
		var text strings.Builder
		at := 0
		for _, w := range v.Words {
			text.WriteString(v.Text[at:w.Start])
			text.WriteString(w.New)
			at = w.End
		}
		text.WriteString(v.Text[at:])
		literal := string(doc.Src[v.TextSpan.Start:v.TextSpan.End])
		rewritten, ok := schema.RewriteJSONString(literal, text.String())
		if !ok {
			return nil
		}
		fix.Edits = []Edit{{Start: v.TextSpan.Start, End: v.TextSpan.End, New: rewritten}}
		fix.Removed = []string{literal}
		return fix
	}
	return nil
}

// wordsInSource is where the variant's text starts in the source when its
// words can be replaced there one by one: a text that is its source, or a
// JSON string literal that escapes nothing (its bytes between the quotes
// are its value) and whose new words need no escape either. Each word is
// then an edit of its own, so that the variants of one long string are
// fixed in one pass, each without writing the whole string again.
func wordsInSource(doc *schema.Document, v rules.NameVariant) (int, bool) {
	if v.Exact {
		return v.TextSpan.Start, true
	}
	// A literal whose bytes between the quotes are its value escapes
	// nothing (an escape is longer than what it stands for).
	start, end := v.TextSpan.Start+1, v.TextSpan.End-1
	if doc.Format != schema.JSON || start > end || doc.Src[start-1] != '"' || doc.Src[end] != '"' ||
		string(doc.Src[start:end]) != v.Text {
		return 0, false
	}
	for _, w := range v.Words {
		if schema.JSONString(w.New) != `"`+w.New+`"` {
			return 0, false // the word would be escaped
		}
	}
	return start, true
}
