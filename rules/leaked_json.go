package rules

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/text"
	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/schema"
)

var leakedJSON = &Rule{
	Name:     "leaked-json",
	Category: Structure,
	Severity: Error,
	Title:    "Raw JSON or Python-literal fragments in prose or quotes",
	Doc: `When the pipeline's lenient JSON repair misreads one quote, the rest of the episode is
swallowed into that chapter's quote list and printed as quote lines in Python's repr form:
` + "`{'start': 412.0, 'summary': ...}`" + `, ` + "`title\": \"...`" + `, ` + "`] }, {`" + `. Readers see garbage, and every
later chapter is left as an orphan heading whose content sits inside the blob.

A line is leaked JSON when it holds a key of the episode JSON in quote marks followed by a
value (` + "`'start': 412.0`" + `, ` + "`\"title\": \"`" + `), or only brackets and commas: a quote that
mentions a form's ` + "`'title':`" + ` box and goes on in prose is not.

One finding covers each run of leaked lines, and says how much text it holds and how many
chapters and quotes it carries, so that nothing in it is deleted by hand unread.`,
	Bad: `## [01:35] Why every projection distorts

> *"You get to pick which lie you tell."* [02:11]
> * ] }, { *
> *{'start': 412.0, 'summary': 'The Mercator projection...', 'quotes': [...]}*

## [06:52] Mercator, power, and the classroom wall`,
	Good: `## [01:35] Why every projection distorts

> *"You get to pick which lie you tell."* [02:11]

## [06:52] Mercator, power, and the classroom wall

The Mercator projection was built for navigation...`,
	Run: runLeakedJSON,
}

// isLeaked tells whether a block is leaked JSON.
func isLeaked(b schema.Block) bool {
	switch b.Kind {
	case schema.QuoteBlock:
		return b.Quote.Pair == nil && leak.IsText(b.Quote.Body.Value)
	case schema.Paragraph:
		return leak.IsText(b.Text)
	}
	return false
}

// leakedRun is a run of consecutive leaked blocks in one container.
type leakedRun struct {
	blocks  []schema.Block
	chapter *schema.Chapter // nil in the intro
}

func (r leakedRun) span(doc *schema.Document) schema.Span {
	return schema.Span{Start: contentStart(doc, r.blocks[0]), End: r.blocks[len(r.blocks)-1].Span.End}
}

// Items returns the run's blocks as the blob's items: what stands between
// a quote line's italics markers, or a paragraph's text.
func (r leakedRun) Items() []string {
	out := make([]string, len(r.blocks))
	for i, block := range r.blocks {
		if block.Quote != nil {
			out[i] = block.Quote.Body.Value
		} else {
			out[i] = block.Text
		}
	}
	return out
}

// leakedRuns finds every run of leaked blocks in the episode.
func leakedRuns(ep *schema.Episode) []leakedRun {
	var out []leakedRun
	// A run also takes in plain quote lines (no quote marks, no time)
	// standing between leaked lines: pieces of a text the lenient parser
	// split at ", " and the renderer printed one per line.
	scan := func(blocks []schema.Block, ch *schema.Chapter) {
		var cur, between []schema.Block
		flush := func() {
			if len(cur) > 0 {
				out = append(out, leakedRun{blocks: cur, chapter: ch})
			}
			cur, between = nil, nil
		}
		for _, b := range blocks {
			switch {
			case isLeaked(b):
				cur = append(append(cur, between...), b)
				between = nil
			case len(cur) > 0 && b.Quote != nil && b.Quote.At == nil && !b.Quote.Quoted:
				between = append(between, b)
			default:
				flush()
			}
		}
		flush()
	}
	scan(ep.Intro, nil)
	for _, c := range ep.Chapters {
		scan(c.Blocks, c)
	}
	return out
}

// leakage is the page's leaked runs, found once per run of the rules and
// shared: several rules leave the blob's blocks to leaked-json.
type leakage struct {
	runs   []leakedRun
	blocks map[int]bool // start offsets of the blocks in a run
}

func (p *Pass) leaked() *leakage {
	if p.shared.leaked == nil {
		l := &leakage{runs: leakedRuns(p.Episode), blocks: map[int]bool{}}
		for _, r := range l.runs {
			for _, b := range r.blocks {
				l.blocks[b.Span.Start] = true
			}
		}
		p.shared.leaked = l
	}
	return p.shared.leaked
}

// contentStart is where a block's content begins: after `> ` for a quote line.
func contentStart(doc *schema.Document, b schema.Block) int {
	at := b.Span.Start
	if doc.Format == schema.Markdown && b.Kind == schema.QuoteBlock {
		for n := 0; n < 3 && at < len(doc.Src) && doc.Src[at] == ' '; n++ {
			at++ // a quote line may be indented by up to three spaces
		}
		if at < len(doc.Src) && doc.Src[at] == '>' {
			at++
		}
		if at < len(doc.Src) && doc.Src[at] == ' ' {
			at++
		}
	}
	return at
}

