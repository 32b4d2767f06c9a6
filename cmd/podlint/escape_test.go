package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hostileNames are file names and chapter titles that would move the
// cursor, recolour or clear the screen, retitle the window, or break a line
// if printed raw.
func writeHostilePages(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	page := func(title string) []byte {
		return []byte("# Tide Pools\n\nA summary.\n\n## [00:00] Cold open\n\nBody.\n\n## [5:07] " + title + "\n\nMore.\n")
	}
	write(t, dir, "red\x1b[31m.md", page("Plain"))
	write(t, dir, "tide\npools.md", page("Clear\x1b[2J\x1b]0;owned\x07 screen"))
	write(t, dir, "c1.md", page("Eight-bit \u009b2J CSI, DEL \x7f, bidi \u202eevil"))
	write(t, dir, "blink\x1b[5m.md", []byte("# Tide Pools\n\nA summary.\n\n## [00:00] Cold open\n\nBody.\n\n## Thanks \x1b[5mblink\n\nTo all.\n"))
	return dir
}

// TestTextOutputEscapesControls: in the text output (and the messages on
// stderr, check's and convert's) no control character from a file name or a title reaches the
// terminal raw; each is written visibly, as the golden file shows.
func TestTextOutputEscapesControls(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("..", "..", "testdata", "formats", "escapes.text"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeHostilePages(t)
	code, out, errOut := podlint(t, dir, "check", "--no-config", "--color", "never", ".", "gone\x1b[2J.md")
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	got := out + "--- stderr\n" + errOut
	_, out, errOut = podlint(t, dir, "convert", "--no-config", "--to", "json", "blink\x1b[5m.md")
	got += "--- convert stderr\n" + errOut
	if out != "" {
		t.Errorf("convert wrote %q despite a loss", out)
	}
	for _, raw := range []string{"\x1b", "\x07", "\u009b", "\x7f", "\u202e", "tide\npools"} {
		if strings.Contains(got, raw) {
			t.Errorf("raw %q reaches the terminal:\n%s", raw, got)
		}
	}
	if *updateScripts {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n%s", golden, got)
	}
}

// TestMachineFormatsKeepControls: JSON and SARIF carry names and titles as
// they are, JSON-escaped (SARIF's file URIs percent-encoded): no raw
// control byte in the output, the exact text after decoding.
func TestMachineFormatsKeepControls(t *testing.T) {
	dir := writeHostilePages(t)
	exact := map[string][]string{
		"json":  {`"red\u001b[31m.md"`, `"tide\npools.md"`, `Clear\u001b[2J\u001b]0;owned\u0007 screen`},
		"sarif": {`"red%1B%5B31m.md"`, `"tide%0Apools.md"`, `Clear\u001b[2J\u001b]0;owned\u0007 screen`},
	}
	for format, want := range exact {
		_, out, _ := podlint(t, dir, "check", "--no-config", "--format", format, ".")
		if i := strings.IndexFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' }); i >= 0 {
			t.Errorf("%s: raw control byte %q in the output", format, out[i])
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		decoded, _ := json.Marshal(v)
		for _, w := range want {
			if !bytes.Contains(decoded, []byte(w)) {
				t.Errorf("%s: %s is not in the output", format, w)
			}
		}
	}
}

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain.md", "plain.md"},
		{"marée — ünïcode.md", "marée — ünïcode.md"},
		{"a\x1b[31mb", `a\x1b[31mb`},
		{"line\nbreak\ttab\rcr", `line\nbreak\ttab\rcr`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1\u009b2J", `c1\u009b2J`},
		{"bidi\u202eevil\u2066x\u2069", `bidi\u202eevil\u2066x\u2069`},
		{"latin1 caf\xe9", `latin1 caf\xe9`},
		{"replacement \ufffd kept", "replacement \ufffd kept"},
	}
	for _, tt := range tests {
		if got := visible(tt.in); got != tt.want {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := visibleLines("panic: \x1b[2J\n\tmain.go:12"); got != "panic: \\x1b[2J\n\tmain.go:12" {
		t.Errorf("visibleLines: %q", got)
	}
}

// FuzzFirstHidden holds firstHidden, which passes over printable ASCII
// eight bytes at a time, to a rune-by-rune search.
func FuzzFirstHidden(f *testing.F) {
	for _, s := range []string{"plain words, and more plain words", "0123456\x7f", "abcdefgh\x1fxyz", "caf\xe9 au lait ......", "~~~~~~~~\xff", "\u202e", "bidi text \u2066 here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.IndexFunc(s, hidden)
		if want < 0 {
			want = len(s)
		}
		if got := firstHidden(s); got != want {
			t.Fatalf("firstHidden(%q) = %d, want %d", s, got, want)
		}
	})
}

// TestFixDiffOfOddNamesApplies: the diff of files whose names hold a
// newline, an escape or a quote mark is taken whole by git apply, and
// applying it leaves nothing to fix.
func TestFixDiffOfOddNamesApplies(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	dir := writeHostilePages(t)
	write(t, dir, `say "hi".md`, []byte("# Tide Pools\n\nA summary.\n\n## [0:00] Cold open\n\nBody.\n"))
	code, diff, _ := podlint(t, dir, "fix", "--no-config", ".")
	if code != exitFindings || !strings.Contains(diff, `--- "a/tide\npools.md"`) {
		t.Fatalf("fix: exit %d, diff:\n%s", code, diff)
	}
	for _, check := range [][]string{{"apply", "--check", "-"}, {"apply", "-"}} {
		cmd := exec.Command(git, check...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(diff)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s\n%s", check, err, out, diff)
		}
	}
	if code, _, _ := podlint(t, dir, "fix", "--no-config", "."); code != exitClean {
		t.Errorf("after git apply, fix still has work: exit %d", code)
	}
}

// BenchmarkFirstHidden looks for escapes in a message as a rule writes
// one: mostly ASCII, with a curly apostrophe, an en dash and quote marks.
//
//	go test ./cmd/podlint -run '^$' -bench FirstHidden
func BenchmarkFirstHidden(b *testing.B) {
	msg := `quote at 14:28 is outside chapter "Ada’s Infrastructure Philosophy" at 14:48, which runs 14:48–17:01 (“it scales”)`
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if firstHidden(msg) != len(msg) {
			b.Fatal("hidden rune found")
		}
	}
}
