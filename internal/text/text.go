// Package text holds the few ways podlint writes numbers and runs of words
// in its messages, so that every package writes them alike.
package text

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
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
// line breaks, tabs and runs of spaces become one space. Most texts are so
// already, and are returned as they are.
func OneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isOneLine tells a text whose only white space (as strings.Fields reads
// it) is single spaces between words. Eight ASCII bytes, most of a text,
// are told at a time: no tab or line end among them, no two spaces in a
// row (nor one after a space that ended the eight before).
func isOneLine(s string) bool {
	const highBits = 0x8080808080808080
	space := true // a space here would lead the text
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if x := schema.EightBytes(s, i); x&highBits == 0 {
				if schema.InRange(x, '\t', '\r') != 0 {
					return false
				}
				sp := schema.InRange(x, ' ', ' ') // the spaces' high bits
				if sp&(sp<<8) != 0 || space && sp&0x80 != 0 {
					return false
				}
				space = sp>>63 != 0
				i += 8
				continue
			}
		}
		c := s[i]
		switch {
		case c == ' ':
			if space {
				return false
			}
			space = true
			i++
		case c < utf8.RuneSelf:
			if '\t' <= c && c <= '\r' {
				return false
			}
			space = false
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			space = false
			i += size
		}
	}
	return !space || s == ""
}
