package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/schema"
)

// FuzzRun runs every rule on arbitrary pages: no panic, and every finding
// points inside the file.
func FuzzRun(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*", "*"))
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil && filepath.Ext(p) != ".golden" {
			f.Add(filepath.Ext(p) == ".json", src)
		}
	}
	f.Fuzz(func(t *testing.T, isJSON bool, src []byte) {
		name := "page.md"
		if isJSON {
			name = "episode.json"
		}
		doc := schema.Read(name, src)
		for _, d := range Run(doc, DefaultConfig()) {
			if d.Span.Start < 0 || d.Span.End < d.Span.Start || d.Span.End > len(src) {
				t.Fatalf("%s finding %q has span %v outside %d bytes", d.Rule, d.Message, d.Span, len(src))
			}
			if d.Message == "" {
				t.Fatalf("%s finding without a message", d.Rule)
			}
		}
	})
}
