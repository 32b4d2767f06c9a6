package schema

import (
	"os"
	"testing"
)

// BenchmarkRead reads the demo page and the demo JSON episode (MB/s).
func BenchmarkRead(b *testing.B) {
	for _, name := range []string{"rooftop-hives.md", "rooftop-hives.json"} {
		src, err := os.ReadFile("../testdata/demo/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Read(name, src)
			}
		})
	}
}

// BenchmarkValidate validates the demo page against the episode schema.
func BenchmarkValidate(b *testing.B) {
	src, err := os.ReadFile("../testdata/demo/rooftop-hives.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Validate(Read("p.md", src)); err != nil {
			b.Fatal(err)
		}
	}
}
