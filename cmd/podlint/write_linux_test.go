package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Extended attributes survive fix --write (they used to be dropped).
func TestFixWriteKeepsXattrs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tide.md", []byte(unfixedPage))
	path := filepath.Join(dir, "tide.md")
	if err := syscall.Setxattr(path, "user.podlint.origin", []byte("pipeline 7"), 0); err != nil {
		if errors.Is(err, syscall.ENOTSUP) {
			t.Skip("no user attributes on this file system")
		}
		t.Fatal(err)
	}
	if code, out, errOut := podlint(t, dir, "fix", "--no-config", "--write", "tide.md"); code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != goodPage {
		t.Fatalf("not fixed:\n%s", got)
	}
	if value, err := getXattr(path, "user.podlint.origin"); err != nil || string(value) != "pipeline 7" {
		t.Errorf("attribute = %q, %v", value, err)
	}
}
