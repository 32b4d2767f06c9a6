package fixers

import (
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var quoteMarks = &Fixer{
	Name:    "quote-marks",
	Answers: []string{"quote-style"},
	Safety:  Safe,
	Title:   "Put a quote in italics and double quotes",
	Doc: `Adds the marks a quote lacks, and only where the quote's words are plainly delimited on a
line of their own: ` + "`> *text*`" + ` becomes ` + "`> *\"text\"*`" + `, ` + "`> \"text\"`" + ` becomes ` + "`> *\"text\"*`" + `, and a
plain ` + "`> text`" + ` line becomes ` + "`> *\"text\"*`" + `. A lone double quote at one end is completed
rather than doubled. Nothing but white space after the words is removed. Every other shape stays a finding that
says what podlint would write and why it did not: a quote in bold or in ` + "`_…_`" + `, in single
quote marks (they may be apostrophes), holding double quote marks, emphasis markers or escapes
of its own, with text after its italics, with italics not closed on its line, or sharing its
Markdown paragraph with another line (a lazy continuation line, or a ` + "`>`" + ` line above or below
it without a blank line between); and a plain line with a dash in it, which may start a
speaker.`,
	Before: "> *Every map is an argument about what matters.* [00:09]",
	After:  "> *\"Every map is an argument about what matters.\"* [00:09]",
	Make:   makeQuoteMarks,
}

// makeQuoteMarks applies the repair quote-style found for the quote, if any.
func makeQuoteMarks(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	c, i := blockAt(doc, d.Span.Start)
	if c == nil || c.Blocks[i].Quote == nil {
		return nil
	}
	shape := rules.ReadQuoteShape(doc, c.Blocks, i)
	if !shape.Repairable() {
		return nil
	}
	return &Fix{Safety: Safe, Edits: []Edit{{Start: shape.Span.Start, End: shape.Span.End, New: shape.Repair()}}}
}
