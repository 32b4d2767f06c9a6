package fixers

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// quoteShape is one generated quote line and the lines around it.
type quoteShape struct {
	prefix, open, mark, text, closeMark, close, tail string
	prev, next                                       string
	eol                                              string
}

func (s quoteShape) line() string {
	return s.prefix + s.open + s.mark + s.text + s.closeMark + s.close + s.tail
}

// page puts the line in a chapter, with its neighbours right above and
// below it (no blank line between), and returns the page and the index of
// the quote line.
func (s quoteShape) page() (string, int) {
	lines := []string{"# Tide Pools", "", "A summary of the episode.", "", "## [00:00] Cold open", "", "Ines kneels on wet rock.", ""}
	if s.prev != "" {
		lines = append(lines, s.prev)
	}
	at := len(lines)
	lines = append(lines, s.line())
	if s.next != "" {
		lines = append(lines, s.next)
	}
	lines = append(lines, "", "## [02:00] Later", "", "More prose.", "")
	return strings.Join(lines, s.eol), at
}

// mustBeReported tells shapes that are out of the canonical form whatever
// their words: emphasis other than one `*…*` pair, or marks other than one
// pair of double quote marks.
func (s quoteShape) mustBeReported() bool {
	doubleMarks := s.mark == `"` && s.closeMark == `"` || s.mark == "“" && s.closeMark == "”"
	return s.open != "*" || s.close != "*" || !doubleMarks
}

var (
	shapeEmphasis = [][2]string{{"", ""}, {"*", "*"}, {"**", "**"}, {"***", "***"}, {"_", "_"}, {"__", "__"}, {"*", ""}, {"", "*"}, {"*", "_"}, {"_", "*"}, {"*", "**"}}
	shapeMarks    = [][2]string{{"", ""}, {`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {`"`, ""}, {"", `"`}, {"“", `"`}, {`"`, "”"}, {`""`, `""`}, {"«", "»"}, {`"`, "'"}}
	shapeTexts    = []string{
		"Every map is an argument about what matters.",
		"Don't stop at the first pool.",
		"We had 12,500 volunteers 🎉 and one café.",
		`He said "stop" twice.`,
		`"Partly quoted" and then more.`,
		`Stars" he said, "are patient.`,
		"The _real_ work starts at low tide.",
		"A *bold* claim about tides.",
		"snake_case names in a quote",
		"Ines — the diver — went first.",
		"Low tide - high hopes.",
		"1. First the tide goes out.",
		"- a list item",
		"# not a heading",
		"[a link](https://example.com) at the start.",
		`A back\slash in the words.`,
		" padded with spaces ",
		"'Tis the season for crabs.",
		"When she said 'look closer' I saw them.",
		"She called it ‘the long night’.",
		"Ends with an apostrophe, goin'",
		"日本語の引用です。",
		"A quote that the renderer",
		"Two sentences. Then a question?",
	}
	shapeTails = []string{"", " — Ines Ferro", " [00:05]", " — Ines Ferro [00:05]", " and more words", " -- Ines", " [00:05] — Ines"}
	shapePrev  = []string{"", `> *"An earlier quote."*`, "> *[0, 9]*", "Prose right above.", "<!-- a note -->"}
	shapeNext  = []string{"", "continues on a lazy line.", "> *[0, 35]*", `> *"Another quote."*`, "## [01:00] Next chapter", "<!-- a note -->"}
)

// randomQuoteShape draws every part at random; half of the time from the
// parts of shapes close to the canonical one, so that both outcomes are
// well covered.
func randomQuoteShape(r *rand.Rand) quoteShape {
	pick := func(list []string) string { return list[r.Intn(len(list))] }
	emphasis, marks, tails, prev, next := shapeEmphasis, shapeMarks, shapeTails, shapePrev, shapeNext
	if r.Intn(2) == 0 {
		emphasis, marks, tails = emphasis[:2], marks[:3], tails[:4]
		prev, next = []string{"", "", "", "> *[0, 9]*"}, []string{"", "", "", "> *[0, 35]*", "<!-- a note -->"}
	}
	e, m := emphasis[r.Intn(len(emphasis))], marks[r.Intn(len(marks))]
	return quoteShape{
		prefix: pick([]string{"> ", ">"}),
		open:   e[0], close: e[1],
		mark: m[0], closeMark: m[1],
		text: pick(shapeTexts), tail: pick(tails),
		prev: pick(prev), next: pick(next),
		eol: pick([]string{"\n", "\r\n"}),
	}
}

// TestQuoteMarksShapes fixes generated quote shapes with quote-marks alone.
// Each line is either left exactly as it was (and then quote-style still
// reports it, unless it is canonical), or it becomes the canonical quote of
// the same words: only `*` and `"` added, marks and emphasis balanced, and
// quote-style silent on it. Nothing else on the page changes.
func TestQuoteMarksShapes(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 600
	}
	r := rand.New(rand.NewSource(12))
	var fixed, alone, wrong int
	for i := 0; i < n; i++ {
		s := randomQuoteShape(r)
		src, at := s.page()
		outcome, err := checkQuoteFix(src, at, s.eol)
		if err == nil && outcome == quoteLeftAlone && s.mustBeReported() && !reportsQuoteStyle(src, at) {
			err = fmt.Errorf("the rule is silent on a shape out of the canonical form")
		}
		switch {
		case err != nil:
			wrong++
			if wrong <= 20 {
				t.Errorf("shape %d %q: %v\npage:\n%s", i, s.line(), err, src)
			}
		case outcome == quoteFixed:
			fixed++
		default:
			alone++
		}
	}
	t.Logf("%d generated quote shapes: %d fixed exactly, %d left alone, %d wrong", n, fixed, alone, wrong)
	if fixed == 0 || alone == 0 {
		t.Errorf("the generator covers too little: %d fixed, %d left alone", fixed, alone)
	}
}

// FuzzQuoteMarks runs quote-marks on one arbitrary quote line in a chapter
// and checks what TestQuoteMarksShapes checks of a fixed line.
func FuzzQuoteMarks(f *testing.F) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 64; i++ {
		f.Add(randomQuoteShape(r).line())
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") {
			return
		}
		if !strings.HasPrefix(line, ">") {
			line = "> " + line
		}
		s := quoteShape{prefix: line, eol: "\n"}
		src, at := s.page()
		if _, err := checkQuoteFix(src, at, "\n"); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
	})
}

