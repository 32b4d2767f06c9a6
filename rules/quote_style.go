package rules

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

var quoteStyle = &Rule{
	Name:     "quote-style",
	Category: Style,
	Severity: Warning,
	Title:    "A quote not written as > *\"text\"*",
	Doc: `A quote is one line: ` + "`> *\"TEXT\"*`" + `, then optionally ` + "` — Speaker`" + `, then optionally ` + "` [TS]`" + `. The
double quotes tell readers (and the site's styles) that the words are the speaker's own; a
quote without them reads as the editor's paraphrase. Also reported: a quote in bold or in
` + "`_…_`" + `, in single quote marks, marked twice (` + "`*\"*\"…\"*\"*`" + `), with unbalanced quote marks, with
italics not closed on its line, or without its italics. When the missing marks cannot be
added without a guess, the finding says what podlint would write and why it did not.`,
	Bad:  `> *Every map is an argument about what matters.* [00:09]`,
	Good: `> *"Every map is an argument about what matters."* [00:09]`,
	Run:  runQuoteStyle,
}

func runQuoteStyle(p *Pass) {
	if p.Doc.Format != schema.Markdown {
		return
	}
	leaked := p.leaked().blocks
	for _, c := range p.Episode.Chapters {
		label := "" // c.Label(), written once for the chapter's findings
		for i, b := range c.Blocks {
			q := b.Quote
			if q == nil || q.Pair != nil || leaked[b.Span.Start] || q.Words == "" {
				continue
			}
			if shape := ReadQuoteShape(p.Doc, c.Blocks, i); shape.Problem != "" {
				fix := NoFix
				if shape.Repairable() {
					fix = SafeFix
				}
				// A message of its parts joined: a page may have a finding
				// on every quote, and this is cheaper than formatting.
				if label == "" {
					label = c.Label()
				}
				p.Add(Diagnostic{Span: shape.At, Message: shape.Problem + " (" + label + ")", Fix: fix})
			}
		}
	}
}

// QuoteShape is quote-style's reading of one quote line: what keeps it from
// the canonical `> *"TEXT"*`, and the canonical text when it can be written
// without a guess. The quote-marks fixer applies Repair and nothing else.
type QuoteShape struct {
	// Problem is the finding's message without its chapter; empty for a
	// canonical quote. Without a repair it says why there is none.
	Problem string
	At      schema.Span
	// Span is what Repair replaces.
	Span schema.Span
	// The repair is open, words and close joined, when repairable: kept
	// in parts, as a check only asks whether there is one.
	open, words, close string
	repairable         bool
}

// Repairable tells whether the quote can be repaired (Repair is not empty).
func (q QuoteShape) Repairable() bool { return q.repairable }

// Repair is what replaces Span: the same words with the missing marks
// added around them; empty when the quote cannot be repaired.
func (q QuoteShape) Repair() string {
	if !q.repairable {
		return ""
	}
	return q.open + q.words + q.close
}

// repairWith makes shape repairable by open, words and close.
func (q *QuoteShape) repairWith(open, words, close string) {
	q.open, q.words, q.close, q.repairable = open, words, close, true
}

// Messages for the three ways a quote lacks its marks; the findings of
// shapes podlint cannot repair add what it would write and why it did not.
const (
	noQuoteMarks = `quote is not in double quotes: write *"…"*`
	noMarks      = `quote is not in italics and double quotes: write > *"…"*`
	noItalics    = `quote is not in italics: write > *"…"*`
)

