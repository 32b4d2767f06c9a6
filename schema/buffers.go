package schema

import (
	"sync"
	"unsafe"
)

// pageBuffers are the big slices a page is read into: its lines (of
// Markdown), blocks, chapters and quotes, and a JSON page's tree. A page
// done with (Document.Release) hands them to the next page read, so that
// a run over many pages reads each into memory the one before warmed: a
// fresh slice for every page lands on memory the caches do not hold (and,
// while the heap grows, on pages the kernel must first clear), which cost
// about 7% of a one-worker check of the podgen corpus.
//
// Every element past a slice's length is zero: what a page used is
// cleared when it is handed back, so a slice taken again needs no
// clearing of its own.
type pageBuffers struct {
	lines    []line
	blocks   []Block
	chapters []Chapter
	quotes   []quoteParts
	// A JSON page's tree: the slabs its values, arrays' items and
	// objects' members were taken from, and the stacks the parser gathers
	// items and members on.
	values      chunks[Value]
	items       chunks[*Value]
	members     chunks[Member]
	itemStack   []*Value
	memberStack []Member
}

var pageBufferPool = sync.Pool{New: func() any { return new(pageBuffers) }}

// maxKeptBytes is the most memory a kept slice may hold: one grown for a
// huge page is dropped, not kept for every page after it.
const maxKeptBytes = 1 << 20

// zeroed returns n zero values in s's array when it has room for them
// (its elements past its length are zero), else in a new one.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// emptied is s cleared and cut to no length, or nil when its array is
// larger than a page should keep.
func emptied[T any](s []T) []T {
	var zero T
	if uintptr(cap(s))*unsafe.Sizeof(zero) > maxKeptBytes {
		return nil
	}
	clear(s)
	return s[:0]
}

func (b *pageBuffers) put() {
	b.lines = emptied(b.lines)
	b.blocks = emptied(b.blocks)
	b.chapters = emptied(b.chapters)
	b.quotes = emptied(b.quotes)
	b.values.release()
	b.items.release()
	b.members.release()
	// The stacks are empty, but what stood on them is still in their
	// arrays.
	b.itemStack = emptied(b.itemStack[:cap(b.itemStack)])
	b.memberStack = emptied(b.memberStack[:cap(b.memberStack)])
	pageBufferPool.Put(b)
}

// OnRelease has Release call f: what a reader of the page made for it
// (a rule's list of its texts) may then serve the next page too.
func (doc *Document) OnRelease(f func()) {
	doc.releases = append(doc.releases, f)
}

// Release tells that doc and everything read from it are no longer used:
// its Episode, chapters, blocks and quotes, its Lines, and what was
// memoized on it. Their memory then serves the next page read. Release
// may be called more than once; a caller that keeps any part of the page
// must not call it at all (a page never released is collected as usual).
func (doc *Document) Release() {
	releases := doc.releases
	doc.releases = nil
	for i := len(releases) - 1; i >= 0; i-- {
		releases[i]()
	}
	if b := doc.buffers; b != nil {
		doc.buffers = nil
		b.put()
	}
}
