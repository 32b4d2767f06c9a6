package rules

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

// threeHours builds a three-hour WebVTT transcript (a cue every four
// seconds, about 30,000 words: common function words and a long tail of
// rarer ones, as speech has) and a page of 20 chapters and 100 quotes
// taken from it, some with a filler word the transcript lacks, some with
// their timestamps a few minutes off.
func threeHours() (vtt, page string) {
	rng := rand.New(rand.NewPCG(3, 16))
	common := strings.Fields("the a and of to in is that it we you i was for on so but they with this")
	zipf := rand.NewZipf(rng, 1.07, 4, 20000)
	var b strings.Builder
	var said []string // each cue's text
	b.WriteString("WEBVTT\n")
	const cues = 3 * 3600 / 4
	for i := range cues {
		var ws []string
		for range 9 + rng.IntN(5) {
			if rng.IntN(5) < 2 {
				ws = append(ws, common[rng.IntN(len(common))])
			} else {
				ws = append(ws, fmt.Sprintf("word%d", zipf.Uint64()))
			}
		}
		text := strings.Join(ws, " ") + "."
		said = append(said, text)
		fmt.Fprintf(&b, "\n%s --> %s\n<v Ada Pemberton>%s\n", benchTime(i*4), benchTime(i*4+4), text)
	}
	var p strings.Builder
	p.WriteString("# Three Hours of Maps — Ada Pemberton\n\nA long conversation with Ada Pemberton about maps.\n")
	for ch := range 20 {
		start := ch * 540
		fmt.Fprintf(&p, "\n## [%s] Part %d\n\nAda goes on about maps.\n", schema.FormatTimestamp(start), ch+1)
		for q := range 5 {
			cue := (start+q*100+10)/4 + rng.IntN(10)
			text := strings.TrimSuffix(said[cue], ".")
			if q == 1 {
				ws := strings.Fields(text)
				text = strings.Join(ws[:3], " ") + ", you know, " + strings.Join(ws[3:], " ")
			}
			at := cue * 4
			if q == 3 {
				at = start + 1 // off by minutes: quote-time-drift
			}
			fmt.Fprintf(&p, "\n> *\"%s.\"* — Ada Pemberton [%s]\n", text, schema.FormatTimestamp(at))
		}
	}
	return b.String(), p.String()
}

func benchTime(s int) string { return fmt.Sprintf("%02d:%02d:%02d.000", s/3600, s/60%60, s%60) }

// BenchmarkGrounding checks a page of 100 quotes against a three-hour
// transcript: reading and indexing the transcript, then every grounding
// rule (each quote looked up once).
func BenchmarkGrounding(b *testing.B) {
	vtt, page := threeHours()
	cfg := DefaultConfig()
	cfg.Rules = nil
	for _, r := range All() {
		if r.Category == Grounding {
			cfg.Rules = append(cfg.Rules, r)
		}
	}
	check := func() []Diagnostic {
		t, err := transcript.Read("three-hours.vtt", []byte(vtt))
		if err != nil {
			b.Fatal(err)
		}
		c := *cfg
		c.Transcript = t
		return Run(schema.Read("three-hours.md", []byte(page)), &c)
	}
	ds := check()
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.Rule]++
	}
	// Every quote is found; the 20 moved ones are reported as such.
	if counts["quote-not-in-transcript"] != 0 || counts["quote-time-drift"] != 20 {
		b.Fatalf("findings: %v", counts)
	}
	b.SetBytes(int64(len(vtt)))
	for b.Loop() {
		check()
	}
}
