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

// BenchmarkRestoreLines restores a flattened page (MB/s of the line).
func BenchmarkRestoreLines(b *testing.B) {
	src, err := os.ReadFile("../testdata/rules/collapsed-markdown/flattened.md")
	if err != nil {
		b.Fatal(err)
	}
	doc := Read("flattened.md", src)
	c := doc.Episode.Collapsed
	if c == nil {
		b.Fatal("the fixture is not read as flattened")
	}
	line, names := string(src[c.Span.Start:c.Span.End]), doc.Episode.EntityNames()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		RestoreLines(line, names)
	}
}
