// Package convert moves an episode between forms: the clean episode JSON, the
// canonical Markdown page, Podcasting 2.0 JSON chapters and a YouTube
// description chapter block. Each writer returns what the target form
// could not hold (Losses), so that nothing is dropped silently.
package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/podlint/podlint/internal/text"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// Loss is something of the source a target form cannot hold.
type Loss struct {
	Span schema.Span
	What string
}

// Unreadable tells why doc could not be read into an episode at all: JSON
// that does not parse, or whose top level is not an object. Nothing of it
// can be converted, whatever the caller would accept losing.
func Unreadable(doc *schema.Document) (schema.Problem, bool) {
	if !doc.Broken || len(doc.Problems) == 0 {
		return schema.Problem{}, false
	}
	return doc.Problems[len(doc.Problems)-1], true // readJSON records it last
}

// canonical is an episode reduced to what both forms carry.
type canonical struct {
	title    string
	summary  []string
	chapters []canonicalChapter
	entities []schema.Entity
	meta     []schema.Field
}

type canonicalChapter struct {
	start  int
	title  string
	prose  []string
	quotes []*schema.Quote
}

// reduce reads the model into the canonical structure, listing what does
// not fit it.
func reduce(doc *schema.Document) (*canonical, []Loss) {
	ep := doc.Episode
	c := &canonical{}
	var losses []Loss
	lose := func(span schema.Span, format string, args ...any) {
		losses = append(losses, Loss{Span: span, What: fmt.Sprintf(format, args...)})
	}
	// What the reader could not take in (a JSON syntax error, front matter
	// that is not YAML, the first of two equal keys) is not in the model.
	for _, pr := range doc.Problems {
		lose(pr.Span, "what did not read: %s", pr.Message)
	}
	if doc.JSONValue() != nil {
		unreadJSON(doc, lose)
	}
	if ep.Title != nil {
		c.title = strings.TrimSpace(ep.Title.Value)
	}
	for _, b := range ep.Intro {
		if b.Kind == schema.Paragraph {
			c.summary = append(c.summary, splitParagraphs(b.Text)...)
		} else {
			lose(b.Span, "a %s before the first chapter", blockName(b))
		}
	}
	for _, ch := range ep.Chapters {
		cc := canonicalChapter{start: ch.Start.Seconds, title: strings.TrimSpace(ch.Title.Value)}
		if !ch.Start.Valid {
			lose(ch.Start.Span, "the start of %s, which is not a time", ch.Label())
		} else if fraction(ch.Start) {
			lose(ch.Start.Span, "the fraction of a second of the start of %s (%s): times are whole seconds", ch.Label(), ch.Start.Raw)
		}
		for _, b := range ch.Blocks {
			switch {
			case b.Kind == schema.Paragraph:
				cc.prose = append(cc.prose, splitParagraphs(b.Text)...)
			case b.Kind == schema.QuoteBlock && b.Quote.Pair == nil:
				cc.quotes = append(cc.quotes, b.Quote)
				if at := b.Quote.At; at != nil && !at.Valid {
					lose(at.Span, "the time [%s] of a quote in %s, which is not a time", at.Raw, ch.Label())
				} else if at != nil && fraction(*at) {
					lose(at.Span, "the fraction of a second of the time of a quote in %s (%s): times are whole seconds", ch.Label(), at.Raw)
				}
				if doc.Format == schema.Markdown {
					if extra := leftover(string(doc.Src[b.Span.Start:b.Span.End]), b.Quote); len(extra) > 0 {
						lose(b.Span, "words of a quote line in %s that the quote does not hold: %s", ch.Label(), strings.Join(extra, " "))
					}
				}
			default:
				lose(b.Span, "a %s in %s", blockName(b), ch.Label())
			}
		}
		c.chapters = append(c.chapters, cc)
	}
	if ep.Entities != nil {
		for _, e := range ep.Entities.Entities {
			if e.Malformed != "" {
				lose(e.Span, "a malformed entity bullet")
				continue
			}
			c.entities = append(c.entities, e)
		}
		for _, s := range ep.Entities.Stray {
			lose(s, "a line in the Entities section that is not an entity")
		}
	}
	for _, s := range ep.Sections {
		lose(s.Span, "the section %q", s.Title)
	}
	if fm := ep.FrontMatter; fm != nil {
		for _, f := range fm.Fields {
			if schema.IsModelKey(f.Key) {
				if f.Key == "title" && ep.Title != nil {
					if s, ok := f.Value.(string); !ok || strings.TrimSpace(s) != c.title {
						lose(f.KeySpan, "the front matter title, which differs from the page title")
					}
					continue
				}
				if f.Key == "title" {
					c.title, _ = f.Value.(string)
					continue
				}
				lose(f.KeySpan, "the front matter key %q, which the episode model holds itself", f.Key)
				continue
			}
			c.meta = append(c.meta, f)
		}
	}
	slices.SortStableFunc(losses, func(a, b Loss) int { return a.Span.Start - b.Span.Start })
	return c, losses
}

