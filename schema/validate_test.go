package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestConstructedValidIsExact: skipping the reader-built parts of a page
// gives the same violations as validating the whole instance.
func TestConstructedValidIsExact(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/*/*/*.md")
	demo, _ := filepath.Glob("../testdata/demo/*.md")
	for _, p := range append(paths, demo...) {
		src, err := os.ReadFile(p)
		if err != nil || CheckEncoding(src) != nil {
			continue
		}
		fast, err1 := Validate(Read(p, src))
		sch, _ := compiled()
		full, err2 := validateWith(sch, Read(p, src))
		if err1 != nil || err2 != nil || !reflect.DeepEqual(fast, full) {
			t.Errorf("%s: pruned validation %v (%v) differs from full %v (%v)", p, fast, err1, full, err2)
		}
	}
}
