package leak

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReadEscaped reads a leaked blob of 16 chapter records written
// as json.dumps writes them by default, every letter past ASCII a \uXXXX
// escape (Cyrillic here), against the same blob with the letters as they
// are (MB/s of the blob).
func BenchmarkReadEscaped(b *testing.B) {
	words := []string{"Ада", "сводит", "архив", "по", "регионам,", "и", "карты", "идут", "следом."}
	escape := func(s string) string {
		var out strings.Builder
		for _, r := range s {
			if r < 0x80 {
				out.WriteRune(r)
			} else {
				fmt.Fprintf(&out, `\u%04x`, r)
			}
		}
		return out.String()
	}
	var plain strings.Builder
	for c := range 16 {
		var text []string
		for w := range 24 {
			text = append(text, words[(c+w)%len(words)])
		}
		fmt.Fprintf(&plain, `{"start": %d.0, "title": "%s", "summary": "%s", "quotes": ["%s", [%d, %d]]}, `,
			c*120, strings.Join(text[:5], " "), strings.Join(text, " "), strings.Join(text[:8], " "), 2*c, 7)
	}
	for _, c := range []struct{ name, blob string }{{"escaped", escape(plain.String())}, {"plain", plain.String()}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.blob)))
			for b.Loop() {
				if lk := Read([]string{c.blob}); len(lk.Chapters) != 16 {
					b.Fatalf("%d chapters read, want 16", len(lk.Chapters))
				}
			}
		})
	}
}
