package fixers

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

var dropDuplicateIntro = &Fixer{
	Name:    "drop-duplicate-intro",
	Answers: []string{"duplicate-intro"},
	Safety:  Safe,
	Title:   "Delete the repeated summary",
	Doc: `Deletes the second copy of the summary: the repeated paragraph, or the repeated words at
the start of the first chapter's body (the rest of that paragraph stays). A repeat whose words
are exactly the summary's is safe to delete; a near repeat (a few words differ) is deleted
only with --unsafe-fixes, since its differing words go with it. A repeat that is the first
chapter's only prose is left as a finding: deleting it would empty the chapter. So is a repeat
the paragraph goes on from mid-sentence: one that ends on an abbreviation or an initial ("in
the U.S. Army"), an ellipsis or no stop at all, or whose paragraph goes on in lower case
("…on a roof? she asked"); and one in an indented code block.`,
	Before: "Ada Pemberton explains why every flat map distorts something.\n\n## [00:00] Cold open\n\n" +
		"Ada Pemberton explains why every flat map distorts something. Ada opens with a claim.",
	After: "Ada Pemberton explains why every flat map distorts something.\n\n## [00:00] Cold open\n\nAda opens with a claim.",
	Make:  makeDropDuplicateIntro,
}

func makeDropDuplicateIntro(doc *schema.Document, cfg *rules.Config, d rules.Diagnostic) *Fix {
	ep := doc.Episode
	blocks := ep.Intro
	i := indexAt(blocks, d.Span.Start)
	inChapter := false
	if i < 0 && len(ep.Chapters) > 0 {
		blocks, i, inChapter = ep.Chapters[0].Blocks, indexAt(ep.Chapters[0].Blocks, d.Span.Start), true
	}
	if i < 0 || blocks[i].Kind != schema.Paragraph {
		return nil
	}
	b := blocks[i]
	if doc.Format == schema.JSON {
		return dropIntroJSON(doc, b)
	}
	if indentedCode(doc.Src, b.Span.Start) {
		return nil // code, not prose: its words are kept as written
	}
	repeat := string(doc.Src[d.Span.Start:d.Span.End])
	// Safe when the words are exactly those of a summary paragraph the rule
	// compares (the first few; a page may read as thousands).
	safety := Unsafe
	words := oneLine(repeat)
	seen := 0
	for _, s := range ep.Intro {
		if s.Kind != schema.Paragraph {
			continue
		}
		if seen++; seen > rules.MaxIntroParagraphs {
			break
		}
		if s.Span != b.Span && oneLine(s.Text) == words {
			safety = Safe
			break
		}
	}
	rest := strings.TrimSpace(string(doc.Src[d.Span.End:b.Span.End]))
	if rest != "" {
		if !sentenceBreak(repeat, rest) {
			// The repeat ends inside a sentence the paragraph goes on
			// with ("… in the U.S. Army"): deleting it would leave half of
			// that sentence. A person decides.
			return nil
		}
		// Delete the repeated words and the space after them, and the same
		// words again as long as they follow: one pass for every copy.
		removed := []string{repeat}
		end := skipBlanks(doc.Src, d.Span.End, b.Span.End)
		for bytes.HasPrefix(doc.Src[end:b.Span.End], []byte(repeat)) && endsWord(doc.Src, end+len(repeat)) &&
			strings.TrimSpace(string(doc.Src[end+len(repeat):b.Span.End])) != "" {
			removed = append(removed, repeat)
			end = skipBlanks(doc.Src, end+len(repeat), b.Span.End)
		}
		return &Fix{Safety: safety, Removed: removed, Edits: []Edit{{Start: d.Span.Start, End: end}}}
	}
	if inChapter && (!hasParagraphs(blocks, 2) || lastOfRepeats(ep, blocks, i)) {
		return nil // the chapter keeps one paragraph: a repeat, but prose
	}
	// The whole paragraph is the repeat: delete it with the blank lines
	// after it, so the page keeps one blank line between blocks.
	end := lineEnd(doc.Src, b.Span.End)
	for end < len(doc.Src) {
		next := lineEnd(doc.Src, end)
		if strings.TrimSpace(string(doc.Src[end:next])) != "" {
			break
		}
		end = next
	}
	return &Fix{Safety: safety, Removed: []string{string(doc.Src[b.Span.Start:b.Span.End])}, Edits: []Edit{{Start: b.Span.Start, End: end}}}
}

