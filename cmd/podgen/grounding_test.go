package main

import (
	"encoding/json"
	"fmt"
	"github.com/podlint/podlint/internal/racetest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
	"github.com/podlint/podlint/transcript"
)

// generated writes a corpus into dir as podgen does and returns its
// labels.
func generated(t *testing.T, dir string, n int, seed uint64, asJSON bool, rate float64) map[string][]label {
	t.Helper()
	if err := generate(dir, n, seed, asJSON, rate); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".podgen", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string][]label
	if err := json.Unmarshal(data, &labels); err != nil {
		t.Fatal(err)
	}
	return labels
}

// groundingTally counts, for one grounding rule, the quotes podgen made
// wrong (Labelled), those the rule found (Found) and its findings on
// quotes podgen did not make wrong (FalseAlarms).
type groundingTally struct{ Labelled, Found, FalseAlarms int }

// groundingFigures are the README's grounding figures (section
// "Grounding"): podgen -n 150 -seed 5 -defects 0.3 -transcripts
// -invented 0.1 -shifted 0.1, in Markdown and in JSON. A change to the
// matching or to podgen that moves any of them updates the README and
// this table together.
var groundingFigures = map[string]map[string]groundingTally{
	"markdown": {
		"quote-not-in-transcript": {Labelled: 465, Found: 465, FalseAlarms: 0},
		"quote-time-drift":        {Labelled: 442, Found: 442, FalseAlarms: 0},
		"quote-speaker-mismatch":  {},
		"chapter-mid-sentence":    {},
	},
	"json": {
		"quote-not-in-transcript": {Labelled: 482, Found: 482, FalseAlarms: 0},
		"quote-time-drift":        {Labelled: 461, Found: 461, FalseAlarms: 0},
		"quote-speaker-mismatch":  {},
		"chapter-mid-sentence":    {},
	},
}

// groundingQuotes are the quotes of those pages, as the README gives them.
var groundingQuotes = map[string]int{"markdown": 4393, "json": 4599}

// TestGroundingFigures generates pages with transcripts, a share of
// whose quotes are invented or shifted, checks each page against its
// transcript and counts, per grounding rule, what it found of what was
// injected and what it reported besides.
func TestGroundingFigures(t *testing.T) {
	racetest.Skip(t)
	defer func(w bool, i, s float64) { writeTranscripts, inventedShare, shiftedShare = w, i, s }(writeTranscripts, inventedShare, shiftedShare)
	writeTranscripts, inventedShare, shiftedShare = true, 0.1, 0.1
	got := map[string]map[string]groundingTally{}
	quotes := map[string]int{}
	for _, form := range []string{"markdown", "json"} {
		dir := t.TempDir()
		labels := generated(t, dir, 150, 5, form == "json", 0.3)
		tallies := map[string]groundingTally{}
		for name, want := range labels {
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			vtt := filepath.Join(dir, "transcripts", strings.TrimSuffix(name, filepath.Ext(name))+".vtt")
			text, err := os.ReadFile(vtt)
			if err != nil {
				t.Fatal(err)
			}
			cfg := rules.DefaultConfig()
			cfg.Rules = slices.DeleteFunc(cfg.Rules, func(r *rules.Rule) bool { return r.Category != rules.Grounding })
			if cfg.Transcript, err = transcript.Read(vtt, text); err != nil {
				t.Fatalf("%s: %v", vtt, err)
			}
			labelled := map[string]bool{}
			for _, l := range want {
				if r := rules.Lookup(l.Rule); r != nil && r.Category == rules.Grounding {
					labelled[fmt.Sprintf("%s@%d", l.Rule, l.Line)] = true
					tl := tallies[l.Rule]
					tl.Labelled++
					tallies[l.Rule] = tl
				}
			}
			doc := schema.Read(name, src)
			for _, c := range doc.Episode.Chapters {
				for _, b := range c.Blocks {
					if b.Quote != nil && b.Quote.Pair == nil {
						quotes[form]++
					}
				}
			}
			for _, d := range rules.Run(doc, cfg) {
				if rules.Lookup(d.Rule).Category != rules.Grounding {
					continue
				}
				tl := tallies[d.Rule]
				if key := fmt.Sprintf("%s@%d", d.Rule, doc.Lines.Position(d.Span.Start).Line); labelled[key] {
					tl.Found++
					delete(labelled, key)
				} else {
					tl.FalseAlarms++
					t.Logf("%s %s: false alarm: %s %s", form, name, d.Rule, d.Message)
				}
				tallies[d.Rule] = tl
			}
		}
		got[form] = tallies
		for _, r := range rules.All() {
			if r.Category == rules.Grounding {
				tl := tallies[r.Name]
				t.Logf("%s: %s: %d injected, %d found, %d false alarms", form, r.Name, tl.Labelled, tl.Found, tl.FalseAlarms)
			}
		}
	}
	for form, want := range groundingQuotes {
		if quotes[form] != want {
			t.Errorf("%s: %d quotes, the README says %d", form, quotes[form], want)
		}
	}
	for form, want := range groundingFigures {
		for rule, w := range want {
			if g := got[form][rule]; g != w {
				t.Errorf("%s, %s: got %+v, the README says %+v", form, rule, g, w)
			}
		}
	}
	if len(groundingFigures) == 0 {
		t.Error("no figures to hold the measure to")
	}
}
