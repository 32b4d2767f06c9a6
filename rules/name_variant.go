package rules

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
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
uses most (two or three capitalised words, used at least 3 times outside chapter titles, where
every word is capitalised). A variant is a run of as
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

Quotes' words are left alone: they are what was said; so are code spans and web addresses
(a link's target), which are written as they must be. The unsafe fix writes the name as the
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

	text int // the index of its text among the page's texts
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
	return p.Doc.Memo(key, func() any {
		if vs, ok := carriedVariants(p, key); ok {
			return vs
		}
		return findNameVariants(p)
	}).([]NameVariant)
}

// carriedVariants are, for a page a fix pass made (Doc.Earlier), the
// earlier page's variants moved to where their texts now stand, when the
// pass changed nothing the search reads: the same texts but quotes in the
// same order, each of the same kind and named alike in messages, and the
// same entity names and kinds of type (the option is in key). ok is false
// otherwise, and when the move would change the variants' order by
// position (sorted as findNameVariants sorts them, ties alike).
func carriedVariants(p *Pass, key nameVariantsKey) (vs []NameVariant, ok bool) {
	e := p.Doc.Earlier
	if e == nil || e.Broken {
		return nil, false
	}
	m, found := e.Memoized(key)
	mt, foundTexts := e.Memoized(pageTextsKey{})
	if !found || !foundTexts || !sameEntities(e.Episode.Entities, p.Episode.Entities) {
		return nil, false
	}
	was, before, now := m.([]NameVariant), mt.([]pageText), pageTexts(p)
	// The search reads no quote's words (findNameVariants): a pass that
	// changed only quotes (joined a time pair to its quote, put marks
	// around one) changes nothing it reads. The other texts are compared
	// in order; moved is where each earlier one stands now.
	moved := make([]int, len(before))
	j := 0
	for i := range before {
		moved[i] = -1
		if before[i].Kind == quoteText {
			continue
		}
		for j < len(now) && now[j].Kind == quoteText {
			j++
		}
		if j == len(now) || before[i].Text != now[j].Text || before[i].exact != now[j].exact || !samePlace(before[i], now[j]) {
			return nil, false
		}
		moved[i] = j
		j++
	}
	for ; j < len(now); j++ {
		if now[j].Kind != quoteText {
			return nil, false
		}
	}
	if was == nil {
		return nil, true
	}
	vs = make([]NameVariant, len(was))
	for i, v := range was {
		k := moved[v.text]
		if k < 0 {
			return nil, false // a variant in a quote: none is looked for there
		}
		old, t := before[v.text], now[k]
		span := t.Span // a text not exactly its source is pointed at whole
		if old.exact {
			span = schema.Span{Start: t.Span.Start + v.Span.Start - old.Span.Start, End: t.Span.Start + v.Span.End - old.Span.Start}
		}
		v.Span, v.TextSpan, v.text = span, t.Span, k
		vs[i] = v
	}
	for i := 1; i < len(vs); i++ {
		if cmp.Compare(was[i-1].Span.Start, was[i].Span.Start) != cmp.Compare(vs[i-1].Span.Start, vs[i].Span.Start) {
			return nil, false
		}
	}
	return vs, true
}

// sameEntities tells whether two entity lists give the same names and
// kinds of type, in order.
func sameEntities(a, b *schema.EntitySection) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.EqualFunc(a.Entities, b.Entities, func(x, y schema.Entity) bool {
		return x.Name.Value == y.Name.Value && entityKind(x.Type.Value) == entityKind(y.Type.Value)
	})
}

// entityKind is what the search reads of an entity's type: a person, an
// organization, or neither, in any case and spacing (entity-type-case's
// fix changes nothing it reads).
func entityKind(typ string) int {
	switch typ = strings.TrimSpace(typ); {
	case strings.EqualFold(typ, "person"):
		return personEntity
	case strings.EqualFold(typ, "organization"):
		return organizationEntity
	}
	return 0
}

// The kinds of entity entityKind tells.
const (
	personEntity = 1 + iota
	organizationEntity
)

// nameWord is one capitalised word of a text: text[start:end].
type nameWord struct {
	start, end int32
}

// nameRun is a run of capitalised words one space apart, in one text.
type nameRun struct {
	words []nameWord
	text  *pageText
}

// word is the run's word i.
func (r nameRun) word(i int) string { return r.text.Text[r.words[i].start:r.words[i].end] }

// opensSentence tells whether the run's word i opens a sentence. It is
// asked of few words, so it is not worked out for every one.
func (r nameRun) opensSentence(i int) bool {
	return isSentenceStart(r.text.Text, int(r.words[i].start))
}

// window is the run's words i..i+k as written, one space apart.
func (r nameRun) window(i, k int) string {
	ws := r.words[i : i+k]
	// Mostly the words stand one space apart already: the text itself.
	spaced := true
	for j := 1; j < k && spaced; j++ {
		spaced = ws[j].start == ws[j-1].end+1 && r.text.Text[ws[j-1].end] == ' '
	}
	if spaced {
		return r.text.Text[ws[0].start:ws[k-1].end]
	}
	parts := make([]string, k)
	for j := range ws {
		parts[j] = r.word(i + j)
	}
	return strings.Join(parts, " ")
}

