package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	page := []byte(strings.Repeat("# A page\n\nWith a paragraph.\n", 40))
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, limit := range []int64{int64(len(page)), 1 << 20} {
		got, _, err := readFile(write("page.md", page), limit)
		if err != nil || !bytes.Equal(got, page) {
			t.Fatalf("limit %d: got %d bytes, %v; want the %d bytes written", limit, len(got), err, len(page))
		}
	}
	if got, _, err := readFile(write("empty.md", nil), 10); err != nil || len(got) != 0 {
		t.Errorf("empty file: got %q, %v", got, err)
	}
	var big tooLarge
	if _, _, err := readFile(write("big.md", page), int64(len(page)-1)); !errors.As(err, &big) || int(big) != len(page) {
		t.Errorf("file over the limit: got %v, want tooLarge(%d)", err, len(page))
	}
	if _, _, err := readFile(dir, 10); !errors.Is(err, errIsDir) {
		t.Errorf("directory: got %v, want errIsDir", err)
	}
	if _, _, err := readFile(filepath.Join(dir, "missing.md"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v, want fs.ErrNotExist", err)
	}
	// Not a regular file: read to the limit, whatever the size says.
	if got, _, err := readFile(os.DevNull, 10); err != nil || len(got) != 0 {
		t.Errorf("%s: got %q, %v", os.DevNull, got, err)
	}
}

// TestRoomFor: a big page raises the soft heap limit podlint set, a small
// one leaves it, and a limit podlint did not set is never touched.
func TestRoomFor(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer memoryLimit.Store(memoryLimit.Load())

	memoryLimit.Store(0) // the user's GOMEMLIMIT
	before := debug.SetMemoryLimit(-1)
	roomFor(1 << 30)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("a limit podlint did not set changed from %d to %d", before, got)
	}

	memoryLimit.Store(baseMemoryLimit)
	debug.SetMemoryLimit(baseMemoryLimit)
	roomFor(1 << 20)
	if got := debug.SetMemoryLimit(-1); got != baseMemoryLimit {
		t.Errorf("a 1 MB page moved the limit to %d", got)
	}
	roomFor(50 << 20)
	if got := debug.SetMemoryLimit(-1); got != 400<<20 || memoryLimit.Load() != 400<<20 {
		t.Errorf("a 50 MB page set the limit to %d (%d recorded), want %d", got, memoryLimit.Load(), 400<<20)
	}
	roomFor(20 << 20)
	if got := debug.SetMemoryLimit(-1); got != 400<<20 {
		t.Errorf("a smaller page lowered the limit to %d", got)
	}
}
