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
func IsWordRune(r rune) bool { return inClass(r, wordRune, isWordBeyond) }

func isWordBeyond(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// IsWordByte tells whether byte c may belong to a word: an ASCII letter or
// digit, or any byte of a multi-byte character (which may or may not be a
// word rune). A byte scanner that cuts text only at bytes that are not word
// bytes cuts between words without decoding a rune.
func IsWordByte(c byte) bool { return c >= utf8.RuneSelf || twoByte[c]&wordRune != 0 }

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
		// ASCII, most of a page, is told without decoding.
		if c := text[i]; c < utf8.RuneSelf {
			if twoByte[c]&wordRune != 0 {
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
			if twoByte[c]&wordRune == 0 {
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

// CutsNoWord tells whether no word runs across offset i of s: i is an end
// of s, or an ASCII byte that is no word byte stands on one side of it. (A
// cut between two bytes past ASCII may be between words too: it says no.)
func CutsNoWord(s string, i int) bool {
	return i == 0 || i == len(s) || !IsWordByte(s[i-1]) || !IsWordByte(s[i])
}

// WholeWordAt tells whether text[start:end] stands as a whole word or run of
// words: no word rune touches it on either side.
func WholeWordAt(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	// At either end of text the rune decoded is utf8.RuneError: no word rune.
	return !IsWordRune(before) && !IsWordRune(after)
}

// WordFilter tells most words that are not in a set of words without
// looking them up: for each first byte, the lengths (from 1 to 63, longer
// as 63) of the set's words that start with it. A word whose first byte
// and length match none is in no set; one that matches is looked up.
type WordFilter [256]uint64

// Add puts w in the set.
func (f *WordFilter) Add(w string) {
	if w != "" {
		f[w[0]] |= 1 << min(len(w), 63)
	}
}

// MayHold tells whether w may be in the set: false only for a word that
// is not.
func (f *WordFilter) MayHold(w string) bool {
	return f != nil && w != "" && f[w[0]]&(1<<min(len(w), 63)) != 0
}
