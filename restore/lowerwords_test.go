package restore

import (
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// searchLowerWord is the reference for lowerWords.has: a search of the
// whole text, occurrence after occurrence.
func searchLowerWord(line, word string) bool {
	if word == "" || !isLowerWord(word) {
		return false
	}
	for from := 0; ; {
		i := strings.Index(line[from:], word)
		if i < 0 {
			return false
		}
		at := from + i
		if schema.WholeWordAt(line, at, at+len(word)) {
			return true
		}
		from = at + len(word)
	}
}

// FuzzLowerWords: looking first near the heading being split answers as
// the search of the whole text does, wherever the heading lies.
func FuzzLowerWords(f *testing.F) {
	f.Add("Growth ## [01:00] Growth Story The growth chart", "growth", 6, 40)
	f.Add("xa-a-a ## [00:00] A-A a-a.", "a-a", 7, 26)
	f.Add("xa-a-a ", "a-a", 2, 7)
	f.Add("the ai, said Ai", "ai", 0, 15)
	f.Add("é\xe2ai\x80 ai", "ai", 1, 5)
	f.Fuzz(func(t *testing.T, line, word string, from, to int) {
		from, to = min(max(from, 0), len(line)), min(max(to, 0), len(line))
		if from > to {
			from, to = to, from
		}
		l := &lowerWords{line: line, near: line[from:to]}
		if got, want := l.has(word), searchLowerWord(line, word); got != want {
			t.Fatalf("has(%q) near %q in %q = %v, want %v", word, line[from:to], line, got, want)
		}
	})
}

// FuzzIndexRare: looking for a word by its rarest byte finds what
// strings.Index finds.
func FuzzIndexRare(f *testing.F) {
	f.Add("the growth of the thing", "thing")
	f.Add("aaaa", "aa")
	f.Add("xyz", "")
	f.Add("zz-top zz", "z-t")
	f.Add("é\xe2ai\x80 ai", "ai")
	f.Add("карта и картограф", "картограф") // looked for by a byte after a lead byte
	f.Fuzz(func(t *testing.T, s, w string) {
		if got, want := indexRare(s, w), strings.Index(s, w); got != want {
			t.Fatalf("indexRare(%q, %q) = %d, want %d", s, w, got, want)
		}
	})
}
