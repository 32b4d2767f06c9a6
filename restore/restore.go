// Package restore gives a page flattened onto one line its lines back
// (collapsed-markdown): the scraper joined every line of the page with a
// space. Block markers (`## [`, `## Entities`, `> *`, `- **`) show where
// lines began, except in one place: a chapter heading and the first
// sentence of its body run together (`## [00:00] Hook Kyle opens
// mid-sentence…`). SplitHeading tells where the title ends, on decisive
// evidence only; View reads the restored page for the rules.
package restore

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/internal/text"
	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/schema"
)

// Restored is a flattened line given its line structure back.
type Restored struct {
	// Text replaces the flattened line (no final line ending).
	Text string
	// Uncertain are headings whose title end the scorer could not tell;
	// they are left whole in Text, with the best candidate.
	Uncertain []Split
	// Leaked is the reading of the page's leaked JSON, from the quotes
	// and paragraphs Items (nil when it has none): the restored page holds
	// the same items, and its rules need not read them again.
	Leaked *leak.Blob
	Items  []string
}

// Split is a chapter heading's text cut into title and body.
type Split struct {
	Heading   string // the text after `## [TS] `
	Title     string
	Body      string
	Confident bool
	// Plausible is set when the best guess passes the hard tests but
	// those about names (see SplitHeading): worth offering as a guess.
	Plausible bool
}

// segment is one line-to-be of a flattened page.
type segment struct {
	kind string // "p", "h" (chapter), "e" (entities heading), "q", "b" (bullet)
	text string
}

// memo is what this package worked out for one flattened page, kept on the
// page (schema.Collapsed.Memo) so that the rule that reports it, the fix
// that repairs it and the rules that look through it ask once.
type memo struct {
	restored *Restored
	view     *View
}

func memoOf(c *schema.Collapsed) *memo {
	m, _ := c.Memo.(*memo)
	if m == nil {
		m = &memo{}
		c.Memo = m
	}
	return m
}

// Collapsed is Lines on the document's flattened line with the episode's
// entity names, worked out once per document: the rule that reports the
// page and the fix that repairs it both need it, and it is most of the
// cost of a flattened page. ok is false when the page is not flattened.
func Collapsed(doc *schema.Document) (r Restored, ok bool) {
	c := doc.Episode.Collapsed
	if c == nil {
		return Restored{}, false
	}
	m := memoOf(c)
	if m.restored == nil {
		r := Lines(c.Text, doc.Episode.EntityNames())
		m.restored = &r
	}
	return *m.restored, true
}

// Lines rebuilds the lines of a flattened page body. names are the
// proper names the page offers (its entities); they tell a name that
// starts a body from one inside a title.
func Lines(line string, names []string) Restored {
	segs := segmentLine(line)
	var roles map[string]map[string]bool // made for the first person listed
	for _, s := range segs {
		if s.kind == "b" { // the page's own entity bullets: - **Name** (Type): …
			if name, rest, ok := strings.Cut(strings.TrimPrefix(s.text, "- **"), "**"); ok {
				names = append(names, name)
				roles = addRoles(roles, name, rest)
			}
		}
	}
	listed := len(names) > 0
	if !listed {
		// No entity list: the page's prose is the next best witness of its
		// names (noisier, so only when there is nothing better).
		names = namesInProse(segs)
	}
	known := nameTokens(names)
	known.listed = listed
	for _, w := range lowerSentenceOpeners(segs) {
		// A word that opens a sentence in lower case is a name (swyx),
		// whether or not the page lists it.
		known.add(w)
		known.lowered[w] = true
	}
	known.common = &lowerWords{line: line}
	known.roles = roles
	evidence, items, blob := leakedTitles(segs)
	style := pageStyle(segs, known)
	if capitalizedProse(segs, known) || notEnglish(segs) {
		style = capitalsTellNothing
	}
	var out strings.Builder
	// Restoring turns the one space between two segments into at most two
	// line endings, and a heading's cut into two: the text grows by at
	// most two bytes a segment.
	out.Grow(len(line) + 2*len(segs))
	var uncertain []Split
	headings := splitter{decisiveOnly: true}
	for i, s := range segs {
		if i > 0 {
			if s.kind == "b" && segs[i-1].kind == "b" {
				out.WriteString("\n")
			} else {
				out.WriteString("\n\n")
			}
		}
		if s.kind != "h" {
			out.WriteString(s.text)
			continue
		}
		prefix, rest := splitHeadingPrefix(s.text)
		if title, ok := evidence.titleFor(prefix); ok {
			if body, ok := cutAtTitle(rest, title); ok && (body == "" || opensText(body, known)) {
				// The leaked JSON names this chapter's title: decisive. The
				// parts are written one by one, with no string of them
				// first (a copy of the body each).
				out.WriteString(prefix)
				out.WriteString(strings.TrimRight(rest[:len(rest)-len(body)], " "))
				if body != "" {
					out.WriteString("\n\n")
					out.WriteString(body)
				}
				continue
			}
		}
		known.common.near = s.text
		sp := headings.split(rest, known, style)
		if sp.Body == "" || !sp.Confident {
			out.WriteString(s.text)
			if sp.Body != "" {
				uncertain = append(uncertain, sp)
			}
			continue
		}
		// Part by part, as above: the body runs long.
		out.WriteString(prefix)
		out.WriteString(sp.Title)
		out.WriteString("\n\n")
		out.WriteString(sp.Body)
	}
	return Restored{Text: out.String(), Uncertain: uncertain, Leaked: blob, Items: items}
}

// namesInProse finds the names a page's text uses, so that a page without
// an Entities list still tells them: words written with a capital in the
// middle of a sentence at least twice (Kyle, Railway), pairs of capitalized
// words that recur (Jake Cooper), and words that start a sentence in lower
// case (swyx), which only names do.
func namesInProse(segs []segment) []string {
	single, pairs := map[string]int{}, map[string]int{}
	var out []string
	for _, s := range segs {
		text, ok := proseOf(s)
		if !ok {
			continue
		}
		words := schema.Fields(text)
		for i, w := range words {
			atStart := i == 0
			if i > 0 {
				prev := words[i-1]
				atStart = strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, "?") || strings.HasSuffix(prev, "!")
			}
			b := bare(w)
			switch {
			case b == "":
			case atStart && isLowerWord(b) && !smallWords[b] && !sentenceStarters[b]:
				out = append(out, b)
			case !atStart && i > 0 && startsUpper(b) && !isAcronym(b):
				single[b]++
			}
			if i+1 < len(words) && startsUpper(b) && startsUpper(words[i+1]) && !strings.HasSuffix(w, ",") && !strings.HasSuffix(w, ".") {
				if n := bare(words[i+1]); n != "" && !sentenceStarters[b] {
					pairs[b+" "+n]++
				}
			}
		}
	}
	for w, n := range single {
		if n >= 2 {
			out = append(out, w)
		}
	}
	for p, n := range pairs {
		if n >= 2 {
			out = append(out, p)
		}
	}
	return out
}

// blobTitles are the chapter titles a page's leaked JSON carries, by
// start in seconds: the one evidence of a title end that is not a guess.
type blobTitles map[int]string

// leakedTitles reads the leaked JSON among a flattened page's quotes and
// paragraphs (FORMAT.md §4) for its chapter records' starts and titles. A
// start that two records claim with different titles tells nothing. It
// returns the items read and their reading too.
func leakedTitles(segs []segment) (blobTitles, []string, *leak.Blob) {
	var items []string
	for _, s := range segs {
		text := s.text
		if s.kind == "q" {
			text = strings.TrimSuffix(strings.TrimPrefix(text, "> *"), "*")
		} else if s.kind != "p" {
			continue
		}
		if leak.IsText(text) {
			items = append(items, text)
		}
	}
	if len(items) == 0 {
		return nil, nil, nil
	}
	out := blobTitles{}
	conflict := map[int]bool{}
	blob := leak.Read(items)
	for _, c := range blob.Chapters {
		title := text.OneLine(c.Title)
		if !c.HasStart || title == "" || c.TitleCut || c.Start != float64(int(c.Start)) {
			continue // a title cut off mid-string may be the start of a longer one
		}
		at := int(c.Start)
		if have, ok := out[at]; ok && have != title {
			conflict[at] = true
		}
		out[at] = title
	}
	for at := range conflict {
		delete(out, at)
	}
	return out, items, blob
}

// titleFor finds the blob's title for a heading prefix `## [TS] `.
func (b blobTitles) titleFor(prefix string) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	ts := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(prefix), "## ["), "]")
	at, ok := schema.ParseTimestamp(ts)
	if !ok {
		return "", false
	}
	title, ok := b[at]
	return title, ok
}

// cutAtTitle cuts a heading's text after title (spaces compared loosely)
// when the text starts with it and the title ends at a word's end; body is
// what follows, "" when the whole text is the title.
func cutAtTitle(text, title string) (body string, ok bool) {
	i, j := 0, 0
	for i < len(text) && j < len(title) {
		switch {
		case text[i] == ' ' && title[j] == ' ':
			for i < len(text) && text[i] == ' ' {
				i++
			}
			j++
		case text[i] == title[j]:
			i, j = i+1, j+1
		default:
			return "", false
		}
	}
	if j < len(title) || (i < len(text) && text[i] != ' ') {
		return "", false
	}
	return strings.TrimLeft(text[i:], " "), true
}

