package schema

import (
	"bytes"
	"slices"
	"strings"
)

// line is one source line: [start, end) is its text without the line ending,
// next is where the following line begins.
type line struct {
	start, end, next int
}

// splitLines appends the lines of src to out.
func splitLines(out []line, src []byte) []line {
	out = slices.Grow(out, bytes.Count(src, []byte{'\n'})+1)
	start := 0
	if bytes.HasPrefix(src, bom) {
		start = len(bom)
	}
	for start < len(src) {
		nl := bytes.IndexByte(src[start:], '\n')
		if nl < 0 {
			out = append(out, line{start, trimCR(src, start, len(src)), len(src)})
			break
		}
		end := start + nl
		out = append(out, line{start, trimCR(src, start, end), end + 1})
		start = end + 1
	}
	return out
}

func trimCR(src []byte, start, end int) int {
	if end > start && src[end-1] == '\r' {
		return end - 1
	}
	return end
}

var bom = []byte("\xef\xbb\xbf")

// mdReader turns a Markdown page into an Episode, line by line.
type mdReader struct {
	doc *Document
	src []byte
	// str is src as one string (doc.Text): the model's texts are slices
	// of it, not copies of their own.
	str   string
	lines []line
	ep    *Episode

	chapter  *Chapter
	entities *EntitySection
	section  *Section

	// blocks backs the chapters' block lists: one allocation for a page
	// instead of a few per chapter. A chapter's blocks are contiguous, from
	// its heading (chapterStart) to the next.
	blocks       []Block
	chapterStart int
	// chapters and quotes are the page's chapters and quotes, allocated
	// together (see markerCounts); each is taken from the front.
	chapters []Chapter
	quotes   []quoteParts
	// verbatims are the spans of the code and comment blocks read, in
	// source order, wherever they stand (a section's too).
	verbatims []Span
}

// quoteParts is a quote with the parts it points to, so that one
// allocation holds them all.
type quoteParts struct {
	quote   Quote
	at      Timestamp
	speaker Text
	pair    TimePair
}

func readMarkdown(doc *Document) {
	// The big slices come from a page done with, if there is one (see
	// pageBuffers).
	b := pageBufferPool.Get().(*pageBuffers)
	doc.buffers = b
	lines := splitLines(b.lines, doc.Src)
	doc.Lines.split = lines
	r := &mdReader{doc: doc, src: doc.Src, str: doc.Text, lines: lines, ep: &Episode{},
		blocks: slices.Grow(b.blocks, len(lines)/2+1)}
	chapters, quotes := r.markerCounts()
	// The reader takes chapters and quotes from the front of these (see
	// fromSlab): the whole slices go back to b.
	chapterSlab, quoteSlab := zeroed(b.chapters, chapters), zeroed(b.quotes, quotes)
	r.chapters, r.quotes = chapterSlab, quoteSlab
	r.ep.Chapters = make([]*Chapter, 0, chapters)
	doc.Episode = r.ep
	i := r.frontMatter()
	body := i
	for i < len(r.lines) {
		i = r.block(i)
	}
	r.detectCollapsed(body)
	b.lines, b.blocks, b.chapters, b.quotes = lines, r.blocks, chapterSlab, quoteSlab
}

func (r *mdReader) text(l line) string { return r.str[l.start:l.end] }

// markerCounts counts the lines that may be read as a chapter heading
// (`## [` or `##\t[`) and as a quote (`>`), past their indentation: at
// least as many as there are chapters and quotes, so that the reader
// allocates them once for the page.
func (r *mdReader) markerCounts() (chapters, quotes int) {
	for _, l := range r.lines {
		text := r.str[r.marker(l):l.end]
		switch {
		case strings.HasPrefix(text, ">"):
			quotes++
		case len(text) > 3 && text[:2] == "##" && (text[2] == ' ' || text[2] == '\t') && text[3] == '[':
			chapters++
		}
	}
	return chapters, quotes
}

