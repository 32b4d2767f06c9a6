package schema

import "bytes"

// NotEpisodeJSON tells whether src is certainly not episode JSON: a whole
// JSON value that is not an object, or an object whose top-level keys
// include none of an episode's. It reads no further than it must and builds
// nothing until it has seen the whole top level without an episode key (an
// episode stops it at its first key), so a directory walk can pass over
// package.json and its kind cheaply. Anything it cannot be sure of (a
// truncated object, a file that does not start like JSON) is left to be
// checked.
func NotEpisodeJSON(src []byte) bool {
	i := 0
	if bytes.HasPrefix(src, bom) {
		i = len(bom)
	}
	i = skipJSONSpace(src, i)
	if i == len(src) {
		return false
	}
	switch src[i] {
	case '{':
	case '[', '"', 't', 'f', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		// Another kind of JSON value: an episode is an object. Sure only
		// when it parses, so that a broken episode is still reported.
		_, _, err := ParseJSON(src)
		return err == nil
	default:
		return false
	}
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '"':
			end, ok := stringEnd(src, i)
			if !ok {
				return false
			}
			if depth == 1 && modelKeys[string(src[i+1:end])] {
				if j := skipJSONSpace(src, end+1); j < len(src) && src[j] == ':' {
					return false
				}
			}
			i = end
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				// The object closed without an episode key: sure once the
				// file parses (the scan above only counted brackets).
				_, _, err := ParseJSON(src)
				return err == nil
			}
		}
	}
	return false // truncated
}

// stringEnd returns the offset of the quote closing the string opening at
// src[open].
func stringEnd(src []byte, open int) (int, bool) {
	for i := open + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i, true
		}
	}
	return 0, false
}

// skipJSONSpace moves past JSON white space from i.
func skipJSONSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// StartsLikeJSON tells whether src opens as a JSON object does: `{` after
// white space (and a BOM). No Markdown page starts so, which lets
// standard input without a name be read in the form it is written in.
func StartsLikeJSON(src []byte) bool {
	i := 0
	if bytes.HasPrefix(src, bom) {
		i = len(bom)
	}
	i = skipJSONSpace(src, i)
	return i < len(src) && src[i] == '{'
}
