package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteAtomicKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(target, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("tide.md", link); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(link, []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new\n" {
		t.Errorf("target holds %q", got)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v %v", info.Mode(), err)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*podlint*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestWriteAtomicRefusesAChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tide.md")
	if err := os.WriteFile(path, []byte("edited meanwhile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(path, []byte("as podlint read it\n"), []byte("fixed\n"))
	if err == nil || !strings.Contains(err.Error(), "changed since podlint read it") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "edited meanwhile\n" {
		t.Errorf("file holds %q", got)
	}
}

// A write that fails half-way (a full disk, say) leaves the original
// byte-identical and no temporary file behind.
func TestWriteAtomicFailureLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(path, []byte("original\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(orig func(string, string) (*os.File, error)) { createTemp = orig }(createTemp)
	createTemp = func(dir, pattern string) (*os.File, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		// A file opened read-only: every write fails, as on a full disk.
		name := f.Name()
		_ = f.Close()
		return os.Open(name)
	}
	if err := writeAtomic(path, []byte("original\n"), []byte("fixed\n")); err == nil {
		t.Fatal("the write did not fail")
	}
	if got, _ := os.ReadFile(path); string(got) != "original\n" {
		t.Errorf("original now holds %q", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*podlint*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// Where permissions are enforced (not as root), a read-only folder makes
// the write fail cleanly.
func TestWriteAtomicReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions; TestWriteAtomicFailureLeavesOriginal covers the failure")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "tide.md")
	if err := os.WriteFile(path, []byte("original\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chmod(dir, 0o755) }()
	err := writeAtomic(path, []byte("original\n"), []byte("fixed\n"))
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("err = %v, want permission denied", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "original\n" {
		t.Errorf("original now holds %q", got)
	}
}
