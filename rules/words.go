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
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		space := unicode.IsSpace(r)
		if !space && !inPiece {
			n++
		}
		inPiece = !space
		i += size
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }
