package schema

import (
	"slices"
	"strings"
	"testing"
	"unicode"
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

// TestTwoByteClasses: the table behind IsWordRune and IsCapital answers
// as the unicode package does for every rune it holds, and the functions
// answer so past it, for invalid runes too.
func TestTwoByteClasses(t *testing.T) {
	for r := rune(-2); r < 0x3000; r++ {
		if got, want := IsWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, unicode says %v", r, got, want)
		}
		if got, want := IsCapital(r), unicode.IsUpper(r) || unicode.IsTitle(r); got != want {
			t.Errorf("IsCapital(%U) = %v, unicode says %v", r, got, want)
		}
		if got, want := IsLetter(r), unicode.IsLetter(r); got != want {
			t.Errorf("IsLetter(%U) = %v, unicode says %v", r, got, want)
		}
		if got, want := ToLower(r), unicode.ToLower(r); got != want {
			t.Errorf("ToLower(%U) = %U, unicode says %U", r, got, want)
		}
		for _, f := range []struct {
			name      string
			ours, its func(rune) bool
		}{{"IsUpper", IsUpper, unicode.IsUpper}, {"IsLower", IsLower, unicode.IsLower}, {"IsDigit", IsDigit, unicode.IsDigit}, {"IsSpace", IsSpace, unicode.IsSpace}} {
			if got, want := f.ours(r), f.its(r); got != want {
				t.Errorf("%s(%U) = %v, unicode says %v", f.name, r, got, want)
			}
		}
	}
	for _, r := range []rune{utf8.RuneError, 0x1E9E, 0x1F88, 0x10400, unicode.MaxRune, unicode.MaxRune + 1} {
		if IsWordRune(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) || IsCapital(r) != (unicode.IsUpper(r) || unicode.IsTitle(r)) ||
			IsLetter(r) != unicode.IsLetter(r) || ToLower(r) != unicode.ToLower(r) {
			t.Errorf("%U: not as unicode says", r)
		}
	}
}

// TestDecodeRune: DecodeRune answers as utf8.DecodeRuneInString at every
// place of every string of up to three bytes from a set that holds each
// kind of lead and continuation byte.
func TestDecodeRune(t *testing.T) {
	set := []byte{0, 'a', 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xd0, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff}
	var s [3]byte
	for _, a := range set {
		for _, b := range set {
			for _, c := range set {
				s = [3]byte{a, b, c}
				for n := 1; n <= 3; n++ {
					text := string(s[:n])
					for i := range text {
						r, size := DecodeRune(text, i)
						wr, wsize := utf8.DecodeRuneInString(text[i:])
						if r != wr || size != wsize {
							t.Fatalf("DecodeRune(%q, %d) = %U, %d; utf8 says %U, %d", text, i, r, size, wr, wsize)
						}
					}
				}
			}
		}
	}
}

// FuzzFields holds Fields to strings.Fields on any text.
func FuzzFields(f *testing.F) {
	for _, seed := range []string{"", " ", "a b", "  Ада\u00a0Пембертон\u2003maps ", "\x85x\xc2\x85y\xff z", "\t\n\v\f\r", "é\u1680ü\u3000"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fields(s), strings.Fields(s); !slices.Equal(got, want) {
			t.Fatalf("Fields(%q) = %q, strings.Fields %q", s, got, want)
		}
	})
}
