package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

var nameVariant = &Rule{
	Name:     "name-variant",
	Category: Content,
	Severity: Warning,
	Title:    "A name spelled two ways",
	Doc: `A person or organization is spelled one way throughout. The pipeline hears names in an
audio transcript and sometimes writes one of them differently in one place: "Ada Pemberton"
in the title, the summary and the entities, "Ada Pembleton" in one chapter heading.

The right spelling is taken from the entity list (the names of Person and Organization
entries), from the option ` + "`names`" + ` (hosts, the show, sponsors), or else from the name the page
uses most (two or three capitalised words, used at least 3 times). A variant is a run of as
many capitalised words in the title, the summary, a chapter title or paragraph, a quote's
speaker or an entity, close to one of those names:

- each word is the same, or differs by at most one letter (a letter changed, added, dropped,
  or two swapped) in words of 5 to 8 letters and two in longer words; words of up to 4
  letters, words in capitals (acronyms) and words with digits must be the same; in a name of
  several words at least one word is the same;
- a name of one word is checked only when it has 6 letters or more, stands alone (not next to
  another capitalised word: "Muddy Waters" is not "Walters") and mid-sentence, and not in a
  title or heading (where every word is capitalised);
- it is not a name the entity list or the option lists (two people, ` + "`Ada Pemberton`" + ` and
  ` + "`Ida Pemberton`" + `, both listed, are two people), nor a plural or possessive
  (` + "`Pembertons`" + `, ` + "`Pemberton's`" + `), nor the same letters in other case;
- it is close to one name only (else which one was meant is a guess);
- it is rarer than the name: used at most as often as a listed name, under half as often as
  the page's most used name, and never 3 times or more (a name a page repeats is its own).

Quotes' words are left alone: they are what was said. The unsafe fix writes the name as the
list (or the page) spells it.`,
	Bad:     "## [06:52] Ada Pembleton on Mercator\n\nThe projection was built for navigation.\n\n## Entities\n\n- **Ada Pemberton** (Person): Cartographer.",
	Good:    "## [06:52] Ada Pemberton on Mercator\n\nThe projection was built for navigation.\n\n## Entities\n\n- **Ada Pemberton** (Person): Cartographer.",
	Run:     runNameVariant,
	Options: []AnyOption{knownNames},
}

var knownNames = &Option[[]string]{
	Name:    "names",
	Doc:     "names always spelled right (hosts, the show, sponsors): the spelling variants are measured against, never a variant.",
	Schema:  `{"type": "array", "items": {"type": "string", "minLength": 1}}`,
	Default: []string{},
}

// NameVariant is a finding of name-variant with the repair its fixer
// writes: the words of the variant that differ, each with the name's
// spelling.
type NameVariant struct {
	Span               schema.Span
	Message            string
	Variant, Canonical string
	// Text is the text the variant stands in and TextSpan where it is;
	// Exact tells that Text is the source of TextSpan byte for byte (in
	// JSON it is a string literal's decoded value).
	Text     string
	TextSpan schema.Span
	Exact    bool
	// Words are the variant's differing words, as offsets into Text.
	Words []WordFix
}

// WordFix replaces Text[Start:End] with New.
type WordFix struct {
	Start, End int
	New        string
}

func runNameVariant(p *Pass) {
	for _, v := range nameVariantsOf(p) {
		p.ReportFix(UnsafeFix, v.Span, "%s", v.Message)
	}
}

// NameVariants are the findings of name-variant on doc under cfg, with
// their repairs, as the fixer answering them needs them.
func NameVariants(doc *schema.Document, cfg *Config) []NameVariant {
	if doc.Broken {
		return nil
	}
	return nameVariantsOf(&Pass{Doc: doc, Episode: doc.Episode, Config: cfg, shared: &shared{}})
}

// nameVariantsKey keys a page's variants in its memo, by the option that
// changes them.
type nameVariantsKey struct{ names string }

func nameVariantsOf(p *Pass) []NameVariant {
	key := nameVariantsKey{strings.Join(knownNames.In(p.Config), "\x00")}
	return p.Doc.Memo(key, func() any { return findNameVariants(p) }).([]NameVariant)
}

// nameWord is one capitalised word of a text: text[start:end].
type nameWord struct {
	text       string
	start, end int
	// strict words must match exactly: acronyms, short words.
	strict bool
	// sentenceStart is set when the word opens a sentence.
	sentenceStart bool
}

// nameRun is a run of capitalised words one space apart, in one text.
type nameRun struct {
	words []nameWord
	text  *pageText
}

// window is the run's words i..i+k as written, one space apart.
func (r nameRun) window(i, k int) string {
	parts := make([]string, k)
	for j := range parts {
		parts[j] = r.words[i+j].text
	}
	return strings.Join(parts, " ")
}