// opensText tells whether a chapter body may start text: its first word
// opens a sentence (opensSentence), or is a letter of a script without
// case. A body that goes on in lower case ("of sleepers…") shows the title
// it follows to be cut short.
func opensText(text string, known Names) bool {
	w, _ := nextField(text, 0)
	r0, _ := utf8.DecodeRuneInString(w)
	if schema.IsLetter(r0) && !schema.IsLower(r0) && !schema.IsUpper(r0) {
		return true
	}
	upper, _, _ := wordShape(w)
	key := bare(strings.ToLower(w))
	sw := splitWord{text: w, r0: r0, lowered: known.isWord(key) && known.lowered[key], inner: schema.IsLower(r0) && upper > 0}
	return opensSentence(&sw)
}

// lowerWords answers whether a page writes a word in lower case (the
// evidence that a capitalized title word is a common word and no name),
// by looking for it in the page's text: only a few words are asked about.
type lowerWords struct {
	line string
	// near is the text of the heading being split, a part of line: the
	// words of a title most often come back in its chapter's first lines,
	// so they are looked for there first.
	near   string
	answer map[string]bool
}

func (l *lowerWords) has(word string) bool {
	if l == nil || word == "" || !isLowerWord(word) {
		return false
	}
	if v, ok := l.answer[word]; ok {
		return v
	}
	// For a word of letters and digits only, no two occurrences that
	// overlap both stand whole: where the search starts does not change
	// the answer. For another word it may ("a-a" in "xa-a-a"), and only
	// the search of the whole text answers as it always has.
	found := isWord(word) && standsWholeInside(l.near, word) || standsWhole(l.line, word)
	if l.answer == nil {
		l.answer = map[string]bool{}
	}
	l.answer[word] = found
	return found
}

// standsWhole tells whether word occurs in text with no word character
// touching it on either side.
func standsWhole(text, word string) bool {
	return occurs(text, word, func(at, end int) bool { return schema.WholeWordAt(text, at, end) })
}

// isWord tells a word of letters and digits only.
func isWord(w string) bool {
	start, end := schema.NextWord(w, 0)
	return start == 0 && end == len(w)
}

// standsWholeInside is standsWhole for a part of a text, telling only of
// what it can see: an occurrence between two ASCII bytes of the part, which
// stand around it in the text as well.
func standsWholeInside(part, word string) bool {
	return occurs(part, word, func(at, end int) bool {
		return at > 0 && end < len(part) && part[at-1] < utf8.RuneSelf && part[end] < utf8.RuneSelf &&
			schema.WholeWordAt(part, at, end)
	})
}

// occurs tells whether word occurs in text at a place ok takes, trying
// the occurrences that do not overlap, from the first.
func occurs(text, word string, ok func(at, end int) bool) bool {
	for from := 0; ; {
		i := indexRare(text[from:], word)
		if i < 0 {
			return false
		}
		at := from + i
		if ok(at, at+len(word)) {
			return true
		}
		from = at + len(word)
	}
}

// indexRare is strings.Index(s, w), found by looking for the byte of w that
// English text holds least: strings.Index stops at each place the first
// byte of w stands ("t" of "the" every few bytes), and a word the page
// does not write in lower case is looked for through the whole page.
func indexRare(s, w string) int {
	if len(w) < 2 {
		return strings.Index(s, w)
	}
	// k is where in w its rarest byte stands, k2 its next rarest: most
	// places the rarest byte stands are told from w by the other one
	// alone, with no comparison of the whole word.
	k, k2 := 0, 1
	if byteRanks[w[1]] < byteRanks[w[0]] {
		k, k2 = 1, 0
	}
	for i := 2; i < len(w); i++ {
		switch r := byteRanks[w[i]]; {
		case r < byteRanks[w[k]]:
			k, k2 = i, k
		case r < byteRanks[w[k2]]:
			k2 = i
		}
	}
	c, c2 := w[k], w[k2]
	for at := k; at < len(s); {
		j := strings.IndexByte(s[at:], c)
		if j < 0 {
			return -1
		}
		if p := at + j - k; p+len(w) <= len(s) && s[p+k2] == c2 && s[p:p+len(w)] == w {
			return p
		}
		at += j + 1
	}
	return -1
}

// byteRanks ranks a byte by how often English prose holds it: lower is
// rarer. Lower-case letters by their frequency in English (e, t and a
// most often), any other byte as rarer than every letter, but the first
// byte of a character of two or more bytes: every letter of a Cyrillic or
// Greek word starts with one of two or three such bytes, so it is more
// common than any, and the byte after it tells the letter. A table, as
// every byte of a word asked about is ranked.
var byteRanks = func() (ranks [256]int8) {
	const byFrequency = "zqxjkvbpygfwmucldrhsnioate"
	for c := range ranks {
		switch {
		case c >= 0xC0:
			ranks[c] = int8(len(byFrequency))
		case c < 'a' || c > 'z':
			ranks[c] = -1
		default:
			ranks[c] = int8(strings.IndexByte(byFrequency, byte(c)))
		}
	}
	return ranks
}()

// proseOf is the prose of a segment whose words tell about the page's
// names: a paragraph, a quote, or a heading's body from its second
// sentence on (a heading mixes a title's capitals in).
func proseOf(s segment) (string, bool) {
	switch s.kind {
	case "p", "q":
		return s.text, true
	case "h":
		if i := strings.Index(s.text, ". "); i >= 0 {
			return s.text[i+2:], true
		}
	}
	return "", false
}

// lowerSentenceOpeners finds the words that open a sentence of the page's
// prose in lower case: after a sentence's end, or first in a paragraph or
// quote; in a heading from its second sentence on (its first words are
// the title's).
func lowerSentenceOpeners(segs []segment) []string {
	var out []string
	for _, s := range segs {
		text, ok := proseOf(s)
		if !ok {
			continue
		}
		if s.kind == "q" {
			text = trimQuoteOpening(text)
		}
		out = appendOpeners(out, text)
	}
	return out
}

// trimQuoteOpening is strings.TrimLeft(text, "> *\"“"), without the
// search of its set of characters for each character, which a set beyond
// ASCII costs.
func trimQuoteOpening(text string) string {
	for {
		switch {
		case text == "":
			return text
		case text[0] == '>' || text[0] == ' ' || text[0] == '*' || text[0] == '"':
			text = text[1:]
		case strings.HasPrefix(text, "“"):
			text = text[len("“"):]
		default:
			return text
		}
	}
}

// appendOpeners appends the words of text (cut at spaces) that open a
// sentence in lower case: its first word, and each after a word that ends
// a sentence. Only a word holding ".", "!", "?" or "…" can end one, so
// the words between are skipped by a search for those, not read one by
// one.
func appendOpeners(out []string, text string) []string {
	w, _ := nextField(text, 0)
	if w == "" {
		return out
	}
	out = appendOpener(out, w)
	m := newSentenceMarks(text)
	for at := 0; ; {
		k := m.from(at)
		if k < 0 {
			return out
		}
		// The word that holds the mark, from the space before it to the one
		// after.
		start := strings.LastIndexByte(text[:k], ' ') + 1
		end := k + 1
		for end < len(text) && text[end] != ' ' {
			end++
		}
		// Most sentences open with a capital or a digit, which bare keeps
		// and appendOpener takes no word with: the word that ends the
		// sentence need not be asked about then.
		if next, _ := nextField(text, end); next != "" && !opensUpper[next[0]] {
			if w := text[start:end]; endsSentence(w) != "" && !isAbbreviation(w) {
				out = appendOpener(out, next)
			}
		}
		at = end
	}
}

// opensUpper tells the bytes that start a word appendOpener takes none
// of: an ASCII capital or digit, which bare leaves first.
var opensUpper = func() (t [256]bool) {
	for c := range t {
		t[c] = 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// appendOpener appends w, bare, when it is a word in lower case that
// tells a name: no small word nor one that often opens a sentence.
func appendOpener(out []string, w string) []string {
	if b := bare(w); b != "" && isLowerWord(b) && strings.IndexFunc(b, schema.IsUpper) < 0 && !smallWords[b] && !sentenceStarters[b] {
		out = append(out, b)
	}
	return out
}

// sentenceMarks finds the marks that can end a sentence in a text, in
// order: each mark is looked for on its own (a search the processor does
// many bytes at a time), and the nearest taken.
type sentenceMarks struct {
	text string
	// next[m] is where marks[m] next stands at or after the last search
	// start: -1 for nowhere, -2 before the first search.
	next [len(marks)]int
}

var marks = [...]string{".", "!", "?", "…"}

func newSentenceMarks(text string) *sentenceMarks {
	return &sentenceMarks{text: text, next: [len(marks)]int{-2, -2, -2, -2}}
}

// from is the index of the first mark at or after at, or -1.
func (m *sentenceMarks) from(at int) int {
	first := -1
	for k, mark := range marks {
		if n := m.next[k]; n != -1 && n < at {
			if i := strings.Index(m.text[at:], mark); i >= 0 {
				m.next[k] = at + i
			} else {
				m.next[k] = -1
			}
		}
		if n := m.next[k]; n >= 0 && (first < 0 || n < first) {
			first = n
		}
	}
	return first
}

// splitHeadingPrefix cuts `## [TS] ` off a heading segment.
func splitHeadingPrefix(h string) (string, string) {
	if i := strings.Index(h, "] "); i >= 0 {
		return h[:i+2], h[i+2:]
	}
	return h, ""
}

// segmentLine cuts the flattened text at its block markers.
func segmentLine(line string) []segment {
	var segs []segment
	rest := strings.TrimSpace(line)
	inEntities := false
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "## Entities") && (len(rest) == len("## Entities") || rest[len("## Entities")] == ' '):
			segs = append(segs, segment{"e", "## Entities"})
			rest = strings.TrimSpace(rest[len("## Entities"):])
			inEntities = true
			continue
		case strings.HasPrefix(rest, "## ["):
			end := nextMarker(rest, 1, inEntities)
			segs = append(segs, segment{"h", strings.TrimSpace(rest[:end])})
			rest = strings.TrimSpace(rest[end:])
			inEntities = false
			continue
		case strings.HasPrefix(rest, "> *"):
			end := quoteEnd(rest)
			segs = append(segs, segment{"q", strings.TrimSpace(rest[:end])})
			rest = strings.TrimSpace(rest[end:])
			continue
		case inEntities && strings.HasPrefix(rest, "- **"):
			end := nextMarker(rest, 1, inEntities)
			segs = append(segs, segment{"b", strings.TrimSpace(rest[:end])})
			rest = strings.TrimSpace(rest[end:])
			continue
		}
		end := nextMarker(rest, 0, inEntities)
		segs = append(segs, segment{"p", strings.TrimSpace(rest[:end])})
		rest = strings.TrimSpace(rest[end:])
	}
	return segs
}

