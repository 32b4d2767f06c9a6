package fixers

import (
	"strings"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var quoteMarks = &Fixer{
	Name:    "quote-marks",
	Answers: []string{"quote-style"},
	Safety:  Safe,
	Title:   "Put a quote in italics and double quotes",
	Doc: `Wraps a quote's words in double quotes inside the italics: ` + "`> *text*`" + ` becomes
` + "`> *\"text\"*`" + `, and a plain ` + "`> text`" + ` line becomes ` + "`> *\"text\"*`" + `. A lone double quote at
one end is completed rather than doubled. A plain line with a dash in it is left alone: the
dash may start a speaker, and podlint does not guess.`,
	Before: "> *Every map is an argument about what matters.* [00:09]",
	After:  "> *\"Every map is an argument about what matters.\"* [00:09]",
	Make:   makeQuoteMarks,
}

func makeQuoteMarks(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	c, i := blockAt(doc, d.Span.Start)
	if c == nil || c.Blocks[i].Quote == nil {
		return nil
	}
	q := c.Blocks[i].Quote
	body := q.Body.Span
	words := strings.Trim(strings.TrimSpace(q.Body.Value), `"`)
	if words == "" {
		return nil
	}
	italic := body.Start > 0 && doc.Src[body.Start-1] == '*'
	if italic {
		return &Fix{Safety: Safe, Edits: []Edit{{Start: body.Start, End: body.End, New: `"` + words + `"`}}}
	}
	if strings.Contains(words, " — ") || strings.Contains(words, " - ") {
		return nil
	}
	return &Fix{Safety: Safe, Edits: []Edit{{Start: body.Start, End: body.End, New: `*"` + words + `"*`}}}
}
