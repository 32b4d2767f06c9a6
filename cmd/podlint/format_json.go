package main

import (
	"strconv"
	"unicode/utf8"
)

// The JSON format's findings are written by hand, with the bytes a
// json.Encoder indenting by two spaces writes of them: encoding/json
// reflects over each finding and then reads its output again to indent it,
// which on the shared corpus was a quarter of a check's CPU, spent in the
// commit every worker waits on (TestPrintersWriteTheWhole holds the two to
// the same bytes; FuzzAppendJSONString the strings). The members are
// written from constant strings, not through jsonWriter: on 520 pages that
// is 32M instructions fewer, a twentieth of the check.

// appendFinding appends fd as an element of the top-level array.
func appendFinding(b []byte, fd *finding) []byte {
	b = append(b, "  {\n    \"file\": "...)
	b = appendJSONString(b, fd.File, true)
	b = appendIntMember(b, ",\n    \"line\": ", fd.Line)
	b = appendIntMember(b, ",\n    \"column\": ", fd.Column)
	b = appendIntMember(b, ",\n    \"end_line\": ", fd.EndLine)
	b = appendIntMember(b, ",\n    \"end_column\": ", fd.EndColumn)
	b = append(b, ",\n    \"rule\": "...)
	b = appendJSONString(b, fd.Rule, true)
	b = append(b, ",\n    \"severity\": "...)
	b = appendJSONString(b, fd.Severity, true)
	b = append(b, ",\n    \"message\": "...)
	b = appendJSONString(b, fd.Message, true)
	b = append(b, ",\n    \"fix\": "...)
	if fd.Fix == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *fd.Fix, true)
	}
	if len(fd.Related) > 0 {
		b = append(b, ",\n    \"related\": ["...)
		for i, r := range fd.Related {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendIntMember(b, "\n      {\n        \"line\": ", r.Line)
			b = appendIntMember(b, ",\n        \"column\": ", r.Column)
			b = appendIntMember(b, ",\n        \"end_line\": ", r.EndLine)
			b = appendIntMember(b, ",\n        \"end_column\": ", r.EndColumn)
			b = append(b, ",\n        \"message\": "...)
			b = appendJSONString(b, r.Message, true)
			b = append(b, "\n      }"...)
		}
		b = append(b, "\n    ]"...)
	}
	return append(b, "\n  }"...)
}

// appendIntMember appends key (the separator and name before the value)
// and n.
func appendIntMember(b []byte, key string, n int) []byte {
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

// appendJSONString appends s as encoding/json writes a string: quoted, with
// `"` and `\` escaped, control characters as \b, \f, \n, \r, \t or \u00XX,
// bytes that are not UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and
// \u2029, and with escapeHTML <, > and & as \u003c, \u003e and \u0026.
func appendJSONString(b []byte, s string, escapeHTML bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!escapeHTML || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// jsonWriter appends JSON indented by two spaces a level, as a json.Encoder
// given SetIndent("", "  ") writes it, a member or an element at a time;
// html is the encoder's SetEscapeHTML.
type jsonWriter struct {
	b     []byte
	html  bool
	depth int
	fresh bool // the object or array last opened has nothing in it yet
}

// open opens an object ('{') or an array ('[').
func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.fresh = true
}

// close closes what open opened: `]` or `}` on a line of its own, or
// right after the opening mark when it holds nothing.
func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.fresh {
		w.newline()
	}
	w.b = append(w.b, c)
	w.fresh = false
}

// item starts the next element of an array.
func (w *jsonWriter) item() {
	if !w.fresh {
		w.b = append(w.b, ',')
	}
	w.fresh = false
	w.newline()
}

// key starts the next member of an object.
func (w *jsonWriter) key(k string) {
	w.item()
	w.b = append(appendJSONString(w.b, k, w.html), ": "...)
}

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

func (w *jsonWriter) str(s string) { w.b = appendJSONString(w.b, s, w.html) }

func (w *jsonWriter) num(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// strMember and numMember write a member whose value is a string or a
// number.
func (w *jsonWriter) strMember(k, s string) {
	w.key(k)
	w.str(s)
}

func (w *jsonWriter) numMember(k string, n int) {
	w.key(k)
	w.num(n)
}

// element starts an element of an array that stands depth levels deep, as
// the array's first line break and indentation would: the caller writes
// the separator before it.
func (w *jsonWriter) element(depth int) {
	w.depth = depth
	for range depth {
		w.b = append(w.b, "  "...)
	}
	w.fresh = false
}
