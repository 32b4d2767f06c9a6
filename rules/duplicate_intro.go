package rules

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

var duplicateIntro = &Rule{
	Name:     "duplicate-intro",
	Category: Structure,
	Severity: Error,
	Title:    "The summary is written twice",
	Doc: `The pipeline sometimes writes the episode summary twice: again as a paragraph of its own,
or glued to the start of the first chapter's body. Readers see the same text twice in a row.

A repeat is the summary's words again, in order, at the start of a later paragraph; small
edits (a changed word here and there) still count, up to 10% of the words. The first eight
paragraphs of the summary are compared with the paragraphs after them, up to the end of the
first chapter.`,
	Bad: `Ada Pemberton explains why every flat map distorts something.

## [00:00] Cold open

Ada Pemberton explains why every flat map distorts something. Ada opens with the claim that no map is neutral.`,
	Good: `Ada Pemberton explains why every flat map distorts something.

## [00:00] Cold open

Ada opens with the claim that no map is neutral.`,
	Run:     runDuplicateIntro,
	Options: []AnyOption{introSimilarity},
}

// introSimilarity is how alike a repeat must be: the share of the
// summary's words found in order at the start of the later paragraph.
var introSimilarity = &Option[float64]{
	Name:    "similarity",
	Doc:     "How alike a repeat must be: the share of the summary's words, in order (0.5 to 1).",
	Schema:  `{"type": "number", "minimum": 0.5, "maximum": 1}`,
	Default: 0.9,
}

// maxIntroBytes caps how much of a summary is compared: a repeat shows in
// its first paragraphs' worth of words, and the comparison is quadratic.
const maxIntroBytes = 8 << 10

// MaxIntroParagraphs caps how many summary paragraphs are compared with
// the paragraphs after them: an intro is a few paragraphs, and a page read
// as thousands of them (a flattened page) must not cost pairs of all.
const MaxIntroParagraphs = 8

// minIntroWords keeps short summaries ("Intro.") from matching everywhere.
const minIntroWords = 8

func runDuplicateIntro(p *Pass) {
	ep := p.Episode
	summary := ep.Summary()
	if len(summary) == 0 {
		return
	}
	// Later paragraphs that may repeat a summary paragraph: the rest of the
	// intro and the first chapter's body.
	var body []schema.Block
	if len(ep.Chapters) > 0 {
		body = ep.Chapters[0].Prose()
	}
	later := make([]schema.Block, 0, len(summary)-1+len(body))
	later = append(append(later, summary[1:]...), body...)
	if len(later) == 0 {
		return
	}
	// where says where later[k] stands, for the message; first tells
	// whether the repeat opens it.
	where := func(k int, first bool) string {
		if k < len(summary)-1 {
			return "as paragraph " + itoa(k+2) + " of the summary"
		}
		at := "at the start of"
		switch j := k - (len(summary) - 1); {
		case j > 0:
			at = "in paragraph " + itoa(j+1) + " of"
		case !first:
			at = "near the start of"
		}
		return at + " the body of " + ep.Chapters[0].Label()
	}
	// Only the start of a later paragraph can repeat the summary: as many
	// words as a summary paragraph has, and the share of them a repeat may
	// differ by more. Each later paragraph's words are hashed once, as far
	// as any summary paragraph could reach into it.
	need := introSimilarity.In(p.Config)
	intro := summary[:min(len(summary), MaxIntroParagraphs)]
	summaryWords := make([][]uint64, len(intro))
	reach := 0
	for i, s := range intro {
		if sw := wordHashes(prefix(s.Text, maxIntroBytes), -1); len(sw) >= minIntroWords && !isLeaked(s) {
			summaryWords[i] = sw
			reach = max(reach, len(sw)+introSlack(len(sw), need))
		}
	}
	hashes := make([][]uint64, len(later))
	var scratch []uint64
	reported := map[int]bool{}
	for i, s := range intro {
		sw := summaryWords[i]
		if sw == nil {
			continue
		}
		var sorted []uint64 // sw sorted, once a candidate is long enough
		var set hashSet     // sw's words, once a candidate is long enough
		for k, c := range later {
			if c.Span.Start <= s.Span.Start || reported[c.Span.Start] {
				continue
			}
			if hashes[k] == nil {
				hashes[k] = wordHashes(c.Text, reach)
			}
			cw := hashes[k]
			if float64(len(cw)) < need*float64(len(sw)) {
				continue // too few words to hold the share need of sw
			}
			window := cw[:min(len(cw), len(sw)+introSlack(len(sw), need))]
			// The window's words that may be sw's are at least the words in
			// common: a bound that spares most pairs the sort below.
			if set.empty() {
				set.addAll(sw)
			}
			if float64(set.hits(window))/float64(len(sw)) < need {
				continue
			}
			// Words in order are at most the words in common: a cheap
			// bound that spares the quadratic comparison most pairs.
			if sorted == nil {
				sorted = slices.Clone(sw)
				slices.Sort(sorted)
			}
			scratch = append(scratch[:0], window...)
			slices.Sort(scratch)
			if float64(common(sorted, scratch))/float64(len(sw)) < need {
				continue
			}
			share, end := inOrder(sw, window)
			if share < need {
				continue
			}
			goesOn := len(strings.TrimSpace(c.Text)) > len(strings.TrimSpace(s.Text))+len(s.Text)/10
			reported[c.Span.Start] = true
			what := "the summary"
			if len(summary) > 1 {
				what = "summary paragraph " + itoa(i+1)
			}
			rest := ""
			if goesOn {
				rest = ", then the paragraph goes on"
			}
			// The repeat is as long as the summary, or longer when words were
			// added in between.
			p.ReportFix(FixerDecides, repeatSpan(p.Doc, c, max(len(sw), end)), "%s is repeated %s: %s%s",
				what, where(k, cw[0] == sw[0]), plural(len(sw), "word"), rest)
		}
	}
}

