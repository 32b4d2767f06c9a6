package rules

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// wordCount is how many pieces of text white space separates, as a reader
// counts a quote's length in a message; a lone dash counts too. What a word
// is for comparing text is schema.NextWord's. It is len(strings.Fields(text)),
// counted without making the pieces.
func wordCount(text string) int {
	n, inPiece := 0, false
	for i := 0; i < len(text); {
		space, size := isSpace(text[i]), 1
		if text[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			space = unicode.IsSpace(r)
		}
		if !space && !inPiece {
			n++
		}
		inPiece = !space
		i += size
	}
	return n
}

// isSpace tells the ASCII white space bytes: unicode.IsSpace of a byte
// below utf8.RuneSelf, false for any other byte.
func isSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

func itoa(n int) string { return strconv.Itoa(n) }
