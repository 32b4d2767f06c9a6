package schema

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// The classes of a rune, as the unicode package tells them, by a table for
// the runes below U+0800 and by the unicode package past them.

// twoByte classes the runes UTF-8 writes in one or two bytes (below
// U+0800: the Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic
// alphabets, among others). The unicode package tells a rune past Latin-1
// by a search of its range tables, which made a page in one of those
// alphabets several times slower per byte than an English one; the table
// is filled from the same range tables, once, at start (a few
// microseconds: BenchmarkRuneTables), and TestTwoByteClasses holds it to
// the unicode functions for every one of its runes.
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

var twoByte = classTwoByte()

func classTwoByte() (t [twoByteEnd]uint8) {
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
}

// inClass tells whether r is of class: by the table below U+0800, and
// past it as beyond answers.
func inClass(r rune, class uint8, beyond func(rune) bool) bool {
	if uint32(r) < twoByteEnd {
		return twoByte[r]&class != 0
	}
	return beyond(r)
}

// IsLetter is unicode.IsLetter, by the table below U+0800.
func IsLetter(r rune) bool { return inClass(r, letterRune, unicode.IsLetter) }

// IsCapital tells an upper-case or title-case letter: one that can open a
// name.
func IsCapital(r rune) bool { return inClass(r, capitalRune, isCapitalBeyond) }

func isCapitalBeyond(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) }

// IsUpper is unicode.IsUpper, by the table below U+0800.
func IsUpper(r rune) bool { return inClass(r, upperRune, unicode.IsUpper) }

// IsLower is unicode.IsLower, by the table below U+0800.
func IsLower(r rune) bool { return inClass(r, lowerRune, unicode.IsLower) }

// IsDigit is unicode.IsDigit, by the table below U+0800.
func IsDigit(r rune) bool { return inClass(r, digitRune, unicode.IsDigit) }

// IsSpace is unicode.IsSpace, by the table below U+0800.
func IsSpace(r rune) bool { return inClass(r, spaceRune, unicode.IsSpace) }

// ToLower is unicode.ToLower, by the table below U+0800.
func ToLower(r rune) rune {
	if uint32(r) < twoByteEnd {
		return rune(twoByteLower[r])
	}
	return unicode.ToLower(r)
}

// twoByteLower is unicode.ToLower below U+0800, from the same case ranges
// (an upper and lower case alternating in a range maps by the low bit of
// the rune's place in it, as the unicode package reads its Delta).
var twoByteLower = lowerTwoByte()

func lowerTwoByte() (t [twoByteEnd]uint16) {
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
}

// DecodeRune is utf8.DecodeRuneInString(s[i:]), with the runes of one and
// two bytes (ASCII, Latin, Greek, Cyrillic, ...) decoded without a call.
func DecodeRune(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0 // as utf8 answers for nothing
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if twoBytesAt(s, i) {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// twoBytesAt tells whether a valid character of two bytes starts at s[i]
// (a lead byte C2 to DF, then a continuation byte), as DecodeRune and
// RuneCount decode it without a call.
func twoBytesAt[T string | []byte](s T, i int) bool {
	c := s[i]
	return c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80
}

// RuneCount is utf8.RuneCount(p): its characters, each byte of an invalid
// sequence one. utf8.RuneCount (Go 1.26) copies p from its first byte past
// ASCII into a new string to count the rest, a copy of most of every line
// of a page in another alphabet and of a flattened page's one line each
// time a column on it is counted.
func RuneCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); {
		switch c := p[i]; {
		case i+8 <= len(p) && binary.LittleEndian.Uint64(p[i:])&0x8080808080808080 == 0:
			// Eight ASCII bytes, eight characters: most of an English page,
			// read a word at a time.
			i += 8
			n += 8
		case c < utf8.RuneSelf:
			i++
			n++
		case twoBytesAt(p, i):
			i += 2
			n++
		default:
			_, size := utf8.DecodeRune(p[i:])
			i += size
			n++
		}
	}
	return n
}

// Fields is strings.Fields: s cut at each run of white space (IsSpace).
// strings.Fields reads a text with any byte past ASCII through
// unicode.IsSpace, a search for every letter of a page in another alphabet;
// Fields decodes only the characters that may be white space (spaceLead).
func Fields(s string) []string {
	n := 0
	for i := skipSpace(s, 0); i < len(s); i = skipSpace(s, wordEnd(s, i)) {
		n++
	}
	out := make([]string, 0, n)
	for i := skipSpace(s, 0); i < len(s); {
		end := wordEnd(s, i)
		out = append(out, s[i:end])
		i = skipSpace(s, end)
	}
	return out
}

// EightBytes reads s[i:i+8] as one little-endian word, for scans that
// test eight bytes of a string at a time; the compiler makes it a single
// load.
func EightBytes(s string, i int) uint64 {
	b := s[i : i+8] // one bounds check for the eight bytes
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Capitals has the high bit of each of the eight bytes of x (read by
// EightBytes) whose low seven bits are an ASCII capital, 'A' to 'Z', and
// no other bit: in ASCII, its capitals. (A byte past ASCII may be marked
// too; a caller that reads such bytes tells them apart by their own high
// bit.)
func Capitals(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// Without its high bit, a byte plus 0x3F carries into the high bit
	// from 'A' on, plus 0x25 from '[' on, and none carries into the next.
	low := x &^ highs
	return (low + ones*0x3F) &^ (low + ones*0x25) & highs
}

// AtLeast has the high bit of each of the eight bytes of x (read by
// EightBytes) that is c or more, for x of ASCII bytes only (no high bit
// set) and c from 1 to 0x7F: a byte plus 0x80-c reaches 0x80 from c on, and
// no sum carries into the next byte.
func AtLeast(x uint64, c byte) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x + ones*(0x80-uint64(c))) & highs
}

