// Package schema defines what an episode is: the model with source spans, the
// Markdown and JSON readers that build it, the embedded episode JSON Schema and
// validation against it. Every other package reads episodes through here.
package schema

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into a Document's source.
type Span struct {
	Start, End int
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset falls inside the span.
func (s Span) Contains(offset int) bool { return s.Start <= offset && offset < s.End }

// Position is a 1-based line and column. Column counts Unicode code points,
// which is what editors and code-scanning tools expect; ByteColumn counts
// the line's UTF-8 bytes, which is what reviewdog expects.
type Position struct {
	Line, Column int
	ByteColumn   int
}

// Lines indexes the starts of the lines of a source so that byte offsets can
// be turned into positions cheaply, and only when something is printed: the
// index is built on first use, and most pages have nothing to report.
type Lines struct {
	src     []byte
	once    sync.Once
	indexed []int
	// split, when set, are the lines the Markdown reader found: the index
	// is made from them, not from another search of src.
	split []line
}

// NewLines indexes src. A line ends after '\n'; a lone '\r' does not end one.
func NewLines(src []byte) *Lines { return &Lines{src: src} }

// starts returns the offset where each line begins, indexing on first use.
func (l *Lines) starts() []int {
	l.once.Do(func() {
		src := l.src
		if l.split != nil {
			starts := make([]int, 1, len(l.split)+1)
			for _, ln := range l.split {
				if ln.next > 0 && src[ln.next-1] == '\n' { // not a last line without one
					starts = append(starts, ln.next)
				}
			}
			l.indexed, l.split = starts, nil
			return
		}
		starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
		for at := 0; ; {
			i := bytes.IndexByte(src[at:], '\n')
			if i < 0 {
				break
			}
			at += i + 1
			starts = append(starts, at)
		}
		l.indexed = starts
	})
	return l.indexed
}

// Count is the number of lines (a final line without '\n' counts).
func (l *Lines) Count() int { return len(l.starts()) }

// Start is the byte offset where the 1-based line begins.
func (l *Lines) Start(line int) int { return l.starts()[line-1] }

// Text is the 1-based line's text without its line ending.
func (l *Lines) Text(line int) string {
	starts := l.starts()
	start := starts[line-1]
	end := len(l.src)
	if line < len(starts) {
		end = starts[line] - 1
	}
	if end > start && l.src[end-1] == '\r' {
		end--
	}
	return string(l.src[start:end])
}

// Line is the 1-based line holding offset (clamped like Position), found
// without counting columns.
func (l *Lines) Line(offset int) int {
	offset = l.clamp(offset)
	starts := l.starts()
	return sort.Search(len(starts), func(i int) bool { return starts[i] > offset })
}

// Position converts a byte offset into a line and column. Offsets past the
// end clamp to the end; an offset inside a multi-byte rune counts as that rune.
func (l *Lines) Position(offset int) Position {
	offset = l.clamp(offset)
	line := l.Line(offset)
	return Position{Line: line, Column: l.column(line, offset), ByteColumn: offset - l.Start(line) + 1}
}

func (l *Lines) clamp(offset int) int { return max(0, min(offset, len(l.src))) }

// column counts the code points from the start of line to offset, plus one.
func (l *Lines) column(line, offset int) int {
	return utf8.RuneCount(l.src[l.starts()[line-1]:offset]) + 1
}

// Cursor turns many offsets of one source into positions, counting columns
// from the previous answer when it is on the same line: findings on one long
// line (a flattened page) cost the distance between them, not the line's
// length each. A Cursor is for one goroutine; its answers equal Position's.
type Cursor struct {
	l              *Lines
	line, off, col int
	valid          bool
}

// Cursor starts a cursor over l.
func (l *Lines) Cursor() *Cursor { return &Cursor{l: l} }

// Position is Lines.Position, computed from the last answer when it can be.
func (c *Cursor) Position(offset int) Position {
	l := c.l
	offset = l.clamp(offset)
	line := l.Line(offset)
	// Counting from a rune start to a rune start adds up exactly; anywhere
	// else the count is made from the line's start, as Position does.
	boundary := offset == len(l.src) || utf8.RuneStart(l.src[offset])
	var col int
	switch {
	case c.valid && boundary && line == c.line && offset >= c.off:
		col = c.col + utf8.RuneCount(l.src[c.off:offset])
	case c.valid && boundary && line == c.line:
		col = c.col - utf8.RuneCount(l.src[offset:c.off])
	default:
		col = l.column(line, offset)
	}
	if boundary {
		c.line, c.off, c.col, c.valid = line, offset, col, true
	}
	return Position{Line: line, Column: col, ByteColumn: offset - l.Start(line) + 1}
}
