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
	// marks are the code points before every markEvery bytes of src, made
	// on first need: a column far into a long line (a flattened page) is
	// counted from the marks around it, not from the line's start. Like
	// the line index they stand for src as it was: a page's bytes do not
	// change while it is worked on (a fix makes a new page).
	marksOnce sync.Once
	marks     []runeMark
}

// markEvery is how many bytes a column is counted over at most, on each
// side of a mark: counting is quick, so marks are far apart.
const markEvery = 4096

// runeMark is a place in the source where a code point starts, with how
// many code points stand before it.
type runeMark struct{ off, runes int }

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

// Start is the byte offset where the 1-based line begins: for the first
// line, after a byte order mark, which editors do not show, so that
// columns count from where they do.
func (l *Lines) Start(line int) int {
	if line == 1 && bytes.HasPrefix(l.src, bom) {
		return len(bom)
	}
	return l.starts()[line-1]
}

// Text is the 1-based line's text without its line ending.
func (l *Lines) Text(line int) string {
	starts := l.starts()
	start := l.Start(line)
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
	return Position{Line: line, Column: l.column(line, offset), ByteColumn: max(1, offset-l.Start(line)+1)}
}

func (l *Lines) clamp(offset int) int { return max(0, min(offset, len(l.src))) }

// column counts the code points from the start of line to offset, plus one.
//
// Counts from one code point's start to another's add up: a valid
// sequence's later bytes are continuation bytes, which no code point starts
// with, so a count from an earlier start reaches the later one exactly. A
// long stretch is therefore counted as the marks' difference plus the
// short pieces from the line's start to the first mark and from the last
// mark to offset (which may stand inside a code point, as Position allows).
func (l *Lines) column(line, offset int) int {
	start := l.Start(line)
	if offset <= start {
		return 1 // the line's start, or inside a byte order mark
	}
	if offset-start > 2*markEvery {
		return l.farColumn(start, offset)
	}
	return RuneCount(l.src[start:offset]) + 1
}

// farColumn is column for an offset more than two marks past start.
func (l *Lines) farColumn(start, offset int) int {
	marks := l.runeMarks()
	j := start / markEvery // the first mark at or after start
	for j < len(marks) && marks[j].off < start {
		j++
	}
	k := min(offset/markEvery, len(marks)-1) // the last mark at or before offset
	for k > 0 && marks[k].off > offset {
		k--
	}
	if j >= len(marks) || j > k {
		return RuneCount(l.src[start:offset]) + 1 // a stretch with no code point start
	}
	return RuneCount(l.src[start:marks[j].off]) + marks[k].runes - marks[j].runes +
		RuneCount(l.src[marks[k].off:offset]) + 1
}

// runeMarks makes the marks on first use: mark k is at the first code point
// start at or after k*markEvery (mark 0 at 0, where counting begins).
func (l *Lines) runeMarks() []runeMark {
	l.marksOnce.Do(func() {
		src := l.src
		marks := make([]runeMark, 1, len(src)/markEvery+1)
		for k := 1; k*markEvery < len(src); k++ {
			off := max(k*markEvery, marks[k-1].off)
			for off < len(src) && !utf8.RuneStart(src[off]) {
				off++
			}
			prev := marks[k-1]
			marks = append(marks, runeMark{off, prev.runes + RuneCount(src[prev.off:off])})
		}
		l.marks = marks
	})
	return l.marks
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
	boundary := (offset == len(l.src) || utf8.RuneStart(l.src[offset])) && offset >= l.Start(line)
	var col int
	switch {
	case c.valid && boundary && line == c.line && offset >= c.off && offset-c.off <= markEvery:
		col = c.col + RuneCount(l.src[c.off:offset])
	case c.valid && boundary && line == c.line && offset < c.off && c.off-offset <= markEvery:
		col = c.col - RuneCount(l.src[offset:c.off])
	default:
		col = l.column(line, offset)
	}
	if boundary {
		c.line, c.off, c.col, c.valid = line, offset, col, true
	}
	return Position{Line: line, Column: col, ByteColumn: max(1, offset-l.Start(line)+1)}
}