// sentenceBreak tells whether a paragraph that reads head, then tail, is
// cut between two sentences there beyond doubt: head ends in a full stop,
// a question or an exclamation mark (closing quote marks or brackets may
// follow), and tail opens with a capital, a digit or a letter of a script
// without case (opening marks may come first). A full stop that an
// abbreviation or an initial explains ("U.S.", "Ph.D.", "Dr.", "J.") or an
// ellipsis is no break, nor is a mark a lower-case word goes on after
// ("on a roof? she asked"): the sentence may go on.
func sentenceBreak(head, tail string) bool {
	head = strings.TrimRightFunc(head, func(r rune) bool { return schema.IsSpace(r) || strings.ContainsRune(closingMarks, r) })
	end, size := utf8.DecodeLastRuneInString(head)
	switch end {
	case '.':
		word := head[strings.LastIndexFunc(head[:len(head)-size], schema.IsSpace)+1 : len(head)-size]
		word = strings.TrimLeftFunc(word, func(r rune) bool { return strings.ContainsRune(openingMarks, r) })
		if strings.Contains(word, ".") || utf8.RuneCountInString(word) < 2 || abbreviations[strings.ToLower(word)] {
			return false
		}
	case '?', '!', '。', '？', '！':
	default:
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(tail, func(r rune) bool { return strings.ContainsRune(openingMarks, r) }))
	return schema.IsUpper(first) || schema.IsDigit(first) || schema.IsLetter(first) && !schema.IsLower(first)
}

// Quote marks and brackets that close a sentence after its full stop, or
// open one before its first word.
const (
	closingMarks = `"'”’»)]`
	openingMarks = `"'“‘«([¿¡`
)

// abbreviations are words whose full stop most often ends no sentence:
// titles, months, and the like (lower case, without the stop).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"rev": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "mt": true, "ft": true,
	"vol": true, "vs": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"approx": true, "dept": true, "est": true, "fig": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true,
}

// indentedCode tells whether the block starting at offset at is an
// indented code block: its first line starts with a tab or four spaces.
func indentedCode(src []byte, at int) bool {
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	line := src[start:]
	return bytes.HasPrefix(line, []byte("\t")) || bytes.HasPrefix(line, []byte("    "))
}

// endsWord tells whether offset i ends a word: no letter or digit there.
func endsWord(src []byte, i int) bool {
	return i >= len(src) || !schema.IsWordByte(src[i])
}

// skipBlanks moves past spaces and tabs from i, up to end.
func skipBlanks(src []byte, i, end int) int {
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// lastOfRepeats tells whether blocks[i] is the last paragraph of a chapter
// whose paragraphs all repeat a summary paragraph word for word: each
// repeat's fix leaves another paragraph, but together they would leave the
// chapter without prose.
func lastOfRepeats(ep *schema.Episode, blocks []schema.Block, i int) bool {
	summary := map[string]bool{}
	for _, s := range ep.Intro {
		if s.Kind == schema.Paragraph {
			summary[oneLine(s.Text)] = true
		}
	}
	last := -1
	for j, b := range blocks {
		if b.Kind != schema.Paragraph {
			continue
		}
		if !summary[oneLine(b.Text)] {
			return false // the chapter has prose of its own
		}
		last = j
	}
	return last == i
}

// hasParagraphs reports whether blocks hold at least n paragraphs, reading
// no further than the n-th.
func hasParagraphs(blocks []schema.Block, n int) bool {
	for _, b := range blocks {
		if b.Kind == schema.Paragraph {
			if n--; n == 0 {
				return true
			}
		}
	}
	return n <= 0
}

// dropIntroJSON removes the summary from the start of the first chapter's
// summary string; only an exact repeat, followed by more text, is removed.
func dropIntroJSON(doc *schema.Document, b schema.Block) *Fix {
	summary := doc.Episode.Summary()
	if len(summary) == 0 || summary[0].Span == b.Span {
		return nil
	}
	s := summary[0].Text
	if !strings.HasPrefix(b.Text, s) {
		return nil
	}
	rest := strings.TrimSpace(b.Text[len(s):])
	if rest == "" || !sentenceBreak(s, rest) {
		return nil
	}
	literal := string(doc.Src[b.Span.Start:b.Span.End])
	rewritten, ok := schema.RewriteJSONString(literal, rest)
	if !ok {
		return nil
	}
	return &Fix{Safety: Safe, Removed: []string{literal}, Edits: []Edit{{Start: b.Span.Start, End: b.Span.End, New: rewritten}}}
}
