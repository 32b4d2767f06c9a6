package fixers

import (
	"bytes"
	"sort"

	"github.com/podlint/podlint/schema"
)

// blockAt finds the chapter block whose span holds offset.
// Chapters and blocks are in source order, so both are binary searches.
func blockAt(doc *schema.Document, offset int) (*schema.Chapter, int) {
	c := chapterAt(doc.Episode, offset)
	if c == nil {
		return nil, -1
	}
	if i := indexAt(c.Blocks, offset); i >= 0 {
		return c, i
	}
	return nil, -1
}

// chapterAt finds the chapter whose heading is the last to start at or
// before offset, or nil.
func chapterAt(ep *schema.Episode, offset int) *schema.Chapter {
	n := sort.Search(len(ep.Chapters), func(i int) bool { return ep.Chapters[i].Heading.Start > offset })
	if n == 0 {
		return nil
	}
	return ep.Chapters[n-1]
}

// indexAt finds the block whose span holds offset.
func indexAt(blocks []schema.Block, offset int) int {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].Span.Start > offset }) - 1
	if i >= 0 && offset < max(blocks[i].Span.End, blocks[i].Span.Start+1) {
		return i
	}
	return -1
}

// lineEnd returns the offset just past the line ending at or after offset.
func lineEnd(src []byte, offset int) int {
	if i := bytes.IndexByte(src[offset:], '\n'); i >= 0 {
		return offset + i + 1
	}
	return len(src)
}
