// Command podgen writes a deterministic synthetic corpus of episode pages
// shaped like the site's, with a configurable mix of the defects of the
// catalog, and labels.json: the defects injected in each file, as the rule
// and line podlint must report (in DIR/.podgen/, which podlint's walk skips).
// The same corpus measures speed and detection.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	n := flag.Int("n", 1000, "number of pages")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	out := flag.String("o", "corpus", "output folder")
	asJSON := flag.Bool("json", false, "write episode JSON instead of Markdown pages")
	rate := flag.Float64("defects", 0.3, "share of pages with injected defects (0 to 1)")
	flag.IntVar(&leakChapters, "leak-chapters", leakChapters, "chapters a leaked JSON blob carries (real blobs: 15 to 20, 10-20 KB)")
	flag.Float64Var(&pairShare, "pairs", 0, "with -json: share of chapters written with every quote a text and a [m, s] pair (quote-fragment), besides the defects drawn (0 to 1)")
	flag.Float64Var(&leakShare, "leaks", 0, "share of pages given a leaked JSON blob besides the defects drawn (0 to 1)")
	flag.Float64Var(&editorShares.names, "name-variants", 0, "share of pages with the guest's name misspelled once (name-variant)")
	flag.Float64Var(&editorShares.notes, "meta-notes", 0, "share of pages with a note of the model's left in (meta-commentary)")
	flag.Float64Var(&editorShares.short, "short-chapters", 0, "share of pages with a chapter a player drops: under 10 s, or past the duration")
	flag.Float64Var(&editorShares.titles, "title-glitches", 0, "share of pages with a glued emoji, doubled mark or cut-off title (title-format)")
	flag.Float64Var(&editorShares.hard, "hard-negatives", 0, "share of pages with look-alikes of those defects that must not be reported")
	flag.BoolVar(&writeTranscripts, "transcripts", false, "also write each page's WebVTT transcript into OUT/transcripts/ (for podlint check --transcript)")
	flag.Float64Var(&inventedShare, "invented", 0.05, "with -transcripts: share of quotes the transcript never says (0 to 1)")
	flag.Float64Var(&shiftedShare, "shifted", 0.05, "with -transcripts: share of quotes the transcript says 40 s to 3 min from their timestamps (0 to 1)")
	flag.Parse()
	if leakChapters < 1 {
		fmt.Fprintln(os.Stderr, "podgen: -leak-chapters must be at least 1")
		os.Exit(2)
	}
	if err := generate(*out, *n, *seed, *asJSON, *rate); err != nil {
		fmt.Fprintln(os.Stderr, "podgen:", err)
		os.Exit(2)
	}
}

// generate writes n pages and labels.json into dir.
func generate(dir string, n int, seed uint64, asJSON bool, rate float64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	labels := map[string][]label{}
	for i := 0; i < n; i++ {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		p := newPage(rng, rate)
		if writeTranscripts {
			p.grounding = &grounding{rng: rand.New(rand.NewPCG(seed^groundingSalt, uint64(i))), fates: map[string]fate{}, at: map[string]int{}}
		}
		var text string
		var ls []label
		name := fmt.Sprintf("page-%05d", i+1)
		if asJSON {
			text, ls = p.renderJSON()
			name += ".json"
		} else {
			text, ls = p.render()
			name += ".md"
		}
		ls = append(ls, p.editorLabels(text, asJSON)...)
		sort.Slice(ls, func(a, b int) bool {
			if ls[a].Line != ls[b].Line {
				return ls[a].Line < ls[b].Line
			}
			return ls[a].Rule < ls[b].Rule
		})
		if ls == nil {
			ls = []label{}
		}
		labels[name] = ls
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
		if writeTranscripts {
			if err := writeTranscript(dir, name, p.transcript()); err != nil {
				return err
			}
		}
	}
	data, err := json.MarshalIndent(labels, "", "  ")
	if err != nil {
		return err
	}
	// In a hidden folder, which podlint's directory walk skips: labels.json is
	// not an episode.
	if err := os.MkdirAll(filepath.Join(dir, ".podgen"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ".podgen", "labels.json"), append(data, '\n'), 0o644)
}
