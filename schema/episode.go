package schema

import (
	"cmp"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Format is the form an episode is written in.
type Format int

const (
	Markdown Format = iota
	JSON
)

func (f Format) String() string {
	if f == JSON {
		return "json"
	}
	return "markdown"
}

// FormatOf picks the form from a file name: .json is JSON, anything else is
// read as a Markdown page.
func FormatOf(path string) Format {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return JSON
	}
	return Markdown
}

// Document is one episode file as read: its bytes, a line index and the
// Episode model built from it. Readers never fail: what they cannot make sense
// of becomes Problems (syntax) or blocks that rules flag.
type Document struct {
	Path string
	Src  []byte
	// Text is Src as a string, made once when the page is read (or Src's
	// bytes themselves, when the reader's caller gives them as a string:
	// see ReadText): the texts of the model are parts of it, and whoever
	// needs the page as a string (the diff of a fix) takes it here rather
	// than copying Src again.
	Text   string
	Format Format
	Lines  *Lines

	Episode *Episode

	// Problems are syntax errors met while reading (JSON, YAML front matter).
	Problems []Problem
	// Broken is set when the model could not be built at all (JSON that does
	// not parse); rules other than schema have nothing to look at then.
	Broken bool

	// Instance is the episode as JSON data, the value the JSON Schema
	// validates, and Pointers maps its JSON Pointers to source spans (for a
	// JSON episode the spans are found in the parsed tree instead). An
	// episode's is built when validation first needs it: nil until then.
	Instance any
	Pointers map[string]Span

	// Earlier, while a fix pass's result is checked, is the page the pass
	// made it from: a rule may take from what the earlier page memoized
	// its answers for texts the pass left as they were.
	Earlier *Document

	frontMatterPointers map[string]Span
	json                *Value
	memo                map[any]any
	// buffers are what the page was read into, and releases what Release
	// calls: see Release.
	buffers  *pageBuffers
	releases []func()
}

// Memoized returns what Memo keeps for key, if anything.
func (doc *Document) Memoized(key any) (any, bool) {
	v, ok := doc.memo[key]
	return v, ok
}

// Memo returns what build makes for key on this document, building it on
// the first call only: work several readers of one page share (a leaked
// blob read by the rule that reports it and the fixer that recovers it).
// A document is read by one goroutine at a time, and what build returns
// must not be changed by those who share it.
func (doc *Document) Memo(key any, build func() any) any {
	if v, ok := doc.memo[key]; ok {
		return v
	}
	if doc.memo == nil {
		doc.memo = map[any]any{}
	}
	v := build()
	doc.memo[key] = v
	return v
}

// JSONValue is the parsed JSON document of a JSON episode (nil for a
// Markdown page or JSON that does not parse).
func (doc *Document) JSONValue() *Value { return doc.json }

// Problem is a syntax error at a place in the source.
type Problem struct {
	Span    Span
	Message string
}

// Text is a piece of text with the span it was read from. For Markdown the
// span covers exactly the text; for JSON it covers the string literal.
type Text struct {
	Value string
	Span  Span
}

// Episode is the model both forms are read into.
type Episode struct {
	FrontMatter *FrontMatter
	Title       *Text
	// TitleLine is the whole `# ` heading line in Markdown.
	TitleLine Span
	// Intro is what stands between the title and the first chapter: the
	// summary paragraphs, and whatever else the page put there.
	Intro    []Block
	Chapters []*Chapter
	Entities *EntitySection
	// Sections are other `## ` sections, kept as they are.
	Sections []Section
	// Collapsed is set when the page was flattened onto one line.
	Collapsed *Collapsed

	byStart []*Chapter // ChaptersAt's index, once asked: by heading time, then page order
	indexed bool
}

// Summary returns the summary paragraphs.
func (e *Episode) Summary() []Block { return paragraphs(e.Intro) }

// EntityNames lists the names of the Entities section, without empty ones:
// the names the flattened-page reader and the title scorer know.
func (e *Episode) EntityNames() []string {
	out := []string{}
	if e.Entities != nil {
		for _, en := range e.Entities.Entities {
			if en.Name.Value != "" {
				out = append(out, en.Name.Value)
			}
		}
	}
	return out
}

// FrontMatter is the YAML block at the top of a Markdown page. For a JSON
// episode it holds the top-level fields that the model does not carry
// otherwise (tags, seo_title, duration, ...), so rules read both alike.
type FrontMatter struct {
	Span   Span // from the opening to the closing delimiter line
	Fields []Field
}

// Field is one top-level key of the front matter (or, in JSON, a top-level
// key the model does not otherwise carry).
type Field struct {
	Key       string
	KeySpan   Span
	ValueSpan Span
	Value     any
}

