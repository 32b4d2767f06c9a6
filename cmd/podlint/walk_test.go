package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWalkMeetsPathsSorted: the walk finds files in the order of their
// paths, though a folder's name sorts before names it is a prefix of
// ("a" before "a-b.md") while the paths under it sort after them
// ("a-b.md" before "a/x.md"). Names with bytes below and above the slash
// beside folders, and folders in folders, as the relative, dotted and
// absolute forms of one root name them.
func TestWalkMeetsPathsSorted(t *testing.T) {
	root := t.TempDir()
	files := []string{
		"a.md", "a-b.md", "a!.md", "a0.md", "a/x.md", "a/b.md", "a/b/c.md", "a/b-c.md", "a/b.c/d.md",
		"ab/z.md", "a b.md", "a b/y.md", "b.json", "B.md", "é.md", "z/a.md", "z.md", "z_/q.md",
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Dir(root))
	base := filepath.Base(root)
	for _, arg := range []string{base, "./" + base + "/", root, base + "/a/.."} {
		var got []string
		res := newResolver("", true, nil, nil, 0)
		hooks := walkHooks{reading: func(int) {}, room: func(int) {}}
		found, errs := walk(arg, res, func(in input) { got = append(got, in.path) }, hooks)
		if found != len(files) || len(errs) != 0 {
			t.Fatalf("walk(%q): %d found, errors %v", arg, found, errs)
		}
		// What filepath.WalkDir finds, in the form it gives, sorted.
		var want []string
		err := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				want = append(want, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("walk(%q) met\n%s\nwant\n%s", arg, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestCollectTellsManyFilesOnce: collect calls found once for a folder of
// more than manyFiles pages (as its entries are read, and not again as
// its files are added), and never for one of fewer.
func TestCollectTellsManyFilesOnce(t *testing.T) {
	for _, n := range []int{manyFiles - 1, manyFiles + 300} {
		dir := t.TempDir()
		for i := range n {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.md", i)), []byte("# T\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		calls := 0
		inputs, errs := collect([]string{dir}, "", newResolver("", true, nil, nil, 0), func() { calls++ })
		if len(inputs) != n || len(errs) != 0 {
			t.Fatalf("%d pages: %d inputs, errors %v", n, len(inputs), errs)
		}
		if want := min(1, n/manyFiles); calls != want {
			t.Errorf("%d pages: found called %d times, want %d", n, calls, want)
		}
	}
}
