package leak

import (
	"strings"

	"github.com/podlint/podlint/schema"
)

// The words of a blob that are not text: what a repair may drop.

// unescape writes each escape in s (\n, \', \u00e9, \U0001F30D) as the
// character it stands for, as the reader does inside strings, so that the
// words of a blob's source compare with the words of its values.
func unescape(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 && i+1 < len(s) {
		b.WriteString(s[:i])
		s = s[writeEscape(&b, s, i+1):]
		i = strings.IndexByte(s, '\\')
	}
	b.WriteString(s)
	return b.String()
}

// isSyntaxWord tells whether word (a word as schema.NextWord finds them,
// lower-cased) can be the syntax of a blob rather than its text: a word of
// a key of the episode JSON (seo_title is "seo" and "title"), a Python or
// JSON keyword, or a number (a start, a time pair, a score). A word of the
// blob that is none of these and in none of its values is text the reader
// did not place.
func isSyntaxWord(word string) bool {
	if syntaxWords[word] {
		return true
	}
	for i := 0; i < len(word); i++ {
		if word[i] < '0' || word[i] > '9' {
			return false
		}
	}
	return word != ""
}

// isBlobKey tells whether the word (ASCII letters, digits, underscores)
// that ends at q is a key of the episode JSON: one of episodeKeys, or of
// confidenceKeys.
func isBlobKey(t string, q int) bool {
	k := keyBefore(t, q)
	return episodeKeys[k] || confidenceKeys[k]
}

// confidenceKeys are the keys of the episode JSON that episodeKeys leaves
// out: IsText does not tell a fragment by them, the reader reads them.
var confidenceKeys = map[string]bool{"score": true, "rationale": true, "duration": true}

// syntaxWords are the words of the keys (seo_title is "seo" and "title")
// and the Python and JSON keywords for values, lower-cased.
var syntaxWords = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range valueWords {
		out[strings.ToLower(w)] = true
	}
	for _, keys := range []map[string]bool{episodeKeys, confidenceKeys} {
		for k := range keys {
			for _, w := range strings.Split(k, "_") {
				out[w] = true
			}
		}
	}
	return out
}()

// unplaced lists the words of items (their escapes read) that are in none
// of texts and cannot be syntax. The reader is not trusted to know every
// shape of blob: a word it read as a key is in no text, and only this
// count tells it from a real key. The texts are pieces of the items, so
// words compare as written, with no case folding.
func unplaced(items, texts []string) []string {
	whole, from := placedWhole(items, texts)
	if whole || inOrder(items, texts, from) {
		return nil
	}
	return counted(items, texts)
}

// spot is a place in a blob's reading: the words of items before item, and
// those of items[item] (its escapes read) before at, are placed, in texts
// before text.
type spot struct{ item, at, text int }

// placedWhole finds, without reading the texts word by word, that no word
// is unplaced in the commonest case: each text stands whole in the items
// (their escapes read), one after the other, and what lies between them
// is syntax. When it says yes, counting would too: every word of the items
// is then a word of a text (each text used once) or syntax. When it
// cannot tell (a text the reader joined from pieces, a number it wrote
// anew), from is how far it placed the words, for inOrder to go on.
func placedWhole(items, texts []string) (whole bool, from spot) {
	for ; from.item < len(items); from.item++ {
		u := unescape(items[from.item])
		for from.at = 0; from.text < len(texts); from.text++ {
			t := texts[from.text]
			i := strings.Index(u[from.at:], t)
			if i < 0 {
				break // in a later item, or in none
			}
			start, end := from.at+i, from.at+i+len(t)
			// The text's words are the words of u it spans only when no
			// word runs across either end.
			if !syntaxOnly(u[from.at:start]) || !schema.CutsNoWord(u, start) || !schema.CutsNoWord(u, end) {
				return false, from
			}
			from.at = end
		}
		if !syntaxOnly(u[from.at:]) {
			return false, from
		}
	}
	return true, from
}

// syntaxOnly tells whether every word of s can be syntax (isSyntaxWord).
func syntaxOnly(s string) bool {
	for start, end := schema.NextWord(s, 0); start < end; start, end = schema.NextWord(s, end) {
		if !isSyntaxWord(strings.ToLower(s[start:end])) {
			return false
		}
	}
	return true
}

// counted is unplaced by counting the words of the texts.
func counted(items, texts []string) []string {
	left := make(map[string]int, 64)
	for _, t := range texts {
		for start, end := schema.NextWord(t, 0); start < end; start, end = schema.NextWord(t, end) {
			left[t[start:end]]++
		}
	}
	var out []string
	for _, item := range items {
		t := unescape(item)
		for start, end := schema.NextWord(t, 0); start < end; start, end = schema.NextWord(t, end) {
			w := t[start:end]
			switch {
			case left[w] > 0:
				left[w]--
			case !isSyntaxWord(strings.ToLower(w)):
				out = append(out, w)
			}
		}
	}
	return out
}

// inOrder finds, without counting, that no word is unplaced in the usual
// case: the words of the items that are not syntax stand in the texts in
// the same order, each a few words after the one before. Each word of the
// texts is matched once at most, so when it says yes, counting would too;
// when it cannot tell, unplaced counts. It reads on from where
// placedWhole stopped: the words before from are placed, in texts none of
// it reads.
func inOrder(items, texts []string, from spot) bool {
	const reach = 4 // text words a match may skip: zeros a split number gained
	next := textWords{texts: texts[from.text:]}
	want := next.word() // the text word the next item word should be
	for k := from.item; k < len(items); k++ {
		t, at := unescape(items[k]), 0
		if k == from.item {
			at = from.at
		}
		for start, end := schema.NextWord(t, at); start < end; start, end = schema.NextWord(t, end) {
			w := t[start:end]
			if w == want {
				want = next.word()
				continue
			}
			if isSyntaxWord(strings.ToLower(w)) {
				continue
			}
			found := false
			for n := 0; n < reach && !found; n++ {
				v := next.word()
				if v == "" {
					return false
				}
				found = v == w
			}
			if !found {
				return false
			}
			want = next.word()
		}
	}
	return true
}

// textWords reads the words of texts one after the other.
type textWords struct {
	texts []string
	i, at int
}

// word is the next word, or "" after the last.
func (c *textWords) word() string {
	for c.i < len(c.texts) {
		t := c.texts[c.i]
		if start, end := schema.NextWord(t, c.at); start < end {
			c.at = end
			return t[start:end]
		}
		c.i, c.at = c.i+1, 0
	}
	return ""
}
