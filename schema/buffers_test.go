package schema

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/fixturepages"
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

// bufferedJSON is bufferedPage as episode JSON.
func bufferedJSON(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"title": "Tides of the Wash", "summary": "A summary of the episode.", "chapters": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"start": %d, "title": "Part %d", "summary": "Ola reads the tide table aloud.", "quotes": [{"text": "The sea keeps its own hours.", "at": %d, "speaker": "Ola"}]}`, 60*i, i, 60*i+5)
	}
	b.WriteString(`], "entities": [{"name": "Ola", "type": "person", "description": "A harbour pilot."}]}`)
	return []byte(b.String())
}

// bytesPerRead is the heap allocated by reading src, and releasing the
// page after when release is set, averaged over many reads.
func bytesPerRead(name string, src []byte, release bool) float64 {
	const reads = 200
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range reads {
		doc := Read(name, src)
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
	for name, src := range map[string][]byte{"p.md": bufferedPage(60), "p.json": bufferedJSON(60)} {
		bytesPerRead(name, src, true) // the first page's slices are new
		released, kept := bytesPerRead(name, src, true), bytesPerRead(name, src, false)
		if released > kept/3 {
			t.Errorf("%s: a read after a released page allocates %.0f bytes, one after a kept page %.0f: want under a third", name, released, kept)
		}
		t.Logf("%s: %.0f bytes a read after a released page, %.0f after a kept one", name, released, kept)
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

// TestReleasedSlicesReadAsNew: every page of the project's fixtures
// (Markdown and JSON), read right after the page before it was released
// (into that page's slices), reads as the same page read into new ones.
func TestReleasedSlicesReadAsNew(t *testing.T) {
	var prev *Document
	fixturepages.Each(t, "../testdata", 150, func(path string, src []byte) {
		if prev != nil {
			prev.Release()
		}
		doc := Read(path, src)
		alone := Read(path, src)
		if !reflect.DeepEqual(doc.Episode, alone.Episode) || !reflect.DeepEqual(doc.Problems, alone.Problems) ||
			!reflect.DeepEqual(doc.JSONValue(), alone.JSONValue()) {
			t.Errorf("%s reads otherwise in a released page's slices", path)
		}
		prev = doc
	})
}
