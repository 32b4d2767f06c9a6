// Package leak reads leaked JSON: the blob of Python-literal fragments that
// the pipeline prints when its lenient JSON repair swallows the rest of an
// episode into one chapter's quote list (FORMAT.md §4). The nesting of the
// blob is an artifact of the misread, so the reader flattens it into one
// stream of events (keys, texts, numbers, time pairs) and rebuilds chapter
// records, entities and metadata from the order of the events alone. It
// never fails: unreadable bytes are skipped, unclosed strings and brackets
// end at the end of the input.
package leak

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// Blob is what a leaked blob carries.
type Blob struct {
	Chapters []Chapter
	Entities []Entity
	Tags     []string
	// SEOTitle, SEODescription and Confidence are set when the blob has them.
	SEOTitle, SEODescription *string
	Confidence               *Confidence
	// Stray are texts the reader could not place in any record.
	Stray []string
	// Texts are all the text values of the records and the stray texts,
	// as joined: what a repair must keep.
	Texts []string
	// OutOfOrder says, for each key met where the pipeline's order of
	// fields has no place for it, what was wrong ("at before its quote"):
	// the records cannot be told apart there, and a repair would put a
	// value under the wrong record.
	OutOfOrder []string
	// Unplaced are words of the blob in none of its texts that cannot be
	// syntax either (see isSyntaxWord), in the order they stand: text the
	// reader took for syntax, which a repair would lose.
	Unplaced []string
}

// Chapter is one chapter record recovered from a blob.
type Chapter struct {
	Start    float64
	HasStart bool
	Title    string
	// TitleCut: the title's string was cut off by the end of its
	// fragment and nothing read after it went on with it, so where the
	// title ends is unknown (it may be the start of a longer one).
	TitleCut bool
	Summary  string
	Quotes   []Quote
}

// Quote is a quote with its time in seconds, when the blob gave one.
type Quote struct {
	Text    string
	At      int
	HasAt   bool
	Speaker string
}

// Entity is an entity record; fields the blob lost are empty.
type Entity struct {
	Name, Type, Description string
}

// Confidence is the pipeline's confidence record.
type Confidence struct {
	Score     float64
	HasScore  bool
	Rationale string
}

// maxLeakedEvents bounds the work on hostile input; a real blob of a long
// episode holds a few thousand events.
const maxLeakedEvents = 1 << 20

// eventKind is the kind of a flattened blob event.
type eventKind int

const (
	evKey eventKind = iota
	evText
	evNumber
	evPair
	evWord // True, False, None
	evDict // the opening brace of a dict: the fields that follow are its
	// evBadTime is a list of numbers that is not a time pair ([1.5, 10],
	// [1, 10, 5]): its numbers are no text, and no record holds it.
	evBadTime
)

type event struct {
	kind eventKind
	text string
	num  float64
	isInt,
	// open marks a string cut off by the end of its fragment: its value
	// goes on in the items that follow.
	open bool
	m, s int
}

// readKey is a blob's key in a document's memo: its items, joined.
type readKey string

// ReadOn is Read of items found on doc, read once per document: the rule
// that reports a blob and the fixer that recovers it share one reading.
// The Blob returned is shared: callers must not change it.
func ReadOn(doc *schema.Document, items []string) *Blob {
	return doc.Memo(keyOf(items), func() any { return Read(items) }).(*Blob)
}

func keyOf(items []string) readKey { return readKey(strings.Join(items, "\x00")) }

// Remember records b as the reading of items on doc, for ReadOn: a
// reading made before doc was (restoring a flattened page reads its blob
// for titles) serves doc's rules and fixers. b must be Read(items).
func Remember(doc *schema.Document, items []string, b *Blob) {
	doc.Memo(keyOf(items), func() any { return b })
}