// unreadJSON lists the values of an episode JSON document that the model
// has no place for, so that convert does not drop them in silence: items of
// a quotes list that are neither a quote nor an [m, s] pair (`[-1, 5]`,
// `[1.5, 2]`, a number), quote times that are not times, unknown keys of a
// chapter, quote or entity, and model keys of the wrong type.
func unreadJSON(doc *schema.Document, lose func(schema.Span, string, ...any)) {
	top := doc.JSONValue()
	if top.Kind != schema.Object {
		return
	}
	wrongKind := func(v *schema.Value, kind schema.ValueKind, what string) bool {
		if v != nil && v.Kind != kind {
			lose(v.Span, "%s, which is not %s", what, map[schema.ValueKind]string{schema.String: "text", schema.Array: "a list"}[kind])
			return true
		}
		return false
	}
	for _, key := range []string{"title", "summary"} {
		wrongKind(top.Get(key), schema.String, "the "+key)
	}
	if es := top.Get("entities"); !wrongKind(es, schema.Array, "the entities") && es != nil {
		for _, e := range es.Items {
			extraKeys(e, "an entity", lose, "name", "type", "description")
		}
	}
	cs := top.Get("chapters")
	if wrongKind(cs, schema.Array, "the chapters") || cs == nil {
		return
	}
	chapters := doc.Episode.Chapters
	for _, c := range cs.Items {
		if c.Kind != schema.Object {
			lose(c.Span, "the %s in the chapters list, which is not a chapter", kindName(c.Kind))
			continue
		}
		label := chapters[0].Label()
		chapters = chapters[1:]
		extraKeys(c, label, lose, "start", "title", "summary", "quotes")
		wrongKind(c.Get("title"), schema.String, "the title of "+label)
		wrongKind(c.Get("summary"), schema.String, "the summary of "+label)
		qs := c.Get("quotes")
		if wrongKind(qs, schema.Array, "the quotes of "+label) || qs == nil {
			continue
		}
		for _, q := range qs.Items {
			switch q.Kind {
			case schema.String:
			case schema.Array:
				if _, ok := schema.JSONPair(q); !ok {
					lose(q.Span, "the list %s in the quotes of %s, which is not an [m, s] time pair", excerpt(doc.Src, q.Span), label)
				}
			case schema.Object:
				if !schema.IsQuoteObject(q) {
					continue // kept whole as the quote's text
				}
				wrongKind(q.Get("text"), schema.String, "the text of a quote in "+label)
				wrongKind(q.Get("speaker"), schema.String, "the speaker of a quote in "+label)
				if at := q.Get("at"); at != nil && !schema.JSONTime(at).Valid {
					lose(at.Span, "the time %s of a quote in %s, which is not a time", excerpt(doc.Src, at.Span), label)
				}
			default:
				lose(q.Span, "the %s %s in the quotes of %s, which is not a quote", kindName(q.Kind), excerpt(doc.Src, q.Span), label)
			}
		}
	}
}

// extraKeys lists the keys of object v beyond those the model reads.
func extraKeys(v *schema.Value, what string, lose func(schema.Span, string, ...any), known ...string) {
	if v.Kind != schema.Object {
		return // an entity that is not an object is a malformed entity
	}
	for _, m := range v.Members {
		if !slices.Contains(known, m.Key) {
			lose(m.KeySpan, "the key %q of %s", m.Key, what)
		}
	}
}

// kindName names a JSON type in a message.
func kindName(k schema.ValueKind) string {
	return [...]string{schema.Null: "null", schema.Bool: "boolean", schema.Number: "number", schema.String: "text", schema.Array: "list", schema.Object: "object"}[k]
}