// nameBuffers are the runs and words of a page, kept for the next page:
// a page has hundreds of capitalised words.
type nameBuffers struct {
	runs  []nameRun
	words []nameWord
	// forms are the windows of words mostUsedName reads, in the order
	// first seen, and uses how often each stands on the page; formAt is
	// where each is in forms.
	forms  []string
	uses   []int
	formAt map[string]int
	// index is the page's nameIndex: its maps and tables are kept.
	index nameIndex
	// The maps of canonicalNames, and the list of names it returns.
	listed, speakers, seen map[string]bool
	attributed             map[string]int
	canon                  []*canonicalName
}

var nameScratch = sync.Pool{New: func() any { return &nameBuffers{} }}

// release empties the buffers, so that they hold no page, and returns
// them to the pool.
func (b *nameBuffers) release() {
	clear(b.runs)
	clear(b.forms)
	b.runs, b.words, b.forms, b.uses = b.runs[:0], b.words[:0], b.forms[:0], b.uses[:0]
	if len(b.formAt) > 1<<12 {
		b.formAt = nil // a map as large as a rare page's would slow every page after it
	}
	clear(b.formAt)
	clear(b.listed)
	clear(b.speakers)
	clear(b.seen)
	clear(b.attributed)
	clear(b.canon)
	b.canon = b.canon[:0]
	b.index.reset()
	nameScratch.Put(b)
}

// canonicalName is a spelling variants are measured against.
type canonicalName struct {
	name  string
	words []string // folded
	// strict words must be written exactly: short words, acronyms.
	strict []bool
	// kinds are, for each word, its letterKinds.
	kinds []uint32
	// source says where the spelling comes from, for the message.
	source string
	// listed names (entities, the option) win however rarely the page
	// uses them; the page's most used name must be used twice as often.
	listed bool
	// seen is the nameIndex lookup that last took the name as a
	// candidate: a keyed lookup meets a name under several keys.
	seen int
}

func findNameVariants(p *Pass) []NameVariant {
	texts := pageTexts(p)
	scratch := nameScratch.Get().(*nameBuffers)
	defer scratch.release()
	runs, words := scratch.runs, scratch.words
	for i := range texts {
		if texts[i].Kind != quoteText {
			runs, words = nameRuns(&texts[i], runs, words)
		}
	}
	scratch.runs, scratch.words = runs, words
	if len(runs) == 0 {
		return nil
	}
	canon, listed, speakers := canonicalNames(p, runs, scratch)
	if len(canon) == 0 {
		return []NameVariant{}
	}
	idx := scratch.index.build(canon)

	type candidate struct {
		run  nameRun
		at   int
		c    *canonicalName
		form string
	}
	var found []candidate
	for _, r := range runs {
		if len(r.words) == 1 && !loneWord(r, 0) {
			// Most runs: a sentence's first word, or one too short to be
			// looked for among the one-word names, the only ones a run of
			// one word can be a variant of.
			continue
		}
		var here []candidate // the run's, longest names last
		var slots [][]nameSlot
		if len(r.words) > 1 {
			slots = idx.slotsOf(r)
		}
		for _, k := range idx.sizes {
			if k > len(r.words) {
				break // the sizes go up: the run has no window of k words
			}
			if k > 1 && slots == nil {
				continue // no word of the run is in a name of several words
			}
			for i := 0; i+k <= len(r.words); i++ {
				if k == 1 && !loneWord(r, i) {
					continue
				}
				c := idx.nearest(r, slots, i, k)
				if c == nil {
					continue
				}
				// Two listed names are two people; a listed name may still
				// be a slip of the name the page uses most.
				form := r.window(i, k)
				if speakers[form] || (listed[form] && c.listed) || insideListed(r, listed, i, k) {
					continue
				}
				here = append(here, candidate{r, i, c, form})
			}
		}
		// A word of a longer variant is that variant's: "Pemberten" of
		// "Ada Pemberten" is one finding.
		for j, a := range here {
			longer := slices.ContainsFunc(here[j+1:], func(b candidate) bool {
				return len(b.c.words) > len(a.c.words) && b.at <= a.at && a.at+len(a.c.words) <= b.at+len(b.c.words)
			})
			if !longer {
				found = append(found, a)
			}
		}
	}
	if len(found) == 0 {
		return []NameVariant{}
	}
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
		Span:      t.at(int(ws[0].start), int(ws[len(ws)-1].end)),
		Variant:   r.window(at, len(c.words)),
		Canonical: c.name,
		Text:      t.Text, TextSpan: t.Span, Exact: t.exact,
		text: t.index,
	}
	for i, w := range ws {
		if r.word(at+i) != canonWords[i] {
			v.Words = append(v.Words, WordFix{Start: int(w.start), End: int(w.end), New: canonWords[i]})
		}
	}
	v.Message = fmt.Sprintf("%q in %s is a near miss of %q, %s: one name spelled two ways?", v.Variant, t.where(), c.name, c.source)
	return v
}

