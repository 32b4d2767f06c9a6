package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// brokenWriter fails every write, as a closed pipe or a full disk does.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestFixWriteStdinOutputFails: with standard input, fix --write prints the
// fixed page on stdout. An editor whose stdout fails must not be told all is
// well: the error is named on stderr and the exit code is 2.
func TestFixWriteStdinOutputFails(t *testing.T) {
	page := "# Tide Pools at Dawn— Ines Ferro\n\nMarine biologist Ines Ferro on what lives in a tide pool.\n\n" +
		"## [00:00] Cold open\n\nInes kneels on wet rock.\n"
	var stderr strings.Builder
	code := run([]string{"podlint", "fix", "--write", "--no-config", "--stdin-filename", "tide.md", "-"},
		strings.NewReader(page), brokenWriter{}, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if want := "podlint: tide.md: the fixed page could not be written to standard output: broken pipe"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
	}
}

// TestFixDiffOutputFails: a diff that cannot be written to stdout is an
// error of the run (exit 2), named on stderr, and what would remain is
// still reported there.
func TestFixDiffOutputFails(t *testing.T) {
	dir := t.TempDir()
	page := "# Tide Pools at Dawn— Ines Ferro\n\nMarine biologist Ines Ferro on what lives in a tide pool.\n\n" +
		"## [00:00] Cold open\n\nInes kneels on wet rock.\n"
	if err := os.WriteFile(filepath.Join(dir, "tide.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := run([]string{"podlint", "fix", "--no-config", dir}, nil, brokenWriter{}, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"podlint: standard output: the diff could not be written: broken pipe", "would fix 1 problem in 1 file"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
		}
	}
}

// TestDiffNameCleansAbsolutePaths: a diff names a file from the working
// folder when it lies inside, and by its clean absolute path when it lies
// outside, however the command line spelled it; with no working folder a
// relative name stays as given.
func TestDiffNameCleansAbsolutePaths(t *testing.T) {
	cwd := t.TempDir()
	outside := t.TempDir()
	for _, tc := range []struct {
		path, cwd, want string
	}{
		{filepath.Join(cwd, "ep", "page.md"), cwd, filepath.Join("ep", "page.md")},
		{"./ep/../ep/page.md", cwd, filepath.Join("ep", "page.md")},
		{outside + "//x/../page.md", cwd, filepath.Join(outside, "page.md")},
		{outside + "//x/../page.md", "", filepath.Join(outside, "page.md")},
		{"ep/page.md", "", "ep/page.md"},
	} {
		if got := diffName(input{path: tc.path}, tc.cwd); got != tc.want {
			t.Errorf("diffName(%q) from %q = %q, want %q", tc.path, tc.cwd, got, tc.want)
		}
	}
	if got := diffName(input{path: "-", stdin: true}, cwd); got != "-" {
		t.Errorf("standard input named %q", got)
	}
}
