package restore

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
)

// alignEachByte is the reference for alignSpaces: an offset for each byte
// of restored and one for its end.
func alignEachByte(restored string, line []byte, base int) []int32 {
	at := make([]int32, len(restored)+1)
	j := 0
	next := int32(base)
	for i := 0; i < len(restored); i++ {
		c := restored[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			at[i] = next
			continue
		}
		for j < len(line) && line[j] != c {
			j++
		}
		at[i] = int32(base + j)
		if j < len(line) {
			j++
		}
		next = int32(base + j)
	}
	at[len(restored)] = int32(base + len(line))
	return at
}

// checkAlign fails t where the anchors of alignSpaces map a byte of
// restored elsewhere than the reference does.
func checkAlign(t *testing.T, restored, line string, base int) {
	t.Helper()
	want := alignEachByte(restored, []byte(line), base)
	at := alignSpaces(restored, []byte(line), base)
	for i, w := range want {
		if got := sourceOf(at, i); got != int(w) {
			t.Fatalf("byte %d of %q maps to %d, want %d (line %q)", i, restored, got, w, line)
		}
	}
}

// TestAlignSpacesRestored: on every page the samples and fixtures give,
// flattened and restored, the anchors map each byte as the reference does.
func TestAlignSpacesRestored(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/*/*/*.md")
	more, _ := filepath.Glob(sharedtest.Path("samples", "*.md")) // none without the shared folder
	paths = append(paths, more...)
	n := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page := string(src)
		flat, ok := flatten(page)
		if !ok {
			continue
		}
		doc := schema.Read(p, []byte(flat))
		c := doc.Episode.Collapsed
		if c == nil {
			continue
		}
		line := string(doc.Src[c.Span.Start:c.Span.End])
		checkAlign(t, Lines(line, doc.Episode.EntityNames()).Text, line, c.Span.Start)
		n++
	}
	if n == 0 {
		t.Fatal("no flattened page")
	}
}

// FuzzAlignSpaces: the anchors map each byte as the reference does, on
// any text and line, and on the line restored.
func FuzzAlignSpaces(f *testing.F) {
	f.Add("Sum.\n\n## [00:00] Cold open\n\nThe body.", "Sum. ## [00:00] Cold open The body.", 7)
	f.Add("a\n\nb c", "a  b\tc", 0)
	f.Add("x y", "", 3)
	f.Add("", "a b", 0)
	long := "Ada opens with a claim about maps and the ways they distort"
	f.Add(long+"  x\n\nB\tc  ", long+"  x B\tc \r", 5)
	f.Add(long+" \tend", long+" \tend", 0)
	f.Fuzz(func(t *testing.T, restored, line string, base int) {
		base &= 1 << 20
		checkAlign(t, restored, line, base)
		checkAlign(t, Lines(line, nil).Text, line, base)
	})
}
