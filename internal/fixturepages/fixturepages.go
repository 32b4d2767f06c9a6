// Package fixturepages hands tests the episode pages of the project's
// fixtures (Markdown and JSON, under testdata), one after another.
package fixturepages

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Each calls f with the path and bytes of every .md and .json file under
// root, in lexical order, and fails t when there are fewer than least.
func Each(t testing.TB, root string, least int, f func(path string, src []byte)) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ext := filepath.Ext(path); err != nil || d.IsDir() || ext != ".md" && ext != ".json" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f(path, src)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < least {
		t.Fatalf("only %d fixture pages under %s, want at least %d", n, root, least)
	}
}