// nextMarker finds where the next block starts, searching from `from`:
// the first space at or after from that opens a block marker (` ## [`,
// ` ## Entities`, ` > *`, and in the Entities section ` - **`), else
// len(s). Each marker's second byte is looked for on its own (a search
// that reads many bytes at a time; prose seldom holds '#' or '>'), and
// the search for each stops at the nearest marker found so far, so that a
// marker the rest of the line lacks is not looked for to its end on every
// call.
func nextMarker(s string, from int, inEntities bool) int {
	best := len(s)
	find := func(c byte, opens func(rest string) bool) {
		for lo := from + 1; lo < len(s) && lo <= best; {
			k := strings.IndexByte(s[lo:min(best+1, len(s))], c)
			if k < 0 {
				return
			}
			at := lo + k - 1 // the space before c
			if s[at] == ' ' && opens(s[at:]) {
				best = at
				return
			}
			lo += k + 1
		}
	}
	find('#', func(r string) bool { return strings.HasPrefix(r, " ## [") || strings.HasPrefix(r, " ## Entities") })
	find('>', func(r string) bool { return strings.HasPrefix(r, " > *") })
	if inEntities {
		find('-', func(r string) bool { return strings.HasPrefix(r, " - **") })
	}
	return best
}

// quoteEnd finds the end of a quote line that starts s: the closing `*`
// (after the closing double quote when there is one), then an optional
// ` — Speaker` and an optional ` [TS]`.
func quoteEnd(s string) int {
	body := 3 // after `> *`
	closing := -1
	// A quote ends before the next block marker: its closing mark is
	// searched for no further, so a line of unclosed quotes is read once,
	// not once per quote.
	stop := nextMarker(s, body, false)
	if strings.HasPrefix(s[body:], `"`) || strings.HasPrefix(s[body:], "“") {
		for _, q := range []string{`"*`, "”*"} {
			// Once one closing mark is found, the other can only be
			// nearer: search no further than it.
			limit := stop
			if closing >= 0 {
				limit = closing
			}
			for from := body + 1; from < limit; {
				i := strings.Index(s[from:limit], q)
				if i < 0 {
					break
				}
				at := from + i + len(q)
				if at == len(s) || s[at] == ' ' { // the closing mark ends a word
					if closing < 0 || at < closing {
						closing = at
					}
					break
				}
				from = at
			}
		}
	}
	if closing < 0 {
		// The first `*` that ends a word, found by a search for `*`: a
		// quote runs a sentence or more, and holds few.
		for i := body; i < stop; {
			k := strings.IndexByte(s[i:stop], '*')
			if k < 0 {
				break
			}
			if i += k; i+1 == len(s) || s[i+1] == ' ' {
				closing = i + 1
				break
			}
			i++
		}
	}
	if closing < 0 {
		return stop
	}
	end := closing
	next := nextMarker(s, end, true)
	tail := s[end:next]
	// ` — Speaker`: a short run of names.
	if t := strings.TrimLeft(tail, " "); strings.HasPrefix(t, "— ") {
		words := schema.Fields(t[len("— "):])
		n := 0
		for n < len(words) && n < 5 && startsUpper(words[n]) && !strings.HasPrefix(words[n], "[") && !sentenceStarters[words[n]] {
			n++
		}
		// "— Ines Ferro Mara counts…": a capital followed by lower case
		// starts the next paragraph, not the speaker's name.
		if n > 1 && n < len(words) && isLowerWord(words[n]) {
			n--
		}
		if n > 0 {
			end += len(tail) - len(t) + len("— ") + len(strings.Join(words[:n], " "))
			if n < len(words) && strings.HasSuffix(words[n-1], ",") {
				end -= 1
			}
		}
	}
	// ` [TS]`.
	if t := strings.TrimLeft(s[end:next], " "); strings.HasPrefix(t, "[") {
		if j := strings.IndexByte(t, ']'); j > 0 {
			if _, ok := schema.ParseTimestamp(t[1:j]); ok || schema.TimeLike(t[1:j]) { // as the reader takes it
				end += len(s[end:next]) - len(t) + j + 1
			}
		}
	}
	// A line ends between words, never inside one.
	for end < len(s) && s[end] != ' ' {
		end++
	}
	return end
}

// questionWords open an English question.
var questionWords = wordSet("what why how who whom whose when where which is are was were do does did " +
	"can could should would will shall may might must has have had")

// The words that open a sentence but never end a title.
var sentenceStarters = wordSet("The A An In At On Over Under After Before During With Without To As While When Whether " +
	"This These That Those He She They It We I You His Her Their Our Its My Your There Here Although Though " +
	"Despite Since Because If Once Throughout Across Along Beyond Instead Rather By From For Of And But So Yet Then Now")

// The small words a title in Title Case keeps in lower case.
var smallWords = wordSet("a an the and or nor but of to in on at by for from with as vs via into onto over per than up")

// wordClass is what the word lists above say of a word as written: a
// heading's words are each asked about every list, which one lookup in
// wordClasses answers.
type wordClass uint8

const (
	smallWord      wordClass = 1 << iota // in smallWords
	starterWord                          // in sentenceStarters
	abbreviation                         // in abbreviations
	neverEndsTitle                       // in neverEnds
)

// classOf is wordClasses[w], looked up only for a word classWords may
// hold.
func classOf(w string) wordClass {
	if !classWords.MayHold(w) {
		return 0
	}
	return wordClasses[w]
}

// classWords are wordClasses' words, for classOf.
var classWords = filterOf(wordClasses)

// filterOf is a filter of the words of a set.
func filterOf[V any](set map[string]V) *schema.WordFilter {
	var f schema.WordFilter
	for w := range set {
		f.Add(w)
	}
	return &f
}

var wordClasses = func() map[string]wordClass {
	out := map[string]wordClass{}
	for _, list := range []struct {
		words map[string]bool
		class wordClass
	}{{smallWords, smallWord}, {sentenceStarters, starterWord}, {abbreviations, abbreviation}, {neverEnds, neverEndsTitle}} {
		for w := range list.words {
			out[w] |= list.class
		}
	}
	return out
}()

func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range schema.Fields(s) {
		out[w] = true
	}
	return out
}

// Names is what a page's entity names tell about its words: which are
// name words, which pairs of words stand together in a name (not to be cut
// apart), and which names are written in lower case (swyx, npm), the only
// words a body may start with in lower case.
type Names struct {
	words   map[string]bool
	pairs   map[string]bool
	lowered map[string]bool // each of them one of words too
	// quick tells most words that are none of words without a lookup.
	quick *schema.WordFilter
	// listed is set when the names come from the page's own list.
	listed bool
	// common are the words the page writes in lower case (nil: none known).
	common *lowerWords
	// roles are, for each word of a person's name in the page's list, the
	// first word of that person's description (bare, lower case), which
	// most often says what they are: "Foreman of the boiling house" tells
	// that "Foreman Kasimir" may open a body.
	roles map[string]map[string]bool
}

// addRoles adds to roles the first word of a person's description, from
// the rest of the entity bullet of name (" (Person): Foreman of the old
// boiling house."), under each word of the name, and returns roles.
func addRoles(roles map[string]map[string]bool, name, rest string) map[string]map[string]bool {
	desc, ok := strings.CutPrefix(strings.TrimSpace(rest), "(Person):")
	if !ok {
		return roles
	}
	first, _ := nextField(strings.TrimSpace(desc), 0)
	role := bare(strings.ToLower(first))
	if role == "" {
		return roles
	}
	if roles == nil {
		roles = map[string]map[string]bool{}
	}
	for _, w := range schema.Fields(name) {
		if b := bare(strings.ToLower(w)); b != "" {
			if roles[b] == nil {
				roles[b] = map[string]bool{}
			}
			roles[b][role] = true
		}
	}
	return roles
}

// NameTokens reads a page's entity names for SplitHeading.
func NameTokens(list []string) Names { return nameTokens(list) }

func nameTokens(list []string) Names {
	n := Names{words: map[string]bool{}, pairs: map[string]bool{}, lowered: map[string]bool{}, quick: &schema.WordFilter{},
		listed: len(list) > 0}
	var alternatives []string
	for _, name := range list {
		// "Shawn Wang / swyx" and "AI Engineer Europe (AIE)" are two names each.
		for _, alt := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '(' || r == ')' }) {
			if alt = strings.TrimSpace(alt); alt != "" {
				alternatives = append(alternatives, alt)
			}
		}
	}
	for _, name := range alternatives {
		parts := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '/' || r == '(' || r == ')' })
		lowered := isLowerCase(name) // the whole name is lower case: swyx
		prev := ""
		for _, w := range parts {
			b := bare(w)
			lw := strings.ToLower(b)
			if lw == "" || smallWords[lw] {
				prev = ""
				continue
			}
			n.add(lw)
			if lowered {
				n.lowered[lw] = true
			}
			if prev != "" {
				n.pairs[prev+" "+lw] = true
			}
			prev = lw
		}
	}
	return n
}

