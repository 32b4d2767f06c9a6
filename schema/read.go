package schema

import (
	"strconv"
	"strings"
	"unsafe"
)

// Read builds a Document from src. It never fails: syntax errors become
// Problems, junk becomes blocks. Callers check encoding first (CheckText).
func Read(path string, src []byte) *Document {
	return ReadText(path, src, "")
}

// ReadOwned is Read for bytes handed over to the document: nobody changes
// them after, so the document's Text is those bytes rather than a copy.
func ReadOwned(path string, src []byte) *Document {
	return ReadText(path, src, TextOf(src))
}

// TextOf is b as a string without a copy: the string is b's bytes. The
// caller vouches that nothing writes to b while the string is in use.
func TextOf(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// ReadText is Read for a caller that has src as a string already: text is
// string(src), or "" to have it made.
func ReadText(path string, src []byte, text string) *Document {
	if text != string(src) { // a comparison, no copy
		text = string(src)
	}
	doc := &Document{Path: path, Src: src, Text: text, Format: FormatOf(path), Lines: NewLines(src)}
	if doc.Format == JSON {
		readJSON(doc)
		return doc
	}
	readMarkdown(doc)
	return doc
}

// instance returns the JSON data the schema validates, building it on
// first use: most Markdown pages need only the pruned one, and most JSON
// episodes none (see Validate).
func (doc *Document) instance() any {
	switch {
	case doc.Instance != nil:
	case doc.Format == Markdown && doc.Episode != nil:
		markdownInstance(doc, true)
	case doc.Format == JSON && doc.json != nil && !doc.Broken:
		jsonInstance(doc)
	}
	return doc.Instance
}

// markdownInstance maps a Markdown page to the JSON shape of an episode, so
// that one JSON Schema validates both forms.
func markdownInstance(doc *Document, full bool) (map[string]any, map[string]Span) {
	ep := doc.Episode
	ptrs := map[string]Span{}
	for k, v := range doc.frontMatterPointers {
		ptrs[k] = v
	}
	inst := map[string]any{}
	if fm := ep.FrontMatter; fm != nil {
		for _, f := range fm.Fields {
			if !modelKeys[f.Key] || (f.Key == "title" && ep.Title == nil) {
				inst[f.Key] = f.Value
			}
		}
		ptrs[""] = fm.Span
	} else {
		ptrs[""] = Span{0, 0}
	}
	if ep.Title != nil {
		inst["title"] = strings.TrimSpace(ep.Title.Value)
		ptrs["/title"] = ep.Title.Span
	}
	if summary := ep.Summary(); len(summary) > 0 {
		inst["summary"] = joinProse(summary)
		ptrs["/summary"] = summary[0].Span
	}
	if !full {
		// The lists stand empty, as quickSchema.pruned leaves them: the
		// reader-built parts are known to meet the schema (builtValid).
		inst["chapters"] = []any{}
		if ep.Entities != nil {
			inst["entities"] = []any{}
		}
		return inst, ptrs
	}
	chapters := make([]any, 0, len(ep.Chapters))
	for i, c := range ep.Chapters {
		ptr := "/chapters/" + strconv.Itoa(i)
		ptrs[ptr] = c.Heading
		ptrs[ptr+"/start"] = c.Start.Span
		ptrs[ptr+"/title"] = c.Title.Span
		ch := map[string]any{"title": strings.TrimSpace(c.Title.Value), "start": float64(c.Start.Seconds)}
		if prose := c.Prose(); len(prose) > 0 {
			ch["summary"] = joinProse(prose)
			ptrs[ptr+"/summary"] = prose[0].Span
		}
		quotes := []any{}
		for _, b := range c.Blocks {
			if b.Kind != QuoteBlock || b.Quote.Pair != nil {
				continue
			}
			qptr := ptr + "/quotes/" + strconv.Itoa(len(quotes))
			q := map[string]any{"text": b.Quote.Words}
			ptrs[qptr] = b.Span
			ptrs[qptr+"/text"] = b.Quote.Body.Span
			if b.Quote.At != nil && b.Quote.At.Valid {
				q["at"] = float64(b.Quote.At.Seconds)
				ptrs[qptr+"/at"] = b.Quote.At.Span
			}
			if b.Quote.Speaker != nil {
				q["speaker"] = b.Quote.Speaker.Value
				ptrs[qptr+"/speaker"] = b.Quote.Speaker.Span
			}
			quotes = append(quotes, q)
		}
		ch["quotes"] = quotes
		chapters = append(chapters, ch)
	}
	inst["chapters"] = chapters
	if ep.Entities != nil {
		entities := []any{}
		for _, e := range ep.Entities.Entities {
			if e.Malformed != "" {
				continue
			}
			ptr := "/entities/" + strconv.Itoa(len(entities))
			ptrs[ptr] = e.Span
			ptrs[ptr+"/name"] = e.Name.Span
			ptrs[ptr+"/type"] = e.Type.Span
			ptrs[ptr+"/description"] = e.Description.Span
			entities = append(entities, map[string]any{"name": e.Name.Value, "type": e.Type.Value, "description": e.Description.Value})
		}
		inst["entities"] = entities
		ptrs["/entities"] = ep.Entities.Heading
	}
	doc.Instance = inst
	doc.Pointers = ptrs
	return inst, ptrs
}

func joinProse(blocks []Block) string {
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		parts[i] = b.Text
	}
	return strings.Join(parts, "\n\n")
}
