// Package sharedtest gives tests the shared folder: the format's examples
// and real pages from the site, kept beside the repository (../shared from
// its root) and never copied into it. A test that needs the folder is
// skipped where it is not there, and fails under CI (the variable CI set),
// where its absence is a broken setup.
package sharedtest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// dir is the shared folder relative to the test's package folder (go test
// runs a test there): ../shared from the nearest folder up with a go.mod.
var dir = sync.OnceValue(func() string {
	up := "."
	for {
		if _, err := os.Stat(filepath.Join(up, "go.mod")); err == nil {
			return filepath.Join(up, "..", "shared")
		}
		abs, err := filepath.Abs(up)
		if err != nil || filepath.Dir(abs) == abs {
			return "" // no module root: the folder cannot be named
		}
		up = filepath.Join(up, "..")
	}
})

// Path joins elem to the shared folder's path. It does not check that the
// folder is there: Need does.
func Path(elem ...string) string {
	return filepath.Join(append([]string{dir()}, elem...)...)
}

// Need skips t without the shared folder, or fails it under CI.
func Need(t testing.TB) {
	t.Helper()
	need(t, dir())
}

func need(t testing.TB, shared string) {
	t.Helper()
	if shared == "" {
		t.Fatal("the shared folder is named from the module root, and no folder above the test has a go.mod")
	}
	if _, err := os.Stat(shared); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing, and CI is set: %v", shared, err)
		}
		t.Skipf("%s is not there: this test needs the shared examples and samples (under CI it fails)", shared)
	}
}

// Read reads the file rel of the shared folder. Without the folder the test
// is skipped or, under CI, failed; a file missing from it fails the test.
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	Need(t)
	src, err := os.ReadFile(Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// Pages is the pages of the shared folder's subfolders dirs (each .md file
// directly in one but its README.md), as names relative to the folder, for
// Read, in order: the pages the corpus benchmark (scripts/bench.sh) copies
// from those folders. Without the folder the test is skipped or, under CI,
// failed.
func Pages(t testing.TB, dirs ...string) []string {
	t.Helper()
	Need(t)
	var pages []string
	for _, dir := range dirs {
		found, err := filepath.Glob(Path(dir, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range found {
			if name := filepath.Base(p); name != "README.md" {
				pages = append(pages, filepath.Join(dir, name))
			}
		}
	}
	return pages
}
