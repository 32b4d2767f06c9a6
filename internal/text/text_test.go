package text

import "testing"

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 files"}, {1, "1 file"}, {2, "2 files"}, {999, "999 files"}, {1000, "1,000 files"}, {2873000, "2,873,000 files"}, {-1234, "-1,234 files"}} {
		if got := Plural(tt.n, "file"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	if got := OneLine("  a\tb\r\n\n c  "); got != "a b c" {
		t.Errorf("OneLine = %q", got)
	}
}
