package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// textKind tells where on the page a piece of text stands, which decides
// what the content rules (meta-commentary, name-variant) expect of it.
type textKind uint8

const (
	titleText   textKind = iota // the episode title, a front matter title
	headingText                 // a chapter title
	proseText                   // the summary, a chapter's paragraphs, another section's body, SEO text
	quoteText                   // what a quote says
	speakerText                 // who a quote is attributed to
	entityName                  // the name of an entity bullet
	entityText                  // the description of an entity bullet
)

// titleCased tells the kinds whose every word may be capitalised: there a
// capital letter says nothing about a name.
func (k textKind) titleCased() bool { return k == titleText || k == headingText }

// pageText is one piece of text a reader of the page reads, with where it
// is. In Markdown, Text is the source bytes of Span, so a part of it can be
// pointed at; in JSON, Text is the decoded string and Span its literal.
type pageText struct {
	Text string
	Span schema.Span
	Kind textKind
	// exact is set when Text is the source of Span byte for byte.
	exact bool
	// chapter is the chapter the text belongs to, nil outside chapters.
	chapter *schema.Chapter
	// place names a place outside chapters for messages: a front matter
	// key, a section.
	place string
	// index is the text's place in the page's list of texts.
	index int
}

// at is the span of Text[i:j] in the source: exactly, where the text is
// the source; else the whole literal.
func (t pageText) at(i, j int) schema.Span {
	if !t.exact {
		return t.Span
	}
	return schema.Span{Start: t.Span.Start + i, End: t.Span.Start + j}
}

// where names the text's place for a message: `chapter "Hook" at 00:00`,
// `the title`.
func (t pageText) where() string {
	switch {
	case t.place != "":
		return t.place
	case t.chapter != nil && t.Kind == headingText:
		return "the title of " + t.chapter.Label()
	case t.chapter != nil && t.Kind == speakerText:
		return "the attribution of a quote in " + t.chapter.Label()
	case t.chapter != nil && t.Kind == quoteText:
		return "a quote in " + t.chapter.Label()
	case t.chapter != nil:
		return t.chapter.Label()
	case t.Kind == titleText:
		return "the title"
	case t.Kind == entityName || t.Kind == entityText:
		return "the entities"
	}
	return "the summary"
}

// samePlace tells whether two texts are named alike in messages (where):
// the same kind, place and chapter title and time.
func samePlace(a, b pageText) bool {
	if a.Kind != b.Kind || a.place != b.place || (a.chapter == nil) != (b.chapter == nil) {
		return false
	}
	x, y := a.chapter, b.chapter
	return x == nil || x.Title.Value == y.Title.Value && x.Start.Valid == y.Start.Valid && x.Start.Seconds == y.Start.Seconds
}

// frontMatterTexts are the front matter keys whose values are published
// text.
var frontMatterTexts = map[string]textKind{"title": titleText, "seo_title": titleText, "seo_description": proseText}

// pageTexts lists the page's published text in page order: front matter
// text, title, summary, chapters (title, paragraphs, quotes and their
// speakers), other sections' bodies and the entities. Leaked JSON is left
// to leaked-json, comments and code blocks to nobody.
func pageTexts(p *Pass) []pageText {
	return p.Doc.Memo(pageTextsKey{}, func() any { return readPageTexts(p) }).([]pageText)
}

// pageTextsKey keys a page's texts in its memo: meta-commentary and
// name-variant read them both.
type pageTextsKey struct{}

// pageTextLists are lists of texts of pages done with (see
// schema.Document.Release), for the next page's: like the page's own
// slices, a list made for every page would land on memory the caches do
// not hold.
var pageTextLists = sync.Pool{New: func() any { return new([]pageText) }}

