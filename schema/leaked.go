package schema

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads leaked JSON: the blob of Python-literal fragments that
// the pipeline prints when its lenient JSON repair swallows the rest of an
// episode into one chapter's quote list (FORMAT.md §4). The nesting of the
// blob is an artifact of the misread, so the reader flattens it into one
// stream of events (keys, texts, numbers, time pairs) and rebuilds chapter
// records, entities and metadata from the order of the events alone. It
// never fails: unreadable bytes are skipped, unclosed strings and brackets
// end at the end of the input.

// Leaked is what a blob carries.
type Leaked struct {
	Chapters []LeakedChapter
	Entities []LeakedEntity
	Tags     []string
	// SEOTitle, SEODescription and Confidence are set when the blob has them.
	SEOTitle, SEODescription *string
	Confidence               *LeakedConfidence
	// Stray are texts the reader could not place in any record.
	Stray []string
	// Texts are all the text values read: what a repair must keep.
	Texts []string
}

// LeakedChapter is one chapter record recovered from a blob.
type LeakedChapter struct {
	Start    float64
	HasStart bool
	Title    string
	Summary  string
	Quotes   []LeakedQuote
}

// LeakedQuote is a quote with its time in seconds, when the blob gave one.
type LeakedQuote struct {
	Text    string
	At      int
	HasAt   bool
	Speaker string
}

// LeakedEntity is an entity record; fields the blob lost are empty.
type LeakedEntity struct {
	Name, Type, Description string
}

// LeakedConfidence is the pipeline's confidence record.
type LeakedConfidence struct {
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

// ReadLeaked reads the items of a blob: each is one quote line (or
// paragraph) as printed by the renderer, a Python literal or raw text.
func ReadLeaked(items []string) *Leaked {
	var events []event
	for _, item := range items {
		t := strings.TrimSpace(item)
		if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			events = lexLiteral(t, events, false)
		} else {
			events = appendText(events, t, false)
		}
	}
	return buildLeaked(events)
}

// appendText adds a text item; a text that is itself a JSON fragment
// (`title": "X`, `\n ]\n },\n {\n "start": 3620.0,`) is read as events.
func appendText(events []event, text string, open bool) []event {
	if len(events) >= maxLeakedEvents {
		return events
	}
	if isFragment(text) {
		return lexFragment(text, events)
	}
	if strings.TrimSpace(text) == "" {
		return events
	}
	return append(events, event{kind: evText, text: text, open: open})
}

// fragmentKeyRe finds a JSON key in text: `"title":` or, cut off at the
// start, `title":`.
var fragmentKeyRe = regexp.MustCompile(`(?:^|["'\s{,])([A-Za-z_]+)["']\s*:`)

// isFragment tells a piece of the document's JSON syntax from real text:
// it holds a key, or nothing but brackets, commas and line breaks.
func isFragment(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	return IsBracketDebris(t) || fragmentKeyRe.MatchString(t)
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
func lexFragment(text string, events []event) []event {
	t := strings.TrimLeft(text, " \t\r\n")
	if t != "" && !strings.ContainsRune("[]{}'\",:", rune(t[0])) {
		if end := closingQuote(t); end >= 0 {
			lead := t[:end]
			j := skipSpace(t, end+1)
			if j < len(t) && t[j] == ':' {
				events = append(events, event{kind: evKey, text: strings.TrimSpace(lead)})
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
			i++
		case c == '[':
			if p, n, ok := readPair(s[i:]); ok {
				events = append(events, p)
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
			events = appendText(events, str, !closed)
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
				events = appendText(events, word, false)
			}
			i = j
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return events
}

var keywords = map[string]bool{"True": true, "False": true, "None": true, "true": true, "false": true, "null": true, "NaN": true, "Infinity": true}

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
	p, ok := parseTimePair(s[:end+1])
	if !ok {
		return event{}, 0, false
	}
	return event{kind: evPair, m: p.Minutes, s: p.Seconds}, end + 1, true
}

// readString reads a quoted string with backslash escapes. An unclosed
// string runs to the end of s.
func readString(s string) (string, int, bool) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1, true
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u', 'x':
				width := 4
				if e == 'x' {
					width = 2
				}
				if i+width < len(s) {
					if r, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32); err == nil {
						b.WriteRune(rune(r))
						i += width
						continue
					}
				}
				b.WriteByte(e)
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), len(s), false
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
	out     *Leaked
	cur     *LeakedChapter
	mode    string // the key whose value the next texts belong to
	title   []piece
	summary []piece
	quote   []piece
	// pendingTitle is a title read before the record it belongs to starts.
	pendingTitle string
	entity       *LeakedEntity
}

