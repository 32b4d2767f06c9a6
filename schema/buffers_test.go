package schema

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/racetest"
)

// bufferedPage is a page with chapters, quotes and paragraphs, sized by n.
func bufferedPage(n int) []byte {
	var b strings.Builder
	b.WriteString("# Tides of the Wash\n\nA summary of the episode.\n\n")
	for i := range n {
		fmt.Fprintf(&b, "## [%02d:%02d] Part %d\n\nOla reads the tide table aloud.\n\n> *\"The sea keeps its own hours.\"* — Ola [%02d:%02d]\n\n", i/60, i%60, i, i/60, i%60)
	}
	return []byte(b.String())
}

// bytesPerRead is the heap allocated by reading src, and releasing the
// page after when release is set, averaged over many reads.
func bytesPerRead(src []byte, release bool) float64 {
	const reads = 200
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range reads {
		doc := Read("p.md", src)
		if release {
			doc.Release()
		}
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / reads
}

// TestReleasedPageServesTheNext: the slices a page was read into serve the
// next page read once it is released, so reading a page after another
// allocates far less; a page not released keeps its own.
func TestReleasedPageServesTheNext(t *testing.T) {
	if racetest.Enabled {
		t.Skip("the race detector drops at random what a sync.Pool is given: .ci/run runs this without it")
	}
	src := bufferedPage(60)
	bytesPerRead(src, true) // the first page's slices are new
	released, kept := bytesPerRead(src, true), bytesPerRead(src, false)
	if released > kept/3 {
		t.Errorf("a read after a released page allocates %.0f bytes, one after a kept page %.0f: want under a third", released, kept)
	}
}

// TestReleaseClearsThePage: a released page's chapters and blocks are
// cleared (no page's strings are kept alive by the next), a page read
// after it reads as it would alone, and a second Release changes nothing.
func TestReleaseClearsThePage(t *testing.T) {
	first := Read("a.md", bufferedPage(5))
	chapter := first.Episode.Chapters[0]
	blocks := chapter.Blocks[:len(chapter.Blocks):len(chapter.Blocks)]
	first.Release()
	first.Release()
	if chapter.Title.Value != "" || blocks[0].Text != "" || blocks[0].Quote != nil {
		t.Errorf("a released chapter still holds %q, block %q", chapter.Title.Value, blocks[0].Text)
	}
	small := bufferedPage(2)
	again := Read("b.md", small)
	alone := Read("b.md", small)
	if fmt.Sprint(episodeShape(again)) != fmt.Sprint(episodeShape(alone)) {
		t.Errorf("a page read into released slices reads\n%v\nalone\n%v", episodeShape(again), episodeShape(alone))
	}
}

// episodeShape is what a page was read as: each chapter's title and its
// blocks' texts and quotes.
func episodeShape(doc *Document) []string {
	var out []string
	for _, c := range doc.Episode.Chapters {
		out = append(out, "chapter "+c.Title.Value)
		for _, b := range c.Blocks {
			s := fmt.Sprintf("block %v %q", b.Kind, b.Text)
			if b.Quote != nil {
				s += fmt.Sprintf(" quote %q by %v", b.Quote.Words, *b.Quote.Speaker)
			}
			out = append(out, s)
		}
	}
	return out
}

// TestReleasedSlicesReadAsNew: every Markdown page of the project's
// fixtures, read right after the page before it was released (into that
// page's slices), reads as the same page read into new ones.
func TestReleasedSlicesReadAsNew(t *testing.T) {
	var prev *Document
	n := 0
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src := readFixture(t, path)
		if prev != nil {
			prev.Release()
		}
		doc := Read(path, src)
		alone := Read(path, src)
		if !reflect.DeepEqual(doc.Episode, alone.Episode) || !reflect.DeepEqual(doc.Problems, alone.Problems) {
			t.Errorf("%s reads otherwise in a released page's slices", path)
		}
		prev, n = doc, n+1
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d fixture pages", n)
	}
}

func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return src
}
