package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Transcripts: with -transcripts, podgen writes each page's WebVTT
// transcript into DIR/transcripts/, by the page's stem, so that podlint
// check --transcript DIR/transcripts DIR holds the pages to them. Every
// quote is said at about its time (up to 15 s after it, later when another
// quote is still being said), in the words a speaker
// uses (a filler word here, a word dropped there, case and punctuation
// changed, some split over two cues), except a share of invented quotes,
// which are never said, and of shifted ones, said 40 s to 3 minutes away
// from their timestamps: labels.json gives those as quote-not-in-transcript
// and quote-time-drift, so that the corpus measures grounding.
var (
	writeTranscripts bool
	inventedShare    float64
	shiftedShare     float64
)

// groundingSalt keeps the draws for transcripts apart from the page's
// own: a corpus is the same with or without its transcripts.
const groundingSalt = 0x9e3779b97f4a7c15

// fate is what the transcript does with a quote.
type fate int

const (
	said fate = iota
	invented
	shifted
)

// grounding is a page's transcript under construction.
type grounding struct {
	rng   *rand.Rand
	fates map[string]fate // by the quote's text
	// at is when a quote is said, by its text, for quotes whose time on
	// the page is not their model time (the "early" defect).
	at map[string]int
}

// ground decides the fate of a quote rendered at line and returns its
// labels. Only a clean timed quote may be invented or shifted; a quote a
// defect changed is said at the time the page gives it.
func (p *page) ground(q quote, line int) []label {
	g := p.grounding
	if g == nil {
		return nil
	}
	if q.raw == "early" {
		g.at[q.text] = 1
	}
	if p.flat || q.raw != "" || q.fragment || q.untimed {
		return nil
	}
	switch r := g.rng.Float64(); {
	case r < inventedShare:
		g.fates[q.text] = invented
		return []label{{"quote-not-in-transcript", line}}
	case r < inventedShare+shiftedShare:
		g.fates[q.text] = shifted
		return []label{{"quote-time-drift", line}}
	}
	return nil
}

// vttCue is one cue of a generated transcript, in seconds.
type vttCue struct {
	start, end float64
	speaker    string
	text       string
}

// transcript writes the page's transcript: a sentence at each chapter's
// start, each quote as its fate says, and talk in between.
func (p *page) transcript() string {
	g := p.grounding
	guest := p.title[strings.LastIndex(p.title, " — ")+len(" — "):]
	host := p.pickFrom(g.rng, firstNames) + " " + p.pickFrom(g.rng, lastNames)
	var fixed []vttCue
	type utterance struct {
		at      int
		speaker string
		parts   []string
	}
	var quotes []utterance
	end := 0
	for _, c := range p.chapters {
		end = max(end, c.end, c.start+10)
		fixed = append(fixed, vttCue{float64(c.start), float64(c.start) + 3, host, p.talk(g.rng)})
		for _, q := range c.quotes {
			at := q.at
			if t, ok := g.at[q.text]; ok {
				at = t
			}
			switch g.fates[q.text] {
			case invented:
				continue
			case shifted:
				shift := 40 + g.rng.IntN(140)
				if g.rng.IntN(2) == 0 && at >= shift {
					shift = -shift
				}
				at += shift
			default:
				at += g.rng.IntN(16) // within the tolerance, never before its time
			}
			speaker := q.speaker
			if speaker == "" {
				speaker = guest
			}
			quotes = append(quotes, utterance{at, speaker, p.spoken(g.rng, q.text)})
		}
	}
	// One quote at a time: a quote said while another is still being said
	// starts when that one ends (podgen puts quotes as little as a second
	// apart; people do not say two at once).
	sort.SliceStable(quotes, func(i, j int) bool { return quotes[i].at < quotes[j].at })
	chapterCues := append([]vttCue(nil), fixed...) // by start, as chapters are
	free := 0.0
	for _, u := range quotes {
		start := max(float64(u.at), free)
		length := 2.5 * float64(len(u.parts))
		// Nor does a quote run through a chapter's first sentence.
		for _, c := range chapterCues {
			if start < c.end && c.start < start+length {
				start = c.end
			}
		}
		for _, part := range u.parts {
			fixed = append(fixed, vttCue{start, start + 2.5, u.speaker, part})
			start += 2.5
		}
		free = start
		end = max(end, int(start)+1)
	}
	sort.SliceStable(fixed, func(i, j int) bool { return fixed[i].start < fixed[j].start })
	// Talk fills the slots no fixed cue touches.
	cues := append([]vttCue(nil), fixed...)
	k := 0
	for t := 0.0; t+6 <= float64(end); t += 6 {
		for k < len(fixed) && fixed[k].end <= t {
			k++
		}
		free := true
		for j := k; j < len(fixed) && fixed[j].start < t+6; j++ {
			if fixed[j].end > t {
				free = false
				break
			}
		}
		if free {
			speaker := host
			if g.rng.IntN(2) == 0 {
				speaker = guest
			}
			cues = append(cues, vttCue{t, t + 6, speaker, p.talk(g.rng)})
		}
	}
	sort.SliceStable(cues, func(i, j int) bool { return cues[i].start < cues[j].start })
	var b strings.Builder
	b.WriteString("WEBVTT\n")
	for _, c := range cues {
		fmt.Fprintf(&b, "\n%s --> %s\n<v %s>%s\n", vttTime(c.start), vttTime(c.end), c.speaker, c.text)
	}
	return b.String()
}