// ReadQuoteShape reads the quote in blocks[i], a quote block of a chapter.
// Only one shape is repaired: words plainly delimited on their own line by
// one `*…*` pair, a `"…"` pair or nothing, holding no quote mark, emphasis
// marker or escape of their own; a lone double quote at either end is
// completed. Every other shape is left as a finding.
func ReadQuoteShape(doc *schema.Document, blocks []schema.Block, i int) QuoteShape {
	b := blocks[i]
	q := b.Quote
	src := doc.Src
	start := contentStart(doc, b)
	// end is where the quote stops: before ` [TS]` when there is one.
	end := b.Span.End
	if q.At != nil {
		end = q.At.Span.Start - len(" [")
	}
	if start >= end {
		return QuoteShape{}
	}
	if src[start] == '*' {
		return readItalicQuote(doc, blocks, i, end)
	}
	shape := QuoteShape{At: schema.Span{Start: start, End: b.Span.End}}
	text := strings.TrimRight(string(src[start:end]), " \t")
	if src[start] == '_' {
		return notFixed(shape, "quote is in _…_, not *…*: write "+guess(text), "podlint does not change emphasis")
	}
	words, quoted, why := quotedWords(text)
	problem := noMarks
	if quoted {
		problem = noItalics
	}
	switch {
	case why != "":
	case quoted && !marksBalanced(words):
		return notFixed(shape, "quote marks are unbalanced: write > *\"…\"*", "podlint cannot tell where the quote ends")
	case quoted && markedTwice(words):
		return notFixed(shape, "quote is marked twice: write > "+guess(text), "podlint does not remove marks")
	case singleQuoted(words):
		return notFixed(shape, "quote is in single quote marks: write > "+guess(text), "the outer marks may be apostrophes")
	case quoted:
		why = wordsProblem(words)
	default:
		why = plainWordsProblem(words)
	}
	if why == "" {
		why = sharesParagraph(doc, blocks, i)
	}
	if why != "" {
		return notFixed(shape, problem, why)
	}
	shape.Problem = problem
	// The span takes the white space after the words with it, so that one
	// space stands before a ` [TS]`.
	shape.Span = schema.Span{Start: start, End: end}
	shape.repairWith(`*"`, words, `"*`)
	if quoted {
		// Curly marks stay as written: only the italics were missing.
		shape.repairWith("*", text, "*")
	}
	return shape
}

// readItalicQuote reads a quote line whose content starts with `*`.
func readItalicQuote(doc *schema.Document, blocks []schema.Block, i, end int) QuoteShape {
	q := blocks[i].Quote
	body := q.Body.Value
	shape := QuoteShape{At: q.Body.Span}
	closed := q.Body.Span.End < end
	switch {
	case !closed:
		why := "podlint does not guess where the italics end"
		if next := adjacent(doc, blocks, i, 1); next >= 0 && blocks[next].Kind == schema.Paragraph {
			why = "the next line goes on with it; write the quote on one line"
		}
		return notFixed(shape, "quote's italics are not closed on its line: write > *\"…\"*", why)
	case strings.HasPrefix(body, "*") || strings.HasSuffix(body, "*"):
		return notFixed(shape, "quote is in bold, not italics: write "+guess(body), "podlint does not change emphasis")
	}
	words, quoted, why := quotedWords(body)
	switch {
	case why != "":
	case quoted && !marksBalanced(words):
		return notFixed(shape, "quote marks are unbalanced: write *\"…\"*", "podlint cannot tell where the quote ends")
	case quoted && markedTwice(words):
		return notFixed(shape, "quote is marked twice: write "+guess(body), "podlint does not remove marks")
	case quoted:
		return QuoteShape{}
	case singleQuoted(words):
		return notFixed(shape, "quote is in single quote marks: write "+guess(body), "the outer marks may be apostrophes")
	default:
		why = wordsProblemMarked(words, false) // quotedWords found no mark in them
	}
	if tail := string(doc.Src[q.Body.Span.End+1 : end]); why == "" && q.Speaker == nil && strings.Trim(tail, " \t") != "" {
		why = "the text after the italics is not ` — Speaker`, and it may belong to the quote"
	}
	if why == "" {
		why = sharesParagraph(doc, blocks, i)
	}
	if why != "" {
		return notFixed(shape, noQuoteMarks, why)
	}
	shape.Problem = noQuoteMarks
	shape.Span = q.Body.Span
	shape.repairWith(`"`, words, `"`)
	return shape
}

func notFixed(shape QuoteShape, problem, why string) QuoteShape {
	shape.Problem = problem + "; not fixed: " + why
	return shape
}

// doubleMarks are the marks that open or close a quote podlint writes, and
// the corner brackets Japanese and Chinese quote with.
const doubleMarks = "\"“”„«»「」『』"

