package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 files"}, {1, "1 file"}, {2, "2 files"}, {999, "999 files"}, {1000, "1,000 files"}, {2873000, "2,873,000 files"}, {-1234, "-1,234 files"}} {
		if got := Plural(tt.n, "file"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got := OneLine("  a\tb\r\n\n c  "); got != "a b c" {
		t.Errorf("OneLine = %q", got)
	}
}

// TestOneLineAsFields: OneLine is strings.Fields joined by one space on
// texts of words, spaces of every kind (ASCII, NEL, no-break, ideographic),
// and bytes that are not UTF-8, whether it returns the text as it is or not.
func TestOneLineAsFields(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	pieces := []string{"a", "word", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u3000", "é", "—", "\xff", "\x1c"}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := OneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("OneLine(%q) = %q, want %q", s, got, want)
		}
	}
}