func vttTime(s float64) string {
	ms := int(s*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

func (p *page) pickFrom(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// fillers are what a speaker adds that a quote leaves out.
var fillers = []string{"uh,", "um,", "you know,", "I mean,", "like,"}

// talkShapes are the sentences said between quotes: conversation in
// words no quote of podgen's uses, so that no talk passes for a quote.
var talkShapes = []string{
	"So we kept coming back to the %s, %s.",
	"Right, and that was the %s part of it, honestly.",
	"I remember the %s being so %s that year.",
	"That is a good question, and I want to get to it.",
	"We should talk about the %s for a minute.",
	"Yeah. Yeah, I think that is fair to say about the %s.",
	"Okay, so what happened next with the %s?",
}

// talk is a sentence of speech between quotes.
func (p *page) talk(rng *rand.Rand) string {
	shape := talkShapes[rng.IntN(len(talkShapes))]
	args := []any{p.pickFrom(rng, nouns), p.pickFrom(rng, adjectives)}
	s := fmt.Sprintf(shape, args[:strings.Count(shape, "%s")]...)
	if rng.IntN(3) == 0 {
		s = "Um, " + s
	}
	return s
}

// spoken is a quote as a speaker says it, in one cue or two: a filler
// word put in, now and then a word dropped (one in six may differ), its
// first letter in lower case, its final stop gone.
func (p *page) spoken(rng *rand.Rand, text string) []string {
	words := strings.Fields(text)
	if len(words) >= 6 && rng.IntN(5) == 0 {
		at := 1 + rng.IntN(len(words)-1)
		words = append(words[:at], words[at+1:]...)
	}
	if rng.IntN(2) == 0 {
		at := 1 + rng.IntN(len(words)-1)
		words = append(words[:at], append([]string{p.pickFrom(rng, fillers)}, words[at:]...)...)
	}
	if rng.IntN(3) == 0 {
		words[0] = strings.ToLower(words[0])
	}
	if rng.IntN(3) == 0 {
		words[len(words)-1] = strings.TrimSuffix(words[len(words)-1], ".")
	}
	if len(words) > 8 && rng.IntN(3) == 0 {
		half := len(words) / 2
		return []string{strings.Join(words[:half], " "), strings.Join(words[half:], " ")}
	}
	return []string{strings.Join(words, " ")}
}

// writeTranscript writes a page's transcript as dir/transcripts/STEM.vtt.
func writeTranscript(dir, page, text string) error {
	folder := filepath.Join(dir, "transcripts")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(folder, strings.TrimSuffix(page, filepath.Ext(page))+".vtt"), []byte(text), 0o644)
}