// excerpt is the source of a value, cut short when it is long.
func excerpt(src []byte, span schema.Span) string {
	const most = 24
	text := string(src[span.Start:span.End])
	if utf8.RuneCountInString(text) <= most {
		return text
	}
	return string([]rune(text)[:most-1]) + "…"
}

func blockName(b schema.Block) string {
	switch {
	case b.Kind == schema.Verbatim:
		return "comment or code block"
	case b.Kind == schema.QuoteBlock && b.Quote.Pair != nil:
		return "[m, s] time pair"
	case b.Kind == schema.QuoteBlock:
		return "quote"
	}
	return "paragraph"
}

// fraction tells a time read from JSON with a fraction of a second
// (90.5), which the model holds as whole seconds.
func fraction(t schema.Timestamp) bool {
	n, err := strconv.ParseFloat(t.Raw, 64)
	return err == nil && n != float64(int64(n))
}

// leftover lists the words of a Markdown quote line that its quote does not
// hold (words after its time, a second time, a speaker set off by a hyphen):
// the line's words less those of the quote's words, speaker and time.
func leftover(line string, q *schema.Quote) []string {
	held := map[string]int{}
	for _, part := range []string{q.Words, speakerOf(q), timeOf(q)} {
		for _, w := range words(part) {
			held[w]++
		}
	}
	var out []string
	for _, w := range words(line) {
		if held[w] > 0 {
			held[w]--
			continue
		}
		out = append(out, w)
	}
	return out
}

// timeOf is a quote's time as written, "" when it has none.
func timeOf(q *schema.Quote) string {
	if q.At == nil {
		return ""
	}
	return q.At.Raw
}

// speakerOf is a quote's speaker, "" when it names none.
func speakerOf(q *schema.Quote) string {
	if q.Speaker == nil {
		return ""
	}
	return q.Speaker.Value
}

// words are the words of s: its runs of letters and digits.
func words(s string) []string {
	var out []string
	for start, end := schema.NextWord(s, 0); start < end; start, end = schema.NextWord(s, end) {
		out = append(out, s[start:end])
	}
	return out
}

// splitParagraphs splits JSON summary text at blank lines, so that a
// multi-paragraph summary becomes Markdown paragraphs again.
func splitParagraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// member is one key of an ordered JSON object.
type member struct {
	key   string
	value any
}

type object []member

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(schema.JSONString(m.key))
		b.WriteByte(':')
		v, err := marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ToJSON writes the episode in the clean JSON form, two-space indented.
func ToJSON(doc *schema.Document) ([]byte, []Loss) {
	c, losses := reduce(doc)
	top := object{{"title", c.title}}
	if len(c.summary) > 0 {
		top = append(top, member{"summary", strings.Join(c.summary, "\n\n")})
	}
	chapters := []any{}
	for _, ch := range c.chapters {
		o := object{{"start", ch.start}, {"title", ch.title}}
		if len(ch.prose) > 0 {
			o = append(o, member{"summary", strings.Join(ch.prose, "\n\n")})
		}
		quotes := []any{}
		for _, q := range ch.quotes {
			qo := object{{"text", q.Words}}
			if q.At != nil && q.At.Valid {
				qo = append(qo, member{"at", q.At.Seconds})
			}
			if q.Speaker != nil {
				qo = append(qo, member{"speaker", q.Speaker.Value})
			}
			quotes = append(quotes, qo)
		}
		o = append(o, member{"quotes", quotes})
		chapters = append(chapters, o)
	}
	top = append(top, member{"chapters", chapters})
	if len(c.entities) > 0 {
		entities := []any{}
		for _, e := range c.entities {
			entities = append(entities, object{{"name", e.Name.Value}, {"type", e.Type.Value}, {"description", e.Description.Value}})
		}
		top = append(top, member{"entities", entities})
	}
	for _, f := range c.meta {
		top = append(top, member{f.Key, f.Value})
	}
	raw, err := marshal(top)
	if err != nil {
		losses = append(losses, Loss{What: "the episode: " + err.Error()})
		return nil, losses
	}
	var out bytes.Buffer
	_ = json.Indent(&out, raw, "", "  ") // raw is valid JSON
	out.WriteByte('\n')
	return out.Bytes(), append(losses, readBack(c, out.Bytes(), "episode.json", "JSON")...)
}

