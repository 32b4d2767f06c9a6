package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// TitleSlip is a kind of punctuation or symbol slip in a title, which
// title-format reports and its fixers repair where the repair is
// mechanical.
type TitleSlip int

const (
	// GluedSymbol is an emoji or symbol glued to the first word
	// (`🔬How`): a space goes after it, safely.
	GluedSymbol TitleSlip = iota
	// DoubledMark is a mark written twice or more (`,,`, `!!`, `;;`):
	// one is kept, safely.
	DoubledMark
	// DoubledDots is two dots (`..`): one dot or an ellipsis was meant,
	// which is the editor's call.
	DoubledDots
	// TrailingMark is a title that ends in `,`, `;`, `:` or a lone dash:
	// something after it was cut off, which no fixer can know.
	TrailingMark
)

// TitleMark is one slip of a title: title[Start:End].
type TitleMark struct {
	Start, End int
	Slip       TitleSlip
}

// TitleSlips lists the punctuation and symbol slips of a title, in order.
// Left alone: `?!` and `!?`, an ellipsis (`...`, `…`), a title ending in
// `?`, `!`, `.` or `…` (an abbreviation, a question, a teaser), `::` before
// a letter (`std::vector`, `::new`), dots between digits (`1..10`), and what
// stands in backticks.
func TitleSlips(title string) []TitleMark {
	var out []TitleMark
	if n := gluedSymbol(title); n > 0 {
		out = append(out, TitleMark{Start: 0, End: n, Slip: GluedSymbol})
	}
	code := codeSpans(title)
	for i := 0; i < len(title); {
		c := title[i]
		if !isSlipMark(c) || inAny(code, i) {
			i++
			continue
		}
		j := i
		for j < len(title) && title[j] == c {
			j++
		}
		switch n := j - i; {
		case n < 2:
		case c == '.' && n == 2 && !between(title, i, j, unicode.IsDigit):
			out = append(out, TitleMark{Start: i, End: j, Slip: DoubledDots})
		case c == '.':
		case c == ':' && n == 2 && startsWord(title[j:]):
			// `std::vector`, `Rust's ::new`: a path in code, not a slip.
		default:
			out = append(out, TitleMark{Start: i, End: j, Slip: DoubledMark})
		}
		i = j
	}
	trimmed := strings.TrimRight(title, " \t")
	if last, size := utf8.DecodeLastRuneInString(trimmed); size > 0 {
		end := len(trimmed)
		switch {
		case strings.ContainsRune(",;:", last):
			out = append(out, TitleMark{Start: end - size, End: end, Slip: TrailingMark})
		case strings.ContainsRune("-–—", last) && end > size && trimmed[end-size-1] == ' ':
			out = append(out, TitleMark{Start: end - size, End: end, Slip: TrailingMark})
		}
	}
	return out
}

// isSlipMark tells the marks a title may double by a slip: , ; : ! ? and .
func isSlipMark(c byte) bool {
	switch c {
	case ',', ';', ':', '!', '?', '.':
		return true
	}
	return false
}

// startsWord tells whether s starts with a letter or digit.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return schema.IsWordRune(r)
}

// between tells whether the runes on both sides of title[i:j] are of a kind.
func between(title string, i, j int, kind func(rune) bool) bool {
	before, _ := utf8.DecodeLastRuneInString(title[:i])
	after, _ := utf8.DecodeRuneInString(title[j:])
	return kind(before) && kind(after)
}

// gluedSymbol is the length in bytes of the emoji or symbol a title starts
// with when a letter or digit follows it with no space, else 0.
func gluedSymbol(title string) int {
	n := 0
	for n < len(title) {
		r, size := utf8.DecodeRuneInString(title[n:])
		if !emojiRune(r, n > 0) {
			break
		}
		n += size
	}
	if n == 0 {
		return 0
	}
	next, _ := utf8.DecodeRuneInString(title[n:])
	if !schema.IsWordRune(next) {
		return 0
	}
	return n
}

// emojiRune tells the runes of an emoji or pictographic symbol: symbols
// from the arrows on (not ©, ®, ° or №), and, after one, what joins and
// modifies it (variation selector, zero-width joiner, keycap, skin tones).
func emojiRune(r rune, inside bool) bool {
	if r >= 0x2190 && (unicode.Is(unicode.So, r) || unicode.Is(unicode.Sm, r) && r <= 0x21FF) {
		return true
	}
	return inside && (r == 0xFE0F || r == 0x200D || r == 0x20E3 || (r >= 0x1F3FB && r <= 0x1F3FF))
}

// checkTitleSlips reports a title's punctuation and symbol slips.
func checkTitleSlips(p *Pass, t schema.Text, name func() string) {
	code := codeSpans(t.Value)
	for _, m := range TitleSlips(t.Value) {
		if inAny(code, m.Start) {
			continue
		}
		span, mark := at(p, t, m.Start, m.End-m.Start), t.Value[m.Start:m.End]
		switch m.Slip {
		case GluedSymbol:
			p.ReportFix(SafeFix, span, "%s starts with %s glued to its first word: write a space after it", name(), mark)
		case DoubledMark:
			p.ReportFix(SafeFix, span, "%s has %q: write %q once", name(), mark, mark[:1])
		case DoubledDots:
			p.Report(span, "%s has two dots: write one, or an ellipsis (…)", name())
		case TrailingMark:
			p.Report(span, "%s ends in %q: was the rest cut off?", name(), mark)
		}
	}
}
