package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/podlint/podlint/schema"
)

// TestDuplicateIntroBounds holds the bounds the README states: the first
// eight summary paragraphs are compared, and 8 KB of each.
func TestDuplicateIntroBounds(t *testing.T) {
	paragraph := func(i int) string {
		return fmt.Sprintf("Paragraph %d of the summary tells the story of tide pool number %d.", i, i)
	}
	page := func(summary []string, body string) string {
		return "# Tide Pools\n\n" + strings.Join(summary, "\n\n") + "\n\n## [00:00] Cold open\n\n" + body + " Ines kneels on wet rock.\n"
	}
	var nine []string
	for i := 1; i <= 9; i++ {
		nine = append(nine, paragraph(i))
	}
	long := strings.TrimSpace(strings.Repeat("Ines counts anemones and crabs and snails. ", 300)) // 12,900 bytes
	tests := []struct {
		name, page string
		want       string // the message's word count; "" for no finding
	}{
		{"eighth paragraph repeated", page(nine, paragraph(8)), "13 words"},
		{"ninth paragraph repeated", page(nine, paragraph(9)), ""},
		// 8 KB of the paragraph: 190 sentences of 43 bytes and 7 words, and
		// the first 4 words of the next: 1,334 of its 2,100 words.
		{"long paragraph repeated", page([]string{long}, long), "1,334 words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range Run(schema.Read("p.md", []byte(tt.page)), DefaultConfig()) {
				if d.Rule == "duplicate-intro" {
					got = append(got, d.Message)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("reported: %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], ": "+tt.want)):
				t.Errorf("got %q, want one finding of %s", got, tt.want)
			}
		})
	}
}

// wordHashesReference is wordHashes as first written, with the standard
// library's scans: FuzzWordHashes holds the hand-written scans to it.
func wordHashesReference(text string, limit int) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	var out []uint64
	h, in, last := uint64(offset), false, 0
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		if in && strings.IndexFunc(text[last:start], unicode.IsSpace) >= 0 {
			out = append(out, h)
			h = offset
		}
		if len(out) == limit {
			return out
		}
		for _, r := range text[start:end] {
			h = (h ^ uint64(unicode.ToLower(r))) * prime
		}
		in, last = true, end
	}
	if in && len(out) != limit {
		out = append(out, h)
	}
	return out
}

// FuzzWordHashes: the same hashes as the reference, for any text and limit.
func FuzzWordHashes(f *testing.F) {
	for _, s := range []string{"", "One two", "Don't e-mail ÉCOLE straße", "a\u00a0b\u2028c\u0085d", "x\ty\nz\rw\vv\fu",
		"İstanbul ǅ Σσς", "\xff\xfeab cd\xe2\x80", "1,000 words—and more…"} {
		f.Add(s, -1)
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, text string, limit int) {
		limit = max(limit, -1)
		got, want := wordHashes(text, limit), wordHashesReference(text, limit)
		if !slices.Equal(got, want) {
			t.Fatalf("%q (limit %d): %x, want %x", text, limit, got, want)
		}
	})
}

// TestHashSetBoundsCommon: the filter's hits on a window are never fewer
// than the words the window shares with the list the filter holds, so the
// bound turns down no pair the exact count would take; and on the words of
// unrelated paragraphs it turns most pairs down.
func TestHashSetBoundsCommon(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	list := func(n, alphabet int) []uint64 {
		out := make([]uint64, n)
		for i := range out {
			out[i] = wordHashes(fmt.Sprintf("w%d", rng.IntN(alphabet)), -1)[0]
		}
		return out
	}
	turnedDown := 0
	const pairs = 2000
	for range pairs {
		sw, window := list(10+rng.IntN(60), 300), list(10+rng.IntN(80), 300)
		var set hashSet
		set.addAll(sw)
		a, b := slices.Sorted(slices.Values(sw)), slices.Sorted(slices.Values(window))
		if hits, c := set.hits(window), common(a, b); hits < c {
			t.Fatalf("hits %d < common %d", hits, c)
		}
		// Unrelated words: those of another alphabet.
		other := make([]uint64, len(window))
		for i := range other {
			other[i] = wordHashes(fmt.Sprintf("v%d", rng.IntN(1000)), -1)[0]
		}
		if float64(set.hits(other))/float64(len(sw)) < 0.5 {
			turnedDown++
		}
	}
	if turnedDown < pairs*9/10 {
		t.Errorf("the filter turned down %d of %d unrelated pairs at a share of 0.5", turnedDown, pairs)
	}
}
