package fixers

import (
	"bytes"
	"fmt"
	"github.com/podlint/podlint/internal/text"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var recoverLeaked = &Fixer{
	Name:    "recover-leaked",
	Answers: []string{"leaked-json"},
	Safety:  Safe,
	Title:   "Put the chapters carried by leaked JSON back where they belong",
	Doc: `Reads the leaked blob (Python and JSON literals, cut-off fragments, split text and
thousands), recovers its chapter records, and writes each one under the orphan or empty chapter
whose heading time equals the record's start: the summary paragraph, then the quotes with
their timestamps. Recovered entities rebuild a missing ` + "`## Entities`" + ` section (or join one
that lacks them, never twice), and recovered tags, SEO fields and confidence fill front matter
keys that are absent. Then the blob is deleted.

The repair is made only when every record finds its chapter, every text of the blob has a
place, the fields come in the pipeline's order and no text would read as leaked JSON again;
otherwise the blob stays and the finding says what could not be placed. A text the
repair does not write must already stand, word for word, on the page outside the blob (a title
its heading carries, an entity the list has with the same type and description, front matter
with the same value); anything else (an entity with no type or no description that the list
lacks, metadata that disagrees with the front matter, a quote holding quote or emphasis marks,
a word of the blob that is in no value and is no key, keyword or number: text the reader took
for syntax) makes the repair unsafe: ` + "`--unsafe-fixes`" + ` applies it as the best guess, and the finding
says why (its first reason, and how many more). A blob left whole because a text would not read
back as written (a summary opening a heading, a speaker holding ` + "`*`" + `) says that too. The content
guard checks that every word of the blob's text values is still on the page.`,
	Before: "> *\"You get to pick which lie you tell.\"* [02:11]\n> * ] }, { *\n> *title\": \"Mercator, power, and the classroom wall*\n" +
		"> *{'start': 412.0, 'summary': 'The Mercator projection was built for navigation.', 'quotes': ['Greenland is not the size of Africa.', [7, 35]]}*\n\n" +
		"## [06:52] Mercator, power, and the classroom wall",
	After: "> *\"You get to pick which lie you tell.\"* [02:11]\n\n## [06:52] Mercator, power, and the classroom wall\n\n" +
		"The Mercator projection was built for navigation.\n\n> *\"Greenland is not the size of Africa.\"* [07:35]",
	// A recovered record brings its own findings: a chapter with quotes
	// but no summary, a quote time outside its chapter, a type outside the
	// vocabulary, an SEO text too long for the schema, a first chapter
	// (in JSON, where records are inserted) that does not start at 00:00,
	// a quote the transcript does not have, has at another time or by
	// another speaker.
	Reveals: []string{"empty-chapter", "quote-out-of-range", "entity-type", "entity-format", "schema", "timestamp-format", "title-format", "quote-style", "chapter-start",
		"quote-not-in-transcript", "quote-time-drift", "quote-speaker-mismatch"},
	// The recovered texts are read by the content rules once they are in
	// place: a note or a misspelt name the blob held is found then.
	Brings:  []string{"meta-commentary", "name-variant"},
	Make:    makeRecoverLeaked,
	Assess:  assessRecoverLeaked,
	Explain: explainRecoverLeaked,
}

// blob is a run of leaked blocks, as the rule reported it.
type blob struct {
	blocks []schema.Block
	items  []string
}

// blobAt collects the leaked blocks inside the diagnostic's span. A blob
// lies in one container (the intro or a chapter), found by the span's
// start; its blocks, in page order, by binary search: a page of many blobs
// does not scan every block for each.
func blobAt(doc *schema.Document, d rules.Diagnostic) *blob {
	ep := doc.Episode
	blocks := ep.Intro
	if i := sort.Search(len(ep.Chapters), func(i int) bool { return ep.Chapters[i].Heading.Start > d.Span.Start }); i > 0 {
		blocks = ep.Chapters[i-1].Blocks
	}
	b := &blob{}
	for i := sort.Search(len(blocks), func(i int) bool { return blocks[i].Span.End > d.Span.Start }); i < len(blocks) && blocks[i].Span.Start < d.Span.End; i++ {
		block := blocks[i]
		b.blocks = append(b.blocks, block)
		if block.Quote != nil {
			b.items = append(b.items, block.Quote.Body.Value)
		} else {
			b.items = append(b.items, block.Text)
		}
	}
	if len(b.blocks) == 0 {
		return nil
	}
	return b
}

func makeRecoverLeaked(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	fix, _ := buildRecovery(doc, cfg, d, true)
	return fix
}

// assessRecoverLeaked is the recovery without the account of the blob's
// words for the content guard, which its safety does not depend on.
func assessRecoverLeaked(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	fix, _ := buildRecovery(doc, cfg, d, false)
	return fix
}

// explainRecoverLeaked says why a blob is left whole when the finding
// does not: a text that would not read back as written. (The finding
// itself says what of the blob has no place.)
func explainRecoverLeaked(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) string {
	_, why := buildRecovery(doc, cfg, d, false)
	return why
}

// buildRecovery builds the recovery of the blob d reports; account: with
// the words it removes declared. When there is none, left says why, if
// the finding does not already.
func buildRecovery(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic, account bool) (fix *Fix, left string) {
	if doc.Format != schema.Markdown {
		return buildRecoveryJSON(doc, cfg, d, account)
	}
	b := blobAt(doc, d)
	if b == nil {
		return nil, ""
	}
	lk := leak.ReadOn(doc, b.items)
	if !recoverable(lk) {
		return nil, unrecoverable(lk)
	}
	matches := leak.Match(doc.Episode, lk)
	for _, c := range matches {
		if c == nil {
			return nil, ""
		}
	}
	r := newRecovery(doc, cfg, lk, !account)
	start, end := r.blobLines(b)
	if unwritable(doc.Text[start:end]) {
		return nil, leftUnwritable
	}
	r.fix.Edits = append(r.fix.Edits, Edit{Start: start, End: end})
	// The edit takes the blob's lines whole, and a quote line's item is
	// what stands between its italics markers: words after the closing
	// marker ("> * ] }, { * zebra crossing") are in no item, so they would
	// be lost.
	for _, blk := range b.blocks {
		if q := blk.Quote; q != nil && blk.Span.Start <= q.Body.Span.Start && q.Body.Span.End <= blk.Span.End {
			r.drop("words stand outside the italics of a quote line of the blob", string(doc.Src[blk.Span.Start:q.Body.Span.Start])+" "+string(doc.Src[q.Body.Span.End:blk.Span.End]))
		}
	}
	for i, c := range matches {
		r.placeChapter(c, lk.Chapters[i], start, end)
	}
	r.placeEntities(lk.Entities)
	r.placeMetadata(lk)
	if r.left != "" {
		return nil, r.left
	}
	if account {
		r.account(string(doc.Src[start:end]), lk)
	}
	return r.fix, ""
}

// brief is a text as a reason quotes it: its first words, and "…" when
// there are more.
func brief(s string) string {
	const words = 6
	s = oneLine(s)
	n, i := 0, 0
	for ; i < len(s) && n < words; i++ {
		if s[i] == ' ' {
			n++
		}
	}
	if n < words {
		return s
	}
	return s[:i-1] + "…"
}

// leftUnwritable is why a blob holding a control character or invalid
// UTF-8 is left whole.
const leftUnwritable = "it holds a control character or invalid UTF-8, which a rewrite would not keep as it is"

// recoverable tells whether the records read from a blob can be put back
// at all, in Markdown or JSON: the blob has records, every text fits one,
// the fields came in the pipeline's order, and no value would read as
// leaked JSON itself once written back (`the field 'quotes': [] was
// empty`), to be found again.
func recoverable(lk *leak.Blob) bool {
	if len(lk.Stray)+len(lk.OutOfOrder) > 0 || len(lk.Chapters)+len(lk.Entities) == 0 {
		return false
	}
	return !slices.ContainsFunc(lk.Texts, leak.IsText)
}

// unrecoverable says why the records of a blob that is not recoverable
// cannot be put back, when the finding does not say it: a value that
// would read as leaked JSON once written back.
func unrecoverable(lk *leak.Blob) string {
	if i := slices.IndexFunc(lk.Texts, leak.IsText); i >= 0 && len(lk.Stray)+len(lk.OutOfOrder) == 0 {
		return fmt.Sprintf("the text %q would read as leaked JSON again once written back", brief(lk.Texts[i]))
	}
	return ""
}

// newRecovery starts the fix for blob lk: safe, unless words the reader
// took for syntax would be lost.
func newRecovery(doc *schema.Document, cfg *rules.Config, lk *leak.Blob, assess bool) *recovery {
	r := &recovery{doc: doc, cfg: cfg, fix: &Fix{Safety: Safe}, assess: assess}
	if len(lk.Unplaced) > 0 {
		r.fix.Safety = Unsafe // the finding names the words
	}
	return r
}

// recovery builds the fix for one blob.
type recovery struct {
	doc *schema.Document
	cfg *rules.Config
	fix *Fix
	// left is set when a text would not read back as written: a summary
	// that opens a heading, a list or a comment, a speaker or an entity
	// field holding the marks that end it. The blob is then left for a
	// person, and left says why.
	left string
	// assess is set when only the fix's safety is asked (Fixer.Assess):
	// the texts the fix keeps and the lines it writes are then not built.
	assess bool
}

// guess makes the fix unsafe, a best guess a person should confirm; why
// says what to confirm.
func (r *recovery) guess(why string) {
	r.fix.Safety = Unsafe
	if !slices.Contains(r.fix.Why, why) {
		r.fix.Why = append(r.fix.Why, why)
	}
}

// leave gives the blob up to a person, for the reason why (the first one
// met is said).
func (r *recovery) leave(why string) {
	if r.left == "" {
		r.left = why
	}
}

// Texts of the blob that the fix does not write are accounted for by what
// the page already holds in the same place: the heading for a title, the
// chapter's quote for a quote, the Entities list's entry for an entity,
// the front matter's value for metadata. Such a text is kept (the engine
// checks the fixed page still holds it); any other would be lost, so the
// fix is no longer safe and the text is declared removed (for
// --unsafe-fixes).

// keep declares texts the page holds outside the blob.
func (r *recovery) keep(texts ...string) {
	if r.assess {
		return
	}
	for _, t := range texts {
		if normalizeWords(t) != "" {
			r.fix.Kept = append(r.fix.Kept, t)
		}
	}
}

// drop declares texts the fix would lose: it is then unsafe, for the
// reason why.
func (r *recovery) drop(why string, texts ...string) {
	for _, t := range texts {
		if normalizeWords(t) != "" {
			r.guess(why)
			r.fix.Removed = append(r.fix.Removed, t)
		}
	}
}

// keepIfIn keeps each text whose words stand in region (normalized words
// between spaces) and drops the others, for the reason why.
func (r *recovery) keepIfIn(region, why string, texts ...string) {
	for _, t := range texts {
		if strings.Contains(region, " "+normalizeWords(t)+" ") {
			r.keep(t)
		} else {
			r.drop(why, t)
		}
	}
}

// wordsOf is a stretch of the page as normalized words between spaces.
func wordsOf(src []byte, s schema.Span) string {
	return " " + normalizeWords(string(src[s.Start:s.End])) + " "
}

// blobLines is the byte range of the blob's lines; when blank lines
// surround the blob, the ones after it go too.
func (r *recovery) blobLines(b *blob) (int, int) {
	src := r.doc.Src
	start := b.blocks[0].Span.Start
	end := lineEnd(src, b.blocks[len(b.blocks)-1].Span.End)
	if prevLineBlank(src, start) {
		for end < len(src) {
			next := lineEnd(src, end)
			if strings.TrimSpace(string(src[end:next])) != "" {
				break
			}
			end = next
		}
	}
	return start, end
}

// prevLineBlank tells whether the line before the one starting at offset
// is blank (or there is none).
func prevLineBlank(src []byte, offset int) bool {
	if offset == 0 {
		return true
	}
	i := offset - 1 // the '\n' ending the previous line
	j := i
	for j > 0 && src[j-1] != '\n' {
		j--
	}
	return strings.TrimSpace(string(src[j:i])) == ""
}

// placeChapter writes a record's summary and quotes under its chapter.
func (r *recovery) placeChapter(c *schema.Chapter, rec leak.Chapter, blobStart, blobEnd int) {
	src := r.doc.Src
	// The heading already carries the title; a record whose title reads
	// otherwise would lose its words, so the repair is then unsafe.
	if rec.Title == c.Title.Value || normalizeWords(rec.Title) == normalizeWords(c.Title.Value) {
		r.keep(rec.Title)
	} else {
		r.drop(fmt.Sprintf("the blob titles %s %q, which the heading does not say", c.Label(), brief(rec.Title)), rec.Title)
	}
	type pageQuote struct {
		speaker string // its speaker's words
		at      int    // its time in seconds; -1 when it has none
	}
	existing := map[string]pageQuote{} // the chapter's quotes, by their words
	timed := map[int]bool{}            // the times the chapter's quotes have
	var last *schema.Block
	for i, b := range c.Blocks {
		if b.Span.Start >= blobStart && b.Span.End <= blobEnd {
			continue // the blob itself
		}
		if b.Quote != nil {
			pq := pageQuote{at: -1}
			if b.Quote.Speaker != nil {
				pq.speaker = normalizeWords(b.Quote.Speaker.Value)
			}
			if b.Quote.At != nil {
				pq.at = b.Quote.At.Seconds
				timed[pq.at] = true
			}
			existing[normalizeWords(b.Quote.Words)] = pq
		}
		last = &c.Blocks[i]
	}
	var quotes []string
	for _, q := range rec.Quotes {
		// An orphan heading, most often, has no quote to compare with.
		if pq, ok := existing[normalizeWords(q.Text)]; len(existing) > 0 && ok {
			r.keep(q.Text)
			if q.Speaker != "" && normalizeWords(q.Speaker) != pq.speaker {
				r.drop(fmt.Sprintf("the blob gives the quote %q of %s another speaker than the page", brief(q.Text), c.Label()), q.Speaker)
			} else {
				r.keep(q.Speaker)
			}
			if q.HasAt && q.At != pq.at {
				// The page's quote has another time, or none: which is
				// right is for a person to say.
				r.guess(fmt.Sprintf("the blob gives the quote %q of %s another time than the page", brief(q.Text), c.Label()))
			}
			continue
		}
		// Another quote of the chapter has its time (a rewording of it?),
		// the time is outside the chapter, or another chapter holds its
		// words: the quote is a guess.
		text := oneLine(q.Text)
		switch {
		case q.HasAt && timed[q.At]:
			r.guess(fmt.Sprintf("the quote %q has the time of another quote of %s (a rewording of it?)", brief(q.Text), c.Label()))
		case q.HasAt && !r.inChapter(c, q.At):
			r.guess(fmt.Sprintf("the quote %q at %s falls outside %s", brief(q.Text), r.cfg.FormatTimestamp(q.At), c.Label()))
		case r.elsewhere(c, text):
			r.guess(fmt.Sprintf("another chapter than %s holds the quote %q", c.Label(), brief(q.Text)))
		}
		quotes = append(quotes, r.quoteLine(q, text))
		r.fix.Delta.Quotes++
	}
	headingEnd := lineEnd(src, c.Heading.End)
	var top []string
	if rec.Summary != "" {
		summary := oneLine(rec.Summary)
		if !paragraphText(summary) {
			r.leave(fmt.Sprintf("the summary of %s would not read back as a paragraph (it opens a heading, a list or a comment, or holds a block marker)", c.Label()))
		}
		top = append(top, summary)
	}
	if last == nil {
		top = append(top, quotes...)
		quotes = nil
	}
	if len(top) > 0 {
		r.insertBlocks(headingEnd, top)
	}
	if len(quotes) > 0 {
		r.insertBlocks(lineEnd(src, last.Span.End), quotes)
	}
}

// insertBlocks inserts blocks at the start of a line, one blank line
// between them and around them.
func (r *recovery) insertBlocks(at int, blocks []string) {
	if r.assess {
		return // only the fix's safety is asked
	}
	src := r.doc.Src
	text := strings.Join(blocks, "\n\n") + "\n"
	if at == len(src) && (at == 0 || src[at-1] != '\n') {
		text = "\n\n" + text
	} else {
		text = "\n" + text
	}
	if at < len(src) && len(bytes.TrimSpace(src[at:lineEnd(src, at)])) > 0 {
		text += "\n"
	}
	r.fix.Edits = append(r.fix.Edits, Edit{Start: at, End: at, New: text})
}

func (r *recovery) quoteLine(q leak.Quote, text string) string {
	if inner, ok := strings.CutPrefix(text, `"`); ok && strings.HasSuffix(inner, `"`) && !strings.Contains(strings.TrimSuffix(inner, `"`), `"`) {
		text = strings.TrimSuffix(inner, `"`) // already in its quote marks
	}
	if strings.ContainsAny(text, "\"*_") {
		// The canonical `> *"TEXT"*` cannot hold these marks without
		// ambiguity: the line is the best guess, for a person to confirm.
		r.guess(fmt.Sprintf("the quote %q holds quote or emphasis marks, which its line cannot hold unambiguously", brief(text)))
	}
	if !inlineText(text) {
		r.leave(fmt.Sprintf("the quote %q holds a comment or a block marker, which its line cannot hold", brief(text)))
	}
	speaker := oneLine(q.Speaker)
	if strings.ContainsAny(speaker, "*_\"[]`") || !inlineText(speaker) {
		// It would end the italics, or read as the time.
		r.leave(fmt.Sprintf("the speaker %q holds marks that would not read back on a quote line", brief(speaker)))
	}
	if r.assess {
		return "" // only the fix's safety is asked
	}
	line := `> *"` + text + `"*`
	if speaker != "" {
		line += " — " + speaker
	}
	if q.HasAt {
		line += " [" + r.cfg.FormatTimestamp(q.At) + "]"
	}
	return line
}

// pageQuotes are the page's quotes by their words as written, each with
// the chapters that hold one: made once per page whatever the number of
// blobs, of strings the page has already. Only quotes in quote marks
// count: the plain quote lines of a blob are pieces of its text.
type pageQuotes map[string][]*schema.Chapter

type pageQuotesKey struct{}

func (r *recovery) pageQuotes() pageQuotes {
	return r.doc.Memo(pageQuotesKey{}, func() any {
		pq := pageQuotes{}
		for _, c := range r.doc.Episode.Chapters {
			for _, b := range c.Blocks {
				if b.Quote != nil && b.Quote.Quoted {
					pq[b.Quote.Words] = append(pq[b.Quote.Words], c)
				}
			}
		}
		return pq
	}).(pageQuotes)
}

// inChapter tells whether a time in seconds falls in chapter c: from its
// start to the next chapter's (chapters stand in source order).
func (r *recovery) inChapter(c *schema.Chapter, at int) bool {
	chapters := r.doc.Episode.Chapters
	i := sort.Search(len(chapters), func(k int) bool { return chapters[k].Heading.Start >= c.Heading.Start })
	if i == len(chapters) || chapters[i] != c || !c.Start.Valid || at < c.Start.Seconds {
		return false
	}
	return i+1 == len(chapters) || !chapters[i+1].Start.Valid || at < chapters[i+1].Start.Seconds
}

// elsewhere tells whether a chapter other than c has a quote of text's
// words, as the recovery writes them (text is on one line).
func (r *recovery) elsewhere(c *schema.Chapter, text string) bool {
	return slices.ContainsFunc(r.pageQuotes()[text], func(o *schema.Chapter) bool { return o != c })
}

// paragraphText tells whether text, written as a line of its own between
// blank lines, reads back as a paragraph of that text: it opens no
// heading, quote, list, thematic break, fence, table, HTML block or link
// definition, and holds nothing inlineText refuses.
func paragraphText(text string) bool {
	if text == "" || strings.ContainsRune("#>-+*=_<|~`", rune(text[0])) {
		return false
	}
	if text[0] == '[' && strings.Contains(text, "]:") {
		return false
	}
	digits := 0
	for digits < len(text) && text[digits] >= '0' && text[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(text) && (text[digits] == '.' || text[digits] == ')') {
		return false // an ordered list: "1. …"
	}
	return inlineText(text)
}

// inlineText tells whether text can stand inside a line the recovery
// writes: it holds no comment (a suppression, or text a renderer hides)
// and none of the markers a flattened page shows mid-line (`## [`, `> *`,
// `- **`), which would have collapsed-markdown read the page as flattened.
func inlineText(text string) bool {
	for _, marker := range []string{"<!--", "## [", "> *", "- **"} {
		if strings.Contains(text, marker) {
			return false
		}
	}
	return true
}

// unwritable reports text a recovery cannot write back word for word: a C0
// control character other than tab and line ends, or invalid UTF-8. Either
// would be escaped or replaced, changing the words around it, so such a
// blob is left for an editor.
func unwritable(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	const highBits = 0x8080808080808080
	for i := 0; i < len(s); {
		// Eight ASCII bytes at a time, most of a blob: none under a space,
		// none DEL. Others (a line end, a letter past ASCII) byte by byte.
		if i+8 <= len(s) {
			if x := schema.EightBytes(s, i); x&highBits == 0 && schema.InRange(x, ' ', 0x7e) == highBits {
				i += 8
				continue
			}
		}
		if controls[s[i]] {
			return true
		}
		i++
	}
	return false
}

// wordsBetween counts the words of source outside its texts, each found
// whole after the one before, with no word running across either end of
// it. A text not so found (one an escape wrote, or the reader joined from
// pieces) is looked for no further: its words are taken away from the
// count as account takes them. ok is false past a few such texts, when
// looking for each would read the source again and again.
func wordsBetween(source string, texts []string) (tally *wordTally, ok bool) {
	const mostMissed = 8
	tally = newWordTally(len(source) / 64)
	at := 0 // the words before at are counted, or a text's
	var missed []string
	for _, t := range texts {
		i := strings.Index(source[at:], t)
		if i < 0 || !schema.CutsNoWord(source, at+i) || !schema.CutsNoWord(source, at+i+len(t)) {
			if missed = append(missed, t); len(missed) > mostMissed {
				return nil, false
			}
			continue
		}
		tally.addWords(source[at : at+i])
		at += i + len(t)
	}
	tally.addWords(source[at:])
	for _, t := range missed {
		tally.takeAwayWords(t)
	}
	return tally, true
}

// controls are the bytes unwritable refuses: the C0 controls but tab and
// line ends, and DEL.
var controls = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0x7f] = true
	return t
}()

