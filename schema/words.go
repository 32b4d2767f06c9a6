package schema

import (
	"unicode"
	"unicode/utf8"
)

// What a word is, once for every package that counts, compares or matches
// the words of a page: a word is a run of letters and digits (IsWordRune).
// White space, punctuation and symbols stand between words, so "don't"
// holds the words "don" and "t". Words compare case folded, rune by rune
// (unicode.ToLower, as strings.ToLower folds them).
//
// Readers that need another view build it from these functions and say so:
// a word as written between spaces ("don't", one word to a reader) is the
// words that no white space separates; a whole-word match is a match that no
// word rune touches.

// IsWordRune tells a rune words are made of: a letter or a digit.
func IsWordRune(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&wordRune != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// IsLetter is unicode.IsLetter, by the table below U+0800.
func IsLetter(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&letterRune != 0
	}
	return unicode.IsLetter(r)
}

// IsUpper is unicode.IsUpper, by the table below U+0800.
func IsUpper(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&upperRune != 0
	}
	return unicode.IsUpper(r)
}

// IsLower is unicode.IsLower, by the table below U+0800.
func IsLower(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&lowerRune != 0
	}
	return unicode.IsLower(r)
}

// IsDigit is unicode.IsDigit, by the table below U+0800.
func IsDigit(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&digitRune != 0
	}
	return unicode.IsDigit(r)
}

// IsSpace is unicode.IsSpace, by the table below U+0800.
func IsSpace(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&spaceRune != 0
	}
	return unicode.IsSpace(r)
}

// Fields is strings.Fields: s cut at each run of white space (IsSpace).
// strings.Fields reads a text with any byte past ASCII through
// unicode.IsSpace, a search for every letter of a page in another alphabet.
func Fields(s string) []string {
	n := 0
	for i, in := 0, false; i < len(s); {
		r, size := DecodeRune(s, i)
		i += size
		if space := IsSpace(r); !space && !in {
			n++
			in = true
		} else if space {
			in = false
		}
	}
	out := make([]string, 0, n)
	start := -1
	for i := 0; i < len(s); {
		r, size := DecodeRune(s, i)
		if IsSpace(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// IsCapital tells an upper-case or title-case letter: one that can open a
// name.
func IsCapital(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&capitalRune != 0
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// twoByte classes the runes UTF-8 writes in one or two bytes (below
// U+0800: the Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic
// alphabets, among others). The unicode package tells a rune past Latin-1
// by a search of its range tables, which made a page in one of those
// alphabets several times slower per byte than an English one; the table
// is filled from the same range tables, once, at start (a few
// microseconds), and TestTwoByteClasses holds it to the unicode functions
// for every one of its runes.
const twoByteEnd = 0x800

const (
	wordRune    = 1 << iota // unicode.IsLetter or unicode.IsDigit
	letterRune              // unicode.IsLetter
	capitalRune             // unicode.IsUpper or unicode.IsTitle
	upperRune               // unicode.IsUpper
	lowerRune               // unicode.IsLower
	digitRune               // unicode.IsDigit
	spaceRune               // unicode.IsSpace
)

var twoByte = func() (t [twoByteEnd]uint8) {
	for _, c := range []struct {
		table *unicode.RangeTable
		class uint8
	}{
		{unicode.Letter, wordRune | letterRune}, {unicode.Digit, wordRune | digitRune}, {unicode.Upper, capitalRune | upperRune},
		{unicode.Title, capitalRune}, {unicode.Lower, lowerRune}, {unicode.White_Space, spaceRune},
	} {
		for _, rg := range c.table.R16 {
			for r := uint32(rg.Lo); r <= uint32(rg.Hi) && r < twoByteEnd; r += uint32(rg.Stride) {
				t[r] |= c.class
			}
		}
	}
	return t
}()

// twoByteLower is unicode.ToLower below U+0800, from the same case ranges
// (an upper and lower case alternating in a range maps by the low bit of
// the rune's place in it, as the unicode package reads its Delta).
var twoByteLower = func() (t [twoByteEnd]uint16) {
	for r := range t {
		t[r] = uint16(r)
		if 'A' <= r && r <= 'Z' {
			t[r] += 'a' - 'A'
		}
	}
	for _, cr := range unicode.CaseRanges {
		for r := cr.Lo; r <= cr.Hi && r < twoByteEnd; r++ {
			if r < utf8.RuneSelf {
				continue // ToLower reads ASCII alone
			}
			switch d := cr.Delta[unicode.LowerCase]; {
			case d > unicode.MaxRune:
				t[r] = uint16(cr.Lo + ((r - cr.Lo) | 1))
			default:
				t[r] = uint16(rune(r) + d)
			}
		}
	}
	return t
}()

// ToLower is unicode.ToLower, by the table below U+0800.
func ToLower(r rune) rune {
	if uint32(r) < twoByteEnd {
		return rune(twoByteLower[r])
	}
	return unicode.ToLower(r)
}

// DecodeRune is utf8.DecodeRuneInString(s[i:]), with the runes of one and
// two bytes (ASCII, Latin, Greek, Cyrillic, ...) decoded without a call.
func DecodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// asciiWord is IsWordRune for the ASCII bytes, nearly all of a page.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = IsWordRune(rune(c))
	}
	return t
}()

// IsWordByte tells whether byte c may belong to a word: an ASCII letter or
// digit, or any byte of a multi-byte character (which may or may not be a
// word rune). A byte scanner that cuts text only at bytes that are not word
// bytes cuts between words without decoding a rune.
func IsWordByte(c byte) bool { return c >= utf8.RuneSelf || asciiWord[c] }

// IsSpaceByte tells ASCII white space: space, tab, newline and carriage
// return, the bytes a flattened page's lines were joined by and restoring
// them gives back. None is a word byte.
func IsSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// NextWord finds the first word of text at or after byte from: it is
// text[start:end]. When there is none, start == end == len(text). The words
// of text, in order:
//
//	for start, end := NextWord(text, 0); start < end; start, end = NextWord(text, end) {
//		word := text[start:end]
//	}
func NextWord(text string, from int) (start, end int) {
	i := from
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := DecodeRune(text, i)
		if IsWordRune(r) {
			break
		}
		i += size
	}
	start = i
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := DecodeRune(text, i)
		if !IsWordRune(r) {
			break
		}
		i += size
	}
	return start, i
}

// HasWord tells whether text holds a word.
func HasWord(text string) bool {
	start, end := NextWord(text, 0)
	return start < end
}

// AppendFoldedWord appends word to dst, case folded as words compare.
func AppendFoldedWord(dst []byte, word string) []byte {
	for i := 0; i < len(word); {
		if c := word[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := DecodeRune(word, i)
		dst = utf8.AppendRune(dst, ToLower(r))
		i += size
	}
	return dst
}

// WholeWordAt tells whether text[start:end] stands as a whole word or run of
// words: no word rune touches it on either side.
func WholeWordAt(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	// At either end of text the rune decoded is utf8.RuneError: no word rune.
	return !IsWordRune(before) && !IsWordRune(after)
}
