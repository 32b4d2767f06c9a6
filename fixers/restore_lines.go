package fixers

import (
	"strings"

	"github.com/podlint/podlint/restore"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var restoreLines = &Fixer{
	Name:    "restore-lines",
	Answers: []string{"collapsed-markdown"},
	Safety:  Safe,
	Title:   "Give a flattened page its lines back",
	Doc: `Splits a page flattened onto one line at its block markers: chapter headings, the
Entities heading, quote lines (a quote ends at its closing ` + "`*`" + `, keeping a following
` + "`— Speaker`" + ` and ` + "`[TS]`" + `), entity bullets; text after a quote stays in its chapter. Where a heading
and the first sentence of its chapter run together, the title is cut only on decisive
evidence (the leaked JSON's record for that start, a text that ends no sentence, or exactly one
title end passing every hard test; see collapsed-markdown); an unsure heading is left whole.
Only white space changes, so the repair is safe. Splitting an unsure heading at the best guess
afterwards is an unsafe fix.`,
	Before: `Ada explains why maps distort. ## [00:00] Cold open Ada opens with a claim. > *"Every map is an argument."* [00:09]`,
	After:  "Ada explains why maps distort.\n\n## [00:00] Cold open\n\nAda opens with a claim.\n\n> *\"Every map is an argument.\"* [00:09]",
	// The page's structure is what the fix gives back.
	Reshapes: true,
	Make:     makeRestoreLines,
}

func makeRestoreLines(doc *schema.Document, _ *rules.Config, d rules.Diagnostic) *Fix {
	if doc.Format != schema.Markdown {
		return nil
	}
	ep := doc.Episode
	if c := ep.Collapsed; c != nil && c.Span.Start <= d.Span.Start && d.Span.Start < c.Span.End {
		r, _ := restore.Collapsed(doc)
		if r.Text == string(doc.Src[c.Span.Start:c.Span.End]) {
			return nil
		}
		return &Fix{Safety: Safe, Edits: []Edit{{Start: c.Span.Start, End: c.Span.End, New: r.Text}}}
	}
	// A heading left whole: split it at the scorer's best guess.
	for _, ch := range ep.Chapters {
		if ch.Title.Span != d.Span {
			continue
		}
		sp := restore.SplitHeading(ch.Title.Value, restore.NameTokens(ep.EntityNames()), "")
		if sp.Body == "" || !sp.Plausible {
			return nil
		}
		return &Fix{Safety: Unsafe, Edits: []Edit{{Start: ch.Title.Span.Start, End: ch.Title.Span.End, New: sp.Title + "\n\n" + strings.TrimSpace(sp.Body)}}}
	}
	return nil
}