type quoteOutcome int

const (
	quoteLeftAlone quoteOutcome = iota
	quoteFixed
)

// canonicalQuote is `> *"TEXT"*`, then optionally ` — Speaker` and ` [TS]`,
// with TEXT free of quote marks, emphasis markers and escapes. The form of
// the speaker and of TS is other rules' business.
var canonicalQuote = regexp.MustCompile(`^> ?(\*(?:"[^"“”*_\\]+"|“[^"“”*_\\]+”)\*)(?: *—.*| +\[.*\])?[ \t]*$`)

// checkQuoteFix fixes src with quote-marks alone and checks the outcome for
// the quote on line at (0-based).
func checkQuoteFix(src string, at int, eol string) (quoteOutcome, error) {
	out, err := Run("p.md", []byte(src), Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{quoteMarks}})
	if err != nil {
		return 0, fmt.Errorf("fix: %w", err)
	}
	before, after := strings.Split(src, "\n"), strings.Split(string(out.Src), "\n")
	if len(before) != len(after) {
		return 0, fmt.Errorf("the fix changed the number of lines:\n%s", out.Src)
	}
	for i := range before {
		if i != at && before[i] != after[i] {
			return 0, fmt.Errorf("line %d changed: %q → %q", i+1, before[i], after[i])
		}
	}
	old, fixed := before[at], after[at]
	if old == fixed {
		return quoteLeftAlone, nil
	}
	if eol == "\r\n" {
		if !strings.HasSuffix(fixed, "\r") {
			return 0, fmt.Errorf("the fixed line lost its CRLF")
		}
		old, fixed = strings.TrimSuffix(old, "\r"), strings.TrimSuffix(fixed, "\r")
	}
	switch {
	case !canonicalQuote.MatchString(fixed):
		return 0, fmt.Errorf("%q became %q, not the canonical form", old, fixed)
	case !onlyMarksAdded(oneSpace(old), oneSpace(fixed)):
		return 0, fmt.Errorf("%q became %q: more than quote marks and italics changed", old, fixed)
	case !balancedQuote(canonicalQuote.FindStringSubmatch(fixed)[1]) || !addedPair(old, fixed, "*"):
		return 0, fmt.Errorf("%q became %q: marks or emphasis unbalanced", old, fixed)
	case reportsQuoteStyle(string(out.Src), at):
		return 0, fmt.Errorf("%q became %q, and quote-style still reports it", old, fixed)
	}
	return quoteFixed, nil
}

// oneSpace writes every run of white space in s as one space and drops it
// at both ends: a fix may drop the white space after a quote's words.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// balancedQuote tells whether a quote `*"…"*` holds one pair of italics
// markers and one pair of double quote marks.
func balancedQuote(q string) bool {
	marks := strings.Count(q, `"`)
	curly := strings.Count(q, "“") + strings.Count(q, "”")
	return strings.Count(q, "*") == 2 && (marks == 2 && curly == 0 || marks == 0 && curly == 2)
}

// addedPair tells whether fixed holds none or two more of mark than old:
// italics are added on both sides of the words or not at all.
func addedPair(old, fixed, mark string) bool {
	n := strings.Count(fixed, mark) - strings.Count(old, mark)
	return n == 0 || n == 2
}

// onlyMarksAdded tells whether fixed is old with only `*` and `"` added.
func onlyMarksAdded(old, fixed string) bool {
	i := 0
	for j := 0; j < len(fixed); j++ {
		switch {
		case i < len(old) && old[i] == fixed[j]:
			i++
		case fixed[j] != '*' && fixed[j] != '"':
			return false
		}
	}
	return i == len(old)
}

// reportsQuoteStyle tells whether quote-style reports the quote on line at.
func reportsQuoteStyle(src string, at int) bool {
	doc := schema.Read("p.md", []byte(src))
	for _, d := range rules.Run(doc, rules.DefaultConfig()) {
		if d.Rule == "quote-style" && doc.Lines.Line(d.Span.Start) == at+1 {
			return true
		}
	}
	return false
}