// InRange has the high bit of each of the eight bytes of x (read by
// EightBytes) from lo to hi, for x of ASCII bytes only and 1 <= lo <= hi
// < 0x7F: those at lo or more less those at hi+1 or more.
func InRange(x uint64, lo, hi byte) uint64 { return AtLeast(x, lo) &^ AtLeast(x, hi+1) }

// NextField finds the first of Fields(s[from:]) without cutting the rest:
// it is s[start:end], and start is len(s) when none is left. A reader that
// wants only a text's first words reads no further.
func NextField(s string, from int) (start, end int) {
	start = skipSpace(s, from)
	return start, wordEnd(s, start)
}

// wordEnd is where the first white space character from s[i] on starts, or
// len(s).
func wordEnd(s string, i int) int {
	for ; i < len(s); i++ {
		if spaceLead[s[i]] && spaceAt(s, i) > 0 {
			return i
		}
	}
	return i
}

// skipSpace is where the run of white space at s[i] ends (i when there is
// none).
func skipSpace(s string, i int) int {
	for i < len(s) && spaceLead[s[i]] {
		size := spaceAt(s, i)
		if size == 0 {
			break
		}
		i += size
	}
	return i
}

// spaceLead tells the bytes that may start a white space character: the
// ASCII ones, and past ASCII 0xC2, 0xE1, 0xE2 and 0xE3 (U+0085 and U+00A0;
// U+1680; U+2000 to U+205F; U+3000). Any other byte is no white space nor
// the start of one, and is passed one byte at a time. That finds every
// white space character strings.Fields finds: those bytes are never inside
// a valid character, and an invalid byte is a character of its own to
// strings.Fields too.
var spaceLead = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true, 0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// spaceAt is the size of the white space character (IsSpace) that starts
// at s[i], or 0.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if IsSpace(rune(c)) {
			return 1
		}
		return 0
	}
	if r, size := DecodeRune(s, i); IsSpace(r) {
		return size
	}
	return 0
}

// ValidUTF8 is utf8.Valid, faster on text in an alphabet of two-byte
// characters (Cyrillic, Greek, Hebrew, Arabic), which utf8.Valid reads a
// character at a time. utf8.Valid runs through ASCII faster than the
// eight-byte reads below (BenchmarkValidUTF8), so text that is mostly
// ASCII (its first bytes tell) goes to it.
//
// Eight bytes that start at a character's start and hold only ASCII,
// continuation bytes and leads of two-byte characters (0xC2 to 0xDF) are
// valid exactly when each lead is followed by a continuation byte and each
// continuation byte follows a lead; a lead in the last byte is left for
// the next eight to read. Anything else (a longer character, an overlong
// 0xC0 or 0xC1, an error) is read one character at a time, as utf8.Valid
// reads it.
func ValidUTF8(p []byte) bool {
	const highs = 0x8080808080808080
	le := binary.LittleEndian
	probe, high := min(len(p), validProbe)&^7, 0
	for i := 0; i < probe; i += 8 {
		high += bits.OnesCount64(le.Uint64(p[i:]) & highs)
	}
	if high*4 < probe {
		return utf8.Valid(p)
	}
	return validTwoByte(p)
}

// validTwoByte is ValidUTF8's way through text in a two-byte alphabet.
func validTwoByte(p []byte) bool {
	const highs = 0x8080808080808080
	le := binary.LittleEndian
	for i := 0; i < len(p); {
		if i+8 <= len(p) {
			x := le.Uint64(p[i:])
			high := x & highs
			if high == 0 {
				i += 8
				continue
			}
			bit6, bit5 := (x<<1)&highs, (x<<2)&highs
			cont := high &^ bit6
			lead := high & bit6 &^ bit5
			// 0xC0 and 0xC1 are leads by their bits but start no valid
			// character: masked to 0xFE, they read 0xC0.
			overlong := ZeroBytes(x&0xFEFEFEFEFEFEFEFE^0xC0C0C0C0C0C0C0C0) != 0
			if high&bit6&bit5 == 0 && !overlong && cont == lead<<8 {
				if lead>>56 != 0 {
					i += 7 // the lead in the last byte starts the next eight
				} else {
					i += 8
				}
				continue
			}
			// The ASCII bytes before the first that is not are valid.
			i += bits.TrailingZeros64(high) / 8
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// validProbe is how many first bytes of a text ValidUTF8 reads to choose
// its way: when fewer than a quarter of them are past ASCII, utf8.Valid's.
const validProbe = 512

// ZeroBytes has the high bit set of the lowest zero byte of x, and is 0
// when x has none: the classic test for a zero byte, which may also mark a
// 0x01 byte above a zero one, so it tells exactly only whether there is
// one, and which is the lowest. x^c*0x0101010101010101 has a zero byte
// where x has c.
func ZeroBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x - ones) &^ x & highs
}

// CommonEnds is how many bytes a and b share at their start and at their
// end, the two runs not overlapping, each cut back to where a character of
// b starts: the parts of two texts that an edit between them left alone.
func CommonEnds[T string | []byte](a, b T) (prefix, suffix int) {
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	for prefix > 0 && prefix < len(b) && !utf8.RuneStart(b[prefix]) {
		prefix--
	}
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	for suffix > 0 && !utf8.RuneStart(b[len(b)-suffix]) {
		suffix--
	}
	return prefix, suffix
}
