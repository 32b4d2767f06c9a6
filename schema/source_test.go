package schema

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"testing"
	"unicode/utf8"
)

// positionByCounting is Position worked out the plain way: the line's start
// is after the last line feed before offset, and the column counts the code
// points from there.
func positionByCounting(src []byte, offset int) Position {
	offset = max(0, min(offset, len(src)))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	if start == 0 && bytes.HasPrefix(src, bom) {
		// Columns of the first line count from after a byte order mark.
		if offset < len(bom) {
			return Position{Line: 1, Column: 1, ByteColumn: 1}
		}
		start = len(bom)
	}
	return Position{
		Line:       bytes.Count(src[:start], []byte{'\n'}) + 1,
		Column:     utf8.RuneCount(src[start:offset]) + 1,
		ByteColumn: offset - start + 1,
	}
}

// TestCursorMatchesPosition: a cursor answers what Position answers, for
// offsets in order, out of order, inside multi-byte runes and in invalid
// UTF-8, on long lines and short ones.
func TestCursorMatchesPosition(t *testing.T) {
	pieces := []string{"a", "é", "—", "😀", "\n", "\r\n", " ", "\xe2\x82", "\xff", "## [00:01] "}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var src []byte
		if round%2 == 1 {
			src = append(src, bom...) // a page that starts with a byte order mark
		}
		for range r.IntN(400) {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		lines := NewLines(src)
		offsets := make([]int, 50)
		for i := range offsets {
			offsets[i] = r.IntN(len(src)+3) - 1
		}
		if round%2 == 0 {
			sort.Ints(offsets)
		}
		c := lines.Cursor()
		for _, off := range offsets {
			if got, want := c.Position(off), lines.Position(off); got != want {
				t.Fatalf("round %d, offset %d of %q: cursor %v, Position %v", round, off, src, got, want)
			}
		}
	}
}

// TestPositionOnLongLines: columns far into long lines, counted from the
// rune marks, are the plain count: lines of up to 60,000 bytes with
// multi-byte runes, invalid bytes and long runs of continuation bytes
// (where a mark has no code point start near it), offsets in and out of
// order, from Position and from cursors.
func TestPositionOnLongLines(t *testing.T) {
	pieces := []string{"a", "é", "—", "😀", " ", "\xe2\x82", "\xff", "\x80", "## [00:01] ", "\n"}
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 60 {
		var src []byte
		for len(src) < 5000+r.IntN(55000) {
			switch p := pieces[r.IntN(len(pieces))]; {
			case p == "\n" && r.IntN(20) > 0:
				// most line feeds are skipped: lines stay long
			case p == "\x80" && r.IntN(10) == 0:
				src = append(src, bytes.Repeat([]byte(p), r.IntN(3*markEvery))...)
			default:
				src = append(src, p...)
			}
		}
		lines := NewLines(src)
		offsets := make([]int, 300)
		for i := range offsets {
			offsets[i] = r.IntN(len(src)+3) - 1
		}
		offsets = append(offsets, 0, len(src), len(src)/markEvery*markEvery, markEvery, markEvery-1, 2*markEvery+1)
		if round%2 == 0 {
			sort.Ints(offsets)
		}
		c := lines.Cursor()
		for _, off := range offsets {
			want := positionByCounting(src, off)
			if got := lines.Position(off); got != want {
				t.Fatalf("round %d, offset %d of %d bytes: Position %v, counted %v", round, off, len(src), got, want)
			}
			if got := c.Position(off); got != want {
				t.Fatalf("round %d, offset %d of %d bytes: cursor %v, counted %v", round, off, len(src), got, want)
			}
		}
	}
}

// FuzzPosition: a source made of the input repeated past a few marks
// answers every offset as the plain count does.
func FuzzPosition(f *testing.F) {
	for _, seed := range []string{"a", "é\n", "\x80\x80\x80", "😀 ## [00:01] \xe2\x82", "\xff\n\n—", "\xef\xbb\xbfa b"} {
		f.Add([]byte(seed), uint16(7), uint16(65000))
	}
	f.Add([]byte("ab"), uint16(16), uint16(65535)) // a source of whole marks, read at its end
	f.Fuzz(func(t *testing.T, piece []byte, a, b uint16) {
		if len(piece) == 0 {
			return
		}
		src := bytes.Repeat(piece, (3*markEvery+len(piece)-1)/len(piece)+int(a%4))
		lines := NewLines(src)
		c := lines.Cursor()
		for _, off := range []int{int(a) * len(src) / 65535, int(b) * len(src) / 65535, len(src) - int(a%16), int(b) % len(src)} {
			want := positionByCounting(src, off)
			if got := lines.Position(off); got != want {
				t.Fatalf("offset %d of %d bytes: Position %v, counted %v", off, len(src), got, want)
			}
			if got := c.Position(off); got != want {
				t.Fatalf("offset %d of %d bytes: cursor %v, counted %v", off, len(src), got, want)
			}
		}
	})
}
