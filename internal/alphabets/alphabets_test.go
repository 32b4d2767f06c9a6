package alphabets

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestMap: each alphabet maps every ASCII letter to a letter of two bytes
// in the same case, and leaves every other byte as it is.
func TestMap(t *testing.T) {
	for _, a := range All {
		for i := range 26 {
			for _, pair := range [][2]rune{{'A' + rune(i), a.Upper[i]}, {'a' + rune(i), a.Lower[i]}} {
				got := a.Map([]byte(string(pair[0])))
				r, size := utf8.DecodeRune(got)
				if r != pair[1] || size != 2 || len(got) != 2 || unicode.IsUpper(r) != unicode.IsUpper(pair[0]) || !unicode.IsLetter(r) {
					t.Errorf("%s: %q maps to %q", a.Name, pair[0], got)
				}
			}
		}
		if got := string(a.Map([]byte("## [01:02] > *\"—\"* 42"))); got != "## [01:02] > *\"—\"* 42" {
			t.Errorf("%s: markup became %q", a.Name, got)
		}
	}
}