// ToMarkdown writes the canonical Markdown page: front matter for the
// fields the page has no place for, the title, the summary, the chapters
// (prose, then quotes), the entities.
func ToMarkdown(doc *schema.Document) ([]byte, []Loss) {
	c, losses := reduce(doc)
	var b strings.Builder
	if len(c.meta) > 0 {
		b.WriteString("---\n")
		for _, f := range c.meta {
			b.WriteString(schema.YAMLString(f.Key) + ": " + schema.YAMLValue(f.Value) + "\n")
		}
		b.WriteString("---\n")
	}
	b.WriteString("# " + c.title + "\n")
	paragraph := func(p, where string) {
		if line, ok := misread(p); ok {
			losses = append(losses, Loss{What: fmt.Sprintf("a paragraph of %s with a line that Markdown reads as something else (%q)", where, line)})
		}
		b.WriteString("\n" + p + "\n")
	}
	for _, p := range c.summary {
		paragraph(p, "the summary")
	}
	for _, ch := range c.chapters {
		fmt.Fprintf(&b, "\n## [%s] %s\n", schema.FormatTimestamp(ch.start), ch.title)
		for _, p := range ch.prose {
			paragraph(p, "chapter \""+ch.title+"\"")
		}
		for _, q := range ch.quotes {
			b.WriteString("\n> *\"" + text.OneLine(q.Words) + "\"*")
			if q.Speaker != nil {
				b.WriteString(" — " + q.Speaker.Value)
			}
			if q.At != nil && q.At.Valid {
				b.WriteString(" [" + schema.FormatTimestamp(q.At.Seconds) + "]")
			}
			b.WriteString("\n")
		}
	}
	if len(c.entities) > 0 {
		b.WriteString("\n## Entities\n\n")
		for _, e := range c.entities {
			fmt.Fprintf(&b, "- **%s** (%s): %s\n", e.Name.Value, e.Type.Value, e.Description.Value)
		}
	}
	out := []byte(b.String())
	return out, append(losses, readBack(c, out, "episode.md", "Markdown")...)
}

// readBack reads the page written from c, and lists what of c it does
// not give back as it was (white space aside): a title with a line break,
// which Markdown cuts at it; a title ending in "#", which it drops; a
// speaker with asterisks in it; a number too large for a float. Whatever
// the writer could not hold as written is named, so none of it goes
// silently.
func readBack(c *canonical, out []byte, name, form string) []Loss {
	back, _ := reduce(schema.Read(name, out))
	var losses []Loss
	differ := func(what, want, got string) {
		if text.OneLine(want) != text.OneLine(got) {
			losses = append(losses, Loss{What: fmt.Sprintf("%s as written: %q reads back from the %s page as %q", what, clip(want), form, clip(got))})
		}
	}
	differ("the title", c.title, back.title)
	differ("the summary", strings.Join(c.summary, "\n\n"), strings.Join(back.summary, "\n\n"))
	if len(back.chapters) != len(c.chapters) {
		return append(losses, Loss{What: fmt.Sprintf("the chapters: %d written, %d read back from the %s page", len(c.chapters), len(back.chapters), form)})
	}
	for i, ch := range c.chapters {
		got := back.chapters[i]
		label := fmt.Sprintf("chapter %d (%q)", i+1, clip(ch.title))
		differ("the start of "+label, strconv.Itoa(ch.start), strconv.Itoa(got.start))
		differ("the title of "+label, ch.title, got.title)
		differ("the summary of "+label, strings.Join(ch.prose, "\n\n"), strings.Join(got.prose, "\n\n"))
		if len(got.quotes) != len(ch.quotes) {
			losses = append(losses, Loss{What: fmt.Sprintf("the quotes of %s: %d written, %d read back from the %s page", label, len(ch.quotes), len(got.quotes), form)})
			continue
		}
		for k, q := range ch.quotes {
			where := fmt.Sprintf("quote %d of %s", k+1, label)
			differ("the text of "+where, q.Words, got.quotes[k].Words)
			differ("the speaker of "+where, speakerOf(q), speakerOf(got.quotes[k]))
			differ("the time of "+where, quoteTime(q), quoteTime(got.quotes[k]))
		}
	}
	if len(back.entities) != len(c.entities) {
		return append(losses, Loss{What: fmt.Sprintf("the entities: %d written, %d read back from the %s page", len(c.entities), len(back.entities), form)})
	}
	for i, e := range c.entities {
		got := back.entities[i]
		where := fmt.Sprintf("entity %d (%q)", i+1, clip(e.Name.Value))
		differ("the name of "+where, e.Name.Value, got.Name.Value)
		differ("the type of "+where, e.Type.Value, got.Type.Value)
		differ("the description of "+where, e.Description.Value, got.Description.Value)
	}
	values := func(fs []schema.Field) map[string]string {
		m := make(map[string]string, len(fs))
		for _, f := range fs {
			m[f.Key] = fmt.Sprint(f.Value)
		}
		return m
	}
	wrote, read := values(c.meta), values(back.meta)
	for _, f := range c.meta {
		differ("the value of "+strconv.Quote(f.Key), wrote[f.Key], read[f.Key])
	}
	return losses
}