// Lookup returns the front matter field named key.
func (fm *FrontMatter) Lookup(key string) (Field, bool) {
	if fm == nil {
		return Field{}, false
	}
	for _, f := range fm.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Chapter is one `## [TS] Title` section, or one element of `chapters`.
type Chapter struct {
	Heading Span // the heading line, or the chapter object in JSON
	Start   Timestamp
	Title   Text
	Blocks  []Block
}

// Label names the chapter the way messages refer to it: `"Hook" at 00:00`.
func (c *Chapter) Label() string {
	t := strings.TrimSpace(c.Title.Value)
	if t == "" && !c.Start.Valid {
		return "untitled chapter"
	}
	// Messages name a chapter often (a page of many findings names each
	// chapter many times): the label is written in one piece.
	var at [24]byte // " at " and the longest time
	stamp := at[:0]
	if c.Start.Valid {
		stamp = AppendTimestamp(append(stamp, " at "...), c.Start.Seconds)
	}
	var b strings.Builder
	if t == "" {
		b.Grow(len("untitled chapter") + len(stamp))
		b.WriteString("untitled chapter")
	} else {
		b.Grow(len(`chapter ""`) + len(t) + len(stamp))
		b.WriteString(`chapter "`)
		b.WriteString(t)
		b.WriteByte('"')
	}
	b.Write(stamp)
	return b.String()
}

// Prose returns the chapter's paragraph blocks.
func (c *Chapter) Prose() []Block { return paragraphs(c.Blocks) }

// paragraphs returns the paragraph blocks, without a copy when there are
// none or nothing else (the common cases: rules ask for them often).
func paragraphs(blocks []Block) []Block {
	n := 0
	for _, b := range blocks {
		if b.Kind == Paragraph {
			n++
		}
	}
	switch n {
	case 0:
		return nil
	case len(blocks):
		return blocks[:n:n]
	}
	out := make([]Block, 0, n)
	for _, b := range blocks {
		if b.Kind == Paragraph {
			out = append(out, b)
		}
	}
	return out
}

// BlockKind tells what a chapter body block is.
type BlockKind int

const (
	Paragraph BlockKind = iota
	QuoteBlock
	// Verbatim is an HTML comment or a fenced code block: kept, never read.
	Verbatim
)

// Block is one element of a chapter body (or of the summary area).
type Block struct {
	Kind  BlockKind
	Span  Span
	Text  string
	Quote *Quote
}

// Quote is one quote line `> *"TEXT"* — Speaker [TS]` or one quote in JSON.
type Quote struct {
	// Body is what stands between the italics markers, as written.
	Body Text
	// Words is the quote itself: Body without its enclosing double quotes.
	Words   string
	Quoted  bool
	Speaker *Text
	At      *Timestamp
	// Pair is set when the whole quote is a `[m, s]` time pair.
	Pair *TimePair
}

// TimePair is a `[minutes, seconds]` pair from the pipeline's raw quotes.
type TimePair struct {
	Minutes, Seconds int
	Span             Span
}

// Total is the pair as seconds from the start of the episode.
func (p TimePair) Total() int { return p.Minutes*60 + p.Seconds }

// Timestamp is a chapter start or quote time.
type Timestamp struct {
	Raw     string
	Span    Span
	Seconds int
	// Valid is false when Raw does not read as a time at all.
	Valid bool
	// Canonical is true when Raw is exactly FormatTimestamp(Seconds).
	Canonical bool
}

// EntitySection is the `## Entities` list, or the JSON `entities` array.
type EntitySection struct {
	Heading  Span
	Entities []Entity
	// Stray are lines of the section that are not entity bullets.
	Stray []Span
}

// Entity is one `- **Name** (Type): description` bullet.
type Entity struct {
	Span        Span
	Name        Text
	Type        Text
	Description Text
	// Malformed says what is wrong with the bullet's shape, if anything.
	Malformed string
}

// Section is a `## ` section that is neither a chapter nor the entities.
type Section struct {
	Heading Span
	Title   string
	Span    Span
}

// Collapsed describes a page flattened onto one line.
type Collapsed struct {
	Span    Span   // the line holding the markers
	Text    string // the line, a part of the page the reader already holds as text
	Markers int    // how many block markers stand mid-line

	// Memo is what the restore package worked out for this page, kept
	// here so that it is worked out once per page.
	Memo any
}

// ChaptersAt lists the chapters whose heading time is seconds, in page
// order. The index, the chapters with a time sorted by it, is built on
// first use: a page of many leaked blobs asks once per record.
func (e *Episode) ChaptersAt(seconds int) []*Chapter {
	if !e.indexed {
		e.indexed = true
		for _, c := range e.Chapters {
			if c.Start.Valid {
				e.byStart = append(e.byStart, c)
			}
		}
		byTime := func(a, b *Chapter) int { return cmp.Compare(a.Start.Seconds, b.Start.Seconds) }
		if !slices.IsSortedFunc(e.byStart, byTime) { // most pages are in order already
			slices.SortStableFunc(e.byStart, byTime)
		}
	}
	from := sort.Search(len(e.byStart), func(i int) bool { return e.byStart[i].Start.Seconds >= seconds })
	to := from + sort.Search(len(e.byStart)-from, func(i int) bool { return e.byStart[from+i].Start.Seconds > seconds })
	if from == to {
		return nil
	}
	return e.byStart[from:to:to]
}