func buildLeaked(events []event) *Leaked {
	b := &leakBuilder{out: &Leaked{}}
	for i := 0; i < len(events); i++ {
		e := events[i]
		if e.kind == evText {
			b.out.Texts = append(b.out.Texts, e.text)
		}
		switch e.kind {
		case evKey:
			b.key(e.text, events, &i)
		case evText:
			b.text(piece{text: e.text})
		case evNumber:
			b.number(e)
		case evPair:
			b.pair(e.m*60 + e.s)
		}
	}
	b.endMode()
	b.finishRecord()
	b.finishEntity()
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
	return b.out
}

// key handles a key; for `start` and `score` it takes the number after it.
func (b *leakBuilder) key(k string, events []event, i *int) {
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
			b.cur = &LeakedChapter{Start: n.num, HasStart: true, Title: b.pendingTitle}
			b.pendingTitle = ""
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
		b.entity = &LeakedEntity{}
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

func (b *leakBuilder) confidence() *LeakedConfidence {
	if b.out.Confidence == nil {
		b.out.Confidence = &LeakedConfidence{}
	}
	return b.out.Confidence
}

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
			b.entity = &LeakedEntity{}
		}
		field := map[string]*string{"name": &b.entity.Name, "type": &b.entity.Type, "description": &b.entity.Description}[b.mode]
		*field = joinText(*field, p.text)
	case "speaker":
		if b.cur != nil && len(b.cur.Quotes) > 0 && b.cur.Quotes[len(b.cur.Quotes)-1].Speaker == "" {
			b.cur.Quotes[len(b.cur.Quotes)-1].Speaker = p.text
		} else {
			b.out.Stray = append(b.out.Stray, p.text)
		}
	case "tags":
		b.out.Tags = append(b.out.Tags, p.text)
	case "seo_title":
		b.out.SEOTitle = appendOpt(b.out.SEOTitle, p.text)
	case "seo_description":
		b.out.SEODescription = appendOpt(b.out.SEODescription, p.text)
	case "rationale":
		c := b.confidence()
		c.Rationale = joinText(c.Rationale, p.text)
	default:
		b.out.Stray = append(b.out.Stray, p.text)
	}
}

func appendOpt(s *string, text string) *string {
	if s == nil {
		return &text
	}
	joined := joinText(*s, text)
	return &joined
}

// joinText adds a piece of split text to what was read before it.
func joinText(before, text string) string {
	if before == "" {
		return text
	}
	return before + ", " + text
}

func (b *leakBuilder) number(e event) {
	p := piece{text: e.text, isInt: e.isInt, num: int(e.num)}
	switch b.mode {
	case "title", "summary", "quotes", "text":
		b.text(p)
	}
}

// pair ends the quote being read: the pair is its time.
func (b *leakBuilder) pair(at int) {
	if b.mode != "quotes" && b.mode != "text" || b.cur == nil {
		return
	}
	if len(b.quote) == 0 {
		return
	}
	b.cur.Quotes = append(b.cur.Quotes, LeakedQuote{Text: joinPieces(b.quote), At: at, HasAt: true})
	b.quote = nil
}

// endMode stores what the texts of the current mode built.
func (b *leakBuilder) endMode() {
	if len(b.title) > 0 {
		t := joinPieces(b.title)
		switch {
		case b.cur != nil && b.cur.Title == "" && len(b.cur.Quotes) == 0 && b.cur.Summary == "":
			b.cur.Title = t
		case b.pendingTitle != "":
			// Two titles with no record between them: keep both visible.
			b.out.Stray = append(b.out.Stray, b.pendingTitle)
			b.pendingTitle = t
		default:
			b.pendingTitle = t
		}
		b.title = nil
	}
	if len(b.summary) > 0 {
		s := joinPieces(b.summary)
		if b.cur == nil {
			b.cur = &LeakedChapter{Title: b.pendingTitle}
			b.pendingTitle = ""
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
			b.cur = &LeakedChapter{}
		}
		b.cur.Quotes = append(b.cur.Quotes, LeakedQuote{Text: joinPieces(b.quote)})
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
	switch {
	case b.entity == nil:
	case b.entity.Name != "":
		b.out.Entities = append(b.out.Entities, *b.entity)
	default:
		// Fields without a name fit no entity.
		for _, f := range []string{b.entity.Type, b.entity.Description} {
			if f != "" {
				b.out.Stray = append(b.out.Stray, f)
			}
		}
	}
	b.entity = nil
}

// MatchLeaked finds, for each recovered chapter, the chapter of ep it
// belongs to: an orphan or empty chapter (no prose) whose heading time
// equals the record's start. The result has nil where there is none; a
// chapter is matched at most once.
func MatchLeaked(ep *Episode, lk *Leaked) []*Chapter {
	out := make([]*Chapter, len(lk.Chapters))
	used := map[*Chapter]bool{}
	for i, rec := range lk.Chapters {
		if !rec.HasStart {
			continue
		}
		for _, c := range ep.Chapters {
			if used[c] || !c.Start.Valid || c.Start.Seconds != int(rec.Start) || len(c.Prose()) > 0 {
				continue
			}
			out[i] = c
			used[c] = true
			break
		}
	}
	return out
}
