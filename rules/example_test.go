package rules

import (
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestExamples holds every rule's documentation to what the rule does: it
// flags its Bad example and accepts its Good one, each read as the page
// ExamplePage makes of it.
func TestExamples(t *testing.T) {
	for _, r := range All() {
		t.Run(r.Name, func(t *testing.T) {
			for _, ex := range []struct {
				name, excerpt string
				flagged       bool
			}{{"Bad", r.Bad, true}, {"Good", r.Good, false}} {
				page := ExamplePage(ex.excerpt)
				var found []string
				for _, d := range Run(schema.Read("example.md", []byte(page)), ExampleConfig()) {
					if d.Rule == r.Name {
						found = append(found, d.Message)
					}
				}
				if flagged := len(found) > 0; flagged != ex.flagged {
					t.Errorf("%s example: %s finds %q; want it flagged: %v\npage:\n%s", ex.name, r.Name, found, ex.flagged, page)
				}
			}
		})
	}
}