// Read reads the items of a blob: each is one quote line (or
// paragraph) as printed by the renderer, a Python literal or raw text.
func Read(items []string) *Blob {
	// About an event for each quoted string, so that a blob of many pieces
	// does not grow its list twenty times over; at most 65,536 at first (4
	// MB), since quote marks in raw text are no events.
	n := 0
	for _, item := range items {
		n += (strings.Count(item, "'")+strings.Count(item, `"`))/2 + 1
	}
	events := make([]event, 0, min(n, 1<<16))
	for _, item := range items {
		t := strings.TrimSpace(item)
		if startsLiteral(t) {
			events = lexLiteral(t, events, false)
		} else {
			events = appendText(events, t, false, false)
		}
	}
	b := buildLeaked(events)
	if n := len(items); n > 0 && endsInKey(items[n-1]) {
		// The value of the blob's last key lies past its end, on lines it
		// does not hold.
		b.OutOfOrder = append(b.OutOfOrder, "its last key's value past its end")
	}
	b.Unplaced = unplaced(items, b.Texts)
	return b
}

// startsLiteral tells an item that is a Python literal, or a run of list
// items (`'a', [0, 9], 'b'`), from raw text: it opens a dict or a list, or
// it is a quoted string that closes before a comma or at its end.
func startsLiteral(t string) bool {
	if t == "" {
		return false
	}
	switch t[0] {
	case '{', '[':
		return true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		// A number alone: a thousands group split off the text before it,
		// printed on a line of its own.
		_, n := readNumber(t)
		return n == len(t)
	case '\'', '"':
		_, n, closed := readString(t)
		if !closed {
			return false
		}
		rest := strings.TrimLeft(t[n:], " \t")
		return rest == "" || rest[0] == ','
	}
	return false
}

// appendText adds a text item; a text that is itself a JSON fragment
// (`title": "X`, `\n ]\n },\n {\n "start": 3620.0,`) is read as events.
//
// A string value of a literal (value) is a fragment only by what the
// pipeline's JSON prints inside one: bracket debris, or a key of the
// episode JSON closed by a double quote mark. Anything else is its text:
// `the log said 'at': 12` or `read "Draft": ratio 3:2` in a summary.
func appendText(events []event, text string, open, value bool) []event {
	if len(events) >= maxLeakedEvents {
		return events
	}
	if value && isValueFragment(text) || !value && isFragment(text) {
		return lexFragment(text, events)
	}
	if strings.TrimSpace(text) == "" {
		return events
	}
	return append(events, event{kind: evText, text: text, open: open})
}

// isFragment tells a piece of the document's JSON syntax from real text:
// it holds a key (`"title":`, or `title":` cut off at the start), or
// nothing but brackets, commas and line breaks.
func isFragment(text string) bool { return holdsKey(text, isFragmentKey) }

// isValueFragment is isFragment for a string value (see appendText).
func isValueFragment(text string) bool {
	return holdsKey(text, func(t string, q int) bool { return t[q] == '"' && isBlobKey(t, q) })
}

// holdsKey tells text that is nothing but brackets, commas and line
// breaks, or that holds a quoted key which key accepts (see hasQuotedKey)
// and a value after its colon: the two ways JSON syntax shows.
func holdsKey(text string, key func(t string, q int) bool) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	return IsBracketDebris(t) || hasQuotedKey(t, func(t string, q int) bool {
		return key(t, q) && valueFollows(t, q)
	})
}

// valueFollows tells whether a value, or the end of t, follows the colon
// after the quote mark at q, as after a key of the pipeline's JSON: a
// string, list, dict, number, escape (`\n` printed in a string) or
// keyword. Prose goes on with a word: `the quote 'quotes': appears`.
func valueFollows(t string, q int) bool {
	i := q + 1
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	i++ // the colon
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	if i >= len(t) || strings.IndexByte("\"'[{-0123456789\\", t[i]) >= 0 {
		return true
	}
	for _, w := range valueWords {
		if rest, ok := strings.CutPrefix(t[i:], w); ok && (rest == "" || !isLetter(rest[0])) {
			return true
		}
	}
	return false
}

// IsText tells whether text is a fragment of the pipeline's JSON: it holds
// a key of the episode JSON followed by its closing quote, a colon and a
// value ('start': 412.0, "title": ", or title": " at the cut-off start of a
// string), or only brackets and commas. Prose almost never writes a quoted
// word straight before a colon, and then goes on with a word.
func IsText(text string) bool { return holdsKey(text, isEpisodeKey) }

