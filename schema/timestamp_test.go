package schema

import (
	"math"
	"strconv"
	"testing"
)

func TestParseTimestamp(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		secs int
		ok   bool
	}{
		{"00:00", 0, true}, {"5:07", 307, true}, {"05:07", 307, true}, {"1:02:03", 3723, true},
		{"01:02:03", 3723, true}, {"999999:59", 999999*60 + 59, true}, {"999999:59:59", maxTimestampSeconds, true}, {"999999:60:00", 0, false}, {"0:75", 75, true},
		{"", 0, false}, {"12", 0, false}, {":12", 0, false}, {"12:", 0, false}, {"1::2", 0, false},
		{"1:2:3:4", 0, false}, {"1234567:00", 0, false}, {"1:2a", 0, false}, {" 1:02", 0, false}, {"-1:00", 0, false},
	} {
		secs, ok := ParseTimestamp(tc.raw)
		if ok != tc.ok || ok && secs != tc.secs {
			t.Errorf("ParseTimestamp(%q) = %d, %v; want %d, %v", tc.raw, secs, ok, tc.secs, tc.ok)
		}
	}
}

func TestFormatTimestamp(t *testing.T) {
	for secs, want := range map[int]string{-5: "00:00", 0: "00:00", 9: "00:09", 307: "05:07", 3599: "59:59", 3600: "1:00:00", 3723: "1:02:03", 36000: "10:00:00"} {
		if got := FormatTimestamp(secs); got != want {
			t.Errorf("FormatTimestamp(%d) = %q, want %q", secs, got, want)
		}
		if ts := NewTimestamp(want, Span{}); !ts.Valid || !ts.Canonical || ts.Seconds != max(secs, 0) {
			t.Errorf("NewTimestamp(%q) = %+v, want valid, canonical, %d s", want, ts, max(secs, 0))
		}
	}
	for _, raw := range []string{"5:07", "0:00:09", "00:00:09", "60:00"} {
		if ts := NewTimestamp(raw, Span{}); !ts.Valid || ts.Canonical {
			t.Errorf("NewTimestamp(%q) = %+v, want valid and not canonical", raw, ts)
		}
	}
}

// FuzzTimestamp: whatever parses formats back to a form that parses to the
// same seconds, and the canonical form is a fixed point.
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{"00:00", "1:02:03", "5:7", "99:99", "1:2:3:4", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		secs, ok := ParseTimestamp(raw)
		if !ok {
			return
		}
		canon := FormatTimestamp(secs)
		back, ok := ParseTimestamp(canon)
		if !ok || back != secs {
			t.Fatalf("%q: %d s formats as %q, which parses to %d, %v", raw, secs, canon, back, ok)
		}
		if ts := NewTimestamp(canon, Span{}); !ts.Canonical {
			t.Fatalf("%q is not canonical", canon)
		}
	})
}

// FuzzSecondsText holds secondsText, which writes whole seconds as an
// integer, to strconv.FormatFloat on every time JSONTime reads (at least
// 0, under 1e9), -0 and fractions included.
func FuzzSecondsText(f *testing.F) {
	for _, seed := range []float64{0, math.Copysign(0, -1), 5, 95, 95.5, 99, 100, 1e8, 999999999, 999999999.999, 0.1, 5e-324, 1.5e-7} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, secs float64) {
		if !(secs >= 0 && secs < 1e9) {
			return
		}
		if got, want := secondsText(secs), strconv.FormatFloat(secs, 'f', -1, 64); got != want {
			t.Fatalf("secondsText(%v) = %q, FormatFloat writes %q", secs, got, want)
		}
	})
}