// has tells whether line l starts with prefix, without making a string.
func (r *mdReader) has(l line, prefix string) bool {
	return bytes.HasPrefix(r.src[l.start:l.end], []byte(prefix))
}

// maxIndent is how far a block marker may stand from the margin: up to
// three spaces, as in CommonMark (four make an indented code block).
const maxIndent = 3

// marker returns where line l's block marker would stand: after up to
// three spaces.
func (r *mdReader) marker(l line) int {
	return l.start + indentOf(r.str[l.start:l.end])
}

// indentOf counts the spaces, up to maxIndent, that open s.
func indentOf(s string) int {
	n := 0
	for n < maxIndent && n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

// starts tells whether line l, past its indentation, starts with prefix.
func (r *mdReader) starts(l line, prefix string) bool {
	return strings.HasPrefix(r.str[r.marker(l):l.end], prefix)
}

// atxHeading reads s, a line past its indentation, as a heading of level 1
// or 2 (`#` or `##`, then a space, a tab or the end of the line), and
// returns the bounds of its text in s. As in CommonMark, an optional closing
// run of #s is not part of the text: `## [01:00] Second ##` is "Second".
// Without one the text runs to the end of the line, trailing spaces
// included (title-format reports them).
func atxHeading(s string) (level, start, end int, ok bool) {
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 2 || level < len(s) && s[level] != ' ' && s[level] != '\t' {
		return 0, 0, 0, false
	}
	start = min(level+1, len(s))
	end = len(strings.TrimRight(s, " \t"))
	hashes := end
	for hashes > start && s[hashes-1] == '#' {
		hashes--
	}
	switch {
	case end <= start:
		end = start
	case hashes == start:
		end = start // only the closing run: an empty heading
	case hashes < end && (s[hashes-1] == ' ' || s[hashes-1] == '\t'):
		end = start + len(strings.TrimRight(s[start:hashes], " \t"))
	default:
		end = len(s)
	}
	return level, start, end, true
}

// blank tells whether line l holds only white space.
func (r *mdReader) blank(l line) bool {
	return len(bytes.TrimSpace(r.src[l.start:l.end])) == 0
}

// frontMatter reads a leading `---` block and returns the first line after it.
func (r *mdReader) frontMatter() int {
	if len(r.lines) == 0 || r.text(r.lines[0]) != "---" {
		return 0
	}
	for j := 1; j < len(r.lines); j++ {
		if t := r.text(r.lines[j]); t == "---" || t == "..." {
			readFrontMatter(r.doc, r.str, r.ep, r.lines[0], r.lines[1:j], r.lines[j])
			return j + 1
		}
	}
	r.doc.Problems = append(r.doc.Problems, Problem{
		Span:    Span{r.lines[0].start, r.lines[0].end},
		Message: "front matter is not closed: no `---` line ends it; the page is read as if it had none",
	})
	return 1
}

// block reads the block starting at line i and returns the next line to read.
func (r *mdReader) block(i int) int {
	l := r.lines[i]
	at := r.marker(l)
	level, start, end, heading := atxHeading(r.str[at:l.end])
	switch {
	case r.blank(l):
		return i + 1
	case heading && level == 1 && r.ep.Title == nil && r.chapter == nil && r.entities == nil && r.section == nil:
		r.title(l, at+start, at+end)
		return i + 1
	case heading && level == 2:
		r.heading(i, at+start, at+end)
		return i + 1
	}
	// Comments and code hold no page structure, in any section: a chapter
	// heading, an entity bullet or a quote inside them is text. Most lines
	// open with none of their first characters.
	if text := r.str[at:l.end]; text != "" && (text[0] == '<' || text[0] == '`' || text[0] == '~') {
		switch {
		case strings.HasPrefix(text, "<!--"):
			return r.verbatim(i, func(s string) bool { return strings.Contains(s, "-->") })
		case strings.HasPrefix(text, "```") || strings.HasPrefix(text, "~~~"):
			c, n := fenceRun(text)
			return r.verbatimFrom(i, i+1, func(s string) bool { return closesFence(s, c, n) })
		case text[0] == '<':
			if end := rawHTMLEnd(text); end != "" {
				return r.verbatim(i, func(s string) bool { return strings.Contains(strings.ToLower(s), end) })
			}
		}
	}
	switch {
	case r.entities != nil:
		r.entityLine(l)
		return i + 1
	case r.section != nil:
		r.section.Span.End = l.end
		return i + 1
	case r.starts(l, ">"):
		if inner := quoted(r.str[at:l.end]); strings.HasPrefix(inner, "```") || strings.HasPrefix(inner, "~~~") {
			// Code inside a block quote: its lines are the quote's up to
			// the closing fence, or to the quote's end.
			c, n := fenceRun(inner[indentOf(inner):])
			j := i + 1
			for ; j < len(r.lines); j++ {
				lj := r.lines[j]
				if !r.starts(lj, ">") {
					j--
					break
				}
				if closesFence(quoted(r.str[r.marker(lj):lj.end]), c, n) {
					break
				}
			}
			last := min(j, len(r.lines)-1)
			r.addVerbatim(Span{l.start, r.lines[last].end})
			return last + 1
		}
		q := r.quote(l, at)
		r.add(Block{Kind: QuoteBlock, Span: Span{l.start, l.end}, Text: q.Body.Value, Quote: q})
		return i + 1
	}
	return r.paragraph(i)
}

// quoted is a block quote's line s (from its `>`) without its marker and
// the space after it.
func quoted(s string) string {
	s = s[1:]
	if s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}

// fenceRun reads the opening of a fenced code block at the start of s: its
// character (` or ~) and how many of it there are.
func fenceRun(s string) (byte, int) {
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return s[0], n
}

// closesFence tells whether line s closes a code block opened by n of c:
// as in CommonMark, at least n of c after at most three spaces, then
// nothing but white space (a line with more text is inside the code).
func closesFence(s string, c byte, n int) bool {
	rest := s[indentOf(s):]
	k := 0
	for k < len(rest) && rest[k] == c {
		k++
	}
	return k >= n && strings.TrimRight(rest[k:], " \t\r") == ""
}

// rawHTMLEnd is, for a line opening one of the HTML blocks whose text is
// kept raw (<pre>, <script>, <style>, <textarea>: CommonMark's first kind,
// which blank lines do not end), the closing tag that ends the block, in
// lower case; "" for any other line.
func rawHTMLEnd(s string) string {
	for _, tag := range []string{"pre", "script", "style", "textarea"} {
		if len(s) > len(tag) && strings.EqualFold(s[1:1+len(tag)], tag) {
			if rest := s[1+len(tag):]; rest == "" || strings.IndexByte(" \t\r>", rest[0]) >= 0 {
				return "</" + tag + ">"
			}
		}
	}
	return ""
}

// verbatim keeps lines i.. up to the first one (i itself included) for which
// done is true, as one block nobody reads.
func (r *mdReader) verbatim(i int, done func(string) bool) int {
	return r.verbatimFrom(i, i, done)
}

func (r *mdReader) verbatimFrom(first, i int, done func(string) bool) int {
	for ; i < len(r.lines); i++ {
		if done(r.text(r.lines[i])) {
			break
		}
	}
	last := min(i, len(r.lines)-1)
	r.addVerbatim(Span{r.lines[first].start, r.lines[last].end})
	return last + 1
}

// addVerbatim adds a code or comment block and keeps its span.
func (r *mdReader) addVerbatim(span Span) {
	r.verbatims = append(r.verbatims, span)
	r.add(Block{Kind: Verbatim, Span: span})
}

// paragraph reads consecutive text lines up to a blank line, a heading or a
// quote line.
func (r *mdReader) paragraph(i int) int {
	first := i
	for i++; i < len(r.lines); i++ {
		l := r.lines[i]
		if r.blank(l) || r.starts(l, "#") || r.starts(l, ">") || r.starts(l, "<!--") || r.starts(l, "```") || r.starts(l, "~~~") {
			break
		}
	}
	span := Span{r.lines[first].start, r.lines[i-1].end}
	text := r.str[span.Start:span.End]
	if strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	r.add(Block{Kind: Paragraph, Span: span, Text: text})
	return i
}

func (r *mdReader) add(b Block) {
	switch {
	case r.entities != nil:
		// A comment or code in the entity list: no bullet, nothing to read.
	case r.chapter != nil:
		r.blocks = append(r.blocks, b)
		// Capacity capped: an append to one chapter's list must never write
		// into the next chapter's.
		n := len(r.blocks)
		r.chapter.Blocks = r.blocks[r.chapterStart:n:n]
	case r.section != nil:
		r.section.Span.End = b.Span.End
	default:
		r.ep.Intro = append(r.ep.Intro, b)
	}
}

// title reads the `# ` heading whose text is src[start:end].
func (r *mdReader) title(l line, start, end int) {
	r.ep.TitleLine = Span{l.start, l.end}
	r.ep.Title = &Text{Value: r.str[start:end], Span: Span{start, end}}
}

// heading starts a chapter, the entities section or another section, from
// the `## ` heading on line i whose text is src[start:end].
func (r *mdReader) heading(i, start, end int) {
	l := r.lines[i]
	r.chapter, r.entities, r.section = nil, nil, nil
	rest := r.str[start:end]
	switch {
	case strings.HasPrefix(rest, "["):
		r.chapter = r.chapterHeading(l, start, rest)
		r.ep.Chapters = append(r.ep.Chapters, r.chapter)
		r.chapterStart = len(r.blocks)
	// A heading's text is trimmed of spaces and tabs only, as CommonMark
	// trims it: "Entities\v" is another heading.
	case strings.EqualFold(strings.Trim(rest, " \t"), "Entities") && r.ep.Entities == nil:
		r.entities = &EntitySection{Heading: Span{l.start, l.end}}
		r.ep.Entities = r.entities
		// The entities section ends the page: its lines are at most the rest.
		r.entities.Entities = make([]Entity, 0, min(len(r.lines)-i, 256))
	default:
		r.ep.Sections = append(r.ep.Sections, Section{Heading: Span{l.start, l.end}, Title: strings.Trim(rest, " \t"), Span: Span{l.start, l.end}})
		r.section = &r.ep.Sections[len(r.ep.Sections)-1]
	}
}

// chapterHeading reads `[TS] Title`, the text rest of a heading at start.
func (r *mdReader) chapterHeading(l line, start int, rest string) *Chapter {
	// Should the count have been short, the slab is filled again.
	c := fromSlab(&r.chapters, nil)
	c.Heading = Span{l.start, l.end}
	end := start + len(rest)
	closing := strings.IndexByte(rest, ']')
	if closing < 0 {
		c.Start = Timestamp{Raw: rest[1:], Span: Span{start + 1, end}}
		c.Title = Text{Span: Span{end, end}}
		return c
	}
	c.Start = NewTimestamp(rest[1:closing], Span{start + 1, start + closing})
	titleStart := start + closing + 1
	if titleStart < end && r.src[titleStart] == ' ' {
		titleStart++
	}
	c.Title = Text{Value: r.str[titleStart:end], Span: Span{titleStart, end}}
	return c
}

// quote reads a `> *"TEXT"* — Speaker [TS]` line whose `>` stands at at.
// Whatever the line holds, it yields a Quote; rules decide what is wrong
// with it.
func (r *mdReader) quote(l line, at int) *Quote {
	start := at + 1
	if start < l.end && r.src[start] == ' ' {
		start++
	}
	end := l.end
	// A comment closing the line (a suppression) is no part of the quote:
	// its time stands before it.
	tail := end
	for tail > start && (r.src[tail-1] == ' ' || r.src[tail-1] == '\t' || r.src[tail-1] == '\r') {
		tail--
	}
	if tail-start >= 3 && r.str[tail-3:tail] == "-->" {
		if open := strings.LastIndex(r.str[start:tail], "<!--"); open > 0 && r.src[start+open-1] == ' ' {
			end = start + open
		}
	}
	parts := fromSlab(&r.quotes, nil)
	q := &parts.quote
	// A trailing ` [TS]`, spaces after it aside (a time the reader missed
	// for them would take a second one from attach-quote-timestamp).
	// Brackets that hold only digits and time punctuation are the quote's
	// time even when they do not read as one (`[-1:-5]`, `[1234567:00]`):
	// timestamp-format reports it.
	last := start + len(bytes.TrimRight(r.src[start:end], " \t"))
	if last > start && r.src[last-1] == ']' {
		if open := bytes.LastIndexByte(r.src[start:last], '['); open > 0 && r.src[start+open-1] == ' ' {
			raw := r.str[start+open+1 : last-1]
			if ts := NewTimestamp(raw, Span{start + open + 1, last - 1}); ts.Valid || TimeLike(raw) {
				parts.at = ts
				q.At = &parts.at
				end = start + open - 1
			}
		}
	}
	body := Span{start, end}
	if start < end && r.src[start] == '*' {
		if last := bytes.LastIndexByte(r.src[start+1:end], '*'); last >= 0 {
			body = Span{start + 1, start + 1 + last}
			if sp, ok := r.speaker(body.End+1, end); ok {
				parts.speaker = sp
				q.Speaker = &parts.speaker
			}
		} else {
			body = Span{start + 1, end}
		}
	}
	q.Body = Text{Value: r.str[body.Start:body.End], Span: body}
	readQuoteBody(q, &parts.pair)
	return q
}

// speaker reads ` — Speaker` from the bytes after the closing `*`.
func (r *mdReader) speaker(from, to int) (Text, bool) {
	tail := r.str[from:to]
	trimmed := strings.TrimLeft(tail, " ")
	if !strings.HasPrefix(trimmed, "—") {
		return Text{}, false
	}
	off := from + len(tail) - len(trimmed) + len("—")
	name := strings.TrimLeft(r.str[off:to], " ")
	off = to - len(name)
	name = strings.TrimRight(name, " ")
	if name == "" {
		return Text{}, false
	}
	return Text{Value: name, Span: Span{off, off + len(name)}}, true
}

// readQuoteBody fills Words, Quoted and Pair from Body; pair is where a
// time pair is kept.
func readQuoteBody(q *Quote, pair *TimePair) {
	body := strings.TrimSpace(q.Body.Value)
	if p, ok := ParseTimePair(body); ok {
		p.Span = q.Body.Span
		*pair = p
		q.Pair = pair
		return
	}
	for _, marks := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		if len(body) >= len(marks[0])+len(marks[1]) && strings.HasPrefix(body, marks[0]) && strings.HasSuffix(body, marks[1]) {
			q.Quoted = true
			q.Words = body[len(marks[0]) : len(body)-len(marks[1])]
			return
		}
	}
	q.Words = body
}