func runLeakedJSON(p *Pass) {
	for _, run := range p.leaked().runs {
		items := run.Items()
		where := "the summary"
		if run.chapter != nil {
			where = run.chapter.Label()
		}
		kind := "a paragraph"
		if run.blocks[0].Kind == schema.QuoteBlock {
			kind = "a quote"
			if len(run.blocks) > 1 {
				kind = strconv.Itoa(len(run.blocks)) + " quote lines"
			}
		} else if len(run.blocks) > 1 {
			kind = strconv.Itoa(len(run.blocks)) + " paragraphs"
		}
		p.ReportFix(FixerDecides, run.span(p.Doc), "raw JSON in %s (%s): %s characters%s",
			kind, where, thousands(characters(items)), describeLeaked(p.Doc, leak.ReadOn(p.Doc, items)))
	}
}

// characters is the number of characters of items joined: a blob's
// items are most of a leaked page's bytes, and a character is counted as
// the byte that starts it, eight bytes at a time. That holds for UTF-8, as
// a page's text is (schema.CheckEncoding); items that are not are joined
// and counted as utf8 counts them, each byte of a bad sequence one.
func characters(items []string) int {
	n := 0
	for _, item := range items {
		if !utf8.ValidString(item) {
			return utf8.RuneCountInString(strings.Join(items, ""))
		}
		n += len(item) - continuationBytes(item)
	}
	return n
}

// continuationBytes counts the bytes of s that continue a character (10xxxxxx).
func continuationBytes(s string) int {
	n, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		// A byte's top two bits as 10: its high bit, and not the next
		// one, which the shift moves up to the high bit's place.
		x := schema.EightBytes(s, i)
		n += bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n++
		}
	}
	return n
}

// describeLeaked says what a blob carries and what of it cannot be put
// back: chapters that match no orphan or empty heading, texts that fit no
// record, words taken for syntax.
func describeLeaked(doc *schema.Document, lk *leak.Blob) string {
	var carries []string
	quotes := 0
	for _, c := range lk.Chapters {
		quotes += len(c.Quotes)
	}
	if n := len(lk.Chapters); n > 0 {
		carries = append(carries, plural(n, "chapter"))
	}
	if quotes > 0 {
		carries = append(carries, plural(quotes, "quote"))
	}
	if n := len(lk.Entities); n > 0 {
		carries = append(carries, pluralY(n))
	}
	out := ""
	if n := len(carries); n > 0 {
		out = ", carrying " + strings.Join(carries[:n-1], ", ")
		if n > 1 {
			out += " and "
		}
		out += carries[n-1]
	}
	var unmatched []string
	noStart := 0
	// A Markdown page keeps the swallowed chapters as orphan headings to
	// match; in JSON they are gone from chapters, and only a start that
	// some chapter already has is in the way.
	matches := leak.Match(doc.Episode, lk)
	for i, rec := range lk.Chapters {
		switch {
		case !rec.HasStart:
			noStart++
		case doc.Format == schema.JSON && len(doc.Episode.ChaptersAt(int(rec.Start))) > 0, doc.Format == schema.Markdown && matches[i] == nil:
			unmatched = append(unmatched, strconv.FormatFloat(rec.Start, 'f', 1, 64))
		}
	}
	if len(unmatched) > 0 {
		what := "match no orphan or empty heading"
		if doc.Format == schema.JSON {
			what = "start where a chapter already starts"
		}
		out += fmt.Sprintf("; %d of %d recovered chapters %s (starts %s)",
			len(unmatched), len(lk.Chapters), what, strings.Join(unmatched, ", "))
	}
	if noStart > 0 {
		out += fmt.Sprintf("; %d of %d recovered chapters have no start", noStart, len(lk.Chapters))
	}
	switch n := len(lk.Stray); {
	case n == 1:
		out += "; 1 text fits no record"
	case n > 1:
		out += fmt.Sprintf("; %d texts fit no record", n)
	}
	if len(lk.OutOfOrder) > 0 {
		out += "; out of the pipeline's order: " + strings.Join(slices.Compact(slices.Clone(lk.OutOfOrder)), ", ")
	}
	if n := len(lk.Unplaced); n > 0 {
		// Said so that a person knows why the repair is only a guess.
		shown := make([]string, 0, 4)
		for _, w := range lk.Unplaced[:min(n, 3)] {
			shown = append(shown, strconv.Quote(w))
		}
		if n > 3 {
			shown = append(shown, "…")
		}
		out += fmt.Sprintf("; %s read as syntax (%s)", plural(n, "word"), strings.Join(shown, ", "))
	}
	return out
}

// plural ("1 chapter", "2,873 chapters") and thousands (2,873) are how
// every podlint message writes counts.
var (
	plural    = text.Plural
	thousands = text.Thousands
)

func pluralY(n int) string {
	if n == 1 {
		return "1 entity"
	}
	return thousands(n) + " entities"
}
