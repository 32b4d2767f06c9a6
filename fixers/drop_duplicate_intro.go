package fixers

import (
	"bytes"
	"strings"

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
chapter's only prose is left as a finding: deleting it would empty the chapter.`,
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
	if rest == "" {
		return nil
	}
	literal := string(doc.Src[b.Span.Start:b.Span.End])
	return &Fix{Safety: Safe, Removed: []string{literal}, Edits: []Edit{{Start: b.Span.Start, End: b.Span.End, New: schema.JSONString(rest)}}}
}
