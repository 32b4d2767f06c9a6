package restore

import (
	"os"
	"path/filepath"
	"strings"
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

// sameRunBySearch is the reference for sameRun: the common prefix of
// the two, then, in a run with a line ending, tab or carriage return, its
// bytes read one by one; in one of spaces only, a search for two spaces.
func sameRunBySearch(restored string, line []byte) int {
	n := 0
	for n < len(restored) && n < len(line) && restored[n] == line[n] {
		n++
	}
	run := restored[:n]
	if strings.IndexByte(run, '\n') >= 0 || strings.IndexByte(run, '\t') >= 0 || strings.IndexByte(run, '\r') >= 0 {
		for n := range len(run) {
			if schema.IsSpaceByte(run[n]) && (n+1 == len(run) || schema.IsSpaceByte(run[n+1])) {
				return n
			}
		}
		return len(run)
	}
	if i := strings.Index(run, "  "); i >= 0 {
		return i
	}
	return len(strings.TrimSuffix(run, " "))
}

// FuzzSameRun: reading eight bytes at a time finds the run that the
// common prefix and the searches in it find.
func FuzzSameRun(f *testing.F) {
	for _, seed := range []string{"", " ", "a", "ab ", "one two  three", "0123456  x", "01234567\t\nx",
		"a\x00\x01b c", "\x1f\x20\x21", "é  è", "\xa0\xa0 x", "seven. \n\nEight", "abcdefg \rabcdefgh "} {
		f.Add(seed, seed)
		f.Add(seed+" and more words", seed+"\nand more words")
		f.Add("Ada opens with a claim "+seed, "Ada opens with a claim "+seed+"x")
	}
	f.Fuzz(func(t *testing.T, restored, line string) {
		if got, want := sameRun(restored, []byte(line)), sameRunBySearch(restored, []byte(line)); got != want {
			t.Fatalf("sameRun(%q, %q) = %d, want %d", restored, line, got, want)
		}
	})
}