// isLowerCase tells whether strings.ToLower leaves s as it is, without the
// copy it makes of a name with a capital (most names): ASCII with no
// capital is told from its bytes, anything else by the call.
func isLowerCase(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.ToLower(s) == s
		case 'A' <= c && c <= 'Z':
			return false
		}
	}
	return true
}

// add makes w, bare and in lower case, one of the names' words.
func (n Names) add(w string) {
	n.words[w] = true
	n.quick.Add(w)
}

// isWord tells one of the names' words, given bare and in lower case.
func (n Names) isWord(w string) bool { return n.quick.MayHold(w) && n.words[w] }

// bare strips what surrounds the words of w (punctuation, symbols) and a
// possessive: the word as written ("don't", "e-mail"), for lookups.
func bare(w string) string {
	// Most words start and end with an ASCII letter or digit: nothing to
	// trim, and no possessive unless an apostrophe stands before a last
	// "s" ("words" has none). Told here, before the call that reads the
	// rest, as every word of a heading and of the prose samples is asked.
	if n := len(w); n > 0 && plainStart[w[0]] && (plainEnd[w[n-1]] || n > 1 && w[n-1] == 's' && !possessiveMark[w[n-2]]) {
		return w
	}
	return bareBeyond(w)
}

// plainStart and plainEnd tell, for bare, the bytes a word can start and
// end with that leave it as it is: ASCII letters and digits, and at the
// end no "s", which may close a possessive.
var plainStart, plainEnd = func() (start, end [256]bool) {
	for c := range start {
		start[c] = isASCIIAlnum(byte(c))
		end[c] = start[c] && c != 's'
	}
	return start, end
}()

// possessiveMark tells the bytes an "s" that closes a possessive follows:
// "'" and the last byte of "’".
var possessiveMark = [256]bool{'\'': true, 0x99: true}

// bareBeyond is bare for a word that may have something to trim.
func bareBeyond(w string) string {
	// ASCII bytes that are no word's (a comma, a full stop, a quote mark)
	// are trimmed one by one; from a byte beyond ASCII on, TrimFunc
	// decides.
	i, j := 0, len(w)
	for i < j && w[i] < utf8.RuneSelf && !schema.IsWordByte(w[i]) {
		i++
	}
	for j > i && w[j-1] < utf8.RuneSelf && !schema.IsWordByte(w[j-1]) {
		j--
	}
	w = w[i:j]
	if w != "" && (w[0] >= utf8.RuneSelf || w[len(w)-1] >= utf8.RuneSelf) {
		w = strings.TrimFunc(w, func(r rune) bool { return !schema.IsWordRune(r) })
	}
	return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func startsUpper(w string) bool {
	if w != "" && w[0] < utf8.RuneSelf {
		c := w[0]
		return 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return schema.IsUpper(r) || schema.IsDigit(r)
}

// isLowerASCII tells a word of the letters a to z alone, not "": bare
// leaves it as it is, and it is its own lower case.
func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return schema.IsLower(r)
}

// Title styles.
const (
	titleCase    = "title"
	sentenceCase = "sentence"
	// capitalsTellNothing: the page's prose capitalizes common words, so
	// no split is decisive (see capitalizedProse).
	capitalsTellNothing = "capitals"
)

// pageStyle guesses how the page writes chapter titles: Title Case,
// sentence case, or "" when its headings do not tell.
func pageStyle(segs []segment, known Names) string {
	upper, lower := 0, 0
	var buf [32]byte // holds most words: the lower-case copies are looked up from it
	for _, s := range segs {
		if s.kind != "h" {
			continue
		}
		// The second word of a heading: capitalized in Title Case, lower
		// case in sentence case (small words and names say nothing).
		_, rest := splitHeadingPrefix(s.text)
		first, end := nextField(rest, 0)
		second, _ := nextField(rest, end)
		if first == "" || second == "" {
			continue
		}
		if low, _ := appendLower(buf[:0], second); smallWords[string(low)] {
			continue
		}
		if low, _ := appendLower(buf[:0], bare(second)); known.lowered[string(low)] || sentenceStarters[second] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(second)
		switch {
		case schema.IsUpper(r):
			upper++
		case schema.IsLower(r):
			lower++
		}
	}
	switch {
	// A style shows when the headings agree: a page whose titles mix
	// capitals and lower case (German capitalizes its nouns) has none.
	case lower >= 2 && 4*upper <= lower:
		return sentenceCase
	case upper >= 2 && 4*lower <= upper:
		return titleCase
	}
	return ""
}

// capitalizedProse tells a page whose prose capitalizes many words inside
// its sentences (German nouns, headline-style text): there a capital is no
// sign of a name, and no title end can be told from capitals alone.
func capitalizedProse(segs []segment, known Names) bool {
	inside, upper := proseCapitals(segs, known)
	return inside >= 20 && 5*upper > inside
}

// proseCapitals counts the words inside sentences of the page's prose
// (paragraphs and quotes), up to a sample enough to tell, that are no
// acronym and open with no digit (inside), and those of them that open
// with a capital and are no word of a known name (upper).
func proseCapitals(segs []segment, known Names) (inside, upper int) {
	const sample = 400 // words inside sentences: enough to tell
	var buf [32]byte   // holds most words: the lower-case copies are looked up from it
	for _, s := range segs {
		if s.kind != "p" && s.kind != "q" {
			continue
		}
		prev := ""
		for i := 0; i < len(s.text) && inside < sample; {
			var word string
			word, i = nextField(s.text, i)
			// A word that ends in a letter or digit, most, ends no
			// sentence: endsSentence need not be asked.
			if prev == "" || !isASCIIAlnum(prev[len(prev)-1]) && (endsSentence(prev) != "" || strings.HasSuffix(prev, ":")) {
				prev = word
				continue
			}
			prev = word
			if isLowerASCII(word) {
				// Most words of prose: bare as they are, with no capital
				// and no digit first. A word inside a sentence, and no
				// capital.
				inside++
				continue
			}
			b := bare(word)
			if b == "" || isAcronym(b) || b[0] >= '0' && b[0] <= '9' {
				continue
			}
			inside++
			if !startsUpper(b) {
				continue
			}
			if low, _ := appendLower(buf[:0], b); !known.isWord(string(low)) {
				upper++
			}
		}
		if inside >= sample {
			break
		}
	}
	return inside, upper
}

// notEnglish tells a page whose prose is in another language. The tests
// that find where a title ends read English: its small words, joining
// words, auxiliaries and sentence openers. On a page in another language
// they tell nothing ("Trabajar con" ends on a joining word they do not
// know), so no title end there is decisive. A language shows in its
// commonest words: of the first 400 lower-case words of the page's prose
// (headings and paragraphs), more are function words of other European
// languages than of English.
func notEnglish(segs []segment) bool {
	const sample = 400
	words, english, other := 0, 0, 0
	var buf [32]byte // holds most words: the lower-case copies are looked up from it
	for _, s := range segs {
		if s.kind != "p" && s.kind != "h" {
			continue // quotes are a speaker's words, perhaps in another language
		}
		for i := 0; ; {
			start, end := nextProseField(s.text, i)
			if start == len(s.text) {
				break
			}
			i = end
			w := s.text[start:end]
			low := w // most words of prose: bare and in lower case as they stand
			if !isLowerASCII(w) {
				b, _ := appendLower(buf[:0], bare(w))
				if r, _ := utf8.DecodeRune(b); len(b) == 0 || !schema.IsLower(r) {
					continue
				}
				low = string(b)
			}
			if words++; words > sample {
				return other >= 8 && other > english
			}
			if english >= other+sample-words+1 {
				// Even if every word left of the sample were another
				// language's, English would have at least as many: most
				// English pages are told well before the sample's end.
				return false
			}
			if len(low) > maxFunctionWord || functionWordsFilter[low[0]]&(1<<len(low)) == 0 {
				// Longer than any function word, or of a first letter and
				// length none has: not looked up.
				continue
			}
			switch functionWords[low] {
			case englishWord:
				english++
			case otherWord:
				other++
			}
		}
	}
	return other >= 8 && other > english
}

// nextProseField is schema.NextField, with ASCII read here, where a loop
// over a word's few bytes costs less than the calls that read them
// there: a word with a byte beyond ASCII, or white space beyond it before
// it, is read by schema.NextField.
func nextProseField(s string, from int) (start, end int) {
	i := from
	for i < len(s) && s[i] < utf8.RuneSelf && asciiSpaces[s[i]] {
		i++
	}
	start = i
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return schema.NextField(s, from)
		case asciiSpaces[c]:
			return start, i
		}
	}
	return start, i
}

// asciiSpaces are the ASCII bytes that are white space (schema.IsSpace).
var asciiSpaces = func() (space [utf8.RuneSelf]bool) {
	for c := range space {
		space[c] = schema.IsSpace(rune(c))
	}
	return space
}()

// appendLower appends strings.ToLower(s) to b, and tells whether s is
// all ASCII.
func appendLower(b []byte, s string) (_ []byte, ascii bool) {
	// ASCII is lowered in place in a copy, up to the first byte beyond:
	// eight bytes at a time while they hold no byte beyond, then one by
	// one.
	const highs = 0x8080808080808080
	start := len(b)
	b = append(b, s...)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := schema.EightBytes(s, i)
		if x&highs != 0 {
			break
		}
		// The high bit of each capital, moved down to 0x20, makes it lower
		// case.
		binary.LittleEndian.PutUint64(b[start+i:], x|schema.Capitals(x)>>2)
	}
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b[start+i] = c + 'a' - 'A'
		}
	}
	if i == len(s) {
		return b, true
	}
	// The rest is folded as words compare, which is strings.ToLower.
	return schema.AppendFoldedWord(b[:start+i], s[i:]), false
}

