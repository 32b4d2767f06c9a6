package schema

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
)

// modelKeys are the top-level JSON keys the Episode model carries itself;
// every other key is kept as a front matter field.
var modelKeys = map[string]bool{"title": true, "summary": true, "chapters": true, "entities": true}

// IsModelKey tells a top-level key of episode JSON that the Episode model
// carries itself (title, summary, chapters, entities).
func IsModelKey(key string) bool { return modelKeys[key] }

func readJSON(doc *Document) {
	// The tree and the model come from a page done with, if there is one
	// (see pageBuffers).
	b := pageBufferPool.Get().(*pageBuffers)
	doc.buffers = b
	v, problems, err := parseJSON(doc.Src, doc.Text, b)
	doc.Problems = append(doc.Problems, problems...)
	if err != nil {
		off := len(doc.Src)
		var je *jsonError
		if errors.As(err, &je) {
			off = je.offset
		}
		doc.Problems = append(doc.Problems, Problem{Span: Span{off, min(off+1, len(doc.Src))}, Message: "not valid JSON: " + err.Error()})
		doc.Broken = true
		doc.Episode = &Episode{}
		return
	}
	doc.json = v
	ep := &Episode{}
	doc.Episode = ep
	if v.Kind != Object {
		doc.Problems = append(doc.Problems, Problem{Span: v.Span, Message: "an episode JSON document must be an object"})
		doc.Broken = true
		return
	}
	ep.FrontMatter = &FrontMatter{}
	for _, m := range v.Members {
		if !modelKeys[m.Key] {
			ep.FrontMatter.Fields = append(ep.FrontMatter.Fields, Field{Key: m.Key, KeySpan: m.KeySpan, ValueSpan: m.Value.Span, Value: plain(m.Value)})
		}
	}
	if t := v.Get("title"); t != nil && t.Kind == String {
		ep.Title = &Text{Value: t.Str, Span: t.Span}
		ep.TitleLine = t.Span
	}
	if s := v.Get("summary"); s != nil && s.Kind == String && s.Str != "" {
		ep.Intro = []Block{{Kind: Paragraph, Span: s.Span, Text: s.Str}}
	}
	if cs := v.Get("chapters"); cs != nil && cs.Kind == Array {
		readJSONChapters(doc.Src, ep, cs.Items, b)
	}
	if es := v.Get("entities"); es != nil && es.Kind == Array {
		ep.Entities = &EntitySection{Heading: es.Span, Entities: make([]Entity, 0, len(es.Items))}
		for _, e := range es.Items {
			ep.Entities.Entities = append(ep.Entities.Entities, jsonEntity(e))
		}
	}
}

// readJSONChapters reads the chapter objects of list. The chapters, their
// blocks and their quotes are allocated once for the episode, as the
// Markdown reader has them, in b's slices.
func readJSONChapters(src []byte, ep *Episode, list []*Value, b *pageBuffers) {
	blocks, quotes := 0, 0
	for _, c := range list {
		if c.Kind == Object {
			n := len(chapterQuotes(c))
			blocks, quotes = blocks+1+n, quotes+n
		}
	}
	// Quotes are taken from the front of their slab (fromSlab): the whole
	// slab goes back to b.
	quoteSlab := zeroed(b.quotes, quotes)
	r := jsonChapters{src: src, blocks: slices.Grow(b.blocks, blocks), quotes: quoteSlab}
	chapters := zeroed(b.chapters, len(list))
	defer func() { b.blocks, b.chapters, b.quotes = r.blocks, chapters, quoteSlab }()
	ep.Chapters = make([]*Chapter, 0, len(list))
	for i, c := range list {
		if c.Kind == Object {
			r.chapter(c, &chapters[i])
			ep.Chapters = append(ep.Chapters, &chapters[i])
		}
	}
}

// jsonChapters backs an episode's chapters: each chapter's blocks are the
// next stretch of blocks, and each of its quotes the next of quotes.
type jsonChapters struct {
	src    []byte
	blocks []Block
	quotes []quoteParts
}

// chapterQuotes is the quotes list of a chapter object, if it has one.
func chapterQuotes(c *Value) []*Value {
	if qs := c.Get("quotes"); qs != nil && qs.Kind == Array {
		return qs.Items
	}
	return nil
}