// hasQuotedKey tells whether t has a quote mark, then optional white
// space, then a colon, where key accepts what stands before the quote mark
// (t[:q], q the quote mark's offset). The scan jumps from colon to colon (a
// vectorized byte search) and looks back: each byte is looked at a bounded
// number of times, so it is linear in t, with no backtracking.
func hasQuotedKey(t string, key func(t string, q int) bool) bool {
	for from := 0; ; {
		i := strings.IndexByte(t[from:], ':')
		if i < 0 {
			return false
		}
		q := from + i - 1
		for q >= 0 && isSpace(t[q]) {
			q--
		}
		if q >= 0 && (t[q] == '"' || t[q] == '\'') && key(t, q) {
			return true
		}
		from += i + 1
	}
}

// isFragmentKey: letters and underscores end at q, after the start of t,
// a quote mark, white space, `{` or `,`.
func isFragmentKey(t string, q int) bool {
	k := q
	for k > 0 && isLetter(t[k-1]) { // letters and underscores
		k--
	}
	if k == q {
		return false
	}
	return k == 0 || strings.IndexByte("\"' \t\n\f\r{,", t[k-1]) >= 0
}

// isKeyLike tells whether s could be a key: ASCII letters, digits and
// underscores, at least one.
func isKeyLike(s string) bool { return s != "" && keyBefore(s, len(s)) == s }

// isEpisodeKey: the word (ASCII letters, digits, underscores) that ends at
// q is a key of the episode JSON.
func isEpisodeKey(t string, q int) bool { return episodeKeys[keyBefore(t, q)] }

// keyBefore is the word (ASCII letters, digits, underscores) that ends at q.
func keyBefore(t string, q int) string {
	k := q
	for k > 0 && (isLetter(t[k-1]) || '0' <= t[k-1] && t[k-1] <= '9') {
		k--
	}
	return t[k:q]
}

// episodeKeys are the keys of the episode JSON a leaked fragment shows.
var episodeKeys = map[string]bool{
	"start": true, "title": true, "summary": true, "quotes": true, "entities": true, "name": true,
	"type": true, "description": true, "tags": true, "seo_title": true, "seo_description": true,
	"confidence": true, "text": true, "at": true, "speaker": true, "chapters": true,
}

// isSpace is white space as JSON and Python literals see it around a
// colon: tab, newline, form feed, carriage return and space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// IsBracketDebris tells text made only of brackets, commas, colons and line
// breaks (real or escaped): `] }, {`, the seams of leaked JSON.
func IsBracketDebris(t string) bool {
	bracket := false
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '[', ']', '{', '}':
			bracket = true
		case '(', ')', ',', ':', ' ', '\t', '\r', '\n':
		case '\\':
			if i+1 < len(t) && t[i+1] == 'n' {
				i++
				continue
			}
			return false
		default:
			return false // the first letter settles it: prose is never debris
		}
	}
	return bracket
}

// lexFragment reads JSON text that may start or end in the middle of a
// token: `title": "Mercator, power` starts inside a key and ends inside a
// string.
//
// A fragment that starts with neither a bracket nor a quote starts inside a
// string whose opening quote was cut off: its text runs to the first quote
// mark that closes a value (one followed by `,`, `:`, `]`, `}` or the end).
// When a colon follows, the text was a key if it could be one (a word);
// otherwise the quote mark and the colon are text too, as in a quote that
// ends `the "Ledger":`.
func lexFragment(text string, events []event) []event {
	t := strings.TrimLeft(text, " \t\r\n")
	if t != "" && !strings.ContainsRune("[]{}'\",:", rune(t[0])) {
		if end := closingQuote(t); end >= 0 {
			lead := t[:end]
			j := skipSpace(t, end+1)
			if j < len(t) && t[j] == ':' {
				if isKeyLike(strings.TrimSpace(lead)) {
					events = append(events, event{kind: evKey, text: strings.TrimSpace(lead)})
				} else {
					events = append(events, event{kind: evText, text: t[:j+1]})
				}
				return lexLiteral(t[j+1:], events, true)
			}
			if strings.TrimSpace(lead) != "" {
				events = append(events, event{kind: evText, text: lead})
			}
			return lexLiteral(t[end+1:], events, true)
		}
	}
	return lexLiteral(text, events, true)
}

// closingQuote finds the first quote mark in t that ends a value.
func closingQuote(t string) int {
	for i := 0; i < len(t); i++ {
		if t[i] != '\'' && t[i] != '"' {
			continue
		}
		j := skipSpace(t, i+1)
		if j == len(t) || strings.IndexByte(",:]}", t[j]) >= 0 {
			return i
		}
	}
	return -1
}