// functionWordsFilter tells most words that are none of functionWords
// (see notEnglish).
var functionWordsFilter = filterOf(functionWords)

// maxFunctionWord is the length of the longest of functionWords.
var maxFunctionWord = func() int {
	n := 0
	for w := range functionWords {
		n = max(n, len(w))
	}
	return n
}()

// Which language's function word a word is (functionWords).
const (
	englishWord = 1 + iota
	otherWord
)

// functionWords are the words each side of notEnglish counts: those
// English prose writes most, and the commonest words of German, Dutch,
// French, Spanish, Italian and Portuguese prose that English does not
// write.
var functionWords = func() map[string]int {
	out := map[string]int{}
	for _, w := range schema.Fields("the of and to in is it that for on with as was are be this at by from or an " +
		"they we you he she his her their not but have has had what how why about into more than which who when can will would there its") {
		out[w] = englishWord
	}
	for _, w := range schema.Fields("der das und ist nicht ein eine mit von zu den dem auf für sich wir ich auch wie aber " +
		"het een en van dat niet op te met voor zijn ook maar " +
		"le les et est des du une que qui dans pour pas sur avec ce il elle nous mais " +
		"el los las y del un una es por con para se lo como más pero " +
		"di che è gli della sono ma non per " +
		"os não um uma com do da em") {
		if out[w] == 0 {
			out[w] = otherWord
		}
	}
	return out
}()

// maxTitleWords bounds the candidates: no chapter title is longer.
const maxTitleWords = 24

// A split keeps one bit for each title end (splitter.split): no more ends
// than a uint32 has bits.
const _ = uint32(1) << maxTitleWords

// SplitHeading finds where a heading's title ends and its body begins.
//
// A split is made with Confident set only on decisive evidence:
//
//   - The text does not end a sentence (no closing `.`, `!` or `?`): a
//     chapter body is prose, so the whole text is the title of a chapter
//     with no body (an orphan heading, or one followed only by quotes).
//   - Exactly one end of the title passes every hard test: the body opens
//     a sentence (a capital, a digit, a quote mark before a capital, or a
//     name the page writes in lower case) and reads on like one (its second
//     word is lower case unless a known name); the title does not end on a
//     comma, colon, article or joining word, holds no sentence end, cuts no
//     known name in two, and keeps the page's title style (Title Case or
//     sentence case, when the page's headings show one); the body has at
//     least minBodyWords words. The title holds a letter and no word with a
//     full stop, and ends in `?` only when it opens as a question; the page
//     is in English (notEnglish). A text ending in `?` may also be all
//     title, when it opens as a question.
//
// Otherwise the best candidate by score (scoreSplit) is returned as the
// best guess, with Confident unset: the caller leaves the heading whole.
func SplitHeading(text string, known Names, style string) Split {
	var s splitter
	return s.split(text, known, style)
}

// splitter is SplitHeading for the headings of a page one after another:
// the buffers that hold one heading's words serve the next.
type splitter struct {
	words     []string
	starts    []int
	lowered   []string
	lowStarts []int
	lowBuf    []byte
	lowASCII  bool // the words last lowered were all ASCII (see lower)
	h         headingWords
	// decisiveOnly is set by Lines, which keeps of a split only its title,
	// body and Confident: a heading with exactly one valid title end is
	// cut there without scoring every end, and Plausible, which only the
	// scores tell, is left unset. The scores are most of a split's cost,
	// and a page's own headings most often have one valid end.
	decisiveOnly bool
	// eager works out every word before any test asks, as a split did
	// before they were worked out on demand: FuzzWordsAsAsked holds a
	// split without it to one with it.
	eager bool
}

func (s *splitter) split(text string, known Names, style string) Split {
	// Only the first words can end a title: read no further.
	s.words, s.starts = appendFields(s.words[:0], s.starts[:0], text, maxTitleWords+minBodyWords+3)
	words, starts := s.words, s.starts
	sp := Split{Heading: text, Title: text}
	if len(words) < 2 {
		sp.Confident = true
		return sp
	}
	end := endsSentence(text)
	if end == "" {
		sp.Confident = true // no sentence: no body
		return sp
	}
	all := len(words) > maxTitleWords+minBodyWords // words were cut off: more follow
	h := &s.h
	h.reset(s, text, known, style, all)
	if s.eager {
		h.all()
	}
	ends := min(len(words)-1, maxTitleWords) // a title ends after 1 to ends words
	valid, validK := 0, 0
	var validEnds uint32 // bit k: a title of k words passes every hard test
	for k := 1; k <= ends; k++ {
		if h.validSplit(k, false) {
			valid++
			validK = k
			validEnds |= 1 << k
		}
	}
	best, bestK := -1e9, 0
	if valid != 1 || !s.decisiveOnly {
		scored := h.all()
		styleCost := 0.0 // what the first k words cost against the page's title style
		for k := 1; k <= ends; k++ {
			styleCost += styleCostOf(scored, k-1, style)
			score, oneName := scoreSplit(scored, k, style, styleCost)
			switch {
			case validEnds&(1<<k) != 0:
				score += 200 // a valid split is always a better guess
			case h.validSplit(k, true):
				score += 100 // then one that only the page's names could refute
			}
			// Two unknown capitals across the cut: likely one name, unless
			// the page writes the first in lower case elsewhere. That is
			// looked up only when it can change the best guess: a split
			// that scores no better than the best even without the penalty
			// stays behind it.
			if oneName && score > best && !scored[k-1].isCommon() {
				score -= 2
			}
			if score > best {
				best, bestK = score, k
			}
		}
	}
	// valid is 0 here only after the scores, which work out every word.
	if end == "?" && !all && len(words) <= maxTitleWords && valid == 0 && style != capitalsTellNothing &&
		h.asksFirst && h.inverted == h.n {
		// A question that opens as one ("Why now?", "What should we
		// build?"), with no other reading: all title. A text that only
		// ends in a question ("Caching deep dive Why does it matter?")
		// may be a title and a body that is one question.
		sp.Confident = true
		return sp
	}
	// With one valid end the cut is there. Its score (200 more than a
	// split's, which a valid one keeps above -150) is never invalid, so a
	// split without scores cuts where one with them does.
	k := validK
	if valid != 1 || !s.decisiveOnly {
		if bestK == 0 || best <= invalid {
			return sp
		}
		if valid != 1 {
			k = bestK
		}
	}
	// Cut the text itself, so that the title keeps its own spacing; the
	// one space the scraper put between title and body goes.
	cut := starts[k]
	sp.Title = strings.TrimRight(text[:cut], " ")
	sp.Body = text[cut:]
	sp.Confident = valid == 1 && end != "?" && k <= maxDecisiveTitleWords && style != capitalsTellNothing &&
		!h.lowerOpenerElsewhere(k) && !endsOpen(h.at(k-1)) &&
		!h.roleBeforeName(k, known.roles) && !h.bodyOnNumber(k) && !h.allTitle(k)
	sp.Plausible = best >= 100
	return sp
}

// lower is s.words[from:to], words of text, in lower case, one for one.
// They come from one copy of the text they span: in ASCII each word
// stands where it did; beyond, a space stays a space and no other
// character becomes one, so the copy's fields are the words'. It sets
// s.lowASCII when the words are all ASCII. What it returns is good until
// the next call.
func (s *splitter) lower(text string, from, to int) []string {
	words, starts := s.words[from:to], s.starts[from:to]
	first := starts[0]
	span := text[first : starts[len(words)-1]+len(words[len(words)-1])]
	if s.lowBuf, s.lowASCII = appendLower(s.lowBuf[:0], span); string(s.lowBuf) == span {
		return words
	}
	low := string(s.lowBuf)
	if !s.lowASCII {
		s.lowered, s.lowStarts = appendFields(s.lowered[:0], s.lowStarts[:0], low, len(words))
		return s.lowered
	}
	s.lowered = s.lowered[:0]
	for i, w := range words {
		s.lowered = append(s.lowered, low[starts[i]-first:starts[i]-first+len(w)])
	}
	return s.lowered
}

// maxDecisiveTitleWords: a longer title is a guess, never decisive.
const maxDecisiveTitleWords = 14

// minBodyWords is the fewest words of a body that is one question: "What
// Is Railway?" is a title, not "What" and a body "Is Railway?".
const minBodyWords = 3

// endsSentence returns the mark that ends text's last sentence (".", "!"
// or "?", before any closing quote marks or brackets), or "".
func endsSentence(text string) string {
	if text != "" && isASCIIAlnum(text[len(text)-1]) {
		return "" // the common case: a word that ends in a letter or digit
	}
	t := text
	for t != "" {
		switch {
		case strings.IndexByte(" \"')]*", t[len(t)-1]) >= 0:
			t = t[:len(t)-1]
		case strings.HasSuffix(t, "”"), strings.HasSuffix(t, "’"):
			t = t[:len(t)-len("”")]
		default:
			switch t[len(t)-1] {
			case '.', '!':
				return "."
			case '?':
				return "?"
			}
			if strings.HasSuffix(t, "…") {
				return "."
			}
			return ""
		}
	}
	return ""
}

// neverEnds are the words a title never ends on, as written: articles and
// the words that join a phrase to what follows.
var neverEnds = wordSet("a an the A An The and or nor but of to for with from by as vs via at into onto than " +
	"that which who whose is are was were be been has have had will would can could " +
	"Is Are Was Were Has Have Had Will Would Can Could " +
	"And Or Nor But Of To For With From By As Vs Via At Into Onto Than " +
	"How Why What Where When Who Whom Which how why what where when whom")

