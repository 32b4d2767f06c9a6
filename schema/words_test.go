package schema

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordsOf lists text's words as NextWord finds them.
func wordsOf(text string) []string {
	var out []string
	for start, end := NextWord(text, 0); start < end; start, end = NextWord(text, end) {
		out = append(out, text[start:end])
	}
	return out
}

func TestWords(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"", nil},
		{" — ... ", nil},
		{"don't", []string{"don", "t"}},
		{"Maps that lie: 3.5 e-mails", []string{"Maps", "that", "lie", "3", "5", "e", "mails"}},
		{"Ünïcode café—naïve\u00a0Zoë", []string{"Ünïcode", "café", "naïve", "Zoë"}},
		{"東京 2026🎉ok", []string{"東京", "2026", "ok"}},
		{"bad\xffbyte", []string{"bad", "byte"}},
	} {
		if got := wordsOf(c.text); !slices.Equal(got, c.want) {
			t.Errorf("words of %q = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestWholeWordAt(t *testing.T) {
	const line = "the map, the mapmaker and re-map"
	for _, c := range []struct {
		at   int
		want bool
	}{
		{strings.Index(line, "map"), true},       // "map,"
		{strings.Index(line, "mapmaker"), false}, // "map" inside "mapmaker"
		{strings.LastIndex(line, "map"), true},   // "re-map" ends the line
		{strings.Index(line, "the"), true},       // starts the line
		{strings.Index(line, "aker") - 1, false}, // "make" inside a word
	} {
		if got := WholeWordAt(line, c.at, c.at+3); got != c.want {
			t.Errorf("WholeWordAt(%q) = %v, want %v", line[c.at:c.at+3], got, c.want)
		}
	}
}

// FuzzWords holds the hand-written scanner to its reference: the words are
// the runs strings.FieldsFunc leaves between runes that are no word runes,
// folded as strings.ToLower folds them, and a cut at a byte that is no word
// byte never splits a word.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "don't stop", "Ünïcode café—naïve\u00a0Zoë", "東京 2026🎉ok", "bad\xffbyte", "A-Z 0_9 İstanbul ΣΑΣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want := strings.FieldsFunc(text, func(r rune) bool { return !IsWordRune(r) })
		got := wordsOf(text)
		if !slices.Equal(got, want) {
			t.Fatalf("words of %q = %q, want %q", text, got, want)
		}
		if HasWord(text) != (len(want) > 0) {
			t.Fatalf("HasWord(%q) = %v", text, HasWord(text))
		}
		for start, end := NextWord(text, 0); start < end; start, end = NextWord(text, end) {
			word := text[start:end]
			if folded := string(AppendFoldedWord(nil, word)); folded != strings.ToLower(word) {
				t.Fatalf("%q folds to %q, want %q", word, folded, strings.ToLower(word))
			}
			if !WholeWordAt(text, start, end) {
				t.Fatalf("word %q at %d is not whole", word, start)
			}
			for i := start; i < end; i++ {
				if !IsWordByte(text[i]) {
					t.Fatalf("byte %d of word %q is no word byte", i-start, word)
				}
			}
		}
		for i := 0; i < len(text); i++ {
			if c := text[i]; c < utf8.RuneSelf && IsWordByte(c) != IsWordRune(rune(c)) {
				t.Fatalf("IsWordByte(%q) = %v", c, IsWordByte(c))
			}
		}
	})
}

// TestWordFilter: a filter never turns away a word it was given, long or
// short, and turns away words whose first byte or length none has.
func TestWordFilter(t *testing.T) {
	var f WordFilter
	long := strings.Repeat("x", 70)
	in := []string{"a", "map", "maps", long, "été"}
	for _, w := range in {
		f.Add(w)
	}
	for _, w := range append(in, long+"y") { // lengths past 63 read as 63
		if !f.MayHold(w) {
			t.Errorf("MayHold(%q) = false for a word of the set", w)
		}
	}
	for _, w := range []string{"", "b", "ma", "mapss", "zebra"} {
		if f.MayHold(w) {
			t.Errorf("MayHold(%q) = true, no word of the set starts so and is as long", w)
		}
	}
	var none *WordFilter
	if none.MayHold("map") {
		t.Error("a nil filter holds nothing")
	}
}
