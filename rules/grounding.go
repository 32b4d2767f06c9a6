package rules

import (
	"fmt"
	"strings"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

// The grounding rules (quote-not-in-transcript, quote-time-drift,
// quote-speaker-mismatch, chapter-mid-sentence) hold a page to its
// episode's transcript, which the caller puts in Config.Transcript. Each
// quote is looked up once per page and transcript, and the three quote
// rules and the fixer that sets a quote's time read the same lookup.

// groundedQuote is a quote of the page and where the transcript says it.
type groundedQuote struct {
	chapter int // index in Episode.Chapters
	block   schema.Block
	result  transcript.Result
}

// groundingKey keys the lookups in a document's memo, per transcript.
type groundingKey struct{ t *transcript.Transcript }

// maxQuoteWords bounds what is looked up as a quote: a quote is a
// sentence or a few; a longer quote line is a pasted paragraph or leaked
// JSON, whose lookup would cost what a quote never costs.
const maxQuoteWords = 150

// groundedQuotes looks every quote of doc up in t, once per document.
func groundedQuotes(doc *schema.Document, t *transcript.Transcript) []groundedQuote {
	return doc.Memo(groundingKey{t}, func() any {
		var out []groundedQuote
		for ci, c := range doc.Episode.Chapters {
			for _, b := range c.Blocks {
				q := b.Quote
				if q == nil || q.Pair != nil || q.Words == "" || leak.IsText(q.Body.Value) || countWords(q.Words) > maxQuoteWords {
					continue
				}
				stamp := transcript.Millis(-1)
				if q.At != nil && q.At.Valid {
					stamp = transcript.Millis(q.At.Seconds) * 1000
				}
				if res := t.Find(q.Words, stamp); res.Words > 0 {
					out = append(out, groundedQuote{chapter: ci, block: b, result: res})
				}
			}
		}
		return out
	}).([]groundedQuote)
}

func countWords(text string) int {
	n := 0
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		n++
	}
	return n
}

// chapterEnd is where chapter i of ep ends: the next chapter's start, or
// the episode's duration (math.MaxInt without one), as quote-out-of-range
// reads it.
func chapterEnd(ep *schema.Episode, i int) int {
	if i+1 < len(ep.Chapters) && ep.Chapters[i+1].Start.Valid {
		return ep.Chapters[i+1].Start.Seconds
	}
	return episodeDuration(ep)
}

// TranscriptTime is the time podlint fix gives the quote whose timestamp
// is at span: where the transcript says it, in seconds, when that is more
// than the tolerance away from its timestamp and inside its chapter (a
// time elsewhere would move the quote out of its chapter: that is for an
// editor). quote-time-drift states a safe fix exactly when ok.
func TranscriptTime(doc *schema.Document, cfg *Config, span schema.Span) (seconds int, ok bool) {
	if cfg.Transcript == nil || doc.Broken {
		return 0, false
	}
	for _, g := range groundedQuotes(doc, cfg.Transcript) {
		if at := g.block.Quote.At; at != nil && at.Span == span {
			secs, drifted, inside := drift(doc.Episode, cfg, g)
			return secs, drifted && inside
		}
	}
	return 0, false
}

// drift tells where the transcript says a found quote, whether that is
// more than the tolerance from its timestamp, and whether it falls inside
// the quote's chapter.
func drift(ep *schema.Episode, cfg *Config, g groundedQuote) (seconds int, drifted, inside bool) {
	at := g.block.Quote.At
	if !g.result.Found || at == nil || !at.Valid {
		return 0, false, false
	}
	seconds = g.result.Match.At.Seconds()
	gap := seconds - at.Seconds
	drifted = max(gap, -gap) > driftTolerance.In(cfg)
	c := ep.Chapters[g.chapter]
	inside = c.Start.Valid && seconds >= c.Start.Seconds && seconds < chapterEnd(ep, g.chapter)
	return seconds, drifted, inside
}

// transcriptPlace names a place of the transcript in a message: its file
// and line.
func transcriptPlace(t *transcript.Transcript, m transcript.Match) string {
	return fmt.Sprintf("%s:%d", t.Name, m.Line)
}

// sameSpeaker tells whether a quote's speaker and a transcript's label
// name the same person: their words, case folded and without titles (Dr,
// Mr, Ms, Mrs, Prof), are one within the other, so that "Ada" and
// "ADA PEMBERTON" name Ada Pemberton and "Bruno" does not.
func sameSpeaker(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true // nothing to tell them apart by
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for w := range wa {
		if !wb[w] {
			return false
		}
	}
	return true
}

var honorifics = map[string]bool{"dr": true, "mr": true, "ms": true, "mrs": true, "mx": true, "prof": true, "sir": true}

func nameWords(name string) map[string]bool {
	out := map[string]bool{}
	var buf []byte
	for start, end := schema.NextWord(name, 0); start < end; start, end = schema.NextWord(name, end) {
		buf = schema.AppendFoldedWord(buf[:0], name[start:end])
		if w := string(buf); !honorifics[w] {
			out[w] = true
		}
	}
	return out
}

// genericSpeaker tells a label that names a role or a number, not a
// person ("Speaker 1", "SPEAKER_00", "Host", "Unknown"): transcription
// tools write those when they cannot tell who speaks.
func genericSpeaker(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.TrimRight(l, "0123456789 _-#")
	switch l {
	case "speaker", "spk", "voice", "person", "unknown", "host", "co-host", "cohost", "guest",
		"interviewer", "interviewee", "narrator", "announcer", "audience", "caller", "moderator", "":
		return true
	}
	return false
}

// secondsApart writes a gap in seconds for a message: "45 s", "2 min 5 s".
func secondsApart(gap int) string {
	gap = max(gap, -gap)
	if gap < 60 {
		return fmt.Sprintf("%d s", gap)
	}
	if gap%60 == 0 {
		return fmt.Sprintf("%d min", gap/60)
	}
	return fmt.Sprintf("%d min %d s", gap/60, gap%60)
}
