// Package alphabets rewrites a page's ASCII letters in another alphabet, one
// letter for one, for benchmarks and tests that hold podlint to pages that
// are not written in English letters: every letter of such a page is a
// character of two bytes, and its markup (`## [`, `> *`, timestamps) stays
// as it is.
package alphabets

import "strings"

// Alphabet is a name and the capital and small letter that stand for each
// of A to Z and a to z.
type Alphabet struct {
	Name         string
	Upper, Lower [26]rune
}

func alphabet(name, upper, lower string) Alphabet {
	a := Alphabet{Name: name}
	copy(a.Upper[:], []rune(upper))
	copy(a.Lower[:], []rune(lower))
	return a
}

// All are the alphabets a benchmark runs a page in besides its own.
var All = []Alphabet{
	alphabet("cyrillic", "АБЦДЕФГХИЙКЛМНОПЯРСТУВЖЬЫЗ", "абцдефгхийклмнопярстувжьыз"),
	alphabet("greek", "ΑΒΨΔΕΦΓΗΙΞΚΛΜΝΟΠΘΡΣΤΥΩϚΧΥΖ", "αβψδεφγηιξκλμνοπθρστυωςχυζ"),
}

// Map is src with each ASCII letter written in a.
func (a Alphabet) Map(src []byte) []byte {
	return []byte(strings.Map(func(r rune) rune {
		switch {
		case 'A' <= r && r <= 'Z':
			return a.Upper[r-'A']
		case 'a' <= r && r <= 'z':
			return a.Lower[r-'a']
		}
		return r
	}, string(src)))
}
