package fixers

import (
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
)

// TestExamples holds every fixer's documentation to what the fixer does:
// alone, it turns its Before example into its After example, each read as
// the page rules.ExamplePage makes of it (the page around After is the one
// around Before). Unsafe fixers run with unsafe fixes.
func TestExamples(t *testing.T) {
	for _, f := range all {
		t.Run(f.Name, func(t *testing.T) {
			before := rules.ExamplePage(f.Before)
			head, ok := strings.CutSuffix(before, f.Before+"\n")
			if !ok {
				t.Fatalf("ExamplePage does not end with the excerpt:\n%s", before)
			}
			want := head + f.After + "\n"
			out, err := Run("example.md", []byte(before), Options{Config: rules.ExampleConfig(), Fixers: []*Fixer{f}, Unsafe: f.Safety == Unsafe})
			if err != nil {
				t.Fatal(err)
			}
			if out.Applied[f.Name] == 0 || string(out.Src) != want {
				t.Errorf("Before does not fix to After (%d fixes applied):\n%s", out.Applied[f.Name], Unified("example.md", []byte(want), out.Src))
			}
			for _, d := range out.Remaining {
				if slices.Contains(f.Answers, d.Rule) {
					t.Errorf("After: %s still finds %s", d.Rule, d.Message)
				}
			}
		})
	}
}