// lexLiteral flattens Python or JSON literal text into events. In a
// fragment, a string cut off by the end is an open value.
func lexLiteral(s string, events []event, fragment bool) []event {
	// dicts tracks, per open bracket, whether it is a dict, so that a string
	// followed by ':' inside one is read as a key.
	var dicts []bool
	for i := 0; i < len(s) && len(events) < maxLeakedEvents; {
		c := s[i]
		switch {
		case c == '{':
			dicts = append(dicts, true)
			events = append(events, event{kind: evDict})
			i++
		case c == '[':
			if p, n, ok := readPair(s[i:]); ok {
				events = append(events, p)
				i += n
				continue
			}
			if n, ok := readBadTime(s[i:]); ok {
				events = append(events, event{kind: evBadTime, text: s[i : i+n]})
				i += n
				continue
			}
			dicts = append(dicts, false)
			i++
		case c == '}' || c == ']':
			if len(dicts) > 0 {
				dicts = dicts[:len(dicts)-1]
			}
			i++
		case c == '\'' || c == '"':
			str, n, closed := readString(s[i:])
			i += n
			j := skipSpace(s, i)
			if j < len(s) && s[j] == ':' {
				events = append(events, event{kind: evKey, text: str})
				i = j + 1
				continue
			}
			if fragment {
				// Inside JSON text, a value is real text, never syntax.
				if strings.TrimSpace(str) != "" {
					events = append(events, event{kind: evText, text: str, open: !closed})
				}
				continue
			}
			events = appendText(events, str, !closed, true)
		case c == '-' || (c >= '0' && c <= '9'):
			num, n := readNumber(s[i:])
			events = append(events, num)
			i += n
		case isLetter(c):
			// A bare word: a Python or JSON keyword, or text outside any
			// string, which is kept as text so that no word is lost.
			j := i
			for j < len(s) && strings.IndexByte(",:[]{}'\"", s[j]) < 0 {
				j++
			}
			word := strings.TrimSpace(s[i:j])
			if keywords[word] {
				events = append(events, event{kind: evWord, text: word})
			} else {
				events = appendText(events, word, false, false)
			}
			i = j
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return events
}

// valueWords are the keywords that stand for a value in Python's and
// JSON's printing: where one follows a key's colon, the key is syntax.
var valueWords = []string{"None", "True", "False", "null", "true", "false"}

// keywords are the bare words the lexer reads as values: valueWords, and
// the NaN and Infinity Python prints for floats.
var keywords = func() map[string]bool {
	out := map[string]bool{"NaN": true, "Infinity": true}
	for _, w := range valueWords {
		out[w] = true
	}
	return out
}()

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func skipSpace[T string | []byte](s T, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// readPair reads `[m, s]` (two integers) at the start of s.
func readPair(s string) (event, int, bool) {
	// A pair is short; looking further would make `[[[[…` quadratic.
	end := strings.IndexByte(s[:min(len(s), 25)], ']')
	if end < 0 {
		return event{}, 0, false
	}
	p, ok := schema.ParseTimePair(s[:end+1])
	if !ok {
		return event{}, 0, false
	}
	return event{kind: evPair, m: p.Minutes, s: p.Seconds}, end + 1, true
}

// readBadTime reads, at the start of s, a short list that holds nothing
// but numbers and the punctuation of times, and is no pair: a time the
// pipeline wrote wrong. Its numbers would otherwise be read as pieces of
// the quote before it ("Q.", 1.5, 10 as "Q., 1.5,010").
func readBadTime(s string) (int, bool) {
	end := strings.IndexByte(s[:min(len(s), 25)], ']')
	if end < 0 || !schema.TimeLike(s[1:end]) {
		return 0, false
	}
	return end + 1, true
}

// readString reads a quoted string with backslash escapes. An unclosed
// string runs to the end of s.
func readString(s string) (string, int, bool) {
	q := s[0]
	// Most strings hold no escape: they are the text between the marks,
	// found by two searches of many bytes at a time (the mark, then a
	// backslash before it). Otherwise the loop reads the string again, so
	// that a string is read at most twice.
	if j := strings.IndexByte(s[1:], q); j >= 0 && strings.IndexByte(s[1:1+j], '\\') < 0 {
		return s[1 : 1+j], j + 2, true
	}
	var b strings.Builder
	for i := 1; i < len(s); {
		// The bytes up to the closing quote or the next escape, whole.
		if j := plainEnd(s, i, q); j > i {
			b.WriteString(s[i:j])
			if i = j; i == len(s) {
				break
			}
		}
		switch c := s[i]; {
		case c == q:
			return b.String(), i + 1, true
		case c == '\\' && i+1 < len(s):
			i = writeEscape(&b, s, i+1)
		default: // a backslash at the end
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), len(s), false
}

// writeEscape writes what the escape whose letter is s[i] stands for
// (a backslash stands before it) and returns where s goes on.
func writeEscape(b *strings.Builder, s string, i int) int {
	switch e := s[i]; e {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'u', 'x', 'U':
		r, n := readEscape(s[i:])
		if n == 0 {
			// Not a character: keep the escape as written.
			b.WriteByte('\\')
			b.WriteByte(e)
			return i + 1
		}
		b.WriteRune(r)
		return i + n
	case '\\', '\'', '"', '/':
		b.WriteByte(e)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	default:
		// Python keeps the backslash of an escape it does not know.
		b.WriteByte('\\')
		b.WriteByte(e)
	}
	return i + 1
}

// plainEnd is where the first quote q or backslash of s from i on stands,
// or len(s).
func plainEnd(s string, i int, q byte) int {
	for i < len(s) && s[i] != q && s[i] != '\\' {
		i++
	}
	return i
}

// readEscape reads the character of a \x, \u or \U escape at the start of
// s (s[0] is the letter) and how many bytes it spans; a UTF-16 surrogate
// pair written as two \u escapes is one character. n is 0 when the escape
// is not a valid character (a lone surrogate, too few hex digits).
func readEscape(s string) (r rune, n int) {
	width := 0
	switch s[0] {
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	}
	if width == 0 || len(s) < 1+width {
		return 0, 0
	}
	v, ok := schema.ParseHex(s[1 : 1+width])
	if !ok || v > utf8.MaxRune {
		return 0, 0
	}
	r, n = rune(v), 1+width
	if s[0] == 'u' && utf16.IsSurrogate(r) {
		// A high surrogate must be followed by \u and a low one.
		if r >= 0xdc00 || len(s) < n+6 || s[n] != '\\' || s[n+1] != 'u' {
			return 0, 0
		}
		low, ok := schema.ParseHex(s[n+2 : n+6])
		if !ok {
			return 0, 0
		}
		pair := utf16.DecodeRune(r, rune(low))
		if pair == utf8.RuneError {
			return 0, 0
		}
		return pair, n + 6
	}
	if utf16.IsSurrogate(r) {
		return 0, 0
	}
	return r, n
}

func readNumber(s string) (event, int) {
	i := 0
	if s[0] == '-' {
		i++
	}
	isInt := true
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
		(i > 0 && (s[i] == '+' || s[i] == '-') && (s[i-1] == 'e' || s[i-1] == 'E'))) {
		if s[i] < '0' || s[i] > '9' {
			isInt = false
		}
		i++
	}
	if i == 0 || (i == 1 && s[0] == '-') {
		return event{kind: evWord, text: s[:max(i, 1)]}, max(i, 1)
	}
	f, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return event{kind: evWord, text: s[:i]}, i
	}
	return event{kind: evNumber, num: f, isInt: isInt, text: s[:i]}, i
}

// piece is one item of split text: a text, or a number that followed it.
type piece struct {
	text  string
	isInt bool
	num   int
	open  bool // a string cut off by the end of its fragment
}

// joinPieces rejoins text the lenient parser split at ", ": an integer right
// after text ending in a digit is a thousands group (`'12', 500` is
// "12,500") and the text after it joins with a space; other pieces rejoin
// with ", ".
func joinPieces(ps []piece) string {
	var b strings.Builder
	afterGroup := false
	for i, p := range ps {
		s := b.String()
		if p.isInt && i > 0 && s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9' && p.num >= 0 && p.num < 1000 {
			b.WriteString(",")
			b.WriteString(pad3(p.num))
			afterGroup = true
			continue
		}
		switch {
		case i == 0:
		case afterGroup:
			b.WriteString(" ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(strings.TrimSpace(p.text))
		afterGroup = false
	}
	return strings.TrimSpace(b.String())
}

func pad3(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 3-len(s)) + s
}

// leakBuilder turns the event stream into records.
type leakBuilder struct {
	out     *Blob
	cur     *Chapter
	mode    string // the key whose value the next texts belong to
	title   []piece
	summary []piece
	quote   []piece
	// pendingTitle is a title read before the record it belongs to
	// starts; pendingCut, whether it was cut off (Chapter.TitleCut).
	pendingTitle string
	pendingCut   bool
	// quoteDict: a quote's text key came in the dict being read, and
	// quoteFields are the other fields of that quote since (at, speaker).
	// entityDict and entityFields are the same for an entity's name.
	quoteDict, entityDict     bool
	quoteFields, entityFields []string
	entity                    *entityPieces
	// The pieces of the metadata texts, joined once at the end.
	seoTitle, seoDescription, rationale []piece
	hasSEOTitle, hasSEODescription      bool
}

// entityPieces is an entity record being read: each field's split pieces.
type entityPieces struct {
	name, typ, description []piece
}

func buildLeaked(events []event) *Blob {
	b := &leakBuilder{out: &Blob{}}
	for i := 0; i < len(events); i++ {
		e := events[i]
		switch e.kind {
		case evKey:
			b.key(e.text, events, &i)
		case evText:
			b.text(piece{text: e.text, open: e.open})
		case evNumber:
			b.number(e)
		case evPair:
			b.pair(e.m*60 + e.s)
		case evDict:
			b.quoteDict, b.entityDict = false, false
		case evBadTime:
			b.out.Stray = append(b.out.Stray, e.text)
		}
	}
	b.endMode()
	b.finishRecord()
	b.finishEntity()
	if b.hasSEOTitle {
		t := joinPieces(b.seoTitle)
		b.out.SEOTitle = &t
	}
	if b.hasSEODescription {
		t := joinPieces(b.seoDescription)
		b.out.SEODescription = &t
	}
	if len(b.rationale) > 0 {
		b.confidence().Rationale = joinPieces(b.rationale)
	}
	if b.pendingTitle != "" {
		b.out.Stray = append(b.out.Stray, b.pendingTitle)
	}
	if c := b.out.Confidence; c != nil && !c.HasScore {
		// A rationale without its score fits no confidence record.
		if c.Rationale != "" {
			b.out.Stray = append(b.out.Stray, c.Rationale)
		}
		b.out.Confidence = nil
	}
	b.out.Texts = b.out.values()
	return b.out
}

// values lists every text value of the records, as written: the words a
// repair must keep.
func (lk *Blob) values() []string {
	var out []string
	add := func(s ...string) {
		for _, t := range s {
			if t != "" {
				out = append(out, t)
			}
		}
	}
	for _, c := range lk.Chapters {
		add(c.Title, c.Summary)
		for _, q := range c.Quotes {
			add(q.Text, q.Speaker)
		}
	}
	for _, e := range lk.Entities {
		add(e.Name, e.Type, e.Description)
	}
	add(lk.Tags...)
	if lk.SEOTitle != nil {
		add(*lk.SEOTitle)
	}
	if lk.SEODescription != nil {
		add(*lk.SEODescription)
	}
	if lk.Confidence != nil {
		add(lk.Confidence.Rationale)
	}
	add(lk.Stray...)
	return out
}

// key handles a key; for `start` and `score` it takes the number after it.
func (b *leakBuilder) key(k string, events []event, i *int) {
	b.checkOrder(k)
	b.endMode()
	next := func() (event, bool) {
		if *i+1 < len(events) && events[*i+1].kind == evNumber {
			*i++
			return events[*i], true
		}
		return event{}, false
	}
	switch k {
	case "start":
		if n, ok := next(); ok {
			b.finishRecord()
			b.cur = &Chapter{Start: n.num, HasStart: true, Title: b.pendingTitle, TitleCut: b.pendingCut}
			b.pendingTitle, b.pendingCut = "", false
		}
	case "score":
		if n, ok := next(); ok {
			b.confidence().Score, b.confidence().HasScore = n.num, true
		}
	case "entities":
		b.finishRecord()
	case "name":
		// An entity record: the chapters are over.
		b.finishRecord()
		b.finishEntity()
		b.entity = &entityPieces{}
		b.mode = k
	case "at":
		if n, ok := next(); ok && b.cur != nil && len(b.cur.Quotes) > 0 {
			q := &b.cur.Quotes[len(b.cur.Quotes)-1]
			q.At, q.HasAt = int(n.num), true
		}
	default:
		b.mode = k
	}
}

// endsInKey tells an item that ends with a key's colon, perhaps inside
// a string (`"summary": '`), line breaks (`\n`) after it.
func endsInKey(item string) bool {
	t := item
	for {
		t = strings.TrimRight(t, " \t\r\n")
		switch {
		case strings.HasSuffix(t, `\n`):
			t = t[:len(t)-2]
		case strings.HasSuffix(t, "'") || strings.HasSuffix(t, `"`):
			return strings.HasSuffix(strings.TrimRight(t[:len(t)-1], " \t\r\n"), ":")
		default:
			return strings.HasSuffix(t, ":")
		}
	}
}

// checkOrder notes key k when it stands where the pipeline's order of
// fields has no place for it. The reader gives a field to the record it is
// reading, so it must be that record's: a quote's at and speaker come
// after its text in the same dict, an entity's type and description after
// its name, each once, and a chapter's summary before its quotes.
func (b *leakBuilder) checkOrder(k string) {
	wrong := ""
	after := func(inDict bool, fields *[]string, what string) {
		switch {
		case !inDict:
			wrong = k + " before its " + what
		case slices.Contains(*fields, k):
			wrong = k + " twice in one " + what
		default:
			*fields = append(*fields, k)
		}
	}
	switch k {
	case "text":
		b.quoteDict, b.quoteFields = true, b.quoteFields[:0]
	case "at", "speaker":
		after(b.quoteDict, &b.quoteFields, "quote")
	case "name":
		b.entityDict, b.entityFields = true, b.entityFields[:0]
	case "type", "description":
		after(b.entityDict, &b.entityFields, "entity")
	case "summary":
		if c := b.cur; c != nil && (len(c.Quotes) > 0 || len(b.quote) > 0) {
			wrong = "summary after its chapter's quotes"
		}
	}
	if wrong != "" {
		b.out.OutOfOrder = append(b.out.OutOfOrder, wrong)
	}
}

func (b *leakBuilder) confidence() *Confidence {
	if b.out.Confidence == nil {
		b.out.Confidence = &Confidence{}
	}
	return b.out.Confidence
}

// text routes a piece of text (or a number that is part of a text) to the
// field of the current mode.
func (b *leakBuilder) text(p piece) {
	switch b.mode {
	case "title":
		b.title = append(b.title, p)
	case "summary":
		b.summary = append(b.summary, p)
	case "quotes", "text":
		b.quote = append(b.quote, p)
	case "name", "type", "description":
		if b.entity == nil {
			b.entity = &entityPieces{}
		}
		switch b.mode {
		case "name":
			b.entity.name = append(b.entity.name, p)
		case "type":
			b.entity.typ = append(b.entity.typ, p)
		default:
			b.entity.description = append(b.entity.description, p)
		}
	case "speaker":
		if b.cur != nil && len(b.cur.Quotes) > 0 && b.cur.Quotes[len(b.cur.Quotes)-1].Speaker == "" {
			b.cur.Quotes[len(b.cur.Quotes)-1].Speaker = p.text
		} else {
			b.out.Stray = append(b.out.Stray, p.text)
		}
	case "tags":
		b.out.Tags = append(b.out.Tags, p.text)
	case "seo_title":
		b.seoTitle, b.hasSEOTitle = append(b.seoTitle, p), true
	case "seo_description":
		b.seoDescription, b.hasSEODescription = append(b.seoDescription, p), true
	case "rationale":
		b.rationale = append(b.rationale, p)
	default:
		b.out.Stray = append(b.out.Stray, p.text)
	}
}

// number handles a number outside the keys that take one (start, score,
// at): in a text it is part of the text (a split-off thousands group); a
// number that belongs to no text is stray, so that no value goes unseen.
func (b *leakBuilder) number(e event) {
	if b.mode == "" {
		return // between records: the syntax of the misread nesting
	}
	b.text(piece{text: e.text, isInt: e.isInt, num: int(e.num)})
}

// pair ends the quote being read: the pair is its time.
func (b *leakBuilder) pair(at int) {
	if b.mode != "quotes" && b.mode != "text" || b.cur == nil {
		return
	}
	if len(b.quote) == 0 {
		return
	}
	b.cur.Quotes = append(b.cur.Quotes, Quote{Text: joinPieces(b.quote), At: at, HasAt: true})
	b.quote = nil
}

// endMode stores what the texts of the current mode built.
func (b *leakBuilder) endMode() {
	if len(b.title) > 0 {
		t, cut := joinPieces(b.title), b.title[len(b.title)-1].open
		switch {
		case b.cur != nil && b.cur.Title == "" && len(b.cur.Quotes) == 0 && b.cur.Summary == "":
			b.cur.Title, b.cur.TitleCut = t, cut
		case b.pendingTitle != "":
			// Two titles with no record between them: keep both visible.
			b.out.Stray = append(b.out.Stray, b.pendingTitle)
			b.pendingTitle, b.pendingCut = t, cut
		default:
			b.pendingTitle, b.pendingCut = t, cut
		}
		b.title = nil
	}
	if len(b.summary) > 0 {
		s := joinPieces(b.summary)
		if b.cur == nil {
			b.cur = &Chapter{Title: b.pendingTitle, TitleCut: b.pendingCut}
			b.pendingTitle, b.pendingCut = "", false
		}
		if b.cur.Summary != "" {
			b.out.Stray = append(b.out.Stray, s)
		} else {
			b.cur.Summary = s
		}
		b.summary = nil
	}
	if len(b.quote) > 0 {
		if b.cur == nil {
			b.cur = &Chapter{}
		}
		b.cur.Quotes = append(b.cur.Quotes, Quote{Text: joinPieces(b.quote)})
		b.quote = nil
	}
	b.mode = ""
}

func (b *leakBuilder) finishRecord() {
	b.endMode()
	if b.cur != nil {
		b.out.Chapters = append(b.out.Chapters, *b.cur)
		b.cur = nil
	}
}

func (b *leakBuilder) finishEntity() {
	if b.entity == nil {
		return
	}
	e := Entity{Name: joinPieces(b.entity.name), Type: joinPieces(b.entity.typ), Description: joinPieces(b.entity.description)}
	b.entity = nil
	if e.Name != "" {
		b.out.Entities = append(b.out.Entities, e)
		return
	}
	// Fields without a name fit no entity.
	for _, f := range []string{e.Type, e.Description} {
		if f != "" {
			b.out.Stray = append(b.out.Stray, f)
		}
	}
}

// Match finds, for each recovered chapter, the chapter of ep it
// belongs to: an orphan or empty chapter (no prose) whose heading time
// equals the record's start. The result has nil where there is none; a
// chapter is matched at most once.
func Match(ep *schema.Episode, lk *Blob) []*schema.Chapter {
	out := make([]*schema.Chapter, len(lk.Chapters))
	used := map[*schema.Chapter]bool{}
	for i, rec := range lk.Chapters {
		if !rec.HasStart {
			continue
		}
		// The chapters a record may be: those without prose at its start,
		// and at the second after too when the start has a fraction (the
		// heading may have rounded it either way).
		var cands []*schema.Chapter
		at := int(rec.Start)
		for s := at; s <= at+1; s++ {
			if s > at && rec.Start == float64(at) {
				break
			}
			for _, c := range ep.ChaptersAt(s) {
				if !used[c] && len(c.Prose()) == 0 {
					cands = append(cands, c)
				}
			}
		}
		if len(cands) > 1 {
			// Only the record's title tells them apart; none or several
			// of that title leave it unplaced.
			title := strings.Join(strings.Fields(strings.ToLower(rec.Title)), " ")
			cands = slices.DeleteFunc(cands, func(c *schema.Chapter) bool {
				return strings.Join(strings.Fields(strings.ToLower(c.Title.Value)), " ") != title
			})
		}
		if len(cands) == 1 {
			out[i] = cands[0]
			used[cands[0]] = true
		}
	}
	return out
}
