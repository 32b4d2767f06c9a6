package fixers

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestParagraphText: a recovered summary is written only where it reads
// back as a paragraph of the same text.
func TestParagraphText(t *testing.T) {
	for text, want := range map[string]bool{
		"The keeper climbs the stairs.":         true,
		"1984 was the last year with a keeper.": true,
		"3 keepers, 2 lamps.":                   true,
		"Version 1.2 of the log.":               true,
		"[Draft] The keeper climbs.":            true,
		"## [04:00] The keeper climbs.":         false, // a chapter heading
		"# The keeper":                          false,
		"> The keeper said so.":                 false,
		"- oil, wick, glass":                    false,
		"+ oil":                                 false,
		"* oil":                                 false,
		"1. Oil, 2. wick":                       false,
		"12) Oil":                               false,
		"***":                                   false,
		"___":                                   false,
		"=== ":                                  false,
		"```go":                                 false,
		"~~~":                                   false,
		"| a | b |":                             false,
		"<div>The keeper</div>":                 false,
		"[log]: https://example.com":            false,
		"The keeper <!-- draft --> climbs.":     false,
		"Oil first. ## [04:00] Then the wick.":  false, // read as a flattened page
		"Oil first. > *Then* the wick.":         false,
		"Oil first. - **Wick** too.":            false,
		"":                                      false,
	} {
		if got := paragraphText(text); got != want {
			t.Errorf("paragraphText(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestUnwritable: a blob is left whole for each C0 control but tab and
// line ends, for DEL, and for a byte that is no UTF-8 alone; any other
// byte, and a whole character past ASCII, may be written back. The byte
// stands at every place of a group of eight bytes (the blob is read eight
// at a time).
func TestUnwritable(t *testing.T) {
	for c := range 256 {
		want := c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f
		for at := range 17 {
			text := strings.Repeat("l", at) + string([]byte{byte(c)}) + " lamps at dusk."
			if got := unwritable(text); got != want {
				t.Errorf("byte %#x after %d bytes: unwritable = %v, want %v", c, at, got, want)
			}
		}
	}
	if unwritable("Café, 🌍 and ſ: the keeper's lamps\n\tat dusk.\r\n") {
		t.Error("whole characters past ASCII, tab and line ends: unwritable")
	}
}

// TestNormalizeWords: normalizeWords, one pass over the text, is the text's
// words (schema.NextWord) case folded (schema.AppendFoldedWord) and joined
// by one space, on texts of ASCII and other letters, digits, marks,
// spaces and bytes that are not UTF-8.
func TestNormalizeWords(t *testing.T) {
	reference := func(s string) string {
		var b []byte
		for start, end := schema.NextWord(s, 0); start < end; start, end = schema.NextWord(s, end) {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = schema.AppendFoldedWord(b, s[start:end])
		}
		return string(b)
	}
	rng := rand.New(rand.NewPCG(6, 6))
	pieces := []string{"Lamp", "KEEPER", "a", "9", " ", "  ", "'", "-", ",", "\n", "É", "é", "Straße", "ΣΊΣΥΦΟΣ", "İ", "K", "Ⅻ", "٣", "\u0301", "—", "🌍", "\xff", "\xc3"}
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := normalizeWords(s), reference(s); got != want {
			t.Fatalf("normalizeWords(%q) = %q, want %q", s, got, want)
		}
	}
}