// hasDoubleMark is strings.ContainsAny(s, doubleMarks) as a scan of bytes,
// which that call cannot be for marks beyond ASCII (it decodes every rune
// of s and looks each up). In UTF-8 the marks are '"', E2 80 9C to 9E
// (“ ” „), C2 AB, C2 BB (« ») and E3 80 8C to 8F (「 」 『 』); a lead byte
// never stands inside another character, so a match is always a whole
// mark.
func hasDoubleMark(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); i++ {
		// Eight ASCII bytes without '"' hold no mark: passed over at once.
		if i+8 <= len(s) {
			if x := schema.EightBytes(s, i); x&highs == 0 && schema.ZeroBytes(x^ones*'"') == 0 {
				i += 7
				continue
			}
		}
		switch s[i] {
		case '"':
			return true
		case 0xe2:
			if i+2 < len(s) && s[i+1] == 0x80 && 0x9c <= s[i+2] && s[i+2] <= 0x9e {
				return true
			}
		case 0xc2:
			if i+1 < len(s) && (s[i+1] == 0xab || s[i+1] == 0xbb) {
				return true
			}
		case 0xe3:
			if i+2 < len(s) && s[i+1] == 0x80 && 0x8c <= s[i+2] && s[i+2] <= 0x8f {
				return true
			}
		}
	}
	return false
}

// quotedWords splits text into the words it quotes. quoted is set when a
// pair of double marks encloses the whole text; a lone straight mark at one
// end is taken as the pair with its other half missing. why is set when the
// text holds double marks that enclose something else.
func quotedWords(text string) (words string, quoted bool, why string) {
	for _, pair := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		if len(text) >= len(pair[0])+len(pair[1]) && strings.HasPrefix(text, pair[0]) && strings.HasSuffix(text, pair[1]) {
			return text[len(pair[0]) : len(text)-len(pair[1])], true, ""
		}
	}
	words = text
	switch {
	case strings.HasPrefix(text, `"`):
		words = text[1:]
	case strings.HasSuffix(text, `"`):
		words = text[:len(text)-1]
	}
	if hasDoubleMark(words) {
		return text, false, "the quote holds double quote marks of its own, so podlint cannot tell where it begins and ends"
	}
	return words, false, ""
}

// wordsProblem says why words cannot simply be put in double quotes.
func wordsProblem(words string) string { return wordsProblemMarked(words, hasDoubleMark(words)) }