// hashSet is a filter of a list of word hashes (wordHashes): one of 1,024
// bits for each. A hash in the list always finds its bit; another finds
// one about as often as the list has words in 1,024.
type hashSet [16]uint64

// bit is where h stands in the filter: its word and its bit there, from
// both halves of the hash.
func (hashSet) bit(h uint64) (int, uint64) {
	h ^= h >> 32
	return int(h>>6) & 15, 1 << (h & 63)
}

func (s *hashSet) empty() bool { return *s == hashSet{} }

func (s *hashSet) addAll(hashes []uint64) {
	for _, h := range hashes {
		w, b := s.bit(h)
		s[w] |= b
	}
}

// hits counts the hashes whose bit is set, repeats included: at least
// common(list, hashes) of the list the filter holds.
func (s *hashSet) hits(hashes []uint64) int {
	n := 0
	for _, h := range hashes {
		if w, b := s.bit(h); s[w]&b != 0 {
			n++
		}
	}
	return n
}

// introSlack is how many of n words a repeat at similarity need may
// differ by: dropped, changed, or added in between.
func introSlack(n int, need float64) int {
	// The tolerance keeps 10 words at 0.9 one word (1-0.9 is a hair under 0.1).
	return int(float64(n)*(1-need) + 1e-9)
}

// common counts the words two sorted lists share, repeats included: the
// size of the multiset intersection.
func common(a, b []uint64) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n, i, j = n+1, i+1, j+1
		}
	}
	return n
}

// wordHashes is the first limit words of text as hashes (limit < 0: all):
// the same case-folded words, compared without allocating a string for each.
// A word here is a word as written between white space: the words of
// schema.NextWord that no white space separates count as one ("don't",
// "e-mail"), hashed without the punctuation between them.
func wordHashes(text string, limit int) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	// About one word in six bytes of prose.
	n := len(text)/6 + 1
	if limit >= 0 {
		n = min(n, limit)
	}
	out := make([]uint64, 0, n)
	// The words are read as schema.NextWord reads them, and each hashed
	// as it is read: ASCII, most of a page, byte by byte without a call.
	h, in, spaced := uint64(offset), false, false
	for i := 0; ; {
		// Between words: spaced notes white space.
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if schema.IsWordByte(c) {
					break
				}
				spaced = spaced || isSpace(c)
				i++
				continue
			}
			r, size := schema.DecodeRune(text, i)
			if schema.IsWordRune(r) {
				break
			}
			spaced = spaced || unicode.IsSpace(r)
			i += size
		}
		if i == len(text) {
			break
		}
		if in && spaced {
			out = append(out, h)
			h = offset
		}
		if len(out) == limit {
			return out
		}
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !schema.IsWordByte(c) {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h = (h ^ uint64(c)) * prime
				i++
				continue
			}
			r, size := schema.DecodeRune(text, i)
			if !schema.IsWordRune(r) {
				break
			}
			h = (h ^ uint64(unicode.ToLower(r))) * prime
			i += size
		}
		in, spaced = true, false
	}
	if in && len(out) != limit {
		out = append(out, h)
	}
	return out
}

// prefix cuts text to about n bytes, at a space, so no word is split.
func prefix(text string, n int) string {
	if len(text) <= n {
		return text
	}
	if i := strings.IndexByte(text[n:], ' '); i >= 0 {
		return text[:n+i]
	}
	return text
}

// inOrder is the share of a's words that appear in b in the same order (the
// longest common subsequence over len(a)), and how many of b's first words
// hold them all: where the repeat ends.
func inOrder(a, b []uint64) (share float64, end int) {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	// prev[j] is the subsequence's length in b[:j], which grows with j.
	end = len(b)
	for end > 0 && prev[end-1] == prev[len(b)] {
		end--
	}
	return float64(prev[len(b)]) / float64(len(a)), end
}

// repeatSpan covers the first n words of a Markdown paragraph. In JSON the
// string is escaped, so the whole literal is the span.
func repeatSpan(doc *schema.Document, b schema.Block, n int) schema.Span {
	if doc.Format != schema.Markdown {
		return b.Span
	}
	src := doc.Src[:b.Span.End]
	at, seen := b.Span.Start, 0
	for at < len(src) && seen < n {
		for at < len(src) && isSpace(src[at]) {
			at++
		}
		start := at
		for at < len(src) && !isSpace(src[at]) {
			at++
		}
		if schema.HasWord(string(src[start:at])) {
			seen++
		}
	}
	return schema.Span{Start: b.Span.Start, End: at}
}