func readPageTexts(p *Pass) []pageText {
	doc, ep := p.Doc, p.Episode
	src := doc.Src
	kept := pageTextLists.Get().(*[]pageText)
	out := slices.Grow((*kept)[:0], textsAtMost(ep))
	defer func() {
		*kept = out
		doc.OnRelease(func() {
			if cap(*kept) > maxKeptTexts { // (see metaScratch)
				return
			}
			clear(*kept) // no page's strings kept alive
			*kept = (*kept)[:0]
			pageTextLists.Put(kept)
		})
	}()
	place := ""
	// The Markdown reader's texts are their source (a paragraph's, but
	// for CRLF line ends, which block reads from the source); a front
	// matter value may be quoted or folded.
	exactly := doc.Format == schema.Markdown
	text := func(t schema.Text, kind textKind, c *schema.Chapter) {
		if t.Value == "" {
			return
		}
		exact := exactly && t.Span.Len() == len(t.Value)
		out = append(out, pageText{Text: t.Value, Span: t.Span, Kind: kind, exact: exact, chapter: c, place: place, index: len(out)})
	}
	// A Markdown paragraph is read from the source as it is: a Text with
	// CRLF line ends made LF would move every offset.
	block := func(b schema.Block, c *schema.Chapter) {
		if doc.Format == schema.Markdown && len(b.Text) != b.Span.Len() {
			text(schema.Text{Value: string(src[b.Span.Start:b.Span.End]), Span: b.Span}, proseText, c)
			return
		}
		text(schema.Text{Value: b.Text, Span: b.Span}, proseText, c)
	}
	blocks := func(bs []schema.Block, c *schema.Chapter) {
		leaked := p.leaked().blocks
		for _, b := range bs {
			switch {
			case leaked[b.Span.Start]:
			case b.Kind == schema.Paragraph:
				block(b, c)
			case b.Kind == schema.QuoteBlock && b.Quote.Pair == nil:
				// The quote's words, inside its quote marks.
				words := schema.Text{Value: b.Quote.Words, Span: b.Quote.Body.Span}
				if off := wordsAt(b.Quote); doc.Format == schema.Markdown && off >= 0 {
					words.Span = schema.Span{Start: words.Span.Start + off, End: words.Span.Start + off + len(words.Value)}
				}
				text(words, quoteText, c)
				if b.Quote.Speaker != nil {
					text(*b.Quote.Speaker, speakerText, c)
				}
			}
		}
	}
	if ep.FrontMatter != nil {
		for _, f := range ep.FrontMatter.Fields {
			kind, ok := frontMatterTexts[f.Key]
			if s, isString := f.Value.(string); ok && isString {
				place = "the front matter's " + f.Key
				if exactly && string(src[f.ValueSpan.Start:f.ValueSpan.End]) != s {
					// Quoted: its span is the whole value.
					out = append(out, pageText{Text: s, Span: f.ValueSpan, Kind: kind, place: place, index: len(out)})
					continue
				}
				text(schema.Text{Value: s, Span: f.ValueSpan}, kind, nil)
			}
		}
		place = ""
	}
	if ep.Title != nil {
		text(*ep.Title, titleText, nil)
	}
	blocks(ep.Intro, nil)
	for _, c := range ep.Chapters {
		text(c.Title, headingText, c)
		blocks(c.Blocks, c)
	}
	for _, s := range ep.Sections {
		// The body of a section the model does not read, after its heading.
		if body := s.Span.End; doc.Format == schema.Markdown && s.Heading.End < body {
			start := s.Heading.End
			place = "section " + quote(s.Title)
			text(schema.Text{Value: string(src[start:body]), Span: schema.Span{Start: start, End: body}}, proseText, nil)
		}
	}
	place = ""
	if ep.Entities != nil {
		for _, e := range ep.Entities.Entities {
			if e.Malformed != "" && e.Name.Value == "" {
				continue
			}
			text(e.Name, entityName, nil)
			text(e.Description, entityText, nil)
		}
	}
	return out
}

// textsAtMost is how many texts readPageTexts may list for ep, so that
// its list is made once: one for a paragraph, two for a quote (its words
// and its speaker), one for each other field.
func textsAtMost(ep *schema.Episode) int {
	n := 1 + 2*len(ep.Intro) + len(ep.Sections)
	if ep.FrontMatter != nil {
		n += len(ep.FrontMatter.Fields)
	}
	for _, c := range ep.Chapters {
		n += 1 + 2*len(c.Blocks)
	}
	if ep.Entities != nil {
		n += 2 * len(ep.Entities.Entities)
	}
	return n
}

// wordsAt is where a quote's words stand in its body: after the spaces
// and the opening quote mark the reader took off; -1 if not found.
func wordsAt(q *schema.Quote) int {
	body := q.Body.Value
	off := len(body) - len(strings.TrimLeft(body, " \t"))
	for _, mark := range []string{`"`, "“"} {
		if q.Quoted && strings.HasPrefix(body[off:], mark) {
			off += len(mark)
			break
		}
	}
	if strings.HasPrefix(body[off:], q.Words) {
		return off
	}
	return strings.Index(body, q.Words)
}

// isSentenceStart tells whether text[:i] ends where a sentence starts: at
// the start of the text or of a line, or after a full stop, question or
// exclamation mark, colon, ellipsis or dash, with spaces, an opening
// bracket or quote mark or emphasis between.
func isSentenceStart(text string, i int) bool {
	j := i
	for j > 0 {
		if c := text[j-1]; c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '*' || c == '_' {
			j--
			continue
		}
		if c := text[j-1]; c >= utf8.RuneSelf && (strings.HasSuffix(text[:j], "“") || strings.HasSuffix(text[:j], "‘")) {
			j -= len("“")
			continue
		}
		break
	}
	if j == 0 {
		return true
	}
	switch text[j-1] {
	case '.', '!', '?', ':', '\n', '>', '#', ']':
		return true
	}
	return strings.HasSuffix(text[:j], "…") || strings.HasSuffix(text[:j], "—")
}