// canonicalNames are the spellings variants are measured against; listed
// are the names the entity list and the option give, speakers the names
// two quotes or more are attributed to: never variants of a listed name.
func canonicalNames(p *Pass, runs []nameRun, scratch *nameBuffers) (canon []*canonicalName, listed, speakers map[string]bool) {
	if scratch.listed == nil {
		scratch.listed, scratch.speakers, scratch.seen, scratch.attributed = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]int{}
	}
	listed, speakers, seen, attributed := scratch.listed, scratch.speakers, scratch.seen, scratch.attributed
	canon = scratch.canon[:0] // kept for the next page, as the maps are
	add := func(name, source string, listed, person bool) {
		name = oneSpaced(name)
		words := strings.Fields(name)
		if seen[name] || !nameShaped(words) {
			return
		}
		seen[name] = true
		if len(words) == 1 && utf8.RuneCountInString(name) < 6 {
			return
		}
		canon = append(canon, newCanonical(words, source, listed))
		// A person is also named by their surname alone.
		if last := words[len(words)-1]; person && len(words) > 1 && utf8.RuneCountInString(last) >= 7 && !seen[last] {
			seen[last] = true
			canon = append(canon, newCanonical([]string{last}, source, listed))
		}
	}
	for _, n := range knownNames.In(p.Config) {
		listed[oneSpaced(n)] = true
		add(n, "as the config's names write it", true, true)
	}
	if es := p.Episode.Entities; es != nil {
		for _, e := range es.Entities {
			name := oneSpaced(e.Name.Value)
			if name == "" {
				continue
			}
			listed[name] = true
			switch entityKind(e.Type.Value) {
			case personEntity:
				add(name, "as the entity list writes it", true, true)
			case organizationEntity:
				add(name, "as the entity list writes it", true, false)
			}
		}
	}
	if most, ok := scratch.mostUsedName(runs); ok && !seen[most] {
		add(most, "as the page writes it most", false, true)
	}
	// A name two quotes are attributed to is somebody's.
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
	scratch.canon = canon
	return canon, listed, speakers
}

// oneSpaced is name with its words one space apart, and none around.
func oneSpaced(name string) string {
	if strings.TrimSpace(name) == name && !oddSpace(name) {
		return name
	}
	return strings.Join(strings.Fields(name), " ")
}