// oneLine is text.OneLine: s's words, one space apart.
var oneLine = text.OneLine

// normalizeWords is s's words (schema.NextWord), case folded, one space
// between them. It reads s once, byte by byte in ASCII: a page's fix asks
// it of the whole fixed page (keptWhole).
func normalizeWords(s string) string {
	b := make([]byte, 0, len(s))
	inWord := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !schema.IsWordByte(c) {
				inWord = false
			} else {
				if !inWord && len(b) > 0 {
					b = append(b, ' ')
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b, inWord = append(b, c), true
			}
			i++
			continue
		}
		r, size := schema.DecodeRune(s, i)
		if !schema.IsWordRune(r) {
			inWord = false
		} else {
			if !inWord && len(b) > 0 {
				b = append(b, ' ')
			}
			b, inWord = utf8.AppendRune(b, schema.ToLower(r)), true
		}
		i += size
	}
	return string(b)
}

// placeEntities adds the complete recovered entities the page does not
// have: to its Entities section, or to a new one at the end.
func (r *recovery) placeEntities(entities []leak.Entity) {
	src := r.doc.Src
	have := map[string]listedEntity{}
	es := r.doc.Episode.Entities
	if es != nil {
		for _, e := range es.Entities {
			have[strings.ToLower(strings.TrimSpace(e.Name.Value))] = listedEntity{typ: normalizeWords(e.Type.Value), description: normalizeWords(e.Description.Value)}
		}
	}
	var bullets []string
	for _, e := range entities {
		if !r.writeEntity(e, have) {
			continue
		}
		name, typ, description := oneLine(e.Name), oneLine(e.Type), oneLine(e.Description)
		if strings.ContainsAny(name, "*`") || strings.ContainsAny(typ, "()*`") || !inlineText(name+" "+typ+" "+description) {
			// The bullet would read with other fields.
			r.leave(fmt.Sprintf("the entity %q holds marks that would not read back in its bullet", brief(name)))
		}
		bullets = append(bullets, "- **"+name+"** ("+typ+"): "+description)
	}
	if len(bullets) == 0 {
		return
	}
	r.fix.Delta.Entities += len(bullets)
	text := strings.Join(bullets, "\n") + "\n"
	switch {
	case es == nil:
		at := len(src)
		lead := "\n"
		switch {
		case strings.HasSuffix(string(src), "\n\n"):
			lead = ""
		case !strings.HasSuffix(string(src), "\n"):
			lead = "\n\n"
		}
		r.fix.Edits = append(r.fix.Edits, Edit{Start: at, End: at, New: lead + "## Entities\n\n" + text})
	case len(es.Entities) > 0:
		last := es.Entities[len(es.Entities)-1]
		at := lineEnd(src, last.Span.End)
		if at == len(src) && at > 0 && src[at-1] != '\n' {
			text = "\n" + text // the list ends the file without a line end
		}
		r.fix.Edits = append(r.fix.Edits, Edit{Start: at, End: at, New: text})
	default:
		r.insertBlocks(lineEnd(src, es.Heading.End), []string{strings.TrimSuffix(text, "\n")})
	}
}

