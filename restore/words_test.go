package restore

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// bareByTrimming is the reference for bare: every character that is no
// word's trimmed from both ends, then a possessive.
func bareByTrimming(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !schema.IsWordRune(r) })
	return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
}

// FuzzBare: trimming ASCII byte by byte, and leaving plain words as they
// are, trims what trimming every character does.
func FuzzBare(f *testing.F) {
	for _, seed := range []string{"", "word", "words", "Jake's", "Railway’s", "“quoted,”", "(x)", ",é,", ",—,",
		"—", "a\xff", "\xffa.", "it's.", "'s", "x's's", "«Paris»", "e-mail", "...", "42.",
		"s", "as", "grass", "3s", "x\x99s", "x\xe2\x80\x99s"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := bare(w), bareByTrimming(w); got != want {
			t.Fatalf("bare(%q) = %q, want %q", w, got, want)
		}
	})
}

// FuzzWordShape: reading ASCII by a table counts what reading every rune
// (wordShapeBeyond, given the whole word) does, and isAcronym counts
// capitals as schema.IsUpper tells them.
func FuzzWordShape(f *testing.F) {
	for _, seed := range []string{"", "GPT-5", "iPhone", "ÉTÉ", "aÉ", "1.5", "\xffA", "A\xe2\x82", "Ωmega", "ǅ"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, w string) {
		upper, letter, ascii := wordShape(w)
		wantUpper, wantLetter := wordShapeBeyond(w)
		if upper != wantUpper || letter != wantLetter {
			t.Fatalf("wordShape(%q) = %d, %v, want %d, %v", w, upper, letter, wantUpper, wantLetter)
		}
		if want := !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }); ascii != want {
			t.Fatalf("wordShape(%q) tells ASCII %v, want %v", w, ascii, want)
		}
		n := 0
		for _, r := range w {
			if schema.IsUpper(r) {
				n++
			}
		}
		if isAcronym(w) != (n > 1) {
			t.Fatalf("isAcronym(%q) = %v with %d capitals", w, isAcronym(w), n)
		}
	})
}

// FuzzTrimQuoteOpening: trimming the opening of a quote byte by byte
// trims what strings.TrimLeft does.
func FuzzTrimQuoteOpening(f *testing.F) {
	for _, seed := range []string{"", "> *\"Hello\"*", "> *“Hi”*", "“\xe2\x80", "\xe2\x80\x9c", "*>  “ \"x", "»x", "\xff> x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := trimQuoteOpening(text), strings.TrimLeft(text, "> *\"“"); got != want {
			t.Fatalf("trimQuoteOpening(%q) = %q, want %q", text, got, want)
		}
	})
}

// FuzzStartsUpper: an ASCII first byte told by its range is told as its
// rune is.
func FuzzStartsUpper(f *testing.F) {
	for _, seed := range []string{"", "A", "a", "0", "É", "\xff", "[x", "Ωx"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, w string) {
		r, _ := utf8.DecodeRuneInString(w)
		if got, want := startsUpper(w), schema.IsUpper(r) || schema.IsDigit(r); got != want {
			t.Fatalf("startsUpper(%q) = %v, want %v", w, got, want)
		}
	})
}

// FuzzNextProseField: reading ASCII words here finds the fields
// schema.NextField finds.
func FuzzNextProseField(f *testing.F) {
	for _, seed := range []string{"", " ", "one two", "  lead\ttab\nline", "é à", "a\u00a0b", "x\u2003y z", "\xff \xc2", "end "} {
		f.Add(seed, 0)
	}
	f.Fuzz(func(t *testing.T, s string, from int) {
		from = min(max(from, 0), len(s))
		start, end := nextProseField(s, from)
		wantStart, wantEnd := schema.NextField(s, from)
		if start != wantStart || end != wantEnd {
			t.Fatalf("nextProseField(%q, %d) = %d, %d, want %d, %d", s, from, start, end, wantStart, wantEnd)
		}
	})
}

// endsTitleBadlyBySuffixes is the reference for endsTitleBadly: the
// closing marks trimmed with strings.TrimRight, then each bad ending
// asked for in turn.
func endsTitleBadlyBySuffixes(text string, class wordClass) bool {
	if class&neverEndsTitle != 0 {
		return true
	}
	if isASCIIAlnum(text[len(text)-1]) {
		return false
	}
	lt := strings.TrimRight(text, `"')`)
	lt = strings.TrimSuffix(strings.TrimSuffix(lt, "”"), "’")
	if lt == "" {
		lt = text
	}
	for _, bad := range []string{",", ":", ";", "—", "–", "-", "&"} {
		if strings.HasSuffix(lt, bad) {
			return true
		}
	}
	return neverEnds[lt] || endsSentence(lt) == "." && !abbreviations[lt]
}

// FuzzEndsTitleBadly: the closing marks trimmed byte by byte, and the bad
// endings told by the last byte, answer as the reference does.
func FuzzEndsTitleBadly(f *testing.F) {
	for _, seed := range []string{"word,", "and", "The", "done.", "Dr.", "end—", "x–", "a-", "(this)", `"quote,"`, "’", "”)", "')\"", "U.S.", "why?"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if text == "" {
			return // a word is never empty
		}
		class := classOf(text)
		if got, want := endsTitleBadly(text, class), endsTitleBadlyBySuffixes(text, class); got != want {
			t.Fatalf("endsTitleBadly(%q) = %v, want %v", text, got, want)
		}
	})
}

// FuzzIsLowerCase: telling a lower-case name from its bytes answers what
// comparing it with strings.ToLower of it does.
func FuzzIsLowerCase(f *testing.F) {
	for _, seed := range []string{"", "swyx", "Swyx", "swyX", "ǅ", "ß", "straße", "Éa", "éa", "a\xff", "\xff", "aİ", "ΣΑ", "σα", "k\u212a"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isLowerCase(s), strings.ToLower(s) == s; got != want {
			t.Fatalf("isLowerCase(%q) = %v, want %v", s, got, want)
		}
	})
}