// canonicalName is a spelling variants are measured against.
type canonicalName struct {
	name  string
	words []string // folded
	// source says where the spelling comes from, for the message.
	source string
	// listed names (entities, the option) win however rarely the page
	// uses them; the page's most used name must be used twice as often.
	listed bool
}

func findNameVariants(p *Pass) []NameVariant {
	var texts []pageText
	for _, t := range pageTexts(p) {
		if t.Kind != quoteText {
			texts = append(texts, t)
		}
	}
	var runs []nameRun
	for i := range texts {
		runs = append(runs, nameRuns(&texts[i])...)
	}
	if len(runs) == 0 {
		return nil
	}
	canon, listed, speakers := canonicalNames(p, runs)
	if len(canon) == 0 {
		return []NameVariant{}
	}
	idx := newNameIndex(canon)

	type candidate struct {
		run  nameRun
		at   int
		c    *canonicalName
		form string
	}
	var found []candidate
	for _, r := range runs {
		inside := insideListed(r, listed)
		for _, k := range idx.sizes {
			for i := 0; i+k <= len(r.words); i++ {
				form := r.window(i, k)
				if speakers[form] || inside(i, k) {
					continue
				}
				if k == 1 && (!alone(r, i) || r.words[i].sentenceStart || r.text.Kind.titleCased() || utf8.RuneCountInString(form) < 6) {
					continue
				}
				c := idx.nearest(r.words[i:i+k], form)
				// Two listed names are two people; a listed name may still
				// be a slip of the name the page uses most.
				if c == nil || (listed[form] && c.listed) {
					continue
				}
				found = append(found, candidate{r, i, c, form})
			}
		}
	}
	if len(found) == 0 {
		return []NameVariant{}
	}
	// A word of a longer variant is that variant's: "Pemberten" of "Ada
	// Pemberten" is one finding.
	found = slices.DeleteFunc(found, func(a candidate) bool {
		return slices.ContainsFunc(found, func(b candidate) bool {
			return b.run.text == a.run.text && b.run.words[0].start == a.run.words[0].start &&
				len(b.c.words) > len(a.c.words) && b.at <= a.at && a.at+len(a.c.words) <= b.at+len(b.c.words)
		})
	})
	uses := countForms(runs, found, func(c candidate) (string, string) { return c.form, c.c.name })
	var out []NameVariant
	for _, f := range found {
		v, c := uses[f.form], uses[f.c.name]
		if v >= 3 || (f.c.listed && v > c) || (!f.c.listed && 2*v >= c) {
			continue
		}
		out = append(out, variantFinding(f.run, f.at, f.c))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// countForms counts how often each variant and each name of the
// candidates stands on the page as a window of its run.
func countForms[T any](runs []nameRun, cands []T, forms func(T) (string, string)) map[string]int {
	sizes := map[int]bool{}
	uses := map[string]int{}
	for _, c := range cands {
		a, b := forms(c)
		for _, f := range []string{a, b} {
			uses[f] = 0
			sizes[strings.Count(f, " ")+1] = true
		}
	}
	for _, r := range runs {
		for k := range sizes {
			for i := 0; i+k <= len(r.words); i++ {
				if _, ok := uses[r.window(i, k)]; ok {
					uses[r.window(i, k)]++
				}
			}
		}
	}
	return uses
}

// variantFinding builds the finding for the words r.words[at:] that are a
// variant of c.
func variantFinding(r nameRun, at int, c *canonicalName) NameVariant {
	t := r.text
	ws := r.words[at : at+len(c.words)]
	canonWords := strings.Fields(c.name)
	v := NameVariant{
		Span:      t.at(ws[0].start, ws[len(ws)-1].end),
		Variant:   r.window(at, len(c.words)),
		Canonical: c.name,
		Text:      t.Text, TextSpan: t.Span, Exact: t.exact,
	}
	for i, w := range ws {
		if w.text != canonWords[i] {
			v.Words = append(v.Words, WordFix{Start: w.start, End: w.end, New: canonWords[i]})
		}
	}
	v.Message = fmt.Sprintf("%q in %s is a near miss of %q, %s: one name spelled two ways?", v.Variant, t.where(), c.name, c.source)
	return v
}

// canonicalNames are the spellings variants are measured against; listed
// are the names the entity list and the option give, speakers the names
// two quotes or more are attributed to: never variants of a listed name.
func canonicalNames(p *Pass, runs []nameRun) (canon []*canonicalName, listed, speakers map[string]bool) {
	listed, speakers = map[string]bool{}, map[string]bool{}
	seen := map[string]bool{}
	add := func(name, source string, listed, person bool) {
		name = strings.Join(strings.Fields(name), " ")
		words := strings.Fields(name)
		if seen[name] || !nameShaped(words) {
			return
		}
		seen[name] = true
		if len(words) == 1 && utf8.RuneCountInString(name) < 6 {
			return
		}
		canon = append(canon, &canonicalName{name: name, words: foldAll(words), source: source, listed: listed})
		// A person is also named by their surname alone.
		if last := words[len(words)-1]; person && len(words) > 1 && utf8.RuneCountInString(last) >= 7 && !seen[last] {
			seen[last] = true
			canon = append(canon, &canonicalName{name: last, words: foldAll([]string{last}), source: source, listed: listed})
		}
	}
	for _, n := range knownNames.In(p.Config) {
		listed[strings.Join(strings.Fields(n), " ")] = true
		add(n, "as the config's names write it", true, true)
	}
	if es := p.Episode.Entities; es != nil {
		for _, e := range es.Entities {
			name := strings.Join(strings.Fields(e.Name.Value), " ")
			if name == "" {
				continue
			}
			listed[name] = true
			switch strings.ToLower(strings.TrimSpace(e.Type.Value)) {
			case "person":
				add(name, "as the entity list writes it", true, true)
			case "organization":
				add(name, "as the entity list writes it", true, false)
			}
		}
	}
	if most, ok := mostUsedName(runs); ok && !seen[most] {
		add(most, "as the page writes it most", false, true)
	}
	// A name two quotes are attributed to is somebody's.
	attributed := map[string]int{}
	for _, r := range runs {
		if r.text.Kind == speakerText {
			attributed[r.window(0, len(r.words))]++
		}
	}
	for s, n := range attributed {
		if n >= 2 {
			speakers[s] = true
		}
	}
	return canon, listed, speakers
}

// mostUsedName is the run of two or three capitalised words the page uses
// most, if it uses it at least 3 times and no other as often.
func mostUsedName(runs []nameRun) (string, bool) {
	uses := map[string]int{}
	for _, r := range runs {
		for k := 2; k <= 3; k++ {
			for i := 0; i+k <= len(r.words); i++ {
				if r.words[i].sentenceStart && !r.text.Kind.titleCased() && i+k < len(r.words) {
					continue // "Then Ada": a sentence's first word before a name
				}
				uses[r.window(i, k)]++
			}
		}
	}
	best, n, tie := "", 0, false
	for name, u := range uses {
		switch {
		case u > n:
			best, n, tie = name, u, false
		case u == n:
			tie = true
		}
	}
	return best, n >= 3 && !tie
}

// nameShaped tells words that can be a name: each capitalised.
func nameShaped(words []string) bool {
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) && c != '-' && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return true
}

func foldAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// alone tells a word of r that no other capitalised word stands next to,
// but for a sentence's first word before it ("As Pembleton argues").
func alone(r nameRun, i int) bool {
	return len(r.words) == 1 || (len(r.words) == 2 && i == 1 && r.words[0].sentenceStart)
}

// insideListed tells, for the run r, whether its words i..i+k stand
// inside a longer listed name: "Pemberton Hall" in "Ada Pemberton Hall".
func insideListed(r nameRun, listed map[string]bool) func(i, k int) bool {
	type occurrence struct{ from, to int }
	var occ []occurrence
	for k := 2; k <= min(len(r.words), 6); k++ {
		for i := 0; i+k <= len(r.words); i++ {
			if listed[r.window(i, k)] {
				occ = append(occ, occurrence{i, i + k})
			}
		}
	}
	return func(i, k int) bool {
		for _, o := range occ {
			if o.from <= i && i+k <= o.to && o.to-o.from > k {
				return true
			}
		}
		return false
	}
}

// nameRuns splits a text into runs of capitalised words one space apart.
func nameRuns(t *pageText) []nameRun {
	var runs []nameRun
	var cur []nameWord
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, nameRun{words: cur, text: t})
		}
		cur = nil
	}
	s := t.Text
	last := -1 // where the last word ended
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		end := nameWordEnd(s, i)
		if (!unicode.IsUpper(r) && !unicode.IsTitle(r)) || schema.IsWordRune(before) || end < 0 {
			flush()
			i = wordEnd(s, i)
			continue
		}
		if last >= 0 && !oneSpace(s[last:i]) {
			flush()
		}
		w := s[i:end]
		n := utf8.RuneCountInString(w)
		cur = append(cur, nameWord{text: w, start: i, end: end,
			strict:        n <= 4 || strings.ToUpper(w) == w,
			sentenceStart: isSentenceStart(s, i)})
		last = end
		i = end
	}
	flush()
	return runs
}