// oddSpace tells whether name has two spaces in a row, a tab or a line
// break, in one pass over its bytes: most names have none, and are one
// spaced already.
func oddSpace(name string) bool {
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '\t', '\n', '\r':
			return true
		case ' ':
			if i+1 < len(name) && name[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// mostUsedName is the run of two or three capitalised words the page uses
// most (chapter titles aside), if it uses it at least 3 times and no other
// as often.
func (b *nameBuffers) mostUsedName(runs []nameRun) (string, bool) {
	if b.formAt == nil {
		b.formAt = map[string]int{}
	}
	for _, r := range runs {
		if len(r.words) < 2 || r.text.Kind == headingText {
			continue // most runs are one word; chapter titles capitalise every word
		}
		for k := 2; k <= 3; k++ {
			for i := 0; i+k <= len(r.words); i++ {
				if i+k < len(r.words) && !r.text.Kind.titleCased() && r.opensSentence(i) {
					continue // "Then Ada": a sentence's first word before a name
				}
				// One lookup for a window seen before, most of them.
				form := r.window(i, k)
				at, seen := b.formAt[form]
				if !seen {
					at = len(b.forms)
					b.formAt[form] = at
					b.forms, b.uses = append(b.forms, form), append(b.uses, 0)
				}
				b.uses[at]++
			}
		}
	}
	best, n, tie := "", 0, false
	for at, name := range b.forms {
		switch u := b.uses[at]; {
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
		if !schema.IsCapital(r) {
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

func newCanonical(words []string, source string, listed bool) *canonicalName {
	var c *canonicalName
	if n := len(words); n <= len(smallName{}.words) {
		// Most names: the name and its words' lists in one allocation.
		s := new(smallName)
		c = &s.c
		c.words, c.strict, c.kinds = s.words[:n:n], s.strict[:n:n], s.kinds[:n:n]
	} else {
		c = &canonicalName{words: make([]string, n), strict: make([]bool, n), kinds: make([]uint32, n)}
	}
	c.name, c.source, c.listed = strings.Join(words, " "), source, listed
	for i, w := range words {
		c.words[i] = strings.ToLower(w)
		c.strict[i] = strictWord(w)
		c.kinds[i] = letterKinds(c.words[i])
	}
	return c
}

// loneWord tells whether r's word i is looked for among the one-word
// names: it has 6 letters or more, stands alone and mid-sentence, and not
// in a title or heading. Most runs are one word, and most of those fail
// the cheap tests, which go first: a run of three words or more, a title,
// a word of under 6 bytes (so of under 6 letters).
func loneWord(r nameRun, i int) bool {
	if w := r.words[i]; len(r.words) > 2 || r.text.Kind.titleCased() || w.end-w.start < 6 {
		return false // alone is never true in a run of 3 words or more
	}
	return utf8.RuneCountInString(r.word(i)) >= 6 && alone(r, i) && !r.opensSentence(i)
}

// smallName is a canonicalName of up to four words with room for the
// lists of its words, which newCanonical makes once for every name on
// every page.
type smallName struct {
	c      canonicalName
	words  [4]string
	strict [4]bool
	kinds  [4]uint32
}

// alone tells a word of r that no other capitalised word stands next to,
// but for a sentence's first word before it ("As Pembleton argues").
func alone(r nameRun, i int) bool {
	return len(r.words) == 1 || (len(r.words) == 2 && i == 1 && r.opensSentence(0))
}

// insideListed tells whether the words i..i+k of r stand inside a longer
// listed name: "Pemberton Hall" in "Ada Pemberton Hall".
func insideListed(r nameRun, listed map[string]bool, i, k int) bool {
	for from := max(0, i+k-6); from <= i; from++ {
		for to := i + k; to <= min(len(r.words), from+6); to++ {
			if to-from > k && listed[r.window(from, to-from)] {
				return true
			}
		}
	}
	return false
}

// nameRuns appends the runs of capitalised words one space apart of a
// text to runs; their words go to the end of words (one array for a page:
// a run is a slice of it).
func nameRuns(t *pageText, runs []nameRun, words []nameWord) ([]nameRun, []nameWord) {
	s := t.Text
	// The current run is words[first:]. (A closure ending it would keep
	// runs, words and first in memory, not in registers, for the whole
	// scan: endRun is a function of them.)
	first := len(words)
	last := -1             // where the last name word ended
	var code []schema.Span // looked for only in a text with a backtick
	if strings.IndexByte(s, '`') >= 0 {
		code = codeSpans(s)
	}
	for i := 0; i < len(s); {
		// The next capital letter: most bytes are not, eight at a time.
		i = nextCapital(s, i)
		if i == len(s) {
			break
		}
		size := 1
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = schema.DecodeRune(s, i)
			if !schema.IsCapital(r) {
				i += size
				continue
			}
		}
		// A capital inside a word: McDonald, iPhone. The byte before, ASCII
		// on most of a page, tells it here without a call.
		var inside bool
		if i > 0 && s[i-1] < utf8.RuneSelf {
			inside = schema.IsWordByte(s[i-1])
		} else {
			inside = inWord(s, i)
		}
		if inside {
			i += size
			continue
		}
		// Most name words are a few ASCII letters before a space or a
		// mark: told here from eight bytes, without a call; the rest are
		// read by nameWordEnd.
		end := -1
		if i+8 <= len(s) {
			if n := asciiLetters(schema.EightBytes(s, i)); n < 8 {
				if c := s[i+n]; c < utf8.RuneSelf && c != '-' && c != '\'' && (c < '0' || c > '9') {
					end = i + n
				}
			}
		}
		if end < 0 {
			end = nameWordEnd(s, i)
		}
		if end < 0 || code != nil && inAny(code, i) || inAddress(s, i) {
			// Not a name word, or one in code or in a link's address,
			// which are written as they must be.
			runs, first = endRun(runs, words, first, t), len(words)
			_, i = schema.NextWord(s, i)
			continue
		}
		if last >= 0 && !oneSpace(s[last:i]) {
			runs, first = endRun(runs, words, first, t), len(words)
		}
		words = append(words, nameWord{start: int32(i), end: int32(end)})
		last, i = end, end
	}
	return endRun(runs, words, first, t), words
}

// endRun appends to runs the run of t's words words[first:], if it has
// any.
func endRun(runs []nameRun, words []nameWord, first int, t *pageText) []nameRun {
	if len(words) > first {
		runs = append(runs, nameRun{words: words[first:len(words):len(words)], text: t})
	}
	return runs
}

// inAddress tells whether s[i] stands in a web address: in the run of
// non-space text before it, after "://", "](" or "www.". The run is read
// back at most 256 bytes, so that text without spaces costs no more; a
// word right after a space, most of them, costs one byte's look.
func inAddress(s string, i int) bool {
	// A word at the text's start or right after a space, most of them,
	// stands in no address: told here, where the compiler writes the
	// test in place, and the address read back apart.
	if i == 0 {
		return false
	}
	switch s[i-1] {
	case ' ', '\t', '\n':
		return false
	}
	return inAddressToken(s, i)
}

// inAddressToken is inAddress for a word with text before it that is no
// space.
func inAddressToken(s string, i int) bool {
	from := i
	for from > 0 && i-from < 256 {
		if c := s[from-1]; c == ' ' || c == '\t' || c == '\n' {
			break
		}
		from--
	}
	if from == i {
		return false
	}
	token := s[from:i]
	return strings.Contains(token, "://") || strings.Contains(token, "](") || strings.HasPrefix(token, "www.")
}

// inWord tells whether a word rune stands right before s[i].
func inWord(s string, i int) bool {
	switch {
	case i == 0:
		return false // a text's first word, which many texts start with
	case s[i-1] < utf8.RuneSelf:
		return schema.IsWordByte(s[i-1]) // ASCII, most of a page
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	return schema.IsWordRune(before)
}

// nextCapital is the index of the first byte of s from i on that may
// start a capital letter: an ASCII capital or any byte of a multi-byte
// character; len(s) when there is none.
func nextCapital(s string, i int) int {
	// Sixteen bytes at a time while there are, as two words of eight: the
	// loop's own work (the test of its end, the bounds of the loads) is
	// paid once for both.
	for ; i+16 <= len(s); i += 16 {
		b := s[i : i+16] // one bounds check for both
		if found := capitalBytes(schema.EightBytes(b, 0)); found != 0 {
			return i + bits.TrailingZeros64(found)/8
		}
		if found := capitalBytes(schema.EightBytes(b, 8)); found != 0 {
			return i + 8 + bits.TrailingZeros64(found)/8
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if found := capitalBytes(schema.EightBytes(s, i)); found != 0 {
			return i + bits.TrailingZeros64(found)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return i
		}
	}
	return i
}

// capitalBytes has the high bit of each of the eight bytes of x (read by
// schema.EightBytes) that is 0x80 or more, or 'A' to 'Z'; the first such
// byte is the lowest.
func capitalBytes(x uint64) uint64 {
	return (x | schema.Capitals(x)) & 0x8080808080808080
}

// strictWord tells a word that must be written exactly, not near: a
// short word or an acronym.
func strictWord(w string) bool {
	return utf8.RuneCountInString(w) <= 4 || allUpper(w)
}

// allUpper tells a word in capitals: an acronym.
func allUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
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
		// ASCII letters, most of a name: eight at a time while the text
		// has eight bytes left, then one at a time. Either way s[j] is
		// then no ASCII letter.
		if j+8 <= len(s) {
			n := asciiLetters(schema.EightBytes(s, j))
			j += n
			if n == 8 {
				continue
			}
		} else if c := s[j] | 0x20; 'a' <= c && c <= 'z' {
			j++
			continue
		}
		if c := s[j]; c < utf8.RuneSelf && c != '-' && c != '\'' && (c < '0' || c > '9') {
			break // a space or a mark: most words end so
		}
		r, size := schema.DecodeRune(s, j)
		switch {
		case schema.IsLetter(r) || unicode.Is(unicode.Mn, r):
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

// asciiLetters is how many of the eight bytes of x (s[j:j+8] read by
// schema.EightBytes) are ASCII letters before the first that is not.
func asciiLetters(x uint64) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// Each byte folded to small letters (as nameWordEnd folds one: a byte
	// or 0x20 is 'a' to 'z' for a letter in either case) and without its
	// high bit; adding 0x80-'a' sets the high bit from 'a' on, adding
	// 0x80-('z'+1) from past 'z' on, and no byte carries into the next.
	low := (x | ones*0x20) &^ highs
	letter := (low + ones*(0x80-'a')) &^ (low + ones*(0x80-'z'-1)) &^ x & highs
	if letter == highs {
		return 8
	}
	// The first byte that is no letter is the lowest whose high bit is
	// clear in letter.
	return bits.TrailingZeros64(^letter&highs) / 8
}

// nameIndex finds the name a window of words is a near miss of.
type nameIndex struct {
	sizes []int
	// byWord holds, per folded word, the names of several words that
	// have it and where.
	byWord map[string][]nameSlot
	// ones holds the one-word names by their length in runes, shortest
	// first (in canon's order within a length), and oneLengths their
	// lengths: the names of about a word's length are a part of it.
	ones       []*canonicalName
	oneLengths []int
	// asciiWords are the ASCII words of byWord, each with its entry there,
	// and firstWord holds, by wordKey, 1 + the index of the first with
	// that key (0: none); a word's next is 1 + the index of the next with
	// its key. An ASCII word of a run, most of them, is looked up there:
	// most keys have no word, and a word that has is compared byte by
	// byte, without folding it into a string to hash for the map.
	asciiWords []keyedWord
	firstWord  [1 << 12]int32
	buf        []byte // scratch space for folding words
	// slots is slotsOf's answer, kept for the next run; cands nearest's.
	slots [][]nameSlot
	cands []*canonicalName

	// A page that lists many names looks their near misses up by keys
	// (see wordKeys), not among every name of a length or every name
	// that shares a word: there are as many words to look up as names,
	// and comparing each with each grew as their square.
	keyedOne, keyedMulti bool
	// oneKeys holds the one-word names by their keys; oneOthers those
	// with a letter outside ASCII, which are not keyed and are always
	// candidates.
	oneKeys   map[uint64][]*canonicalName
	oneOthers []*canonicalName
	// multiKeys holds the names of several words by the keys of each of
	// their words, with its place and the number of words; multiOthers,
	// by place, those whose word there is not ASCII.
	multiKeys   map[uint64][]*canonicalName
	multiOthers [][]*canonicalName
	lookups     int      // counts keyed lookups (canonicalName.seen)
	keys        []uint64 // scratch space for a word's keys
}

// manyNames is how many one-word names, or names of several words, a page
// lists before they are looked up by keys: a page lists a few dozen at
// most, and its index is then built as it always was.
var manyNames = 32

type nameSlot struct {
	c   *canonicalName
	pos int
}

// keyedWord is a word of nameIndex.asciiWords.
type keyedWord struct {
	word  string // folded
	slots []nameSlot
	next  int32
}

// build makes idx the index of canon, in the maps and tables it already
// has.
func (idx *nameIndex) build(canon []*canonicalName) *nameIndex {
	if idx.byWord == nil {
		idx.byWord = map[string][]nameSlot{}
	}
	ones := 0
	for _, c := range canon {
		if !slices.Contains(idx.sizes, len(c.words)) {
			idx.sizes = append(idx.sizes, len(c.words))
		}
		if len(c.words) == 1 {
			ones++
			idx.ones = append(idx.ones, c)
			continue
		}
		for i, w := range c.words {
			idx.byWord[w] = append(idx.byWord[w], nameSlot{c, i})
		}
	}
	// The ASCII words, once each, with their entries as they now stand.
	for _, c := range canon {
		for _, w := range c.words {
			if len(c.words) > 1 && ascii(w) && idx.asciiSlots(w) == nil {
				key := wordKey(w)
				idx.asciiWords = append(idx.asciiWords, keyedWord{word: w, slots: idx.byWord[w], next: idx.firstWord[key]})
				idx.firstWord[key] = int32(len(idx.asciiWords))
			}
		}
	}
	sort.Ints(idx.sizes)
	slices.SortStableFunc(idx.ones, func(a, b *canonicalName) int {
		return cmp.Compare(utf8.RuneCountInString(a.words[0]), utf8.RuneCountInString(b.words[0]))
	})
	for _, c := range idx.ones {
		idx.oneLengths = append(idx.oneLengths, utf8.RuneCountInString(c.words[0]))
	}
	idx.keyedOne, idx.keyedMulti = ones > manyNames, len(canon)-ones > manyNames
	if idx.keyedOne || idx.keyedMulti {
		idx.buildKeys(canon)
	}
	return idx
}

// buildKeys keys the names of canon for keyed lookups.
func (idx *nameIndex) buildKeys(canon []*canonicalName) {
	if idx.oneKeys == nil {
		idx.oneKeys, idx.multiKeys = map[uint64][]*canonicalName{}, map[uint64][]*canonicalName{}
	}
	add := func(keys map[uint64][]*canonicalName, key uint64, c *canonicalName) {
		if list := keys[key]; len(list) == 0 || list[len(list)-1] != c { // a key once per name
			keys[key] = append(list, c)
		}
	}
	for _, c := range canon {
		if len(c.words) == 1 {
			if !idx.keyedOne {
				continue
			}
			if !ascii(c.words[0]) {
				idx.oneOthers = append(idx.oneOthers, c)
				continue
			}
			for _, key := range idx.wordKeys(c.words[0], nameReach(c, 0), 0, 1) {
				add(idx.oneKeys, key, c)
			}
			continue
		}
		if !idx.keyedMulti {
			continue
		}
		for i, w := range c.words {
			if !ascii(w) {
				for len(idx.multiOthers) <= i {
					idx.multiOthers = append(idx.multiOthers, nil)
				}
				idx.multiOthers[i] = append(idx.multiOthers[i], c)
				continue
			}
			for _, key := range idx.wordKeys(w, nameReach(c, i), i, len(c.words)) {
				add(idx.multiKeys, key, c)
			}
		}
	}
}

// nameReach is how many letters a near miss of c's word i may differ by,
// whatever the other word's length (see nearMiss): none for a word that
// must be written exactly, one for a word of up to 6 letters (a word two
// letters longer than it is within 8, one letter allowed), two for longer.
func nameReach(c *canonicalName, i int) int {
	switch n := len(c.words[i]); {
	case c.strict[i]:
		return 0
	case n <= 6:
		return 1
	}
	return 2
}

// wordKeys are the keys of an ASCII word (lower case) at place pos of a
// name of size words: the hashes of the words made by deleting at most
// reach of its letters. Two words within reach edits of each other
// (letters changed, added, dropped, or two neighbours swapped) share a
// key: a change is a deletion from each, a swap deletes one of the two
// letters from each. The keys hold until the next call.
func (idx *nameIndex) wordKeys(w string, reach, pos, size int) []uint64 {
	seed := uint64(pos*8+size) * 0x9E3779B97F4A7C15
	idx.keys = append(idx.keys[:0], deletionHash(w, seed, -1, -1))
	for i := 0; reach >= 1 && i < len(w); i++ {
		idx.keys = append(idx.keys, deletionHash(w, seed, i, -1))
		for j := i + 1; reach >= 2 && j < len(w); j++ {
			idx.keys = append(idx.keys, deletionHash(w, seed, i, j))
		}
	}
	return idx.keys
}

// deletionHash is the FNV-1a hash of w without its bytes i and j (-1 for
// none), from seed.
func deletionHash(w string, seed uint64, i, j int) uint64 {
	h := seed ^ 14695981039346656037
	for k := 0; k < len(w); k++ {
		if k != i && k != j {
			h = (h ^ uint64(w[k])) * 1099511628211
		}
	}
	return h
}

// reset empties idx, so that it holds no page.
func (idx *nameIndex) reset() {
	clear(idx.byWord)
	clear(idx.ones)
	idx.ones, idx.oneLengths = idx.ones[:0], idx.oneLengths[:0]
	for _, k := range idx.asciiWords {
		idx.firstWord[wordKey(k.word)] = 0
	}
	clear(idx.asciiWords)
	idx.asciiWords = idx.asciiWords[:0]
	clear(idx.slots)
	clear(idx.cands)
	idx.sizes, idx.slots, idx.cands = idx.sizes[:0], idx.slots[:0], idx.cands[:0]
	if len(idx.oneKeys)+len(idx.multiKeys) > 1<<14 {
		idx.oneKeys, idx.multiKeys = nil, nil // a rare page's maps would slow every page after it
	}
	clear(idx.oneKeys)
	clear(idx.multiKeys)
	clear(idx.oneOthers)
	for i := range idx.multiOthers {
		clear(idx.multiOthers[i])
		idx.multiOthers[i] = idx.multiOthers[i][:0]
	}
	idx.oneOthers, idx.keyedOne, idx.keyedMulti = idx.oneOthers[:0], false, false
}

// slotsOf are, for each word of r, the names of several words that have
// it; nil when none has any. They hold until the next call.
func (idx *nameIndex) slotsOf(r nameRun) [][]nameSlot {
	slots, any := idx.slots[:0], false
	// Most runs are ASCII from their first word to their last: then so is
	// each word, told by one look at the run.
	runASCII := ascii(r.text.Text[r.words[0].start:r.words[len(r.words)-1].end])
	for i := range r.words {
		var s []nameSlot
		if w := r.word(i); runASCII || ascii(w) {
			s = idx.asciiSlots(w)
		} else {
			idx.buf = schema.AppendFoldedWord(idx.buf[:0], w)
			s = idx.byWord[string(idx.buf)]
		}
		slots = append(slots, s)
		any = any || s != nil
	}
	idx.slots = slots
	if !any {
		return nil
	}
	return slots
}

// ascii tells a word of ASCII only: only such words are in
// nameIndex.asciiWords, whose keys read bytes. It reads eight bytes at a
// time (no byte of ASCII has its high bit set), then one at a time.
func ascii(w string) bool {
	i := 0
	for ; i+8 <= len(w); i += 8 {
		if schema.EightBytes(w, i)&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiSlots are the slots byWord holds for the ASCII word w, folded.
// A folded ASCII word is ASCII: only asciiWords can hold it.
func (idx *nameIndex) asciiSlots(w string) []nameSlot {
	for at := idx.firstWord[wordKey(w)]; at != 0; {
		k := &idx.asciiWords[at-1]
		if foldedASCII(w, k.word) {
			return k.slots
		}
		at = k.next
	}
	return nil
}

// foldedASCII tells whether folded is the ASCII word w folded, as
// schema.AppendFoldedWord folds it: its capitals made small letters.
func foldedASCII(w, folded string) bool {
	if len(w) != len(folded) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != folded[i] {
			return false
		}
	}
	return true
}

// wordKey is an ASCII word's place in nameIndex.firstWord: a hash of its
// length and its first, middle and last bytes, case folded. A byte or 0x20
// is a capital's small letter, and the same for a byte and its folding:
// a word and its folded form have one key, without a loop over either.
func wordKey(w string) int {
	if w == "" {
		return 0
	}
	h := uint32(len(w))*0x9E3779B1 ^ uint32(w[0]|0x20)<<16 ^ uint32(w[len(w)/2]|0x20)<<8 ^ uint32(w[len(w)-1]|0x20)
	return int((h * 0x9E3779B1) >> 20)
}

// nearest is the one name words are a near miss of, or nil when they are
// a near miss of none or of several. A one-word name is looked for among
// the names of about its length; a name of several words among those that
// share one of its words, in its place.
func (idx *nameIndex) nearest(r nameRun, slots [][]nameSlot, at, k int) *canonicalName {
	if cands, ok := idx.keyedCandidates(r, at, k); ok {
		return oneNearMiss(r, at, k, cands)
	}
	if k == 1 {
		// The names of n-2 to n+2 runes, in the order of their lengths.
		n := utf8.RuneCountInString(r.word(at))
		from, _ := slices.BinarySearch(idx.oneLengths, n-2)
		to, _ := slices.BinarySearch(idx.oneLengths, n+3)
		return oneNearMiss(r, at, k, idx.ones[from:to])
	}
	cands := idx.cands[:0]
	for i := range k {
		for _, s := range slots[at+i] {
			if s.pos == i && len(s.c.words) == k {
				cands = append(cands, s.c)
			}
		}
	}
	idx.cands = cands
	return oneNearMiss(r, at, k, cands)
}

// oneNearMiss is the one name of cands that words at..at+k of r are a near
// miss of, or nil when they are a near miss of none or of several.
func oneNearMiss(r nameRun, at, k int, cands []*canonicalName) *canonicalName {
	var match *canonicalName
	for _, c := range cands {
		if c == match || !nearMiss(r, at, k, c) {
			continue
		}
		if match != nil {
			return nil // close to two names: which one is a guess
		}
		match = c
	}
	return match
}

// keyedCandidates are, on a page whose names are keyed, the names words
// at..at+k of r may be a near miss of: those that share a key with the
// first word (k = 1), or with the word of the window that meets the
// fewest names under its keys and, as nearest asks, have one word the
// same in the same place. ok is false where the names are not keyed, or
// the words are not ASCII.
func (idx *nameIndex) keyedCandidates(r nameRun, at, k int) (cands []*canonicalName, ok bool) {
	if (k == 1 && !idx.keyedOne) || (k > 1 && !idx.keyedMulti) {
		return nil, false
	}
	var words [8]string // folded
	if k > len(words) {
		return nil, false
	}
	for i := range k {
		w := r.word(at + i)
		if !ascii(w) {
			return nil, false
		}
		words[i] = strings.ToLower(w) // AppendFoldedWord's folding, for ASCII
	}
	keys, others, pos := idx.oneKeys, idx.oneOthers, 0
	if k > 1 {
		keys, others = idx.multiKeys, nil
		best := -1
		for i := range k {
			n := 0
			for _, key := range idx.wordKeys(words[i], 2, i, k) {
				n += len(keys[key])
			}
			if best < 0 || n < best {
				best, pos = n, i
			}
		}
		if pos < len(idx.multiOthers) {
			others = idx.multiOthers[pos]
		}
	}
	idx.lookups++
	cands = idx.cands[:0]
	take := func(c *canonicalName) {
		if c.seen == idx.lookups || len(c.words) != k {
			return
		}
		c.seen = idx.lookups
		if k > 1 && !sameWordInPlace(c, words[:k]) {
			return
		}
		cands = append(cands, c)
	}
	for _, key := range idx.wordKeys(words[pos], 2, pos, k) {
		for _, c := range keys[key] {
			take(c)
		}
	}
	for _, c := range others {
		take(c)
	}
	idx.cands = cands
	return cands, true
}

// sameWordInPlace tells whether one of c's words is the folded word of
// the window in its place, as slotsOf finds them.
func sameWordInPlace(c *canonicalName, words []string) bool {
	for i, w := range words {
		if c.words[i] == w {
			return true
		}
	}
	return false
}

// nearMiss tells whether words spell c with a slip: each word the same
// or within its allowed edits, at least one letter different, and not c's
// plural, possessive or case. The cheap tests go first: most windows that
// share a word with a name differ from it in a word of another length.
func nearMiss(r nameRun, at, k int, c *canonicalName) bool {
	if k != len(c.words) {
		return false
	}
	differs := false
	for i := range k {
		w := r.word(at + i)
		if strings.EqualFold(w, c.words[i]) {
			continue
		}
		if c.strict[i] || strictWord(w) {
			return false
		}
		n, m := utf8.RuneCountInString(w), utf8.RuneCountInString(c.words[i])
		allowed := allowedEditsFor(max(n, m))
		if n-m > allowed || m-n > allowed {
			return false
		}
		// Most words of about the name's length are far from it in letters
		// too: tell so before folding the word and filling the table.
		if kinds, ok := asciiLetterKinds(w); ok && bits.OnesCount32(kinds^c.kinds[i]) > 2*allowed {
			return false
		}
		var buf [32]byte
		folded := string(schema.AppendFoldedWord(buf[:0], w))
		if pluralOf(folded, c.words[i]) || pluralOf(c.words[i], folded) || editDistanceUpTo(folded, c.words[i], allowed) > allowed {
			return false
		}
		differs = true
	}
	return differs
}

// letterKinds is the set of kinds of w's runes, in 32 kinds by their last
// five bits, as bagDistance counts them. An edit (a rune changed, added or
// dropped) takes at most one kind away from a word and adds at most one, a
// swap changes none: two words whose sets differ in more than 2*n kinds are
// more than n edits apart.
func letterKinds(w string) uint32 {
	var kinds uint32
	for _, r := range w {
		kinds |= 1 << (r & 31)
	}
	return kinds
}

// asciiLetterKinds is the letterKinds of an ASCII word folded: a capital
// and its small letter are 32 apart, so of one kind, and folding changes
// no other byte. ok is false for a word with a rune outside ASCII, which
// must be folded first.
func asciiLetterKinds(w string) (kinds uint32, ok bool) {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return 0, false
		}
		kinds |= 1 << (w[i] & 31)
	}
	return kinds, true
}

// pluralOf tells whether a is b's plural: b with s or es.
func pluralOf(a, b string) bool {
	suffix, ok := strings.CutPrefix(a, b)
	return ok && (suffix == "s" || suffix == "es")
}

func allowedEditsFor(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 9:
		return 1
	}
	return 2
}
