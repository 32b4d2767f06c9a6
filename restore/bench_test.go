package restore

import (
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/internal/alphabets"
	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
)

// BenchmarkViewOfScraped restores the scraped samples as check does, from
// the page as read to the view the rules look through (MB/s of the pages):
// as written, and with their letters in other alphabets (see
// internal/alphabets).
func BenchmarkViewOfScraped(b *testing.B) {
	sharedtest.Need(b)
	paths, _ := filepath.Glob(sharedtest.Path("samples", "collapsed", "*.md"))
	if len(paths) == 0 {
		b.Fatal("no scraped samples")
	}
	for _, alphabet := range append([]alphabets.Alphabet{{Name: "latin"}}, alphabets.All...) {
		var docs []*schema.Document
		size := 0
		for _, p := range paths {
			src := sharedtest.Read(b, filepath.Join("samples", "collapsed", filepath.Base(p)))
			if alphabet.Name != "latin" {
				src = alphabet.Map(src)
			}
			doc := schema.Read(p, src)
			if doc.Episode.Collapsed == nil {
				b.Fatalf("%s (%s) is not read as flattened", p, alphabet.Name)
			}
			docs = append(docs, doc)
			size += len(doc.Src)
		}
		b.Run(alphabet.Name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, doc := range docs {
					doc.Episode.Collapsed.Memo = nil // as a page read afresh
					if _, ok := ViewOf(doc); !ok {
						b.Fatal("nothing restored")
					}
				}
			}
		})
	}
}

// BenchmarkLinesOfSharedPages gives each flattened page of the shared
// folder (the scraped samples and the examples) its lines back, as read:
// what restoring costs a check of the shared corpus, page by page, beside
// what checking the page costs (rules' BenchmarkSharedPages).
func BenchmarkLinesOfSharedPages(b *testing.B) {
	for _, rel := range sharedtest.Pages(b, "samples/collapsed", "examples") {
		doc := schema.Read(rel, sharedtest.Read(b, rel))
		c := doc.Episode.Collapsed
		if c == nil {
			continue // not flattened
		}
		names := doc.Episode.EntityNames()
		b.Run(filepath.ToSlash(rel), func(b *testing.B) {
			b.SetBytes(int64(len(c.Text)))
			for b.Loop() {
				Lines(c.Text, names)
			}
		})
	}
}
