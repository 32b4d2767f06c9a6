package schema

import (
	"strconv"
	"strings"
)

// FormatTimestamp writes seconds canonically: `mm:ss` below one hour,
// `h:mm:ss` from one hour on.
func FormatTimestamp(seconds int) string {
	var buf [24]byte
	return string(AppendTimestamp(buf[:0], seconds))
}

// AppendTimestamp appends FormatTimestamp(seconds) to dst.
func AppendTimestamp(dst []byte, seconds int) []byte {
	if seconds < 0 {
		seconds = 0
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if h > 0 {
		dst = append(strconv.AppendInt(dst, int64(h), 10), ':')
	}
	return append(dst, byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
}

// maxTimestampField keeps a field's digits from overflowing; no episode is
// anywhere near a million hours long.
const maxTimestampField = 6

// maxTimestampSeconds keeps the canonical form within maxTimestampField
// digits of hours, so that whatever parses can be written back and read
// again ("999999:70:00" would need a seventh digit).
const maxTimestampSeconds = 999999*3600 + 3599

// ParseTimestamp reads `m:ss`, `mm:ss` or `h:mm:ss` (any digit counts). It
// returns the total seconds and whether raw reads as a time at all; whether it
// is canonical is a separate question (see Timestamp.Canonical).
func ParseTimestamp(raw string) (seconds int, ok bool) {
	total, fields, digits, n := 0, 1, 0, 0
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case '0' <= c && c <= '9':
			if digits++; digits > maxTimestampField {
				return 0, false
			}
			n = n*10 + int(c-'0')
		case c == ':' && digits > 0 && fields < 3:
			total, fields, digits, n = total*60+n, fields+1, 0, 0
		default:
			return 0, false
		}
	}
	if total = total*60 + n; fields < 2 || digits == 0 || total > maxTimestampSeconds {
		return 0, false
	}
	return total, true
}

// NewTimestamp reads raw found at span into a Timestamp.
func NewTimestamp(raw string, span Span) Timestamp {
	secs, ok := ParseTimestamp(raw)
	var buf [24]byte
	return Timestamp{
		Raw:       raw,
		Span:      span,
		Seconds:   secs,
		Valid:     ok,
		Canonical: ok && string(AppendTimestamp(buf[:0], secs)) == raw,
	}
}

// ParseTimePair reads a `[m, s]` pair (the brackets included, spaces free).
func ParseTimePair(s string) (TimePair, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 5 || s[0] != '[' || s[len(s)-1] != ']' {
		return TimePair{}, false
	}
	m, sec, found := strings.Cut(s[1:len(s)-1], ",")
	if !found {
		return TimePair{}, false
	}
	mi, err1 := strconv.Atoi(strings.TrimSpace(m))
	si, err2 := strconv.Atoi(strings.TrimSpace(sec))
	if err1 != nil || err2 != nil || mi < 0 || si < 0 || mi > 1e6 || si > 1e6 {
		return TimePair{}, false
	}
	return TimePair{Minutes: mi, Seconds: si}, true
}

// TimeLike tells text that is meant as a time, read or not: digits with
// only the punctuation of times and pairs between them (`-1:-5`, `3, 75`).
func TimeLike(raw string) bool {
	digit := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case '0' <= c && c <= '9':
			digit = true
		case strings.IndexByte(":.,-+ ", c) < 0:
			return false
		}
	}
	return digit
}
