package rules

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestSortIsStable holds Sort to the order a stable sort by position, rule
// and message gives, on lists with many ties (findings that only their
// fix or relations tell apart) in every arrangement a page's rules make:
// sorted, one run per rule (from one rule to ten, so from one run to an
// odd number and to more than the merge passes keep on the stack),
// reversed, shuffled.
func TestSortIsStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 17))
	rulesNamed := []string{"quote-style", "quote-fragment", "entity-type", "name-variant", "meta-commentary",
		"title-format", "empty-chapter", "duplicate-intro", "leaked-json", "timestamp-format"}
	for trial := range 1000 {
		n := rng.IntN(60)
		if trial%10 == 0 {
			n = rng.IntN(600)
		}
		named := rulesNamed[:1+rng.IntN(len(rulesNamed))]
		ds := make([]Diagnostic, n)
		for i := range ds {
			ds[i] = Diagnostic{
				Rule:    named[rng.IntN(len(named))],
				Span:    schema.Span{Start: rng.IntN(max(n/4, 12)), End: 20},
				Message: "m" + strconv.Itoa(rng.IntN(3)),
				// The tag is what a tie keeps in order: no comparison reads it.
				Related: []Related{{Message: strconv.Itoa(i)}},
			}
		}
		switch trial % 4 {
		case 0:
			slices.SortStableFunc(ds, func(a, b Diagnostic) int { return compareDiagnostics(&a, &b) })
		case 1:
			slices.SortStableFunc(ds, func(a, b Diagnostic) int {
				return cmp.Or(strings.Compare(a.Rule, b.Rule), a.Span.Start-b.Span.Start)
			})
		case 2:
			slices.Reverse(ds)
		}
		want := slices.Clone(ds)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if a.Span.Start != b.Span.Start {
				return a.Span.Start < b.Span.Start
			}
			if a.Rule != b.Rule {
				return a.Rule < b.Rule
			}
			return a.Message < b.Message
		})
		Sort(ds)
		for i := range ds {
			if ds[i].Related[0].Message != want[i].Related[0].Message {
				t.Fatalf("trial %d: finding %d is the one first at %s, want %s", trial, i, ds[i].Related[0].Message, want[i].Related[0].Message)
			}
		}
	}
}

// BenchmarkSort sorts the findings of a page of many, as its rules make
// them: one sorted run per rule (two of 47, one of 12, interleaved on the
// page), restored to that order before each sort.
//
//	go test ./rules -run '^$' -bench Sort
func BenchmarkSort(b *testing.B) {
	var made []Diagnostic
	for r, run := range []struct {
		rule string
		n    int
	}{{"quote-style", 47}, {"quote-fragment", 47}, {"entity-type", 12}} {
		for i := range run.n {
			made = append(made, Diagnostic{Rule: run.rule, Span: schema.Span{Start: 100*i + 10*r, End: 100*i + 10*r + 5}, Message: "m"})
		}
	}
	ds := make([]Diagnostic, len(made))
	for b.Loop() {
		copy(ds, made)
		Sort(ds)
	}
}
