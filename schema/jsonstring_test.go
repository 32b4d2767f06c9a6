package schema

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRewriteJSONString: the part of a literal a value changes is written
// anew in the literal's style; the rest keeps its escapes; what decoding
// lost is never written back as U+FFFD.
func TestRewriteJSONString(t *testing.T) {
	for _, tc := range []struct {
		lit, value, want string
		ok               bool
	}{
		{`"Caf\u00e9  society"`, "Café society", `"Caf\u00e9 society"`, true},
		{`"a \/ b  c"`, "a / b c", `"a \/ b c"`, true},
		{`"Intro. Rest \"quoted\" \ud83c\udf89."`, `Rest "quoted" 🎉.`, `"Rest \"quoted\" \ud83c\udf89."`, true},
		{`"Intro. Lone \ud800 here."`, "Lone \uFFFD here.", `"Lone \ud800 here."`, true},
		{`"person"`, "Person", `"Person"`, true},
		{`"na\u00efve"`, "Naïve", `"Na\u00efve"`, true},
		{`"naïve"`, "Naïve ünd", `"Naïve ünd"`, true},
		{`"plain"`, "tab\there \"now\"", `"tab\there \"now\""`, true},
		{`"emoji"`, "🎉", `"🎉"`, true},
		{`"ascii only"`, "ascii 🎉", `"ascii 🎉"`, true},
		{`"\u00e9 é"`, "\u00e9 é!", `"\u00e9 é!"`, true},
		{`"ascii \u00e9"`, "ascii é 🎉", `"ascii \u00e9 \ud83c\udf89"`, true},
		{`"Lone \ud800 x"`, "Lone y", "", false},                           // the half pair would go
		{"\"bad \xff byte\"", "bad byte", `"bad byte"`, true},              // the byte goes
		{"\"bad \xff  byte\"", "bad \xff byte", "\"bad \xff byte\"", true}, // the byte stays
		{`"open`, "open", "", false},
		{`"a"b"`, "a", "", false},
	} {
		got, ok := RewriteJSONString(tc.lit, tc.value)
		if ok != tc.ok || got != tc.want {
			t.Errorf("RewriteJSONString(%s, %q) = %s, %v; want %s, %v", tc.lit, tc.value, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzRewriteJSONString: a rewritten literal decodes to the value, and
// keeps the literal's bytes before and after the part that changed.
func FuzzRewriteJSONString(f *testing.F) {
	f.Add(`"Caf\u00e9  society"`, "Café society")
	f.Add(`"Intro. Lone \ud800 here."`, "Lone \uFFFD here.")
	f.Add(`"x"`, "\x00\"\\")
	f.Fuzz(func(t *testing.T, lit, value string) {
		if !utf8.ValidString(value) {
			return
		}
		got, ok := RewriteJSONString(lit, value)
		if !ok {
			return
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Fatalf("%s -> %s: not a literal: %v", lit, got, err)
		}
		if back != value {
			t.Fatalf("%s -> %s reads %q, want %q", lit, got, back, value)
		}
		if got[0] != '"' || !strings.HasPrefix(lit, `"`) {
			t.Fatalf("%s -> %s", lit, got)
		}
	})
}
