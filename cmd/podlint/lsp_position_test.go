package main

import (
	"testing"
	"unicode/utf8"
)

func TestLineIndexUTF16(t *testing.T) {
	text := "a🐝b\r\nc—d\re🌼\n"
	ix := newLineIndex([]byte(text), utf16Positions)
	for _, tc := range []struct {
		offset int
		want   lspPosition
	}{
		{0, lspPosition{0, 0}},
		{1, lspPosition{0, 1}},  // before the bee
		{3, lspPosition{0, 1}},  // inside the bee: where it starts
		{5, lspPosition{0, 3}},  // after the bee: two code units
		{6, lspPosition{0, 4}},  // at "\r"
		{7, lspPosition{0, 4}},  // between "\r" and "\n"
		{8, lspPosition{1, 0}},  // c
		{12, lspPosition{1, 2}}, // d, after a one-unit em dash
		{14, lspPosition{2, 0}}, // a lone "\r" ends a line
		{len(text), lspPosition{3, 0}},
		{len(text) + 5, lspPosition{3, 0}},
	} {
		if got := ix.position(tc.offset); got != tc.want {
			t.Errorf("position(%d) = %+v, want %+v", tc.offset, got, tc.want)
		}
	}
	for _, tc := range []struct {
		pos  lspPosition
		want int
	}{
		{lspPosition{0, 3}, 5},
		{lspPosition{0, 2}, 5},  // half the surrogate pair: after the bee
		{lspPosition{0, 99}, 6}, // past the line's end: its end
		{lspPosition{1, 2}, 12},
		{lspPosition{2, 3}, 19},
		{lspPosition{9, 0}, len(text)},
	} {
		if got := ix.offset(tc.pos); got != tc.want {
			t.Errorf("offset(%+v) = %d, want %d", tc.pos, got, tc.want)
		}
	}
	u8 := newLineIndex([]byte(text), utf8Positions)
	if got := u8.position(5); got != (lspPosition{0, 5}) {
		t.Errorf("utf-8 position(5) = %+v", got)
	}
	if got := u8.offset(lspPosition{0, 3}); got != 5 {
		t.Errorf("utf-8 offset inside the bee = %d, want 5 (after it)", got)
	}
}

// TestLineIndexRoundTrip: every character start survives the trip to a
// position and back, in both encodings.
func TestLineIndexRoundTrip(t *testing.T) {
	text := []byte("# 🐝 Bees — ünd 𝄞\r\n\r\n> *\"x\"* [00:5]\rtail 🌼")
	for _, enc := range []positionEncoding{utf16Positions, utf8Positions} {
		ix := newLineIndex(text, enc)
		for off := 0; off <= len(text); off++ {
			if off < len(text) && (!utf8.RuneStart(text[off]) || text[off] == '\n' && off > 0 && text[off-1] == '\r') {
				continue
			}
			if got := ix.offset(ix.position(off)); got != off {
				t.Errorf("%s: offset %d comes back as %d", enc, off, got)
			}
		}
	}
}

func TestTextEditAcrossCRLF(t *testing.T) {
	src := []byte("one\r\ntwo\r\n")
	ix := newLineIndex(src, utf16Positions)
	// Delete "\ntwo" from just after the "\r": the edit must take the
	// "\r" along and give it back.
	e := ix.textEdit(4, 8, "")
	if e.Range != (lspRange{lspPosition{0, 3}, lspPosition{1, 3}}) || e.NewText != "\r" {
		t.Errorf("edit %+v", e)
	}
}

// FuzzLSPLineIndex: on any text, every character start comes back from
// its position, in both encodings, and positions never go backwards.
func FuzzLSPLineIndex(f *testing.F) {
	f.Add("a🐝b\r\nc—d\re🌼\n")
	f.Add("\r\r\n\n\xff\xfe")
	f.Fuzz(func(t *testing.T, text string) {
		// Each offset is looked up from its line's start, so a long line
		// costs the square of its length: in one CI run, a thousand of the
		// fuzzer's inputs took three minutes where the thousands before
		// took seconds. The index has nothing that depends on a line's
		// length; 1 KiB tries every path.
		if len(text) > 1<<10 {
			t.Skip("longer than the index's paths need")
		}
		src := []byte(text)
		for _, enc := range []positionEncoding{utf16Positions, utf8Positions} {
			ix := newLineIndex(src, enc)
			var prev lspPosition
			for off := 0; off <= len(src); off++ {
				p := ix.position(off)
				if p.before(prev) {
					t.Fatalf("%s: offset %d at %+v, before offset %d's %+v", enc, off, p, off-1, prev)
				}
				prev = p
				if off < len(src) && (!utf8.RuneStart(src[off]) || src[off] == '\n' && off > 0 && src[off-1] == '\r') {
					continue
				}
				if got := ix.cursor().offset(p); got != off {
					t.Fatalf("%s: offset %d is at %+v, which comes back as %d", enc, off, p, got)
				}
			}
		}
	})
}