// chapter reads the chapter object c into ch.
func (r *jsonChapters) chapter(c *Value, ch *Chapter) {
	ch.Heading = c.Span
	if s := c.Get("start"); s != nil {
		ch.Start = JSONTime(s)
	}
	if t := c.Get("title"); t != nil && t.Kind == String {
		ch.Title = Text{Value: t.Str, Span: t.Span}
	}
	first := len(r.blocks)
	if s := c.Get("summary"); s != nil && s.Kind == String && s.Str != "" {
		r.blocks = append(r.blocks, Block{Kind: Paragraph, Span: s.Span, Text: s.Str})
	}
	for _, q := range chapterQuotes(c) {
		if quote := jsonQuote(r.src, q, fromSlab(&r.quotes, nil)); quote != nil {
			r.blocks = append(r.blocks, Block{Kind: QuoteBlock, Span: q.Span, Text: quote.Body.Value, Quote: quote})
		}
	}
	if n := len(r.blocks); n > first {
		// Capacity capped: an append to one chapter's list must never
		// write into the next chapter's.
		ch.Blocks = r.blocks[first:n:n]
	}
}

// jsonQuote reads a clean quote object, or an item of the raw flat list: a
// string (the quote) or a [minutes, seconds] pair. The quote and what it
// points to are kept in parts.
func jsonQuote(src []byte, q *Value, parts *quoteParts) *Quote {
	out := &parts.quote
	if q.Kind == Object && !IsQuoteObject(q) {
		// A chapter or other record swallowed into the quote list: its
		// source is what the leaked-json rule reads.
		raw := string(src[q.Span.Start:q.Span.End])
		*out = Quote{Body: Text{Value: raw, Span: q.Span}, Words: raw}
		return out
	}
	switch q.Kind {
	case String:
		*out = Quote{Body: Text{Value: q.Str, Span: q.Span}, Words: q.Str, Quoted: true}
		return out
	case Array:
		if p, ok := JSONPair(q); ok {
			parts.pair = p
			*out = Quote{Body: Text{Span: q.Span}, Pair: &parts.pair}
			return out
		}
	case Object:
		out.Quoted = true
		if t := q.Get("text"); t != nil && t.Kind == String {
			out.Body = Text{Value: t.Str, Span: t.Span}
			out.Words = t.Str
		} else {
			out.Body = Text{Span: q.Span}
		}
		if at := q.Get("at"); at != nil {
			if ts := JSONTime(at); ts.Valid {
				parts.at = ts
				out.At = &parts.at
			}
		}
		if s := q.Get("speaker"); s != nil && s.Kind == String {
			parts.speaker = Text{Value: s.Str, Span: s.Span}
			out.Speaker = &parts.speaker
		}
		return out
	}
	return nil
}

// JSONTime reads a time of episode JSON: a number of seconds (canonical),
// or a timestamp written as text ("1:02:44"), which reads but is out of
// form: JSON times are numbers.
func JSONTime(v *Value) Timestamp {
	switch v.Kind {
	case Number:
		if v.Num >= 0 && v.Num < 1e9 {
			return Timestamp{Raw: secondsText(v.Num), Span: v.Span, Seconds: int(v.Num), Valid: true, Canonical: true}
		}
	case String:
		if secs, ok := ParseTimestamp(strings.TrimSpace(v.Str)); ok {
			return Timestamp{Raw: v.Str, Span: v.Span, Seconds: secs, Valid: true}
		}
	}
	return Timestamp{Span: v.Span}
}

