package rules

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzWordCount: wordCount counts the pieces strings.Fields makes.
func FuzzWordCount(f *testing.F) {
	for _, s := range []string{"", " ", "one", " two  words ", "a\u00a0b\u2028c\u0085d", "x\ty\nz\rw\vv\fu", "\xff \xfe\xe2\x80 -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Fatalf("%q: %d pieces, strings.Fields makes %d", s, got, want)
		}
	})
}

// TestIsSpace: isSpace is unicode.IsSpace for the bytes below
// utf8.RuneSelf, and false for the others (parts of longer characters).
func TestIsSpace(t *testing.T) {
	for c := range 256 {
		if got, want := isSpace(byte(c)), c < utf8.RuneSelf && unicode.IsSpace(rune(c)); got != want {
			t.Errorf("isSpace(%#x) = %v, want %v", c, got, want)
		}
	}
}