// openEnds are words a title may end on (a particle: "Night falls over",
// "Logging in") that may as well take the body's first word as their
// object ("Petra boards in | Vienna at dusk"): a split after one, written
// in lower case, is never decisive. (As never-ends they would make the
// other split, when the title does end on one, the only valid one.)
var openEnds = wordSet("in on over under about above below across behind between during inside near " +
	"through toward towards upon within without around among against beside beyond like until till since " +
	"before after past per")

// endsOpen tells a title's last word that leaves its end open: a
// preposition or particle in lower case (openEnds).
func endsOpen(last *splitWord) bool { return last.plainLower && openEnds[last.key] }

// abbreviations end in a full stop without ending a sentence.
var abbreviations = wordSet("Dr. Mr. Mrs. Ms. St. Jr. Sr. vs. e.g. i.e. etc. Inc. Ltd. Co. No. Vol. pp. approx. U.S. U.K. a.m. p.m.")

// abbreviationWords tells most words that end a sentence from
// abbreviations by their first byte and length, without a lookup.
var abbreviationWords = filterOf(abbreviations)

// isAbbreviation is abbreviations[w], looked up only for a word
// abbreviationWords may hold.
func isAbbreviation(w string) bool { return abbreviationWords.MayHold(w) && abbreviations[w] }

// headingWords is a heading's words with what the hard tests need of
// them, worked out as the tests reach them: every candidate end asks the
// same questions, and most are answered by the first few words (a title
// and the opening of its body), so the words past the last one asked about
// are never worked out.
type headingWords struct {
	// w are the first words worked out: the tests ask for them by at,
	// which works out more. Word i is final once i+1 is worked out, or
	// i is the last (pairNext reads the word after it).
	w     []splitWord
	n     int // the heading's words (splitter.words): w grows up to n
	s     *splitter
	text  string
	known Names
	style string
	more  bool // words follow beyond the n read
	// maxTitle is the most words a title can have: one more would hold a
	// sentence end, or break the title's style. It is worked out with the
	// words (account), and only ever lowered: a word limits it to its own
	// index or one more, so once words 0 to k are worked out, whether k
	// exceeds it is known.
	maxTitle int
	// question is the index of the first sentence end when it is a
	// question mark (a body seldom opens with one), else -1: found by
	// reset, as it may stand past the words the tests reach.
	question int
	// minTitle is the fewest words a title can have: up to its first
	// word with a letter (an emoji alone is the start of a title).
	minTitle int
	// asksFirst: the text opens as a question (questionWords), so a title
	// may end in one; inverted is the index of the first word holding `¿`
	// or `¡`, after which no title ends in a question, or n.
	asksFirst bool
	inverted  int
	// lowerSeen: a word worked out after the first is in lower case (the
	// title is in sentence case from there on; see account).
	lowerSeen bool
}

// reset readies h for the heading text, whose words s.words holds.
func (h *headingWords) reset(s *splitter, text string, known Names, style string, more bool) {
	n := len(s.words)
	if cap(h.w) < n {
		// Room for every word a split reads: a word worked out stays where
		// it is, and the tests keep pointers to words as they work out more.
		h.w = make([]splitWord, 0, maxTitleWords+minBodyWords+3)
	}
	*h = headingWords{w: h.w[:0], n: n, s: s, text: text, known: known, style: style, more: more,
		maxTitle: n, question: -1, minTitle: n + 1, inverted: n}
	// The first sentence end, as appendSplitWords reads each word's: a
	// word that ends in a letter or digit ends none.
	for i, t := range s.words {
		if isASCIIAlnum(t[len(t)-1]) {
			continue
		}
		if e := endsSentence(t); e != "" && classOf(t)&abbreviation == 0 {
			if e == "?" {
				h.question = i
			}
			break
		}
	}
	h.work(1)
	h.asksFirst = questionWords[h.w[0].key]
}

// fillChunk is the fewest words work works out at a time (unless fewer
// are left): a title and the first words of its body are a few.
const fillChunk = 6

// work works out the words up to m (or all n), a few more than asked.
func (h *headingWords) work(m int) {
	from := len(h.w)
	to := min(h.n, max(m, from+fillChunk))
	if to <= from {
		return
	}
	s := h.s
	lowered := s.lower(h.text, from, to)
	h.w = appendSplitWords(h.w, s.words[from:to], lowered, s.lowASCII, h.known)
	for i := from; i < to; i++ {
		h.account(i)
	}
}

// at is word i, worked out (with the one after it, which pairNext reads).
func (h *headingWords) at(i int) *splitWord {
	if i+1 >= len(h.w) {
		h.work(i + 2)
	}
	return &h.w[i]
}

// all is every word, worked out: the scores read them all.
func (h *headingWords) all() []splitWord {
	h.work(h.n)
	return h.w
}

// account limits the title by word i, worked out: maxTitle, minTitle and
// inverted.
func (h *headingWords) account(i int) {
	limit := func(k int) { h.maxTitle = min(h.maxTitle, k) }
	t := &h.w[i]
	if t.ends != "" && !t.abbrev {
		limit(i + 1) // the title holds no sentence end before its last word
	}
	if strings.HasSuffix(t.text, ".") {
		// Nor a word with a full stop (U.S., Dr., vs.): an abbreviation or
		// a sentence's end, the period cannot tell.
		limit(i)
	}
	if t.hasLetter {
		h.minTitle = min(h.minTitle, i+1)
	}
	if !t.ascii && opensInverted(t.text) {
		h.inverted = min(h.inverted, i)
	}
	if i == 0 {
		return
	}
	if h.lowerSeen && t.upperStart && !t.digitStart && !t.known && !t.acronym && t.text != "I" {
		limit(i)
	}
	if t.plainLower && !t.small && !t.lowered {
		h.lowerSeen = true
	}
	if t.known || t.noLetters || t.acronym || !t.hasLetter {
		return
	}
	switch h.style {
	case titleCase:
		if t.plainLower && !t.small {
			limit(i)
		}
	case sentenceCase:
		if t.upperStart && !t.digitStart && t.text != "I" {
			limit(i)
		}
	}
}

// opensInverted tells a word holding `¿` or `¡`. Both are two bytes,
// 0xC2 and one more: a word without 0xC2, nearly all, is told by one scan.
func opensInverted(w string) bool {
	return strings.IndexByte(w, 0xC2) >= 0 && (strings.Contains(w, "¿") || strings.Contains(w, "¡"))
}

// validSplit applies the hard tests of SplitHeading to ending the title
// after the first k words. loose skips the tests about names, which pages
// without a list of names fail.
func (h *headingWords) validSplit(k int, loose bool) bool {
	if k > h.maxTitle {
		return false // told by the words before k (see maxTitle)
	}
	last, b0 := h.at(k-1), h.at(k)
	if k > h.maxTitle || k < h.minTitle || h.question >= k || last.badEnd {
		return false
	}
	if !h.opensBody(k) || !h.bodyOpensWell(k, loose) {
		return false
	}
	if strings.HasSuffix(last.text, "?") && (!h.asksFirst || h.inverted < k) {
		// A title that ends in a question opens as one; "Building on
		// PyTorch Who pays?" is a title and the body's first question.
		return false
	}
	if last.pairNext {
		return false // a known name cut in two
	}
	// Two capitalized words across the cut could be one name cut in two
	// ("Mara | Quill thanks…"), or a title's last word before a body that
	// opens lower case ("the Fragile | Glacier swyx admits…"). Only a name
	// opening the body tells them apart: one the page lists, or one its
	// prose uses or never writes in lower case, after a title word that
	// the page writes in lower case elsewhere.
	if !loose && isNameLike(last) && isNameLike(b0) && !b0.starterAs && !h.bodyOpensOnName(k) {
		return false
	}
	// A body seldom opens on a number; a title often holds one.
	if !loose && b0.digitStart && !strings.HasSuffix(last.text, "?") {
		return false
	}
	return true
}

// bodyOpensOnName tells whether the body at k opens on a name, where two
// capitals stand across the cut: one the page lists, a role word before a
// name the page knows (roleWords), or, after a title word the page writes
// in lower case elsewhere, one its prose uses or one it never writes in
// lower case that is followed at once by a lower-case word ("Juno
// traces").
func (h *headingWords) bodyOpensOnName(k int) bool {
	b0 := h.at(k)
	if b0.known && h.at(0).namesListed {
		return true
	}
	if k+1 < h.n && h.at(k+1).known && b0.isRole() {
		return true // a name after its title ("Conductor Lukas")
	}
	if !h.at(k - 1).isCommon() {
		return false
	}
	return b0.known || h.followedByLower(k) && !b0.isCommon()
}

// followedByLower tells a body whose first word is followed at once by a
// lower-case word that is no small word ("Juno traces"): a one-word subject.
func (h *headingWords) followedByLower(k int) bool {
	if k+1 >= h.n {
		return false
	}
	t := h.at(k + 1)
	return t.plainLower && !t.small && !t.lowered
}