// entityLine reads one line of the entities section.
func (r *mdReader) entityLine(l line) {
	if !r.has(l, "- ") && !r.has(l, "* ") {
		r.entities.Stray = append(r.entities.Stray, Span{l.start, l.end})
		return
	}
	r.entities.Entities = append(r.entities.Entities, parseEntity(r.str, l.start, l.end))
}

// parseEntity reads `- **Name** (Type): description` in src[start:end].
func parseEntity(src string, start, end int) Entity {
	e := Entity{Span: Span{start, end}}
	at := start + 2
	rest := src[at:end]
	if !strings.HasPrefix(rest, "**") {
		e.Malformed = "the name is not in bold (`**Name**`)"
		return e
	}
	closing := strings.Index(rest[2:], "**")
	if closing < 0 {
		e.Malformed = "the bold name is not closed with `**`"
		return e
	}
	e.Name = Text{Value: rest[2 : 2+closing], Span: Span{at + 2, at + 2 + closing}}
	at += 2 + closing + 2
	rest = src[at:end]
	if !strings.HasPrefix(rest, " (") {
		e.Malformed = "no ` (Type)` after the name"
		return e
	}
	closing = strings.IndexByte(rest, ')')
	if closing < 0 {
		e.Malformed = "the `(Type)` is not closed"
		return e
	}
	e.Type = Text{Value: rest[2:closing], Span: Span{at + 2, at + closing}}
	at += closing + 1
	rest = src[at:end]
	if !strings.HasPrefix(rest, ":") {
		e.Malformed = "no `:` after the `(Type)`"
		return e
	}
	desc := strings.TrimSpace(rest[1:])
	if desc == "" {
		e.Malformed = "no description after `:`"
		return e
	}
	descStart := at + 1 + strings.Index(rest[1:], desc)
	e.Description = Text{Value: desc, Span: Span{descStart, descStart + len(desc)}}
	return e
}

