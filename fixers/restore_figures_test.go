package fixers

import (
	"github.com/podlint/podlint/internal/racetest"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
)

// restoreFigures are the restore evaluation's numbers as the README states
// them (section "Restoring flattened pages"): exact, left whole and cut
// wrongly, per mode and per source of pages. A change to the heuristics
// that moves any of them updates the README and this table together. The
// project's other fixtures are evaluated too (TestRestoreEvaluation fails
// on a safe wrong cut there), but not pinned: every fixture added would
// move them.
var restoreFigures = map[string]map[string]restoreTally{
	"safe": {
		"own":    {Exact: 83, Whole: 59, Wrong: 0},
		"podgen": {Exact: 744, Whole: 0, Wrong: 0},
		"shared": {Exact: 37, Whole: 1, Wrong: 0},
	},
	"unsafe": {
		"own":    {Exact: 117, Whole: 11, Wrong: 14},
		"podgen": {Exact: 744, Whole: 0, Wrong: 0},
		"shared": {Exact: 38, Whole: 0, Wrong: 0},
	},
}

// restorePages are the numbers of pages the README gives: 18 written for
// the evaluation, 47 generated, 6 shared.
var restorePages = map[string]int{"own": 18, "podgen": 47, "shared": 6}

// TestRestoreFigures holds the README's restore figures to the evaluation.
func TestRestoreFigures(t *testing.T) {
	racetest.Skip(t)
	e := restoreEvaluation(t)
	for mode, sources := range restoreFigures {
		for source, want := range sources {
			t.Run(mode+"/"+source, func(t *testing.T) {
				if source == "shared" {
					sharedtest.Need(t)
				}
				if got := e.pages[source]; got != restorePages[source] {
					t.Errorf("%s: %d pages, the README says %d", source, got, restorePages[source])
				}
				if got := e.source(mode, source); got != want {
					t.Errorf("%s mode, %s pages: got %v, the README says %v", mode, source, got, want)
				}
			})
		}
	}
}
