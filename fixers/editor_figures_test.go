package fixers

import (
	"encoding/json"
	"fmt"
	"github.com/podlint/podlint/internal/racetest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// editorTally is how one rule did on the injected defects of a corpus.
type editorTally struct {
	Injected int // defects of the rule's injected
	Found    int // reported by the rule on the defect's line
	False    int // findings of the rule on no injected defect
}

// editorFigures are the figures the README gives for the editor's rules
// (section "What an editor catches"), per form of the podgen corpus:
// podgen -n 300 -seed 16 -defects 0 -name-variants 0.3 -meta-notes 0.3
// -short-chapters 0.3 -title-glitches 0.3 -hard-negatives 0.3, as
// Markdown and as JSON. A change to a rule or to podgen that moves one
// updates the README and this table together.
var editorFigures = map[string]map[string]editorTally{
	"md": {
		"name-variant":    {Injected: 101, Found: 90, False: 0},
		"meta-commentary": {Injected: 88, Found: 78, False: 0},
		"chapter-start":   {Injected: 59, Found: 59, False: 0},
		"chapter-order":   {Injected: 31, Found: 31, False: 0},
		"title-format":    {Injected: 87, Found: 87, False: 0},
	},
	"json": {
		"name-variant":    {Injected: 101, Found: 90, False: 0},
		"meta-commentary": {Injected: 88, Found: 78, False: 0},
		"chapter-start":   {Injected: 59, Found: 59, False: 0},
		"chapter-order":   {Injected: 31, Found: 31, False: 0},
		"title-format":    {Injected: 87, Found: 87, False: 0},
	},
}

// editorHardPages is how many pages of each form carry the look-alikes
// (-hard-negatives): a listed sibling one letter from the guest, a guest
// named Ai, a transcript that is the guest's work, a chapter about AI
// assistants, ?! and … titles, a chapter of exactly 10 s.
const editorHardPages = 91

// editorCorpusArgs are podgen's arguments for the corpus.
var editorCorpusArgs = []string{"-n", "300", "-seed", "16", "-defects", "0", "-name-variants", "0.3", "-meta-notes", "0.3",
	"-short-chapters", "0.3", "-title-glitches", "0.3", "-hard-negatives", "0.3"}

// TestEditorRuleFigures generates pages with the editor's defects and
// their look-alikes, runs every rule, and holds each rule's recall and
// false alarms to the README's figures. A finding of any other rule is a
// false alarm too: the pages have nothing else wrong.
func TestEditorRuleFigures(t *testing.T) {
	racetest.Skip(t)
	dir := t.TempDir()
	bin, err := buildPodgen(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{"md", "json"} {
		t.Run(form, func(t *testing.T) {
			corpus := filepath.Join(dir, form)
			args := append([]string{"-o", corpus}, editorCorpusArgs...)
			if form == "json" {
				args = append(args, "-json")
			}
			if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
				t.Fatalf("podgen: %v\n%s", err, out)
			}
			got, others, hard := editorTallies(t, corpus)
			if hard != editorHardPages {
				t.Errorf("%d pages with look-alikes, the README says %d", hard, editorHardPages)
			}
			for _, o := range others {
				t.Errorf("finding of a rule podgen did not inject: %s", o)
			}
			for rule, want := range editorFigures[form] {
				t.Logf("%s: %d injected, %d found, %d false alarms", rule, got[rule].Injected, got[rule].Found, got[rule].False)
				if got[rule] != want {
					t.Errorf("%s: got %+v, the README says %+v", rule, got[rule], want)
				}
			}
		})
	}
}

// editorTallies checks every page of corpus against its labels.
// It also counts the pages with look-alikes.
func editorTallies(t *testing.T, corpus string) (tally map[string]editorTally, others []string, hard int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpus, ".podgen", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string][]struct {
		Rule string `json:"rule"`
		Line int    `json:"line"`
	}
	if err := json.Unmarshal(data, &labels); err != nil {
		t.Fatal(err)
	}
	tally = map[string]editorTally{}
	for rule := range editorFigures["md"] {
		tally[rule] = editorTally{}
	}
	names := make([]string, 0, len(labels))
	for name := range labels {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "Why AI Assistants Hallucinate") {
			hard++
		}
		doc := schema.Read(name, src)
		reported := map[string]bool{}
		for _, d := range rules.Run(doc, rules.DefaultConfig()) {
			at := fmt.Sprintf("%s@%d", d.Rule, doc.Lines.Position(d.Span.Start).Line)
			reported[at] = true
			injected := false
			for _, l := range labels[name] {
				injected = injected || fmt.Sprintf("%s@%d", l.Rule, l.Line) == at
			}
			tl, ours := tally[d.Rule]
			switch {
			case !ours:
				others = append(others, name+": "+at+": "+d.Message)
			case !injected:
				tl.False++
				tally[d.Rule] = tl
				if testing.Verbose() {
					t.Logf("false alarm %s: %s: %s", name, at, d.Message)
				}
			}
		}
		for _, l := range labels[name] {
			tl := tally[l.Rule]
			tl.Injected++
			if reported[fmt.Sprintf("%s@%d", l.Rule, l.Line)] {
				tl.Found++
			} else if testing.Verbose() {
				t.Logf("missed %s: %s@%d", name, l.Rule, l.Line)
			}
			tally[l.Rule] = tl
		}
	}
	return tally, others, hard
}
