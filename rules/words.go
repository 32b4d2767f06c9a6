package rules

import (
	"math/bits"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// wordCount is how many pieces of text white space separates, as a reader
// counts a quote's length in a message; a lone dash counts too. What a word
// is for comparing text is schema.NextWord's. It is len(strings.Fields(text)),
// counted without making the pieces: eight ASCII bytes at a time, and a
// character beyond ASCII, with the bytes around it, one at a time.
func wordCount(text string) int {
	const highs = 0x8080808080808080
	n, inPiece := 0, false
	for i := 0; i < len(text); {
		if i+8 <= len(text) {
			if x := schema.EightBytes(text, i); x&highs == 0 {
				// A piece starts at each byte that is no space after one
				// that is (the byte before the eight: inPiece).
				spaces := asciiSpaces(x)
				before := spaces << 8
				if !inPiece {
					before |= 0x80
				}
				n += bits.OnesCount64(^spaces & before & highs)
				inPiece = spaces>>63 == 0
				i += 8
				continue
			}
		}
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

// asciiSpaces has the high bit of each of the eight ASCII bytes of x (read
// by schema.EightBytes) that isSpace tells: '\t' to '\r', and ' '.
func asciiSpaces(x uint64) uint64 {
	return schema.InRange(x, '\t', '\r') | schema.InRange(x, ' ', ' ')
}

// isSpace tells the ASCII white space bytes: unicode.IsSpace of a byte
// below utf8.RuneSelf, false for any other byte.
func isSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

func itoa(n int) string { return strconv.Itoa(n) }

// quote is strconv.Quote(s), as %q writes it too. A name or a word of a
// page is most often printable ASCII without a quote mark or a backslash,
// which is quoted as it is; strconv.Quote reads every character of it
// through its tables of printable runes.
func quote(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.Quote(s)
		}
	}
	return `"` + s + `"`
}
