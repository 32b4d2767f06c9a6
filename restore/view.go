package restore

import "github.com/podlint/podlint/schema"

// View is a flattened page as restore-lines gives it its lines back, read
// in memory: the rules look through a flattened page at the
// chapters, quotes and leaked JSON it holds, and report them at their
// places in the file as it is on disk.
type View struct {
	Doc *schema.Document
	// the flattened line is src[start:end] in the source and
	// view[start:start+len(at)] in the view; at maps each byte of the view's
	// restored text to the source byte it came from.
	start, end int
	at         []int32
}

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
	v := &View{Doc: schema.Read(doc.Path, src), start: c.Span.Start, end: c.Span.End, at: alignSpaces(r.Text, line, c.Span.Start)}
	memoOf(c).view = v
	return v, true
}

// alignSpaces maps each byte of restored to the byte of line it stands
// for. Restoring changes only white space, so the other bytes of the two
// come in the same order; a white space byte maps to just after the byte
// before it (or to the start).
func alignSpaces(restored string, line []byte, base int) []int32 {
	at := make([]int32, len(restored)+1)
	j := 0
	next := int32(base)
	for i := 0; i < len(restored); i++ {
		c := restored[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			at[i] = next
			continue
		}
		for j < len(line) && line[j] != c {
			j++ // white space of the line, which restoring replaced
		}
		at[i] = int32(base + j)
		if j < len(line) {
			j++
		}
		next = int32(base + j)
	}
	at[len(restored)] = int32(base + len(line))
	return at
}

// ToSource maps a span of the view to the source.
func (v *View) ToSource(s schema.Span) schema.Span {
	return schema.Span{Start: v.offset(s.Start), End: v.offset(s.End)}
}

func (v *View) offset(o int) int {
	restoredEnd := v.start + len(v.at) - 1
	switch {
	case o < v.start:
		return o
	case o <= restoredEnd:
		return int(v.at[o-v.start])
	default:
		return o - restoredEnd + v.end
	}
}
