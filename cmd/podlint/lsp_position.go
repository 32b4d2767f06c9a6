package main

import (
	"sort"
	"unicode/utf8"
)

// positionEncoding is how an editor counts the characters of a line in
// the positions it exchanges with the language server: UTF-16 code units
// unless both sides agree on another (LSP 3.17 positionEncoding).
type positionEncoding string

const (
	utf16Positions positionEncoding = "utf-16"
	utf8Positions  positionEncoding = "utf-8"
)

// chooseEncoding picks UTF-8 when the client offers it (a column is then a
// byte count, nothing to convert), else UTF-16, which every client speaks.
func chooseEncoding(offered []string) positionEncoding {
	for _, e := range offered {
		if positionEncoding(e) == utf8Positions {
			return utf8Positions
		}
	}
	return utf16Positions
}

// lineIndex turns byte offsets of a text into LSP positions and back. Its
// lines are the protocol's: a line ends after "\n", "\r\n" or a lone "\r"
// (schema.Lines, which podlint prints with, does not end one at a lone
// "\r": an editor does).
type lineIndex struct {
	src    []byte
	starts []int
	enc    positionEncoding

	// The last position answered, so that findings along one long line
	// (a flattened page) cost the distance between them.
	lastLine, lastOffset, lastUnits int
	lastValid                       bool
}

func newLineIndex(src []byte, enc positionEncoding) *lineIndex {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts, enc: enc}
}

// lineEnd is where the 0-based line's text ends, before its line break.
func (ix *lineIndex) lineEnd(line int) int {
	if line+1 >= len(ix.starts) {
		return len(ix.src)
	}
	end := ix.starts[line+1] - 1
	if end > ix.starts[line] && ix.src[end] == '\n' && ix.src[end-1] == '\r' {
		end--
	}
	return end
}

// position is the LSP position of a byte offset. An offset past the end
// is the end; one inside a line break or inside a character is where that
// break or character starts.
func (ix *lineIndex) position(offset int) lspPosition {
	offset = max(0, min(offset, len(ix.src)))
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > offset }) - 1
	offset = min(offset, ix.lineEnd(line))
	for offset > ix.starts[line] && offset < len(ix.src) && !utf8.RuneStart(ix.src[offset]) {
		offset--
	}
	from, units := ix.starts[line], 0
	if ix.lastValid && ix.lastLine == line && ix.lastOffset <= offset {
		from, units = ix.lastOffset, ix.lastUnits
	}
	units += ix.units(ix.src[from:offset])
	ix.lastLine, ix.lastOffset, ix.lastUnits, ix.lastValid = line, offset, units, true
	return lspPosition{Line: line, Character: units}
}

// units counts text in the index's encoding.
func (ix *lineIndex) units(text []byte) int {
	if ix.enc == utf8Positions {
		return len(text)
	}
	n := 0
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r > 0xFFFF {
			n += 2 // a surrogate pair
		} else {
			n++
		}
		i += size
	}
	return n
}

// offset is the byte offset of an LSP position. A line past the end is the
// end of the text, a character past the end of its line is the line's end
// (the protocol asks for both), and a position inside a character (half a
// surrogate pair, a byte inside a UTF-8 sequence) is after it.
func (ix *lineIndex) offset(p lspPosition) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(ix.starts) {
		return len(ix.src)
	}
	at, end := ix.starts[p.Line], ix.lineEnd(p.Line)
	for units := 0; at < end && units < p.Character; {
		r, size := utf8.DecodeRune(ix.src[at:end])
		switch {
		case ix.enc == utf8Positions:
			units += size
		case r > 0xFFFF:
			units += 2
		default:
			units++
		}
		at += size
	}
	return at
}

// span turns a byte range into an LSP range.
func (ix *lineIndex) span(start, end int) lspRange {
	return lspRange{Start: ix.position(start), End: ix.position(end)}
}

// cursor is a copy of the index for one goroutine's use: the line starts
// are shared, the last position answered is its own.
func (ix *lineIndex) cursor() *lineIndex {
	c := *ix
	c.lastValid = false
	return &c
}

// textEdit is the edit replacing src[start:end] with text. A position
// cannot fall between the "\r" and "\n" of a line break: an edit bound
// there is widened over the "\r" (or the "\n"), and the text takes it back.
func (ix *lineIndex) textEdit(start, end int, text string) lspTextEdit {
	src := ix.src
	if start > 0 && start < len(src) && src[start-1] == '\r' && src[start] == '\n' {
		start--
		text = "\r" + text
	}
	if end > 0 && end < len(src) && src[end-1] == '\r' && src[end] == '\n' {
		end++
		text += "\n"
	}
	return lspTextEdit{Range: ix.span(start, end), NewText: text}
}
