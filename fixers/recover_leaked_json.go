package fixers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// In episode JSON the swallowed chapters are not left as orphan headings:
// they are gone from `chapters` and sit, nested, inside one chapter's
// `quotes` list. The repair deletes them from that list and inserts the
// recovered chapters into `chapters` in order of start.

type chapterOut struct {
	Title   string     `json:"title"`
	Start   float64    `json:"start"`
	Summary string     `json:"summary,omitempty"`
	Quotes  []quoteOut `json:"quotes"`
}

type quoteOut struct {
	Text    string `json:"text"`
	At      *int   `json:"at,omitempty"`
	Speaker string `json:"speaker,omitempty"`
}

type entityOut struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

type confidenceOut struct {
	Score     float64 `json:"score"`
	Rationale string  `json:"rationale,omitempty"`
}

// leftOutsideQuotes is why a blob elsewhere than in a chapter's quotes
// is left whole in episode JSON.
const leftOutsideQuotes = "in episode JSON, chapters are put back only from a chapter's quote list, and this blob stands elsewhere"

// buildRecoveryJSON recovers a blob held in an episode JSON's quotes.
func buildRecoveryJSON(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic, account bool) (*Fix, string) {
	root := doc.JSONValue()
	chapters := root.Get("chapters")
	if chapters == nil || chapters.Kind != schema.Array {
		return nil, leftOutsideQuotes
	}
	// The chapter whose quote list holds the blob, and the blob's items.
	ci, c := -1, (*schema.Chapter)(nil)
	for i, ch := range doc.Episode.Chapters {
		if ch.Heading.Start <= d.Span.Start && d.Span.End <= ch.Heading.End {
			ci, c = i, ch
		}
	}
	// A blob outside every chapter (the top-level summary) has no quote
	// list to recover from.
	if c == nil || ci >= len(chapters.Items) {
		return nil, leftOutsideQuotes
	}
	quotes := chapters.Items[ci].Get("quotes")
	if quotes == nil || quotes.Kind != schema.Array {
		return nil, leftOutsideQuotes
	}
	first, last := -1, -1
	var items []string
	for i, q := range quotes.Items {
		if q.Span.End <= d.Span.Start || q.Span.Start >= d.Span.End {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		if q.Kind == schema.String {
			items = append(items, q.Str)
		} else {
			items = append(items, string(doc.Src[q.Span.Start:q.Span.End]))
		}
	}
	if first < 0 {
		return nil, leftOutsideQuotes
	}
	if slices.ContainsFunc(items, unwritable) {
		return nil, leftUnwritable
	}
	lk := leak.ReadOn(doc, items)
	if !recoverable(lk) {
		return nil, unrecoverable(lk)
	}
	taken := map[int]bool{}
	for _, ch := range doc.Episode.Chapters {
		taken[ch.Start.Seconds] = ch.Start.Valid
	}
	inBlob := map[int]bool{}
	for _, rec := range lk.Chapters {
		switch at := int(rec.Start); {
		case !rec.HasStart || taken[at]:
			return nil, "" // the finding says so
		case inBlob[at]:
			return nil, fmt.Sprintf("two of its chapters start at %s", cfg.FormatTimestamp(at))
		default:
			inBlob[at] = true
		}
	}

	r := newRecovery(doc, cfg, lk, !account)
	// Delete the blob items with the separator before them.
	from := quotes.Span.Start + 1
	if first > 0 {
		from = quotes.Items[first-1].Span.End
	}
	to := quotes.Items[last].Span.End
	if first == 0 && last+1 < len(quotes.Items) {
		to = quotes.Items[last+1].Span.Start
	}
	r.fix.Edits = append(r.fix.Edits, Edit{Start: from, End: to})

	indent, step := indentOf(doc.Src, chapters.Items[ci].Span.Start), indentStep(doc.Src, chapters)
	r.insertChapters(chapters, lk.Chapters, indent, step)
	r.addJSONEntities(root, lk.Entities, step)
	r.addJSONMetadata(root, lk, step)
	if account {
		r.account(string(doc.Src[from:to]), lk)
	}
	return r.fix, ""
}

// insertChapters puts each record after the last chapter that starts before
// it; records that go to the same place are written together.
func (r *recovery) insertChapters(chapters *schema.Value, recs []leak.Chapter, indent, step string) {
	sorted := append([]leak.Chapter(nil), recs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	at := map[int][]string{}
	var order []int
	for _, rec := range sorted {
		pos := chapters.Span.Start + 1
		for i, ch := range r.doc.Episode.Chapters {
			if ch.Start.Valid && float64(ch.Start.Seconds) < rec.Start {
				pos = chapters.Items[i].Span.End
			}
		}
		if _, seen := at[pos]; !seen {
			order = append(order, pos)
		}
		at[pos] = append(at[pos], marshalIndented(chapterFrom(rec), indent, step))
		r.fix.Delta.Chapters++
		r.fix.Delta.Quotes += len(rec.Quotes)
	}
	for _, pos := range order {
		objs := at[pos]
		text := ",\n" + indent + strings.Join(objs, ",\n"+indent)
		if pos == chapters.Span.Start+1 {
			// At the front of the list: the comma goes after.
			text = "\n" + indent + strings.Join(objs, ",\n"+indent) + ","
		}
		r.fix.Edits = append(r.fix.Edits, Edit{Start: pos, End: pos, New: text})
	}
}

func chapterFrom(rec leak.Chapter) chapterOut {
	out := chapterOut{Title: rec.Title, Start: rec.Start, Summary: rec.Summary, Quotes: []quoteOut{}}
	for _, q := range rec.Quotes {
		qo := quoteOut{Text: q.Text, Speaker: q.Speaker}
		if q.HasAt {
			at := q.At
			qo.At = &at
		}
		out.Quotes = append(out.Quotes, qo)
	}
	return out
}

// marshalIndented writes v as JSON whose continuation lines start with
// indent, nesting by step; with no step (a one-line document) it is compact.
func marshalIndented(v any, indent, step string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if step != "" {
		enc.SetIndent(indent, step)
	}
	_ = enc.Encode(v) // plain structs always encode
	return strings.TrimSuffix(buf.String(), "\n")
}

// indentOf is the white space that starts the line holding offset.
func indentOf(src []byte, offset int) string {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	end := start
	for end < offset && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	if end < offset {
		return "" // something else stands before it on the line
	}
	return string(src[start:end])
}

// indentStep guesses the document's indentation unit from an array and its
// first item; "" means the document is not pretty-printed.
func indentStep(src []byte, arr *schema.Value) string {
	if len(arr.Items) == 0 {
		return "  "
	}
	line := bytes.LastIndexByte(src[:arr.Span.Start], '\n') + 1
	outer := indentOf(src, line+len(leadingSpace(src[line:])))
	inner := indentOf(src, arr.Items[0].Span.Start)
	if inner == "" || !strings.HasPrefix(inner, outer) || len(inner) == len(outer) {
		if bytes.Contains(src, []byte("\n")) {
			return "  "
		}
		return ""
	}
	return inner[len(outer):]
}

func leadingSpace(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return b[:i]
}

// addJSONEntities appends the recovered entities the document lacks.
func (r *recovery) addJSONEntities(root *schema.Value, entities []leak.Entity, step string) {
	existing := root.Get("entities")
	have := map[string]listedEntity{}
	if existing != nil && existing.Kind == schema.Array {
		for _, e := range existing.Items {
			if n := e.Get("name"); n != nil {
				have[strings.ToLower(strings.TrimSpace(n.Str))] = listedEntity{typ: normalizeWords(strOf(e.Get("type"))), description: normalizeWords(strOf(e.Get("description")))}
			}
		}
	}
	var out []entityOut
	for _, e := range entities {
		if r.writeEntity(e, have) {
			out = append(out, entityOut{Name: e.Name, Type: e.Type, Description: e.Description})
		}
	}
	if len(out) == 0 {
		return
	}
	r.fix.Delta.Entities += len(out)
	if existing != nil && existing.Kind == schema.Array {
		indent := strings.Repeat(step, 2)
		if len(existing.Items) > 0 {
			indent = indentOf(r.doc.Src, existing.Items[0].Span.Start)
		}
		parts := make([]string, len(out))
		for i, e := range out {
			parts[i] = marshalIndented(e, indent, step)
		}
		if len(existing.Items) == 0 {
			r.fix.Edits = append(r.fix.Edits, Edit{Start: existing.Span.Start + 1, End: existing.Span.Start + 1,
				New: "\n" + indent + strings.Join(parts, ",\n"+indent) + "\n" + step})
			return
		}
		end := existing.Items[len(existing.Items)-1].Span.End
		r.fix.Edits = append(r.fix.Edits, Edit{Start: end, End: end, New: ",\n" + indent + strings.Join(parts, ",\n"+indent)})
		return
	}
	r.addMember(root, "entities", out, step)
}

// addJSONMetadata adds tags, SEO fields and confidence where absent.
func (r *recovery) addJSONMetadata(root *schema.Value, lk *leak.Blob, step string) {
	if len(lk.Tags) > 0 {
		if v := root.Get("tags"); v == nil {
			r.addMember(root, "tags", lk.Tags, step)
		} else {
			r.keepIfIn(wordsOf(r.doc.Src, v.Span), "the blob's tags disagree with the episode's", lk.Tags...)
		}
	}
	for _, f := range []struct {
		key string
		v   *string
	}{{"seo_title", lk.SEOTitle}, {"seo_description", lk.SEODescription}} {
		key, v := f.key, f.v
		if v == nil {
			continue
		}
		if have := root.Get(key); have == nil {
			r.addMember(root, key, *v, step)
		} else {
			r.keepIfIn(wordsOf(r.doc.Src, have.Span), "the blob's "+key+" disagrees with the episode's", *v)
		}
	}
	if c := lk.Confidence; c != nil && c.HasScore {
		if have := root.Get("confidence"); have == nil {
			r.addMember(root, "confidence", confidenceOut{Score: c.Score, Rationale: c.Rationale}, step)
		} else {
			r.keepIfIn(wordsOf(r.doc.Src, have.Span), "the blob's confidence disagrees with the episode's", c.Rationale)
		}
	}
}

// addMember adds `"key": value` as the last member of the root object.
func (r *recovery) addMember(root *schema.Value, key string, value any, step string) {
	if len(root.Members) == 0 {
		return
	}
	end := root.Members[len(root.Members)-1].Value.Span.End
	sep := ",\n" + step
	if step == "" {
		sep = ", "
	}
	r.fix.Edits = append(r.fix.Edits, Edit{Start: end, End: end, New: sep + schema.JSONString(key) + ": " + marshalIndented(value, step, step)})
}

// strOf is a JSON value's string, or "" when it is absent or no string.
func strOf(v *schema.Value) string {
	if v == nil || v.Kind != schema.String {
		return ""
	}
	return v.Str
}
