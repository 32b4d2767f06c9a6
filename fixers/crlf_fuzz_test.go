package fixers

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/rules"
)

// FuzzFixCRLF fixes pages whose every line ends in CRLF, seeded with every
// fixer fixture, and checks that the fixed page has no bare LF: each fix
// keeps the file's line ends.
func FuzzFixCRLF(f *testing.F) {
	paths, _ := filepath.Glob("../testdata/fixers/*/*")
	for _, p := range paths {
		switch filepath.Ext(p) {
		case ".md", ".json":
			if src, err := os.ReadFile(p); err == nil {
				f.Add(filepath.Ext(p) == ".json", true, src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, isJSON, unsafe bool, src []byte) {
		name := "page.md"
		if isJSON {
			name = "episode.json"
		}
		src = crlf(bytes.ReplaceAll(src, []byte("\r"), nil))
		if !bytes.Contains(src, []byte("\r\n")) {
			return // no line end: the file says nothing about its line ends
		}
		out, err := Run(name, src, Options{Config: rules.DefaultConfig(), Unsafe: unsafe})
		if err != nil {
			t.Fatalf("%v\ninput: %q", err, src)
		}
		if bytes.Contains(bytes.ReplaceAll(out.Src, []byte("\r\n"), nil), []byte("\n")) {
			t.Fatalf("a bare LF in the fixed CRLF page\ninput: %q\noutput: %q", src, out.Src)
		}
	})
}
