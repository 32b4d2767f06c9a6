package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
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

// TestReusedReadsAreNotKept: check and fix read each file into their
// worker's buffer of the file before, so nothing made from a file's bytes
// may outlive its work. The pages of every rule's and fixer's fixtures are
// checked and fixed in one worker, once as they are and once with each
// file's bytes spoiled as soon as its work returns: every format's output
// must be the same.
func TestReusedReadsAreNotKept(t *testing.T) {
	dir := t.TempDir()
	n := 0
	for _, root := range []string{"../../testdata/rules", "../../testdata/fixers", "../../testdata/demo"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if ext := filepath.Ext(path); ext != ".md" && ext != ".json" {
				return nil // goldens: .diff, .fixed, .golden
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			write(t, dir, fmt.Sprintf("%03d-%s", n, filepath.Base(path)), data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 100 {
		t.Fatalf("only %d fixture pages found", n)
	}
	const cacheDir = "(a cache folder)"
	runs := [][]string{
		{"check", "--no-config", "-j", "1", "."},
		{"check", "--no-config", "-j", "1", "--format", "json", "."},
		{"check", "--no-config", "-j", "1", "--format", "sarif", "."},
		{"check", "--no-config", "-j", "1", "--format", "rdjson", "."},
		{"check", "--no-config", "-j", "1", "--format", "github", "."},
		{"check", "--no-config", "-j", "1", "--format", "junit", "."},
		// The cache keeps every page's report until the run ends: a new
		// cache folder for each run, so that each reads and checks.
		{"check", "--no-config", "-j", "1", "--format", "json", "--cache-dir", cacheDir, "."},
		{"fix", "--no-config", "-j", "1", "."},
		{"fix", "--no-config", "-j", "1", "--unsafe-fixes", "."},
	}
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			// withCache is args with cacheDir made a new, empty folder.
			withCache := func() []string {
				fresh := slices.Clone(args)
				if i := slices.Index(fresh, cacheDir); i >= 0 {
					fresh[i] = t.TempDir()
				}
				return fresh
			}
			code, out, errOut := podlint(t, dir, withCache()...)
			spoiled := 0
			testHookReleased = func(src []byte) {
				spoiled++
				for i := range src {
					src[i] = '#'
				}
			}
			defer func() { testHookReleased = nil }()
			code2, out2, errOut2 := podlint(t, dir, withCache()...)
			if spoiled != n {
				t.Fatalf("%d files spoiled after their work, want %d", spoiled, n)
			}
			if code2 != code || out2 != out || errOut2 != errOut {
				t.Errorf("output changed when each file's bytes were spoiled after its work:\nexit %d, then %d\nstdout diff at byte %d\nstderr diff at byte %d",
					code, code2, firstDiff(out, out2), firstDiff(errOut, errOut2))
			}
		})
	}
}

// firstDiff is the offset of the first byte where a and b differ, or -1.
func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) == len(b) {
		return -1
	}
	return min(len(a), len(b))
}