// listedEntity is an entry of the page's entity list (or one the fix
// writes), as normalized words.
type listedEntity struct{ typ, description string }

// writeEntity decides whether a recovered entity is written: not when the
// list has it already, nor when too little of it survived for a bullet (no
// type or no description). Then its texts are safe to let go only when the
// list's entry of that name has them (a name mentioned in prose is not an
// entry of the list).
func (r *recovery) writeEntity(e leak.Entity, have map[string]listedEntity) bool {
	key := strings.ToLower(strings.TrimSpace(e.Name))
	listed, ok := have[key]
	if !ok && e.Type != "" && e.Description != "" {
		have[key] = listedEntity{typ: normalizeWords(e.Type), description: normalizeWords(e.Description)}
		return true
	}
	if !ok {
		r.drop(fmt.Sprintf("the entity %q has no type or no description, and the list lacks it", brief(e.Name)), e.Name, e.Type, e.Description)
		return false
	}
	r.keep(e.Name)
	for _, f := range []struct{ recovered, listed string }{{e.Type, listed.typ}, {e.Description, listed.description}} {
		if f.recovered == "" || normalizeWords(f.recovered) == f.listed {
			r.keep(f.recovered)
		} else {
			r.drop(fmt.Sprintf("the entity %q reads otherwise in the list", brief(e.Name)), f.recovered)
		}
	}
	return false
}

