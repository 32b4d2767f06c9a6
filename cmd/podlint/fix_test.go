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
		if got := diffName(input{path: tc.path}, tc.cwd, &realFolders{}); got != tc.want {
			t.Errorf("diffName(%q) from %q = %q, want %q", tc.path, tc.cwd, got, tc.want)
		}
	}
	if got := diffName(input{path: "-", stdin: true}, cwd, &realFolders{}); got != "-" {
		t.Errorf("standard input named %q", got)
	}
}

// TestDiffNameThroughSymlinks: a working folder reached by a symbolic link
// still names the files inside it from there, however each is spelled,
// and a folder is resolved once a run: after the link is gone, the names
// made through it stay the same.
func TestDiffNameThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "ep"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	folders := &realFolders{}
	want := filepath.Join("ep", "page.md")
	for _, path := range []string{filepath.Join(real, "ep", "page.md"), filepath.Join(link, "ep", "page.md")} {
		for _, cwd := range []string{real, link} {
			if got := diffName(input{path: path}, cwd, folders); got != want {
				t.Errorf("diffName(%q) from %q = %q, want %q", path, cwd, got, want)
			}
		}
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if got := diffName(input{path: filepath.Join(real, "ep", "page.md")}, link, folders); got != want {
		t.Errorf("after the link is gone, resolved again: %q, want %q", got, want)
	}
	if got := diffName(input{path: filepath.Join(real, "ep", "page.md")}, link, &realFolders{}); got != filepath.Join(real, "ep", "page.md") {
		t.Errorf("a fresh run through a link that is gone: %q, want the absolute path", got)
	}
}
