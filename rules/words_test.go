package rules

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// FuzzWordCount: wordCount counts the pieces strings.Fields makes.
func FuzzWordCount(f *testing.F) {
	for _, s := range []string{"", " ", "one", " two  words ", "a\u00a0b\u2028c\u0085d", "x\ty\nz\rw\vv\fu", "\xff \xfe\xe2\x80 -",
		// Eight bytes at a time: pieces across the eights, and a character
		// beyond ASCII at and across their edges.
		"abcdefgh ijklmno pqrstuvw", "abcdefg hijklmno\tpqrstuvwx", "       a       b        ",
		"abcdefg\u00a0hijklmn", "abcdefg’ hijklmnop qrstuvw", "ab cd ef\u3000gh ij kl mn op qr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Fatalf("%q: %d pieces, strings.Fields makes %d", s, got, want)
		}
	})
}

// FuzzQuote: quote writes what strconv.Quote does, its own way or not.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "Organization", `say "hi"`, `C:\path`, "tab\there", "Jake’s", "\x7f", "~ and }", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := quote(s), strconv.Quote(s); got != want {
			t.Fatalf("quote(%q) = %s, strconv.Quote gives %s", s, got, want)
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

// TestASCIISpaces: the eight-byte reading of white space marks the bytes
// isSpace tells, each at every place of the eight, among any other ASCII.
func TestASCIISpaces(t *testing.T) {
	for c := range utf8.RuneSelf {
		for at := range 8 {
			for _, fill := range []byte{'a', ' ', '\x00', 0x7f} {
				b := []byte(strings.Repeat(string(fill), 8))
				b[at] = byte(c)
				var want uint64
				for k, x := range b {
					if isSpace(x) {
						want |= 0x80 << (8 * k)
					}
				}
				if got := asciiSpaces(schema.EightBytes(string(b), 0)); got != want {
					t.Fatalf("%q: %#x, want %#x", b, got, want)
				}
			}
		}
	}
}