// wordsProblemMarked is wordsProblem for words of which the caller knows
// whether they hold a double mark (marked): quotedWords looked already.
func wordsProblemMarked(words string, marked bool) string {
	switch {
	case words == "" || strings.TrimSpace(words) != words:
		return "a space or nothing stands inside the marks"
	case marked:
		return "the quote holds double quote marks of its own"
	case hasMarkReference(words):
		return "the quote holds double quote marks of its own, written as HTML references (&quot;)"
	case strings.IndexByte(words, '*') >= 0 || strings.IndexByte(words, '_') >= 0:
		return "the quote holds emphasis markers, and podlint cannot tell which belong to it"
	case strings.Contains(words, `\`):
		return "the quote holds a backslash escape"
	}
	return ""
}

// hasMarkReference tells whether s holds a double quote mark written as an
// HTML character reference (&quot;, &ldquo;, &#8220;, &#x22;): a page
// shows it as the mark itself.
func hasMarkReference(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0; {
		ref := s[i+1:]
		if end := strings.IndexByte(ref[:min(len(ref), 10)], ';'); end > 0 {
			if markReferences[strings.ToLower(ref[:end])] || numericMark(ref[:end]) {
				return true
			}
		}
		next := strings.IndexByte(s[i+1:], '&')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// markReferences are the named references of doubleMarks.
var markReferences = map[string]bool{"quot": true, "ldquo": true, "rdquo": true, "bdquo": true, "laquo": true, "raquo": true}

// numericMark tells a numeric reference (#8220, #x201C) to one of doubleMarks.
func numericMark(ref string) bool {
	if !strings.HasPrefix(ref, "#") {
		return false
	}
	base, digits := 10, ref[1:]
	if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseInt(digits, base, 32)
	return err == nil && n > 0 && strings.ContainsRune(doubleMarks, rune(n))
}

// singleQuoted tells words wrapped in single quote marks, straight or curly.
func singleQuoted(words string) bool {
	return wrappedIn(words, "'", "'") || wrappedIn(words, "‘", "’")
}

// plainWordsProblem is wordsProblem for a line without italics, which may
// also be other Markdown or carry its speaker after a dash. quotedWords
// found no double mark in its words.
func plainWordsProblem(words string) string {
	if why := wordsProblemMarked(words, false); why != "" {
		return why
	}
	for _, dash := range []string{" — ", " – ", " - ", " -- "} {
		if strings.Contains(words, dash) {
			return "a dash may start a speaker, and podlint does not guess"
		}
	}
	first, _ := utf8.DecodeRuneInString(words)
	if !schema.IsWordRune(first) || orderedListItem(words) {
		return "the line may be other Markdown (a list, a heading, a link)"
	}
	return ""
}

// orderedListItem tells text that starts like `1. ` or `2) `.
func orderedListItem(text string) bool {
	digits := len(text) - len(strings.TrimLeft(text, "0123456789"))
	rest := text[digits:]
	return digits > 0 && (strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ")")) && (len(rest) == 1 || rest[1] == ' ')
}

func wrappedIn(s, open, close string) bool {
	return len(s) >= len(open)+len(close) && strings.HasPrefix(s, open) && strings.HasSuffix(s, close)
}

// markedTwice tells words that are themselves wrapped in quote marks or
// emphasis, as in `*"*"…"*"*`.
func markedTwice(words string) bool {
	for _, pair := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"*", "*"}, {"_", "_"}} {
		if wrappedIn(words, pair[0], pair[1]) {
			return true
		}
	}
	return false
}

// marksBalanced tells whether the double quote marks inside a quote's words
// pair up: curly marks nest, and each straight mark opens (before a word) or
// closes (after one) in turn.
func marksBalanced(words string) bool {
	if strings.IndexByte(words, '"') < 0 && strings.IndexByte(words, 0xe2) < 0 {
		return true // no straight mark, and no curly one (both start with 0xe2)
	}
	curly, open := 0, false
	prev := ' '
	for i, r := range words {
		switch r {
		case '“':
			curly++
		case '”':
			if curly--; curly < 0 {
				return false
			}
		case '"':
			next, _ := utf8.DecodeRuneInString(words[i+1:])
			if open && unicode.IsSpace(prev) || !open && (i+1 == len(words) || unicode.IsSpace(next)) {
				return false
			}
			open = !open
		}
		prev = r
	}
	return curly == 0 && !open
}

// sharesParagraph says why a quote line is not a paragraph of its own, or
// returns "". Markdown joins a `>` line with the `>` lines around it and
// with a following line that has no `>` (a lazy continuation); marks added
// to one such line could close a quote that goes on. `[m, s]` pair lines
// are the pipeline's timestamps, not words, and are looked past.
func sharesParagraph(doc *schema.Document, blocks []schema.Block, i int) string {
	for j := adjacent(doc, blocks, i, 1); j >= 0; j = adjacent(doc, blocks, j, 1) {
		b := blocks[j]
		if b.Kind == schema.Paragraph {
			return "the next line has no > and no blank line before it, so Markdown joins it to the quote"
		}
		if b.Kind != schema.QuoteBlock || b.Quote.Words == "" {
			break
		}
		if b.Quote.Pair == nil {
			return "the > line below joins it in one paragraph; put a blank line between quotes"
		}
	}
	for j := adjacent(doc, blocks, i, -1); j >= 0; j = adjacent(doc, blocks, j, -1) {
		b := blocks[j]
		if b.Kind == schema.Paragraph {
			// A paragraph right after a quote line is that quote's lazy
			// continuation; otherwise the `>` line starts a paragraph.
			if k := adjacent(doc, blocks, j, -1); k >= 0 && blocks[k].Kind == schema.QuoteBlock && blocks[k].Quote.Words != "" {
				return "the lines above join it in one paragraph; put a blank line between quotes"
			}
			break
		}
		if b.Kind != schema.QuoteBlock || b.Quote.Words == "" {
			break
		}
		if b.Quote.Pair == nil {
			return "the > line above joins it in one paragraph; put a blank line between quotes"
		}
	}
	return ""
}

// adjacent returns the index of the block right before (step -1) or after
// (step 1) blocks[i] with no blank line between them, or -1.
func adjacent(doc *schema.Document, blocks []schema.Block, i, step int) int {
	j := i + step
	if j < 0 || j >= len(blocks) {
		return -1
	}
	first, second := blocks[i], blocks[j]
	if step < 0 {
		first, second = second, first
	}
	between := string(doc.Src[first.Span.End:second.Span.Start])
	if between != "\n" && between != "\r\n" {
		return -1
	}
	return j
}

// guess writes the canonical form of a quote body written another way, with
// a long quote's middle left out.
func guess(body string) string {
	words := strings.TrimSpace(body)
	for {
		trimmed := strings.TrimSpace(strings.Trim(words, `*_"'“”‘’`))
		if trimmed == words {
			break
		}
		words = trimmed
	}
	if runes := []rune(words); len(runes) > 60 {
		words = string(runes[:28]) + " … " + string(runes[len(runes)-28:])
	}
	return `*"` + words + `"*`
}
