// Package text holds the few ways podlint writes numbers and runs of words
// in its messages, so that every package writes them alike.
package text

import (
	"strconv"
	"strings"
)

// Plural writes n and noun, the noun with an s unless n is 1, the number
// with thousands separators: "1 file", "2,873 problems".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Thousands(n) + " " + noun + "s"
}

// Thousands writes n with comma separators: 2,873.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// OneLine is s's words as written between white space, one space apart:
// line breaks, tabs and runs of spaces become one space.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
