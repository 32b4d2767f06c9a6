package schema

import "strconv"

// Most front matter is a few `key: value` lines (a slug, a date, a list of
// tags), and a YAML parser costs more than the rest of the page's reading.
// quickFrontMatter reads that common shape by hand and gives up on anything
// else, which then goes to the YAML parser. Where it answers, it answers
// exactly as the parser would (FuzzQuickFrontMatter holds it to that):
// plain scalars that start with a letter and hold no YAML indicator, flow
// lists of them, double-quoted strings without escapes, whole numbers and
// dates.

// maxQuickKey is the longest key read by hand, well under YAML's limit of
// 1024 characters for a plain key.
const maxQuickKey = 128

// quickFrontMatter returns the fields and their pointers, or ok false when
// the block needs the YAML parser.
func quickFrontMatter(src string, body []line) (fields []Field, pointers map[string]Span, ok bool) {
	pointers = make(map[string]Span, 2*len(body))
	fields = make([]Field, 0, len(body))
	for _, ln := range body {
		text := src[ln.start:ln.end]
		k := 0
		for k < len(text) && isKeyByte(text[k], k == 0) {
			k++
		}
		// YAML takes a plain key of at most 1024 characters.
		if k == 0 || k > maxQuickKey || k == len(text) || text[k] != ':' {
			return nil, nil, false
		}
		key := text[:k]
		ptr := "/" + key
		if _, dup := pointers[ptr]; dup {
			return nil, nil, false // the parser words the problem
		}
		v := k + 1
		for v < len(text) && text[v] == ' ' {
			v++
		}
		if v == k+1 && v < len(text) || v == len(text) {
			return nil, nil, false // "key:value" or an empty (null) value
		}
		rest := text[v:]
		lineEnd := ln.end
		var value any
		switch rest[0] {
		case '[':
			items, spans, ok := quickFlowList(rest)
			if !ok {
				return nil, nil, false
			}
			list := make([]any, len(items))
			for i, item := range items {
				list[i] = item
				pointers[ptr+"/"+strconv.Itoa(i)] = Span{ln.start + v + spans[i], lineEnd}
			}
			value = list
		case '"':
			s, ok := quickDoubleQuoted(rest)
			if !ok {
				return nil, nil, false
			}
			value = s
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			x, ok := quickNumberOrDate(rest)
			if !ok {
				return nil, nil, false
			}
			value = x
		default:
			s, n := quickPlain(rest, false)
			if n != len(rest) || !isPlainString(s) {
				return nil, nil, false
			}
			value = s
		}
		valueSpan := Span{ln.start + v, lineEnd}
		pointers[ptr] = valueSpan
		fields = append(fields, Field{Key: key, KeySpan: Span{ln.start, lineEnd}, ValueSpan: valueSpan, Value: value})
	}
	return fields, pointers, true
}

// isKeyByte: keys are ASCII words with - and _, starting with a letter.
func isKeyByte(c byte, first bool) bool {
	letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	if first {
		return letter
	}
	return letter || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// quickPlain reads a plain scalar: a letter, then letters, digits, spaces
// and a few marks that mean nothing to YAML mid-scalar (in a flow list, only
// - _ . and /). It returns the value, trailing spaces trimmed,
// and how many bytes it read (spaces included).
func quickPlain(s string, inList bool) (string, int) {
	if len(s) == 0 || !isKeyByte(s[0], true) {
		return "", 0
	}
	n, end := 0, 0
	for n < len(s) {
		c := s[n]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '/':
			n++
			end = n
		case !inList && (c == '(' || c == ')' || c == '\'' || c == '!' || c == '?' || c == '+'):
			// Plain in a block value; in a flow list YAML reads some of
			// these as indicators ("[a?]" does not parse).
			n++
			end = n
		case c == ' ':
			n++
		default:
			if inList && (c == ',' || c == ']') {
				return s[:end], n
			}
			return "", 0 // an indicator, a tab, a comment or non-ASCII: the parser decides
		}
	}
	return s[:end], n
}

// quickNumberOrDate reads a whole number (as the float64 JSON gives) or a
// date written yyyy-mm-dd (kept as the string written, as the parser's
// reading is), with nothing after it but spaces.
func quickNumberOrDate(s string) (any, bool) {
	end := len(s)
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	s = s[:end]
	digits := 0
	for digits < len(s) && '0' <= s[digits] && s[digits] <= '9' {
		digits++
	}
	switch {
	case digits == len(s) && digits <= 15 && (s[0] != '0' || digits == 1):
		n := 0.0
		for i := range len(s) {
			n = n*10 + float64(s[i]-'0')
		}
		return n, true
	case len(s) == 10 && digits == 4 && s[4] == '-' && s[7] == '-' &&
		isDigits(s[5:7]) && isDigits(s[8:10]):
		return s, true
	}
	return nil, false
}

func isDigits(s string) bool {
	for i := range len(s) {
		if c := s[i]; c < '0' || c > '9' {
			return false
		}
	}
	return len(s) > 0
}

// isPlainString rules out the words YAML reads as null or a boolean.
func isPlainString(s string) bool {
	switch s {
	case "", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE":
		return false
	}
	return true
}

// quickFlowList reads `[a, b, c]` (nothing after it but spaces): the items
// and each one's offset in s.
func quickFlowList(s string) (items []string, offsets []int, ok bool) {
	i := 1
	skip := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	skip()
	if i < len(s) && s[i] == ']' {
		i++
	} else {
		for {
			item, n := quickPlain(s[i:], true)
			if n == 0 || !isPlainString(item) {
				return nil, nil, false
			}
			items, offsets = append(items, item), append(offsets, i)
			i += n
			if i == len(s) {
				return nil, nil, false
			}
			i++
			if s[i-1] == ']' {
				break
			}
			skip()
		}
	}
	skip()
	if i != len(s) {
		return nil, nil, false
	}
	if items == nil {
		items = []string{}
	}
	return items, offsets, true
}

// quickDoubleQuoted reads "text" of printable ASCII without escapes, with
// nothing after it but spaces.
func quickDoubleQuoted(s string) (string, bool) {
	i := 1
	for i < len(s) && s[i] != '"' {
		if c := s[i]; c < ' ' || c > '~' || c == '\\' {
			return "", false
		}
		i++
	}
	if i == len(s) {
		return "", false
	}
	for j := i + 1; j < len(s); j++ {
		if s[j] != ' ' {
			return "", false
		}
	}
	return s[1:i], true
}
