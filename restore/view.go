package restore

import (
	"encoding/binary"
	"sort"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/schema"
)

// View is a flattened page as restore-lines gives it its lines back, read
// in memory: the rules look through a flattened page at the
// chapters, quotes and leaked JSON it holds, and report them at their
// places in the file as it is on disk.
type View struct {
	Doc *schema.Document
	// the flattened line is src[start:end] in the source and
	// view[start:start+restored] in the view; at maps each byte of the
	// view's restored text to the source byte it came from.
	start, end, restored int
	at                   []anchor
}

// anchor maps the restored text from byte view on: view+i stands for
// source byte src+i, up to the next anchor. Restoring changes only the
// white space between blocks, so a page needs an anchor at each change,
// not an offset for each byte.
type anchor struct{ view, src int32 }

// ViewOf reads the document's flattened page restored; ok is false
// when the page is not flattened or restoring changes nothing.
func ViewOf(doc *schema.Document) (*View, bool) {
	c := doc.Episode.Collapsed
	if c == nil || doc.Format != schema.Markdown {
		return nil, false
	}
	if m := memoOf(c); m.view != nil {
		return m.view, true
	}
	r, _ := Collapsed(doc)
	line := doc.Src[c.Span.Start:c.Span.End]
	if r.Text == string(line) {
		return nil, false
	}
	src := make([]byte, 0, len(doc.Src)-len(line)+len(r.Text))
	src = append(append(append(src, doc.Src[:c.Span.Start]...), r.Text...), doc.Src[c.Span.End:]...)
	// src is the view's alone, never changed: its page reads it uncopied.
	v := &View{Doc: schema.ReadOwned(doc.Path, src), start: c.Span.Start, end: c.Span.End, restored: len(r.Text),
		at: alignSpaces(r.Text, line, c.Span.Start)}
	if r.Leaked != nil {
		leak.Remember(v.Doc, r.Items, r.Leaked)
	}
	memoOf(c).view = v
	doc.OnRelease(v.Doc.Release) // the view is the page's: done with when it is
	return v, true
}

// alignSpaces maps each byte of restored (and its end) to the byte of
// line it stands for, offset by base. Restoring changes only white space,
// so the other bytes of the two come in the same order; a white space byte
// maps to just after the byte before it (or to the start).
func alignSpaces(restored string, line []byte, base int) []anchor {
	var at []anchor
	want := int32(-1) // where the next byte maps when it runs on from the one before
	// mark maps the n bytes of restored from i on to src and on.
	mark := func(i int, src int32, n int) {
		if src != want {
			at = append(at, anchor{int32(i), src})
		}
		want = src + int32(n)
	}
	j := 0
	next := int32(base)
	for i := 0; i < len(restored); {
		if schema.IsSpaceByte(restored[i]) {
			mark(i, next, 1)
			i++
			continue
		}
		for j < len(line) && line[j] != restored[i] {
			j++ // white space of the line, which restoring replaced
		}
		if j == len(line) {
			mark(i, int32(base+j), 1)
			next = int32(base + j)
			i++
			continue
		}
		// The bytes from here to the next change come as they are in line.
		n := sameRun(restored[i:], line[j:])
		mark(i, int32(base+j), n)
		i, j = i+n, j+n
		next = int32(base + j)
	}
	mark(len(restored), int32(base+len(line)), 1)
	return at
}

// sameRun is how many bytes restored and line, both starting on the same
// byte that is no white space, have in common before restoring changed
// anything: a white space byte counts only alone between two others. Each
// maps to the byte of line it is.
func sameRun(restored string, line []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := min(len(restored), len(line))
	i := 0
	// A run is most often a paragraph or more of prose with single spaces:
	// it is read eight bytes at a time while the two agree, the eights
	// overlapping by one so that each two neighbours are seen together.
	for ; i+8 <= n; i += 7 {
		x := schema.EightBytes(restored, i)
		if x != binary.LittleEndian.Uint64(line[i:i+8]) {
			break // the run ends in these eight bytes
		}
		// A high bit for each byte up to 0x20 (white space among them):
		// each byte with its high bit set, less 0x21, keeps it from 0x21
		// on and borrows from none; a byte of 0x80 or more is no such byte
		// either. Two side by side are read one by one.
		low := ^((x | highs) - 0x21*ones | x) & highs
		if low&(low>>8) != 0 && hasSpacePair(restored[i:i+8]) {
			break
		}
	}
	// Byte by byte, to the run's end: the first white space byte that the
	// end or another white space byte follows ends it.
	for ; i < n && restored[i] == line[i]; i++ {
		if schema.IsSpaceByte(restored[i]) &&
			(i+1 == n || restored[i+1] != line[i+1] || schema.IsSpaceByte(restored[i+1])) {
			return i
		}
	}
	return i
}

// hasSpacePair tells whether two white space bytes stand side by side in s.
func hasSpacePair(s string) bool {
	for k := 0; k+1 < len(s); k++ {
		if schema.IsSpaceByte(s[k]) && schema.IsSpaceByte(s[k+1]) {
			return true
		}
	}
	return false
}

// ToSource maps a span of the view to the source.
func (v *View) ToSource(s schema.Span) schema.Span {
	return schema.Span{Start: v.offset(s.Start), End: v.offset(s.End)}
}

func (v *View) offset(o int) int {
	restoredEnd := v.start + v.restored
	switch {
	case o < v.start:
		return o
	case o <= restoredEnd:
		return sourceOf(v.at, o-v.start)
	default:
		return o - restoredEnd + v.end
	}
}

// sourceOf is the source byte that byte i of the restored text stands for.
func sourceOf(at []anchor, i int) int {
	k := sort.Search(len(at), func(k int) bool { return int(at[k].view) > i }) - 1
	return int(at[k].src) + i - int(at[k].view)
}