// collapsedMarkers are block markers that only ever start a line in a page
// with its line structure intact.
var collapsedMarkers = []string{" ## [", " > *", " - **"}

// hasMidLineHeading tells whether " ## [" occurs in src. '#' is rare in a
// page and found by a vectorized byte search; a search for the whole marker
// would stop at every space.
func hasMidLineHeading(src []byte) bool {
	for at := 0; ; {
		i := bytes.IndexByte(src[at:], '#')
		if i < 0 {
			return false
		}
		at += i
		if at > 0 && src[at-1] == ' ' && bytes.HasPrefix(src[at:], []byte("## [")) {
			return true
		}
		at++
	}
}

// countMarker is bytes.Count(text, marker) for a marker that is a space
// and a byte that is no space, then more: it looks for that byte, rarer
// than spaces, and the space before. No marker's occurrences overlap (the
// space is its only one before the end), so counting every occurrence
// counts what bytes.Count counts.
func countMarker(text []byte, marker string) int {
	n := 0
	for at := 0; ; {
		i := bytes.IndexByte(text[at:], marker[1])
		if i < 0 {
			return n
		}
		at += i
		if at > 0 && text[at-1] == ' ' && bytes.HasPrefix(text[at:], []byte(marker[1:])) {
			n++
		}
		at++
	}
}

