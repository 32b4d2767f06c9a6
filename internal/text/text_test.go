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

// TestIsOneLineLong: on texts long enough to be read eight bytes at a
// time, words one space apart with now and then a tab, a line end, two
// spaces or a character past ASCII at any place in a group of eight or
// across two, isOneLine says what comparing with strings.Fields says.
func TestIsOneLineLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	words := []string{"a", "w", "word", "lamps", "keeper's", "!", "~", "\x1f", "\x7f", "é", "—", "\xff"}
	odd := []string{" ", "  ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u3000"}
	ones := 0
	for range 200000 {
		var b strings.Builder
		for k := range 1 + rng.IntN(16) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		s := b.String()
		if rng.IntN(2) == 0 {
			at := rng.IntN(len(s) + 1)
			s = s[:at] + odd[rng.IntN(len(odd))] + s[at:]
		}
		want := strings.Join(strings.Fields(s), " ") == s
		if got := isOneLine(s); got != want {
			t.Fatalf("isOneLine(%q) = %v, want %v", s, got, want)
		}
		if want {
			ones++
		}
	}
	if ones < 50000 {
		t.Errorf("only %d texts of 200,000 are one line: the test says little of them", ones)
	}
}
