package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/alphabets"
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

// typicalPage writes a page and its episode JSON shaped like most of a
// site's pages (and podgen's): a short front matter, a summary, twelve
// chapters of prose with two or three quotes each, one chapter's quotes
// still in the pipeline's raw form, and an entities list.
func typicalPage() (md, js []byte) {
	words := strings.Fields("Ada maps the quiet harbor and compares the early ledger with the patient river while Ben charts a narrow canyon")
	// prose is n sentences of eight words, varied so that no paragraph
	// repeats another.
	seed := 0
	prose := func(n int) string {
		var s strings.Builder
		for range n {
			for w := range 8 {
				seed = (seed*1103515245 + 12345) & 0x7fffffff
				if w > 0 {
					s.WriteByte(' ')
				}
				s.WriteString(words[seed>>16%len(words)])
			}
			s.WriteString(". ")
		}
		return strings.TrimSpace(s.String())
	}
	var page, chapters, entities bytes.Buffer
	page.WriteString("---\nslug: maps-that-lie\ntags: [cartography, history]\n---\n# Maps That Lie: The Atlas — Ada Pemberton\n\n")
	summary := prose(3)
	page.WriteString(summary + "\n")
	for c := range 12 {
		start := c * 300
		title := fmt.Sprintf("Chapter %d Follows the Quiet Harbor", c+1)
		body := prose(6)
		fmt.Fprintf(&page, "\n## [%s] %s\n\n%s\n", FormatTimestamp(start), title, body)
		var quotes []string
		for q := range 2 + c%2 {
			at := start + 20 + q*40
			words := fmt.Sprintf("The quiet harbor keeps every ledger, number %d, and the river keeps the rest.", q)
			if c == 5 {
				fmt.Fprintf(&page, "\n> *\"%s\"*\n> *[%d, %d]*\n", words, at/60, at%60)
				quotes = append(quotes, fmt.Sprintf("%q, [%d, %d]", words, at/60, at%60))
				continue
			}
			fmt.Fprintf(&page, "\n> *\"%s\"* — Ada Pemberton [%s]\n", words, FormatTimestamp(at))
			quotes = append(quotes, fmt.Sprintf(`{"text": %q, "at": %d, "speaker": "Ada Pemberton"}`, words, at))
		}
		if c > 0 {
			chapters.WriteString(",\n")
		}
		fmt.Fprintf(&chapters, `    {"start": %d, "title": %q, "summary": %q, "quotes": [%s]}`, start, title, body, strings.Join(quotes, ", "))
	}
	page.WriteString("\n## Entities\n\n")
	for e := range 8 {
		name := fmt.Sprintf("Harbor Ledger %d", e)
		fmt.Fprintf(&page, "- **%s** (Concept): A ledger the harbor keeps.\n", name)
		if e > 0 {
			entities.WriteString(",\n")
		}
		fmt.Fprintf(&entities, `    {"name": %q, "type": "Concept", "description": "A ledger the harbor keeps."}`, name)
	}
	js = fmt.Appendf(nil, "{\n  \"title\": \"Maps That Lie: The Atlas — Ada Pemberton\",\n  \"summary\": %q,\n  \"chapters\": [\n%s\n  ],\n  \"entities\": [\n%s\n  ],\n  \"tags\": [\"cartography\", \"history\"]\n}\n",
		summary, chapters.String(), entities.String())
	return page.Bytes(), js
}

// BenchmarkReadTypical reads a typical page in both forms, and reads and
// validates it (what the schema rule costs a page); with -benchmem its
// allocs/op is the count of allocations per page. episode.escaped.json is
// the JSON form with its texts in Cyrillic letters, each written as a
// \uXXXX escape (see escapedJSON).
func BenchmarkReadTypical(b *testing.B) {
	md, js := typicalPage()
	escaped := escapedJSON(b, js)
	for _, validate := range []bool{false, true} {
		for name, src := range map[string][]byte{"page.md": md, "episode.json": js, "episode.escaped.json": escaped} {
			if validate {
				name = "validate/" + name
			}
			b.Run(name, func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					doc := Read(name, src)
					if validate {
						if _, err := Validate(doc); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}

// escapedJSON is the episode js with the letters of its texts (not its
// keys) in Cyrillic, and every character past ASCII written as a \uXXXX
// escape, as Python's json.dumps writes it unless told not to: a pipeline
// in Python writes even an English page's dashes and curly quotes so.
func escapedJSON(tb testing.TB, js []byte) []byte {
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		tb.Fatal(err)
	}
	cyrillic := alphabets.All[0]
	var mapTexts func(v any) any
	mapTexts = func(v any) any {
		switch v := v.(type) {
		case string:
			return string(cyrillic.Map([]byte(v)))
		case []any:
			for i := range v {
				v[i] = mapTexts(v[i])
			}
		case map[string]any:
			for k := range v {
				v[k] = mapTexts(v[k])
			}
		}
		return v
	}
	out, err := json.MarshalIndent(mapTexts(v), "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	for _, r := range string(out) {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&b, `\u%04x`, u)
		}
	}
	return b.Bytes()
}
