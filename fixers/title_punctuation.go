package fixers

import (
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var titlePunctuation = &Fixer{
	Name:    "title-punctuation",
	Answers: []string{"title-format"},
	Safety:  Safe,
	Title:   "Write a doubled mark in a title once",
	Doc: `Keeps one of a mark written twice or more in an episode or chapter title: ` + "`,,`" + `, ` + "`;;`" + `, ` + "`::`" + `,
` + "`!!`" + `, ` + "`??`" + `. No word changes. (In episode JSON a title is one string: whichever
finding asks, it is written anew with every repair of title-spacing and this fixer.) Two dots, and a title ending in ` + "`,`" + `, ` + "`;`" + `, ` + "`:`" + ` or a lone dash, are
left as findings: whether one dot or an ellipsis was meant, and what was cut off, are an
editor's call.`,
	Before: "# Maps That Lie,, and Why It Matters!!",
	After:  "# Maps That Lie, and Why It Matters!",
	Make:   makeTitlePunctuation,
}

func makeTitlePunctuation(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	if doc.Format == schema.JSON {
		return fixJSONTitle(doc, d)
	}
	raw := string(doc.Src[d.Span.Start:d.Span.End])
	slips := rules.TitleSlips(raw)
	if len(raw) < 2 || len(slips) == 0 || slips[0].Slip != rules.DoubledMark || slips[0].Start != 0 || slips[0].End != len(raw) {
		return nil
	}
	return &Fix{Safety: Safe, Edits: []Edit{{Start: d.Span.Start + 1, End: d.Span.End}}}
}