// secondsText writes a time of seconds at least 0 and under 1e9 as
// strconv.FormatFloat(f, 'f', -1, 64) does. Most times are whole seconds,
// written then as the integer (strconv.Itoa, which has the first hundred
// ready): the shortest-digits search of FormatFloat was 3% of a check of
// episode JSON. -0 keeps its sign, as FormatFloat writes it.
func secondsText(f float64) string {
	if n := int(f); float64(n) == f && !math.Signbit(f) {
		return strconv.Itoa(n)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// IsQuoteObject tells a clean quote object: it has no keys but text, at
// and speaker.
func IsQuoteObject(v *Value) bool {
	for _, m := range v.Members {
		switch m.Key {
		case "text", "at", "speaker":
		default:
			return false
		}
	}
	return true
}

func JSONPair(v *Value) (TimePair, bool) {
	if len(v.Items) != 2 {
		return TimePair{}, false
	}
	m, s := v.Items[0], v.Items[1]
	if m.Kind != Number || s.Kind != Number || m.Num < 0 || s.Num < 0 || m.Num > 1e6 || s.Num > 1e6 ||
		m.Num != float64(int(m.Num)) || s.Num != float64(int(s.Num)) {
		return TimePair{}, false
	}
	return TimePair{Minutes: int(m.Num), Seconds: int(s.Num), Span: v.Span}, true
}

func jsonEntity(e *Value) Entity {
	out := Entity{Span: e.Span}
	if e.Kind != Object {
		out.Malformed = "an entity must be an object with name, type and description"
		return out
	}
	for _, f := range []struct {
		key string
		dst *Text
	}{{"name", &out.Name}, {"type", &out.Type}, {"description", &out.Description}} {
		v := e.Get(f.key)
		switch {
		case v != nil && v.Kind == String:
			*f.dst = Text{Value: v.Str, Span: v.Span}
		case v == nil && f.key == "description":
			// The schema asks for a name and a type only.
		case out.Malformed == "":
			out.Malformed = "no string `" + f.key + "`"
		}
	}
	return out
}

// plain converts a Value to the data encoding/json would give.
func plain(v *Value) any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return v.Num
	case String:
		return v.Str
	case Array:
		out := make([]any, len(v.Items))
		for i, item := range v.Items {
			out[i] = plain(item)
		}
		return out
	case Object:
		out := make(map[string]any, len(v.Members))
		for _, m := range v.Members {
			out[m.Key] = plain(m.Value)
		}
		return out
	}
	return nil
}

// jsonInstance is the data the schema validates for a JSON episode: the
// document as written, except that a raw flat `quotes` list is read into
// quote objects (its pairs are quote-fragment findings, not schema ones)
// and a start or quote time written as text is its seconds (a
// timestamp-format finding). Spans are found from the parsed tree when a
// violation needs one (jsonSpan), not recorded for every value.
func jsonInstance(doc *Document) {
	var walk func(v *Value, key string) any
	walk = func(v *Value, key string) any {
		switch v.Kind {
		case String:
			if key == "start" || key == "at" {
				if ts := JSONTime(v); ts.Valid {
					return float64(ts.Seconds)
				}
			}
		case Array:
			if key == "quotes" && isRawQuotes(v) {
				return rawQuotesInstance(v)
			}
			out := make([]any, len(v.Items))
			for i, item := range v.Items {
				out[i] = walk(item, "")
			}
			return out
		case Object:
			out := make(map[string]any, len(v.Members))
			for _, m := range v.Members {
				out[m.Key] = walk(m.Value, m.Key)
			}
			return out
		}
		return plain(v)
	}
	doc.Instance = walk(doc.json, "")
}

// jsonSpan finds the value a JSON Pointer of the instance names, in the
// parsed tree. In a raw quotes list, the instance's index k is the k-th item
// that is not a time pair.
func (doc *Document) jsonSpan(ptr string) (Span, bool) {
	v := doc.json
	if v == nil {
		return Span{}, false
	}
	if ptr == "" {
		return v.Span, true
	}
	var key string
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch v.Kind {
		case Object:
			next := v.Get(seg)
			if next == nil {
				return Span{}, false
			}
			v = next
		case Array:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 {
				return Span{}, false
			}
			items := v.Items
			if key == "quotes" && isRawQuotes(v) {
				items = nil
				for _, item := range v.Items {
					if _, pair := JSONPair(item); item.Kind != Array || !pair {
						items = append(items, item)
					}
				}
			}
			if i >= len(items) {
				return Span{}, false
			}
			v = items[i]
		case String:
			if seg != "text" { // a raw quote string stands for {"text": ...}
				return Span{}, false
			}
		default:
			return Span{}, false
		}
		key = seg
	}
	return v.Span, true
}

// isRawQuotes tells a `quotes` list of the pipeline's raw form: it holds a
// bare string or a pair rather than quote objects.
func isRawQuotes(v *Value) bool {
	for _, item := range v.Items {
		if item.Kind == String || item.Kind == Array {
			return true
		}
	}
	return false
}

func rawQuotesInstance(v *Value) []any {
	out := []any{}
	for _, item := range v.Items {
		switch item.Kind {
		case String:
			out = append(out, map[string]any{"text": item.Str})
		case Array:
			if _, ok := JSONPair(item); ok {
				continue
			}
			out = append(out, plain(item))
		default:
			out = append(out, plain(item))
		}
	}
	return out
}
