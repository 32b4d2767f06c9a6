package rules

import (
	"strings"
	"testing"
)

// FuzzDoubleMark holds the byte scan for quote marks to the call it stands
// in for, on any bytes: valid text, and the invalid UTF-8 a scan of bytes
// could misread.
func FuzzDoubleMark(f *testing.F) {
	for _, s := range []string{"", `"`, "plain words", "“curly”", "„low", "«guillemets»", "‘single’", "—dash–",
		"\xe2\x80", "\xe2\x80\x9f", "\xc2", "\xc2\xac", "\xf0\xe2\x80\x9c", "\xe2\xe2\x80\x9d", "é à ü", "\u00a0\u2028",
		// Eight ASCII bytes at a time: a mark at each edge of the eights,
		// and one across an edge.
		`abcdefg"hij`, `abcdefgh"`, `"abcdefgh`, `abcdefghijklmno"`, "abcdefghijklmn“x", "abcdefg«hijklmno", "plain words, plainly"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasDoubleMark(s), strings.ContainsAny(s, doubleMarks); got != want {
			t.Fatalf("%q: hasDoubleMark %v, strings.ContainsAny %v", s, got, want)
		}
	})
}

// TestHasMarkReference: a double quote mark written as an HTML reference
// counts as the mark; other references and a bare & do not.
func TestHasMarkReference(t *testing.T) {
	for s, want := range map[string]bool{
		"He said &quot;no&quot;.": true,
		"&ldquo;no&rdquo;":        true,
		"&LDQUO;":                 true,
		"&#8220;no&#8221;":        true,
		"&#x201C;no":              true,
		"&#34;":                   true,
		"&#171;":                  true,
		"Tom &amp; Jerry":         false,
		"&#8217;s":                false, // a right single mark: an apostrophe
		"fish & chips; peas":      false,
		"&quot":                   false,
		"&#;":                     false,
		"":                        false,
	} {
		if got := hasMarkReference(s); got != want {
			t.Errorf("hasMarkReference(%q) = %v, want %v", s, got, want)
		}
	}
}
