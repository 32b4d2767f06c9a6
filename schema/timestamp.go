package schema

import (
	"strconv"
	"strings"
)

// FormatTimestamp writes seconds canonically: `mm:ss` below one hour,
// `h:mm:ss` from one hour on.
func FormatTimestamp(seconds int) string {
	if seconds < 0 {
		seconds = 0
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if h == 0 {
		return pad2(m) + ":" + pad2(s)
	}
	return strconv.Itoa(h) + ":" + pad2(m) + ":" + pad2(s)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// maxTimestampField keeps a field's digits from overflowing; no episode is
// anywhere near a million hours long.
const maxTimestampField = 6

// ParseTimestamp reads `m:ss`, `mm:ss` or `h:mm:ss` (any digit counts). It
// returns the total seconds and whether raw reads as a time at all; whether it
// is canonical is a separate question (see Timestamp.Canonical).
func ParseTimestamp(raw string) (seconds int, ok bool) {
	parts := strings.Split(raw, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	total := 0
	for _, p := range parts {
		if p == "" || len(p) > maxTimestampField {
			return 0, false
		}
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
			n = n*10 + int(p[i]-'0')
		}
		total = total*60 + n
	}
	return total, true
}

// NewTimestamp reads raw found at span into a Timestamp.
func NewTimestamp(raw string, span Span) Timestamp {
	secs, ok := ParseTimestamp(raw)
	return Timestamp{
		Raw:       raw,
		Span:      span,
		Seconds:   secs,
		Valid:     ok,
		Canonical: ok && FormatTimestamp(secs) == raw,
	}
}

// parseTimePair reads a `[m, s]` pair (the brackets included, spaces free).
func parseTimePair(s string) (TimePair, bool) {
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