// roleBeforeName tells a split whose title ends right before a name the
// page knows, which opens the body, on a word that may as well open the
// body as the name's title: a role word ("Who We Sail with Chef | Jens",
// "Dinner with Piet Night porter | Ines"), or, on a page not in Title
// Case, a capitalized word the page does not know as a name, alone or
// before a word in lower case ("Dinner with Jens Ferryman | Odile",
// "Notes from Bergen Harbour master | Ines"). In Title Case only the list
// of roles (roleWords), or the page's own description of the person
// ("Kasimir Lenz (Person): Foreman of …"), tells such a word from a
// title's last.
func (h *headingWords) roleBeforeName(k int, roles map[string]map[string]bool) bool {
	last, b0 := h.at(k-1), h.at(k)
	if !b0.known || b0.lowered {
		return false
	}
	if role := last.isRole() || roles[b0.key][last.key]; role || h.style == titleCase {
		return role
	}
	// A capitalized word the page does not know, alone or before one in
	// lower case ("Harbour master | Ruiz"), and not the title's first.
	unknownCapital := func(t *splitWord) bool { return t.upperStart && !t.digitStart && !t.known && !t.acronym }
	return k > 1 && unknownCapital(last) || k > 2 && last.plainLower && !last.small && unknownCapital(h.at(k-2))
}

// bodyOnNumber tells whether the split at k, whose body opens on a name,
// has a rival one word on that would open the body on a number ("Meeting
// | Jens 40 boats left", "Meeting Jens | 40 boats left"): a body seldom
// opens on a number, but seldom is not never.
func (h *headingWords) bodyOnNumber(k int) bool {
	return k+1 < h.n && isNameLike(h.at(k)) && h.at(k+1).digitStart && h.validSplit(k+1, true)
}

// allTitle tells a split whose body opens with a short exclamation
// ("Hello | Saltmarsh Radio!", "Long live | Saltmarsh Radio! Piet says…"):
// the exclamation may as well end the title.
func (h *headingWords) allTitle(k int) bool {
	const shortest = 3 // words of an exclamation a title may end with
	for i := k; i < h.n && i < k+shortest; i++ {
		if t := h.at(i); t.ends != "" && !t.abbrev {
			return strings.HasSuffix(strings.TrimRight(t.text, `"')”’`), "!")
		}
	}
	return false
}

// lowerOpenerElsewhere tells whether the body could also open a word or
// two after k on a name the page writes in lower case ("Fragile | Data
// swyx and Zoë dig"): then k is no decisive split.
func (h *headingWords) lowerOpenerElsewhere(k int) bool {
	if h.at(k).starter {
		return false // "The Mercator projection was": a noun after an opener
	}
	for j := k + 1; j < h.n && j <= k+2; j++ {
		if h.at(j).lowered && !h.at(j-1).badEnd {
			return true // a name the page writes in lower case could open it
		}
	}
	return false
}

// endsTitleBadly tells a word no title ends on (a closing quote mark
// aside): a comma, colon, dash or ampersand, an article, a joining word or
// an auxiliary, a full stop that is no abbreviation's. class is the word's
// wordClasses entry.
func endsTitleBadly(text string, class wordClass) bool {
	if class&neverEndsTitle != 0 {
		return true
	}
	if isASCIIAlnum(text[len(text)-1]) {
		return false // the common case: a word that ends in a letter or digit
	}
	// The closing quote marks and brackets off, byte by byte (as
	// strings.TrimRight with a set of them would, searching the set for
	// each).
	lt := text
	for lt != "" && (lt[len(lt)-1] == '"' || lt[len(lt)-1] == '\'' || lt[len(lt)-1] == ')') {
		lt = lt[:len(lt)-1]
	}
	lt = strings.TrimSuffix(strings.TrimSuffix(lt, "”"), "’")
	if lt == "" {
		lt = text
	}
	switch lt[len(lt)-1] {
	case ',', ':', ';', '-', '&':
		return true
	}
	if strings.HasSuffix(lt, "—") || strings.HasSuffix(lt, "–") {
		return true
	}
	return neverEnds[lt] || endsSentence(lt) == "." && !isAbbreviation(lt)
}

// bodyOpensWell tests the body's first words, up to its first lower-case
// word that is not a small word (most often the verb): after a word that
// opens a sentence, only small words, names, acronyms and numbers; two
// capitalized words side by side only when they are one known name. A
// first sentence that is a question has a few words: "What | Is Railway?"
// is no split.
func (h *headingWords) bodyOpensWell(k int, loose bool) bool {
	if isSymbol(h.at(k)) && k+1 < h.n {
		k++ // an emoji before the first word
	}
	first := h.at(k)
	for i := k; i < h.n; i++ {
		t := h.at(i)
		if t.plainLower && !t.small && !t.lowered {
			return true
		}
		if i > k && !loose && t.digitStart && !first.starter && !first.known && !first.lowered {
			return false // "Harbors and the Atlas 2028 volunteers": a title's words before a number
		}
		if i > k && !loose {
			if t.upperStart && !t.known && !t.acronym && !t.digitStart && !t.lowered {
				return false // a capital that is no name, inside a sentence
			}
			if prev := &h.w[i-1]; i-1 > k || !prev.starter {
				// Two names side by side, not one name (on a page without
				// a list, two words its prose uses as names may be one).
				if isNameLike(prev) && isNameLike(t) && !prev.pairNext && (h.w[0].namesListed || !prev.known || !t.known) &&
					(i-1 > k || !t.known || !prev.isRole()) {
					return false
				}
			}
		}
		if t.ends != "" && !t.abbrev {
			// A first sentence of one word is no body ("… in | Accra.");
			// one that asks a question has a few.
			n := i - k + 1
			return (n >= 2 || loose) && (t.ends == "." || n >= minBodyWords)
		}
	}
	return h.more || h.n > k
}

// roleWords name what a person is or does, and go before a name as a
// title does ("Conductor Lukas has worked…", "Dr Ruiz says"): a body may
// open on one before a known name, so a cut before the pair is as good as
// one between its words, and neither is decisive. Keyed as Names keys
// words (bare, lower case). A role the list lacks ("Ferryman Jens") is
// read as a title's last word: the words of a page's descriptions of
// people would make many a title end ("Microsoft Context | Kyle
// previews") an open question.
var roleWords = wordSet("mr mrs ms mx dr prof professor doctor sir dame lord lady king queen prince princess " +
	"president senator governor mayor minister chancellor ambassador judge justice officer detective inspector " +
	"sheriff deputy agent captain capt general colonel major lieutenant sergeant corporal admiral commander " +
	"chief coach chef pilot conductor nurse pastor father mother sister brother uncle aunt rabbi imam reverend " +
	"bishop cardinal pope saint st director founder cofounder co-founder ceo cto editor host guest author " +
	"engineer farmer ranger " +
	// Trades and callings that stand before a name as well ("Skipper
	// Jens", "Baker Ines").
	"skipper deckhand boatswain bosun sailor seaman fisherman fisher ferryman harbourmaster harbormaster " +
	"mate steward stewardess purser porter cook baker butcher brewer smith blacksmith carpenter mason " +
	"weaver tailor miner driver keeper warden guard clerk teacher tutor student scholar historian scientist " +
	"researcher curator librarian archivist architect lawyer attorney counsel banker trader broker merchant " +
	"producer reporter journalist correspondent anchor analyst designer developer programmer manager owner " +
	"partner investor activist organizer organiser volunteer priest monk nun elder deacon vicar " +
	"grandma grandpa granny grandmother grandfather mum mom dad auntie boss nanny midwife medic paramedic " +
	"surgeon dentist vet veterinarian pharmacist firefighter constable marshal ranger soldier private " +
	"poet painter singer musician composer conductor dancer actor actress artist writer novelist " +
	"photographer filmmaker chemist physicist biologist geologist astronomer economist " +
	"lockkeeper master")

// isNameLike tells a capitalized word that is no small word, or a name
// the page writes in lower case.
func isNameLike(t *splitWord) bool { return t.upperStart && !t.digitStart && !t.small || t.lowered }

// opensSentence tells a word that can open a chapter body: a capital, a
// digit, a quote mark or bracket before a capital, a name the page writes
// in lower case, or a word with a capital inside (iPhone, eBay).
func opensSentence(w *splitWord) bool {
	switch {
	case schema.IsUpper(w.r0), schema.IsDigit(w.r0), w.lowered, w.inner:
		return true
	case strings.ContainsRune(`"“'‘(`, w.r0):
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w.text, `"“'‘(`))
		return schema.IsUpper(r) || schema.IsDigit(r)
	}
	return false
}

// opensBody tells whether the body can start at w[k]: a word that opens a
// sentence, or a symbol (an emoji) before one.
func (h *headingWords) opensBody(k int) bool {
	if isSymbol(h.at(k)) && k+1 < h.n {
		return opensSentence(h.at(k + 1))
	}
	return opensSentence(h.at(k))
}

// isSymbol tells a word that is an emoji or another symbol beyond ASCII
// ("🎉"): not `&` or `-`, which join a title's words.
func isSymbol(w *splitWord) bool { return !w.hasLetter && w.r0 >= utf8.RuneSelf }

// invalid is the score of a split that cannot be: a body in lower case.
const invalid = -50

// appendFields appends to words and starts the words of text, cut at
// spaces, up to limit words, and where each starts.
func appendFields(words []string, starts []int, text string, limit int) ([]string, []int) {
	for w, next := nextField(text, 0); w != "" && limit > 0; w, next = nextField(text, next) {
		words, starts = append(words, w), append(starts, next-len(w))
		limit--
	}
	return words, starts
}

// nextField finds the first word of text at or after byte from, words
// being cut at spaces only: it is text[end-len(word):end], and "" when no
// word is left.
func nextField(text string, from int) (word string, end int) {
	const spaces = 0x2020202020202020
	i := from
	for i < len(text) && text[i] == ' ' {
		i++
	}
	j := i
	// A word is a few bytes: the eight from its start most often hold the
	// space after it, found in one test (the lowest zero byte of the eight
	// xor spaces) rather than a byte at a time or by a search.
	for ; j+8 <= len(text); j += 8 {
		if zero := schema.ZeroBytes(schema.EightBytes(text, j) ^ spaces); zero != 0 {
			j += bits.TrailingZeros64(zero) / 8
			return text[i:j], j
		}
	}
	for j < len(text) && text[j] != ' ' {
		j++
	}
	return text[i:j], j
}

