package rules

import "testing"

// TestPageTextsSizedOnce: the list of a page's texts is made at its full
// size, on every page of the rules' fixtures and the demo.
func TestPageTextsSizedOnce(t *testing.T) {
	for _, p := range readPages(t, "../testdata/rules/*/*.md", "../testdata/rules/*/*.json", "../testdata/demo/*") {
		if texts, most := readPageTexts(p), textsAtMost(p.Episode); len(texts) > most {
			t.Errorf("%s: %d texts, more than the %d made room for", p.Doc.Path, len(texts), most)
		}
	}
}
