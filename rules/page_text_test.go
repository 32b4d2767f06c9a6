package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestPageTextsSizedOnce: the list of a page's texts is made at its full
// size, on every page of the rules' fixtures and the demo.
func TestPageTextsSizedOnce(t *testing.T) {
	pages, _ := filepath.Glob("../testdata/rules/*/*.md")
	jsonPages, _ := filepath.Glob("../testdata/rules/*/*.json")
	demo, _ := filepath.Glob("../testdata/demo/*")
	for _, f := range append(append(pages, jsonPages...), demo...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := schema.Read(f, src)
		if doc.Broken {
			continue
		}
		p := &Pass{Doc: doc, Episode: doc.Episode, Config: DefaultConfig(), shared: &shared{}}
		if texts, most := readPageTexts(p), textsAtMost(doc.Episode); len(texts) > most {
			t.Errorf("%s: %d texts, more than the %d made room for", f, len(texts), most)
		}
	}
}
