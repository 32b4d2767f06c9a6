package rules

var quoteNotInTranscript = &Rule{
	Name:     "quote-not-in-transcript",
	Category: Grounding,
	Severity: Error,
	Title:    "A quote the transcript does not have",
	Doc: `A quote is the speaker's own words, so it must be in the episode's transcript (given with
` + "`--transcript DIR`" + ` or the config's ` + "`transcripts:`" + `; without one this rule says nothing). A quote
the pipeline's model wrote from its own summary, or "improved", is the worst thing a page can
print: words put in a real person's mouth. The match forgives what transcripts and show notes
write differently: case, punctuation, curly quotes, filler words ("uh", "um", "like", "you
know", "I mean"), an ellipsis for skipped words (each part must be said, in order, within two
minutes of the one before), and one word in six (rounded down) missing, extra or different.
When the transcript has a passage close to the quote, the finding gives its time and line.`,
	Bad:  `> *"Every map is a lie we agree on."* [00:06]`,
	Good: `> *"Every map is, uh, an argument about what matters."* [00:06]`,
	Run:  runQuoteNotInTranscript,
}

func runQuoteNotInTranscript(p *Pass) {
	t := p.Config.Transcript
	if t == nil {
		return
	}
	leaked := p.leaked().blocks
	for _, g := range groundedQuotes(p.Doc, t) {
		if g.result.Found || leaked[g.block.Span.Start] {
			continue
		}
		label := p.Episode.Chapters[g.chapter].Label()
		span := g.block.Quote.Body.Span
		if r := g.result; r.Near {
			p.Report(span, "quote is not in the transcript: the nearest passage, at %s (%s), differs in %d of %d words (%s)",
				formatMillis(r.Match.At), transcriptPlace(t, r.Match), r.Match.Edits, r.Words, label)
			continue
		}
		p.Report(span, "quote is not in the transcript %s (%s)", t.Name, label)
	}
}