// detectCollapsed looks for a page flattened onto one line: a chapter
// heading marker standing mid-line is the sure sign. The lines from body
// on are the page's; front matter, and the lines inside code and
// comments, are not looked at.
func (r *mdReader) detectCollapsed(body int) {
	if !hasMidLineHeading(r.src) {
		return
	}
	code := r.verbatims // both in source order: walked in step
	for _, l := range r.lines[body:] {
		for len(code) > 0 && code[0].End <= l.start {
			code = code[1:]
		}
		// A line inside code or a comment is skipped, not the one that opens
		// it: a flattened page may start with a comment.
		if len(code) > 0 && code[0].Start < l.start {
			continue
		}
		// A marker after white space only (an indented heading, or code)
		// and "> ## [" (a quoted heading) do not stand mid-line.
		text := bytes.TrimLeft(r.src[l.start:l.end], " \t")
		rest := text
		if len(rest) > 0 && rest[0] == '>' {
			rest = bytes.TrimPrefix(rest[1:], []byte(" "))
		}
		if !hasMidLineHeading(rest) {
			continue
		}
		n := 0
		for _, m := range collapsedMarkers {
			n += countMarker(text, m)
		}
		if r.ep.Collapsed == nil {
			r.ep.Collapsed = &Collapsed{Span: Span{l.start, l.end}, Text: r.text(l), Markers: n}
		} else {
			r.ep.Collapsed.Markers += n
		}
	}
}
