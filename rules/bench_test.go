package rules

import (
	"os"
	"testing"

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