// oneSpace tells the gap between two words of a name: one space, or one
// line break.
func oneSpace(gap string) bool {
	return gap == " " || gap == "\n" || gap == "\r\n" || gap == "\u00a0"
}

// nameWordEnd is where the capitalised word at s[i:] ends: letters, with
// an inner hyphen before a letter (Jean-Luc) or an apostrophe before a
// capital (O'Brien). A word that runs into a digit (GPT-5, Llama3) is no
// name: -1.
func nameWordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j += size
			continue
		case unicode.IsDigit(r):
			return -1
		case r == '-' || r == '\'' || r == '’':
			next, _ := utf8.DecodeRuneInString(s[j+size:])
			if unicode.IsDigit(next) {
				return -1
			}
			if (r == '-' && unicode.IsLetter(next)) || unicode.IsUpper(next) {
				j += size
				continue
			}
		}
		break
	}
	return j
}

// wordEnd is where the word at s[i:] ends (letters and digits).
func wordEnd(s string, i int) int {
	_, end := schema.NextWord(s, i)
	if end <= i {
		return i + 1
	}
	return end
}

// nameIndex finds the name a window of words is a near miss of.
type nameIndex struct {
	sizes []int
	// byWord holds, per folded word, the names of several words that
	// have it and where.
	byWord map[string][]nameSlot
	// byDeletion holds the one-word names under each of their deletion
	// keys (the word with up to its allowed number of letters dropped).
	byDeletion map[string][]*canonicalName
}

