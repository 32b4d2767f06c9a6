package lazyre

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// lowered is text with its ASCII capitals in lower case, as HoldsNeeds
// asks.
func lowered(text string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, text)
}

// foldsIntoASCII tells a text holding ſ or the Kelvin sign, which (?i)
// reads as s and k.
func foldsIntoASCII(text string) bool { return strings.ContainsAny(text, "ſ\u212a") }

// TestNeeds: what a pattern's matches hold, set by set, from its syntax:
// every part of its sequence that tells something, an alternation's
// branches together, nothing from what may be left out, nothing shorter
// than three bytes, nothing outside ASCII.
func TestNeeds(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    [][]string
	}{
		{`(?i)\blorem ipsum\b`, [][]string{{"lorem ipsum"}}},
		{`TODO\b|\bTODO[ \t]*:`, [][]string{{"todo"}}},
		{`(?i)\bhere(?:'s| is) (?:the|a) (?:brief )?(?:summary|chapters)\b`, [][]string{{"here"}, {"chapters", "summary"}}},
		{`(?i)\bwould you like(?: me)? to\b`, [][]string{{"would you like"}, {" to"}}},
		{`(?i)\b(?:as|for) an? AI\b`, [][]string{{" ai"}}}, // not "as" or "for": shorter than three bytes
		{`(?i)\brésumé ci-dessous\b`, nil},                 // beyond ASCII: é may be É
		{`(?i)\bvoilà\s+the summary\b`, [][]string{{"the summary"}}},
		{`x(?:abc)*y`, nil},
		{`(?:abc)+|defg`, [][]string{{"abc", "defg"}}},
		{`(?:abc){2,3}`, [][]string{{"abc"}}},
		{`(?:abc|)xy`, nil}, // a branch that needs nothing
		{`(`, nil},          // no pattern: Get tells
	} {
		if got := New(tt.pattern).Needs(); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("Needs(%s) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// TestHoldsNeeds: one string of each set.
func TestHoldsNeeds(t *testing.T) {
	needs := [][]string{{"here"}, {"summary", "chapters"}}
	for text, want := range map[string]bool{
		"here is the summary":       true,
		"the chapters are here":     true,
		"here is actually like it":  false,
		"a summary without it":      false,
		"anything, when none asked": true,
	} {
		n := needs
		if strings.HasPrefix(text, "anything") {
			n = nil
		}
		if got := HoldsNeeds(text, n); got != want {
			t.Errorf("HoldsNeeds(%q) = %v, want %v", text, got, want)
		}
	}
}

// FuzzNeeds holds Needs to the pattern it is worked out from, on phrases
// of two words as a config adds them (any bytes, quoted, any white space
// between): a text the pattern matches, with its letters in any case,
// holds one string of each set, unless (?i) read ſ or the Kelvin sign in
// it as an ASCII letter.
func FuzzNeeds(f *testing.F) {
	f.Add("as per", "your request", "Ada: ", 5)
	f.Add("Here's", "the rewrite", "", 0)
	f.Add("voilà", "SUMMARY", "“", 3)
	f.Add("a+b", "(c)", " x ", 1)
	f.Add("kitchen", "ſink", "", 2)
	f.Fuzz(func(t *testing.T, w1, w2, around string, flip int) {
		// A config's phrase: words of UTF-8 text, with no white space in
		// them (the phrase is cut at it).
		for _, w := range []string{w1, w2} {
			if !utf8.ValidString(w) || strings.TrimSpace(w) == "" || strings.ContainsFunc(w, isSpaceRune) {
				return
			}
		}
		if len(w1)+len(w2)+len(around) > 200 {
			return // long inputs tell no more, and slow the fuzzer
		}
		re := New(`(?i)` + regexp.QuoteMeta(w1) + `\s+` + regexp.QuoteMeta(w2))
		// A text made to match: the words with their ASCII letters'
		// case flipped at every flip-th byte, some white space between.
		mixed := func(w string) string {
			b := []byte(w)
			for i := range b {
				if flip > 0 && i%flip == 0 && ('a' <= b[i] && b[i] <= 'z' || 'A' <= b[i] && b[i] <= 'Z') {
					b[i] ^= 0x20
				}
			}
			return string(b)
		}
		for _, text := range []string{around + mixed(w1) + " \t " + mixed(w2) + around, around} {
			if !re.Get().MatchString(text) || foldsIntoASCII(text) {
				continue
			}
			if !HoldsNeeds(lowered(text), re.Needs()) {
				t.Fatalf("%s matches %q, which holds none of a set of %q", re, text, re.Needs())
			}
		}
	})
}

// isSpaceRune tells white space, in ASCII or beyond.
func isSpaceRune(r rune) bool {
	return strings.ContainsRune(" \t\n\v\f\r", r) || r > 0x7f && strings.TrimSpace(string(r)) == ""
}