// placeMetadata puts recovered tags, SEO fields and confidence into front
// matter keys that are absent, creating the front matter if needed.
func (r *recovery) placeMetadata(lk *leak.Blob) {
	fm := r.doc.Episode.FrontMatter
	var lines []string
	add := func(key, value string, text ...string) {
		if f, ok := fm.Lookup(key); ok {
			// The key is there: the recovered value is let go if the key's
			// own value holds its words (another key's is no witness).
			r.keepIfIn(wordsOf(r.doc.Src, f.ValueSpan), fmt.Sprintf("the blob's %s disagrees with the front matter's", key), text...)
			return
		}
		lines = append(lines, key+": "+value)
	}
	if len(lk.Tags) > 0 {
		items := make([]string, len(lk.Tags))
		for i, t := range lk.Tags {
			items[i] = schema.YAMLString(oneLine(t))
		}
		add("tags", "["+strings.Join(items, ", ")+"]", lk.Tags...)
	}
	if lk.SEOTitle != nil {
		add("seo_title", schema.JSONString(oneLine(*lk.SEOTitle)), *lk.SEOTitle)
	}
	if lk.SEODescription != nil {
		add("seo_description", schema.JSONString(oneLine(*lk.SEODescription)), *lk.SEODescription)
	}
	if c := lk.Confidence; c != nil && c.HasScore {
		value := "{score: " + strconv.FormatFloat(c.Score, 'f', -1, 64)
		if c.Rationale != "" {
			value += ", rationale: " + schema.JSONString(oneLine(c.Rationale))
		}
		add("confidence", value+"}", c.Rationale)
	}
	if len(lines) == 0 {
		return
	}
	text := strings.Join(lines, "\n") + "\n"
	if fm == nil {
		at := 0
		if strings.HasPrefix(string(r.doc.Src), "\xef\xbb\xbf") {
			at = 3
		}
		r.fix.Edits = append(r.fix.Edits, Edit{Start: at, End: at, New: "---\n" + text + "---\n"})
		return
	}
	closing := fm.Span.End - len("---")
	r.fix.Edits = append(r.fix.Edits, Edit{Start: closing, End: closing, New: text})
}

// account declares what the fix removes on purpose: the blob's syntax
// (keys, brackets, times, escapes: every word of the blob's source that is
// not a word of one of its text values). Texts not written were accounted
// for by letGo. The words are declared as counts (Fix.syntax), which the
// guard takes from its own by their hashes: a 15 KB blob has some 2,500
// words, and written out as text they were read, folded and hashed again.
//
// Most texts stand whole in the source, one after the other: then the
// words between them are the count, read with no word of a text hashed.
// The counts above zero, the only ones the guard reads, are the same: a
// word's count is the source's less the texts', whichever places of the
// source the texts are found at, so long as they do not overlap and no
// word runs across their ends; and a text not found takes its words away
// from either count alike, down to no more than nothing where the source
// has the word only inside texts found.
func (r *recovery) account(source string, lk *leak.Blob) {
	if between, ok := wordsBetween(source, lk.Texts); ok {
		r.fix.syntax = between
		return
	}
	raw := newWordTally(len(source) / 16)
	raw.addWords(source)
	// A word of a text that the source lacks (one an escape wrote) takes
	// nothing away.
	for _, t := range lk.Texts {
		raw.takeAwayWords(t)
	}
	r.fix.syntax = raw
}