// splitWord is what scoring asks of a word, worked out once per heading:
// every possible title end looks at the same words again.
type splitWord struct {
	text       string
	r0         rune // the first character
	small      bool // a small word, in any case ("and", "The")
	smallExact bool // a small word as written
	starter    bool // opens a sentence ("At", "In,")
	starterAs  bool // opens a sentence, as written
	known      bool // a word of the page's names
	lowered    bool // a name written in lower case
	pairNext   bool // this word and the next make a known name
	lowerWord  bool // starts with a lower-case letter
	upperStart bool // starts with a capital or a digit
	digitStart bool // starts with a digit
	plainLower bool // lower-case letters only before any punctuation (not iPhone)
	inner      bool // a lower-case start with a capital inside (iPhone, eBay)
	hasLetter  bool
	ascii      bool // no byte beyond ASCII
	acronym    bool // more than one capital
	noLetters  bool // nothing but punctuation
	// namesListed is set on the first word when the page lists its names
	// (an Entities section).
	namesListed bool
	ends        string      // the sentence end the word carries ("." or "?"), if any
	abbrev      bool        // an abbreviation: its full stop ends no sentence
	badEnd      bool        // no title ends on this word (endsTitleBadly)
	key         string      // bare, lower case: how Names keys it
	lower       *lowerWords // the page's lower-case words, for isCommon
}

// appendSplitWords appends the words of a heading to out, worked out,
// out holding the words before them. lowered is words in lower case, one
// for one; allASCII tells that the words are all ASCII. The last word's
// pairNext waits for the word after it, which the next call appends.
func appendSplitWords(out []splitWord, words, lowered []string, allASCII bool, known Names) []splitWord {
	from := len(out)
	for i, t := range words {
		lt := lowered[i]
		b := bare(lt) // as Names keys it: bare, lower case
		r0, _ := utf8.DecodeRuneInString(t)
		upper, letter, ascii := wordShape(t)
		lowerWord := schema.IsLower(r0)
		// The word's class as written, in lower case and without commas:
		// looked up again only where these differ.
		class := classOf(t)
		lowerClass, bareClass := class, class
		// An ASCII word without capitals is its own lower case: only
		// another is compared with its copy.
		if (upper > 0 || !allASCII) && lt != t {
			lowerClass = classOf(lt)
		}
		if t[0] == ',' || t[len(t)-1] == ',' {
			bareClass = classOf(strings.Trim(t, ","))
		}
		// Most words end in a letter or digit: they end no sentence, and
		// a title may end on them unless their class says otherwise.
		ends, badEnd := "", class&neverEndsTitle != 0
		if !isASCIIAlnum(t[len(t)-1]) {
			ends, badEnd = endsSentence(t), endsTitleBadly(t, class)
		}
		isKnown := known.isWord(b)
		out = append(out, splitWord{
			text:       t,
			r0:         r0,
			small:      lowerClass&smallWord != 0,
			smallExact: class&smallWord != 0,
			starter:    bareClass&starterWord != 0,
			starterAs:  class&starterWord != 0,
			known:      isKnown,
			lowered:    isKnown && known.lowered[b], // a name in lower case is a name
			lowerWord:  lowerWord,
			upperStart: schema.IsUpper(r0) || schema.IsDigit(r0),
			digitStart: schema.IsDigit(r0),
			plainLower: lowerWord && upper == 0,
			inner:      lowerWord && upper > 0,
			hasLetter:  letter,
			ascii:      ascii,
			acronym:    upper > 1,
			noLetters:  b == "",
			ends:       ends,
			abbrev:     class&abbreviation != 0,
			badEnd:     badEnd,
			key:        b,
			lower:      known.common,
		})
	}
	if from == 0 && len(out) > 0 {
		out[0].namesListed = known.listed
	}
	// Both words of a known pair are known words: only then is the pair
	// looked up.
	for i := max(from-1, 0); i+1 < len(out); i++ {
		out[i].pairNext = out[i].known && out[i+1].known && known.pairs[out[i].key+" "+out[i+1].key]
	}
	return out
}

// scoreSplit scores ending the title after the first k words. When
// oneName is set, the two capitals across the cut are unknown and likely
// one name: the score is 2 less unless the page writes the title's last
// word in lower case, which the caller asks only where it matters.
// styleCost is what the title's words cost against the page's title
// style, the sum of styleCostOf over them: each title end adds one word to
// the one before, so the caller sums them as it goes.
func scoreSplit(w []splitWord, k int, style string, styleCost float64) (score float64, oneName bool) {
	last, b0 := &w[k-1], &w[k]
	var next *splitWord // the body's first word after b0 that is not a small word
	for i := k + 1; i < len(w); i++ {
		if !w[i].small {
			next = &w[i]
			break
		}
	}
	var b1 *splitWord
	if k+1 < len(w) {
		b1 = &w[k+1]
	}
	// The body opens a sentence: a capital, or a name written in lower case.
	r0 := b0.r0
	switch {
	case schema.IsUpper(r0):
	case schema.IsDigit(r0):
		score -= 2 // bodies seldom open on a number; titles often hold one
	case b0.lowered:
		score++
	default:
		return 2 * invalid, false
	}
	if style != titleCase && last.plainLower && schema.IsUpper(r0) {
		score += 2 // sentence case: the first capital after lower case words
	}
	oneName = isNameLike(last) && isNameLike(b0) && !last.known && !b0.known && !b0.starter
	switch {
	case b0.starter:
		// "At one point", not "After the Free Tier".
		score += 3
		if next != nil && next.lowerWord {
			score += 2
		} else if next != nil {
			score--
		}
	case b0.known && b1 != nil && b0.pairNext && k+2 < len(w) && w[k+2].lowerWord:
		score += 5 // a full name, then its verb, opens the body: Jake Cooper explains
	case b0.known && b1 != nil && b0.pairNext:
		score++
	case b0.known && (b1 == nil || b1.lowerWord):
		score += 3 // a name, then its verb: Railway is, Kyle's title
	case b0.known:
		score++
	}
	if !b0.starter && b1 != nil && !b0.pairNext {
		switch {
		case b1.lowerWord && !b1.smallExact:
			score += 2
			if strings.HasSuffix(b1.text, "s") || strings.HasSuffix(b1.text, "ed") {
				score++
			}
		case b1.lowerWord:
			score += 0.5
		case b1.known:
		default:
			score--
		}
	}
	// The title ends well.
	switch t := last.text; {
	case strings.HasSuffix(t, "?"):
		score += 4
	case strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";"):
		score -= 6
	case strings.HasSuffix(t, "."):
		score -= 2
	}
	if k > 1 && (last.small || last.starterAs) {
		score -= 4 // a title does not end on "and", "the" or "The"
	}
	// A name is not cut in two.
	if last.pairNext {
		score -= 5
	}
	// The title reads like the page's other titles.
	score += styleCost
	// Titles are short.
	if k > 12 {
		score -= float64(k-12) / 2
	}
	return score, oneName
}

// styleCostOf is what the title word w[i] costs a split's score when it
// breaks the page's title style.
func styleCostOf(w []splitWord, i int, style string) float64 {
	t := &w[i]
	switch {
	case i == 0 || t.small || t.known || t.noLetters:
	case style == titleCase && t.lowerWord:
		return -3
	case style == sentenceCase && t.upperStart && !t.acronym:
		return -4 // a capital in a sentence-case title is a name we know
	}
	return 0
}

// wordShape counts a word's capitals, and tells whether it has a letter
// and whether it is all ASCII.
func wordShape(t string) (upper int, letter, ascii bool) {
	// ASCII, most words, by a table; from the first byte beyond, rune by
	// rune.
	var shape uint8
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			u, l := wordShapeBeyond(t[i:])
			return upper + u, shape&asciiLetter != 0 || l, false
		}
		s := asciiShapes[c]
		upper += int(s & asciiUpper)
		shape |= s
	}
	return upper, shape&asciiLetter != 0, true
}

// The shape of an ASCII byte, for wordShape: asciiUpper is 1, a count.
const (
	asciiUpper uint8 = 1 << iota
	asciiLetter
)

var asciiShapes = func() (shapes [utf8.RuneSelf]uint8) {
	for c := 'A'; c <= 'Z'; c++ {
		shapes[c] = asciiUpper | asciiLetter
		shapes[c+'a'-'A'] = asciiLetter
	}
	return shapes
}()

// wordShapeBeyond is wordShape read rune by rune.
func wordShapeBeyond(t string) (upper int, letter bool) {
	for _, r := range t {
		switch {
		case 'A' <= r && r <= 'Z':
			upper++
			letter = true
		case 'a' <= r && r <= 'z':
			letter = true
		case r < utf8.RuneSelf:
		case schema.IsUpper(r):
			upper++
			letter = true
		case schema.IsLetter(r):
			letter = true
		}
	}
	return upper, letter
}

// isRole tells a word that may stand before a name as its title
// (roleWords): asked of a few words a heading, not worked out for all.
func (w *splitWord) isRole() bool { return roleWords[w.key] }

// isCommon tells a word the page writes in lower case elsewhere.
func (w *splitWord) isCommon() bool { return w.lower.has(w.key) }

// isAcronym tells GPT-5, AI, CI/CD: more than one capital.
func isAcronym(w string) bool {
	upper, _, _ := wordShape(w) // counts as schema.IsUpper does, ASCII by a table
	return upper > 1
}
