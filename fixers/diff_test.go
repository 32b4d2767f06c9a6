package fixers

import (
	"strconv"
	"strings"
	"testing"
)

// TestDiffNames: a name git would quote (a newline, a tab, a quote mark, a
// backslash, a control character) is written C-quoted, prefix inside the
// quotes, as git does; other names, UTF-8 included, are written as they are.
func TestDiffNames(t *testing.T) {
	tests := []struct{ path, old, new string }{
		{"tide.md", "a/tide.md", "b/tide.md"},
		{"./sub dir/tide pools.md", "a/sub dir/tide pools.md", "b/sub dir/tide pools.md"},
		{"marée.md", "a/marée.md", "b/marée.md"},
		{"tide\npools.md", `"a/tide\npools.md"`, `"b/tide\npools.md"`},
		{"tab\there.md", `"a/tab\there.md"`, `"b/tab\there.md"`},
		{`say "hi".md`, `"a/say \"hi\".md"`, `"b/say \"hi\".md"`},
		{`back\slash.md`, `"a/back\\slash.md"`, `"b/back\\slash.md"`},
		{"esc\x1b[31m.md", `"a/esc\033[31m.md"`, `"b/esc\033[31m.md"`},
		{"bell\a\x7f\r.md", `"a/bell\a\177\r.md"`, `"b/bell\a\177\r.md"`},
		{"csi\u009b2J.md", `"a/csi\302\2332J.md"`, `"b/csi\302\2332J.md"`},
		{"latin1-caf\xe9.md", `"a/latin1-caf\351.md"`, `"b/latin1-caf\351.md"`},
	}
	for _, tt := range tests {
		diff := Unified(tt.path, []byte("a\n"), []byte("b\n"))
		want := "--- " + tt.old + "\n+++ " + tt.new + "\n"
		if !strings.HasPrefix(diff, want) {
			t.Errorf("%q: header\n%s\nwant\n%s", tt.path, diff, want)
		}
	}
}

// TestDiffNamesGitApply: git apply takes the quoted names and patches the
// file whose name has a newline (or a tab, a quote, an escape).
func TestDiffNamesGitApply(t *testing.T) {
	for _, name := range []string{"tide\npools.md", "tab\there.md", `say "hi".md`, "esc\x1b[31m.md", `back\slash.md`, "csi\u009b2J.md", "latin1-caf\xe9.md"} {
		before, after := []byte("# Tide\n\nA.\n"), []byte("# Tide\n\nB.\n")
		checkGitApply(t, name, before, Unified(name, before, after), after)
	}
}

// FuzzDiffName: a header name is one line of printable text, and a quoted
// one reads back (C quoting is Go's, octal escapes included) to the name.
func FuzzDiffName(f *testing.F) {
	for _, seed := range []string{"a/tide.md", "a/tide\npools.md", `a/say "hi".md`, "a/caf\xe9\x1b.md", "a/marée.md"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := diffName(name)
		if strings.ContainsFunc(got, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("diffName(%q) = %q holds a control character", name, got)
		}
		if !strings.HasPrefix(got, `"`) {
			if got != name {
				t.Fatalf("diffName(%q) = %q: changed but not quoted", name, got)
			}
			return
		}
		back, err := strconv.Unquote(got)
		if err != nil || back != name {
			t.Fatalf("diffName(%q) = %q reads back as %q (%v)", name, got, back, err)
		}
	})
}
