package fixers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/rules"
)

// FuzzFix runs the whole fix pipeline on arbitrary pages: no panic, no fixer
// error (invalid edits, loops, lost words), and fixing the result again
// changes nothing.
func FuzzFix(f *testing.F) {
	for _, pattern := range []string{"../testdata/fixers/*/*", "../testdata/rules/*/*", "../testdata/demo/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			switch filepath.Ext(p) {
			case ".md", ".json":
				if src, err := os.ReadFile(p); err == nil {
					f.Add(filepath.Ext(p) == ".json", src)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, isJSON bool, src []byte) {
		name := "page.md"
		if isJSON {
			name = "episode.json"
		}
		opts := Options{Config: rules.DefaultConfig(), Unsafe: true}
		out, err := Run(name, src, opts)
		if err != nil {
			t.Fatalf("%v\ninput: %q", err, src)
		}
		if out.Passes == MaxPasses {
			return
		}
		again, err := Run(name, out.Src, opts)
		if err != nil {
			t.Fatalf("second run: %v", err)
		}
		if again.Changed() {
			t.Fatalf("not idempotent:\n%s", Unified(name, out.Src, again.Src))
		}
	})
}
