package schema

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// RewriteJSONString writes the JSON string literal lit anew to hold value,
// as a fix that changes part of a string needs it: the start and the end of
// the value that lit already holds keep lit's own spelling (its escapes,
// `\u00e9` or `é`, `\/` or `/`), and only the part between is written
// anew, in lit's style (a literal that writes its characters past ASCII
// as \u escapes gets its new ones so). It reports false, writing nothing, when lit is no string
// literal, or when the part written anew would replace what decoding could
// not keep: an escape of half a surrogate pair, read as U+FFFD, which
// writing would make real. Bytes that are no UTF-8 are kept as they are,
// as the reader keeps them.
func RewriteJSONString(lit, value string) (string, bool) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return "", false
	}
	// old is lit's value; at[i] is where in lit the character that byte i
	// of old belongs to is written, and lost[i] whether it is a U+FFFD
	// that stands for something else.
	var old strings.Builder
	at := make([]int, 0, len(lit))
	var lost []bool
	p := &jsonParser{src: []byte(lit), text: lit, pos: 1}
	for p.pos < len(lit)-1 {
		start := p.pos
		var r rune
		switch c := lit[p.pos]; {
		case c == '"' || c < 0x20:
			return "", false
		case c == '\\':
			var err error
			if r, err = p.escape(); err != nil || p.pos > len(lit)-1 {
				return "", false
			}
		default:
			// Written as it is, a byte that is no UTF-8 included: the
			// reader keeps those as they are too.
			_, size := utf8.DecodeRuneInString(lit[p.pos:])
			p.pos += size
			old.WriteString(lit[start:p.pos])
			for range size {
				at = append(at, start)
				lost = append(lost, false)
			}
			continue
		}
		substitute := r == utf8.RuneError // an escape of half a surrogate pair
		for range utf8.RuneLen(r) {
			at = append(at, start)
			lost = append(lost, substitute)
		}
		old.WriteRune(r)
	}
	at = append(at, len(lit)-1)
	o := old.String()
	// The longest start and end the two values share, cut at characters.
	pre, suf := CommonEnds(value, o)
	for _, l := range lost[pre : len(o)-suf] {
		if l {
			return "", false
		}
	}
	// A literal that escapes a character past ASCII and writes none as it
	// is was written ASCII only (ensure_ascii): so is its new part.
	ascii := false
	for i := 0; i < len(lit); i++ {
		if lit[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
		if lit[i] == '\\' && i+6 <= len(lit) {
			if n, ok := ParseHex(lit[i+2 : i+6]); lit[i+1] == 'u' && ok && n >= utf8.RuneSelf {
				ascii = true
			}
			i++
		}
	}
	var b strings.Builder
	b.Grow(len(lit) + len(value) - len(o) + 8)
	b.WriteString(lit[:at[pre]])
	writeJSONChars(&b, value[pre:len(value)-suf], ascii)
	b.WriteString(lit[at[len(o)-suf]:])
	return b.String(), true
}

// writeJSONChars writes s as the inside of a JSON string: quote marks,
// backslashes and control characters escaped, and, with ascii, every
// character past ASCII as a \u escape (a pair of them past U+FFFF).
func writeJSONChars(b *strings.Builder, s string, ascii bool) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], string(utf8.RuneError)):
			b.WriteByte(s[i]) // a byte that is no UTF-8 stays as it was read
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20, ascii && r >= utf8.RuneSelf:
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
}