type nameSlot struct {
	c   *canonicalName
	pos int
}

func newNameIndex(canon []*canonicalName) *nameIndex {
	idx := &nameIndex{byWord: map[string][]nameSlot{}, byDeletion: map[string][]*canonicalName{}}
	sizes := map[int]bool{}
	for _, c := range canon {
		sizes[len(c.words)] = true
		if len(c.words) == 1 {
			for _, key := range deletions(c.words[0], allowedEdits(c.words[0])) {
				idx.byDeletion[key] = append(idx.byDeletion[key], c)
			}
			continue
		}
		for i, w := range c.words {
			idx.byWord[w] = append(idx.byWord[w], nameSlot{c, i})
		}
	}
	for k := range sizes {
		idx.sizes = append(idx.sizes, k)
	}
	sort.Ints(idx.sizes)
	return idx
}

// nearest is the one name words are a near miss of, or nil when they are
// a near miss of none or of several.
func (idx *nameIndex) nearest(words []nameWord, form string) *canonicalName {
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = strings.ToLower(w.text)
	}
	var cands []*canonicalName
	if len(words) == 1 {
		for _, key := range deletions(folded[0], allowedEdits(folded[0])) {
			cands = append(cands, idx.byDeletion[key]...)
		}
	} else {
		for i, w := range folded {
			for _, s := range idx.byWord[w] {
				if s.pos == i && len(s.c.words) == len(words) {
					cands = append(cands, s.c)
				}
			}
		}
	}
	var match *canonicalName
	for _, c := range cands {
		if c == match || !nearMiss(words, folded, c, form) {
			continue
		}
		if match != nil {
			return nil // close to two names: which one is a guess
		}
		match = c
	}
	return match
}

// nearMiss tells whether words (folded: their lower case) spell c with a
// slip: each word the same or within its allowed edits, at least one
// letter different, and not c's plural, possessive or case.
func nearMiss(words []nameWord, folded []string, c *canonicalName, form string) bool {
	if len(folded) != len(c.words) {
		return false
	}
	differs := false
	for i, w := range folded {
		if w == c.words[i] {
			continue
		}
		if words[i].strict || strings.ToUpper(c.words[i]) == c.words[i] {
			return false
		}
		if pluralOf(w, c.words[i]) || pluralOf(c.words[i], w) {
			return false
		}
		longest := max(utf8.RuneCountInString(w), utf8.RuneCountInString(c.words[i]))
		if utf8.RuneCountInString(c.words[i]) <= 4 || editDistance(w, c.words[i]) > allowedEditsFor(longest) {
			return false
		}
		differs = true
	}
	return differs && !strings.EqualFold(form, c.name)
}

// pluralOf tells whether a is b's plural: b with s or es.
func pluralOf(a, b string) bool {
	return a == b+"s" || a == b+"es"
}

// allowedEdits is how many letters a word of that length may differ by.
func allowedEdits(w string) int { return allowedEditsFor(utf8.RuneCountInString(w)) }

func allowedEditsFor(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 9:
		return 1
	}
	return 2
}

// deletions lists w and every string made from it by dropping up to n
// letters.
func deletions(w string, n int) []string {
	out := []string{w}
	frontier := []string{w}
	seen := map[string]bool{w: true}
	for range n {
		var next []string
		for _, s := range frontier {
			rs := []rune(s)
			for i := range rs {
				d := string(rs[:i]) + string(rs[i+1:])
				if !seen[d] {
					seen[d] = true
					next = append(next, d)
					out = append(out, d)
				}
			}
		}
		frontier = next
	}
	return out
}
