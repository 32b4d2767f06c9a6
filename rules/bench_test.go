package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
)

// BenchmarkRun runs every rule on the demo pages, read once (MB/s).
func BenchmarkRun(b *testing.B) {
	for _, name := range []string{"rooftop-hives.md", "pollen-notes.md", "rooftop-hives.json"} {
		src, err := os.ReadFile("../testdata/demo/" + name)
		if err != nil {
			b.Fatal(err)
		}
		cfg := DefaultConfig()
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Run(schema.Read(name, src), cfg)
			}
		})
	}
}

// BenchmarkSharedPages reads and checks each of the shared pages the
// corpus benchmark copies (scripts/bench.sh: the samples, flattened ones
// among them, and the examples), one page at a time: what a check of each
// costs in the process, without its file's reading and printing. A
// flattened page beside the page it was scraped from tells what being
// flattened costs a check: its lines restored, the restored page read, and
// the findings placed back on its one line.
func BenchmarkSharedPages(b *testing.B) {
	cfg := DefaultConfig()
	for _, name := range sharedtest.Pages(b, "samples", "samples/collapsed", "examples") {
		src := sharedtest.Read(b, name)
		b.Run(filepath.ToSlash(name), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				doc := schema.Read(name, src)
				Run(doc, cfg)
				doc.Release()
			}
		})
	}
}

// BenchmarkRule runs one rule at a time on the demo pages (mostly clean,
// as most pages are) and on the rule's own fixtures (mostly findings),
// read once; with -benchmem, allocs/op is what the rule allocates for them.
func BenchmarkRule(b *testing.B) {
	read := func(pattern string) []*schema.Document {
		paths, _ := filepath.Glob(pattern)
		var docs []*schema.Document
		for _, p := range paths {
			if ext := filepath.Ext(p); ext != ".md" && ext != ".json" {
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, schema.Read(p, src))
		}
		return docs
	}
	cfg := DefaultConfig()
	demo := read("../testdata/demo/*")
	for _, r := range []*Rule{quoteStyle, quoteFragment, titleFormat, duplicateIntro, duplicateEntity} {
		for name, docs := range map[string][]*schema.Document{"demo": demo, "fixtures": read("../testdata/rules/" + r.Name + "/*")} {
			b.Run(r.Name+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, doc := range docs {
						var out []Diagnostic
						r.Run(&Pass{Doc: doc, Episode: doc.Episode, Config: cfg, rule: r, out: &out, shared: &shared{}})
					}
				}
			})
		}
	}
}
