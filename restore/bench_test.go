package restore

import (
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
)

// BenchmarkViewOfScraped restores the scraped samples as check does, from
// the page as read to the view the rules look through (MB/s of the pages).
func BenchmarkViewOfScraped(b *testing.B) {
	sharedtest.Need(b)
	paths, _ := filepath.Glob(sharedtest.Path("samples", "collapsed", "*.md"))
	var docs []*schema.Document
	size := 0
	for _, p := range paths {
		doc := schema.Read(p, sharedtest.Read(b, filepath.Join("samples", "collapsed", filepath.Base(p))))
		if doc.Episode.Collapsed == nil {
			b.Fatalf("%s is not read as flattened", p)
		}
		docs = append(docs, doc)
		size += len(doc.Src)
	}
	if len(docs) == 0 {
		b.Fatal("no scraped samples")
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, doc := range docs {
			doc.Episode.Collapsed.Memo = nil // as a page read afresh
			if _, ok := ViewOf(doc); !ok {
				b.Fatal("nothing restored")
			}
		}
	}
}
