package rules

import "strings"

var quoteSpeakerMismatch = &Rule{
	Name:     "quote-speaker-mismatch",
	Category: Grounding,
	Severity: Warning,
	Title:    "A quote given to another speaker than the transcript's",
	Doc: `When the episode's transcript labels its speakers (WebVTT voice spans ` + "`<v Ada Pemberton>`" + `, or
a leading ` + "`Ada:`" + ` in SRT and in WebVTT), a quote found there must be given to a speaker the
transcript names over its words. Names compare by their words, case folded and without
titles, one within the other: "Ada" and "ADA PEMBERTON" are Ada Pemberton, "Bruno Quill" is
not. Labels that name no one ("Speaker 1", "SPEAKER_00", "Host", "Guest", "Unknown") are not
compared. A host's question printed as the guest's answer misquotes both; there is no fix,
since the page or the transcript may be the one that is wrong.`,
	Bad:  `> *"Every map is an argument about what matters."* — Bruno Quill [00:06]`,
	Good: `> *"Every map is an argument about what matters."* — Ada Pemberton [00:06]`,
	Run:  runQuoteSpeakerMismatch,
}

func runQuoteSpeakerMismatch(p *Pass) {
	t := p.Config.Transcript
	if t == nil {
		return
	}
	leaked := p.leaked().blocks
	for _, g := range groundedQuotes(p.Doc, t) {
		q := g.block.Quote
		if !g.result.Found || q.Speaker == nil || strings.TrimSpace(q.Speaker.Value) == "" || leaked[g.block.Span.Start] {
			continue
		}
		var named []string
		matches := false
		for _, label := range t.SpeakersOf(g.result.Match) {
			if genericSpeaker(label) {
				continue
			}
			named = append(named, label)
			matches = matches || sameSpeaker(q.Speaker.Value, label)
		}
		if len(named) == 0 || matches {
			continue
		}
		p.Report(q.Speaker.Span, "quote is given to %s, but the transcript (%s) has it said by %s (%s)",
			strings.TrimSpace(q.Speaker.Value), transcriptPlace(t, g.result.Match), strings.Join(named, " and "), p.Episode.Chapters[g.chapter].Label())
	}
}
