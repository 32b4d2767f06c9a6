package rules

import (
	"strings"
	"testing"
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
