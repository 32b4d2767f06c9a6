package rules

import (
	"strconv"
	"strings"
	"unicode"
)

// words splits text into lower-cased words without surrounding punctuation,
// the unit in which repeated and lost text is measured.
func words(text string) []string {
	fields := strings.Fields(text)
	out := fields[:0]
	for _, f := range fields {
		w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func wordCount(text string) int { return len(strings.Fields(text)) }

func itoa(n int) string { return strconv.Itoa(n) }