// quoteTime is a quote's time as seconds, "" when it has none.
func quoteTime(q *schema.Quote) string {
	if q.At == nil || !q.At.Valid {
		return ""
	}
	return strconv.Itoa(q.At.Seconds)
}

// clip is s cut short for a message.
func clip(s string) string {
	const most = 40
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most-1]) + "…"
}

// misread finds a line of a paragraph that a Markdown reader would not take
// as paragraph text: a heading, a quote, a comment or a code fence.
func misread(p string) (string, bool) {
	for _, line := range strings.Split(p, "\n") {
		for _, marker := range []string{"#", ">", "<!--", "```", "~~~"} {
			if strings.HasPrefix(line, marker) {
				return line, true
			}
		}
	}
	return "", false
}

// episodeDuration reads the duration field (seconds or h:mm:ss).
func episodeDuration(ep *schema.Episode) (int, bool) {
	f, ok := ep.FrontMatter.Lookup("duration")
	if !ok {
		return 0, false
	}
	switch v := f.Value.(type) {
	case float64:
		return int(v), v > 0
	case string:
		return schema.ParseTimestamp(v)
	}
	return 0, false
}

// ToChapters writes Podcasting 2.0 JSON chapters (version 1.2.0): start
// times in seconds, ascending, each chapter ending where the next starts
// and the last at the episode's duration when it is known.
func ToChapters(doc *schema.Document) ([]byte, []Loss) {
	c, losses := reduce(doc)
	duration, hasDuration := episodeDuration(doc.Episode)
	chapters := []any{}
	for i, ch := range c.chapters {
		o := object{{"startTime", ch.start}}
		switch {
		case i+1 < len(c.chapters):
			o = append(o, member{"endTime", c.chapters[i+1].start})
		case hasDuration && duration > ch.start:
			o = append(o, member{"endTime", duration})
		}
		o = append(o, member{"title", ch.title})
		chapters = append(chapters, o)
	}
	top := object{{"version", "1.2.0"}, {"title", c.title}, {"chapters", chapters}}
	raw, _ := marshal(top) // strings and numbers always encode
	var out bytes.Buffer
	_ = json.Indent(&out, raw, "", "  ")
	out.WriteByte('\n')
	return out.Bytes(), losses
}

// YouTube's rules for description chapters.
const (
	youTubeMinChapters = 3
	youTubeMinSeconds  = 10
)

// ToYouTube writes one "TS Title" line per chapter. The warnings say why
// YouTube would not turn the block into chapters.
func ToYouTube(doc *schema.Document) ([]byte, []string) {
	c, _ := reduce(doc)
	var b strings.Builder
	var warnings []string
	for _, ch := range c.chapters {
		fmt.Fprintf(&b, "%s %s\n", schema.FormatTimestamp(ch.start), ch.title)
	}
	if n := len(c.chapters); n < youTubeMinChapters {
		warnings = append(warnings, "YouTube needs at least "+strconv.Itoa(youTubeMinChapters)+" chapters; this episode has "+strconv.Itoa(n))
	}
	if len(c.chapters) > 0 && c.chapters[0].start != 0 {
		warnings = append(warnings, "YouTube needs the first chapter at 00:00; this one starts at "+schema.FormatTimestamp(c.chapters[0].start))
	}
	for i := 0; i+1 < len(c.chapters); i++ {
		if d := c.chapters[i+1].start - c.chapters[i].start; d < youTubeMinSeconds {
			warnings = append(warnings, fmt.Sprintf("YouTube needs chapters of at least %d seconds; %q lasts %d", youTubeMinSeconds, c.chapters[i].title, d))
		}
	}
	return []byte(b.String()), warnings
}
