package rules

import (
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestNameVariantCases: what name-variant reports in a paragraph, beside
// an entity list.
func TestNameVariantCases(t *testing.T) {
	const entities = "## Entities\n\n- **Ada Pemberton** (Person): Cartographer.\n- **Zoë Dubuisson** (Person): Historian.\n- **OpenStreetMap** (Organization): Open map.\n- **Iceland** (Place): An island.\n"
	for _, tc := range []struct {
		prose string
		want  string // the variant reported, or ""
	}{
		{"Ada Pembleton draws the coast.", "Ada Pembleton"},
		{"The guest, Zoë Dubuison, reads letters.", "Zoë Dubuison"},
		{"Volunteers on OpenStreatMap fix it.", "OpenStreatMap"},
		{"Volunteers on Openstreetmap fix it.", ""},             // case only
		{"The Pembertons and Pemberton's atlas.", ""},           // plural, possessive
		{"They sailed to Ireland, not Iceland.", ""},            // a place is no canonical name
		{"Ida Pemberton answers.", ""},                          // a short first name must be the same
		{"As Pembleton argues, maps lie.", "Pembleton"},         // a surname alone, after a sentence's first word
		{"Pembleton argues that maps lie.", ""},                 // a surname alone, opening a sentence
		{"A song by Muddy Pembleton plays.", ""},                // not alone: another two-word name (Muddy Waters)
		{"They use GPT-4 and GPT-5.", ""},                       // digits
		{"Ada Pembleton, Ada Pembleton and Ada Pembleton.", ""}, // used 3 times: the page's own
	} {
		page := "# Maps That Lie — Ada Pemberton\n\nAda Pemberton on maps.\n\n## [00:00] Cold open\n\n" + tc.prose + "\n\n" + entities
		var found []string
		for _, d := range Run(schema.Read("names.md", []byte(page)), DefaultConfig()) {
			if d.Rule == nameVariant.Name {
				found = append(found, d.Message)
			}
		}
		switch {
		case tc.want == "" && len(found) > 0:
			t.Errorf("%q: findings %q, want none", tc.prose, found)
		case tc.want != "" && (len(found) != 1 || !strings.HasPrefix(found[0], `"`+tc.want+`"`)):
			t.Errorf("%q: findings %q, want one of %q", tc.prose, found, tc.want)
		}
	}
}

// TestNextCapital holds the eight-bytes-at-a-time scan to the plain one:
// every byte value at every place of a word.
func TestNextCapital(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			b := []byte("abcdefghijklmnopqrstuvwxyz")
			b[pos] = byte(c)
			want := len(b)
			if c >= 0x80 || ('A' <= c && c <= 'Z') {
				want = pos
			}
			if got := nextCapital(string(b), 0); got != want {
				t.Fatalf("byte %#x at %d: nextCapital = %d, want %d", c, pos, got, want)
			}
		}
	}
}

// BenchmarkNameVariants looks for the name variants of every page, its
// texts read once before (MB/s of page).
func BenchmarkNameVariants(b *testing.B) {
	passes := benchPages(b)
	size := 0
	for _, p := range passes {
		pageTexts(p)
		size += len(p.Doc.Src)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range passes {
			findNameVariants(p)
		}
	}
}
