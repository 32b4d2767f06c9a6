package fixers

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// MaxPasses bounds the fix loop: each pass fixes what does not conflict,
// then the page is read and checked again.
const MaxPasses = 10

// Options choose what the engine may do.
type Options struct {
	Config *rules.Config
	Unsafe bool // also apply unsafe fixes
	// Fixers to use; nil means every registered fixer.
	Fixers []*Fixer
	// Text is the page Run is given as a string, when the caller has one
	// (its bytes, not a copy of them); "" to have one made.
	Text string
}

// Outcome is the result of fixing one file.
type Outcome struct {
	Src []byte
	// Doc and Remaining are the fixed page as read again and what is
	// still wrong with it.
	Doc       *schema.Document
	Remaining []rules.Diagnostic
	// Applied counts fixes by fixer name.
	Applied map[string]int
	Passes  int
	// Rejected are fixes the structural guard turned down: each, alone,
	// would have garbled the page. They are fixer bugs, reported; the
	// rest of the page is still fixed and their findings stay.
	Rejected []*FixerError
	// rejected keys the fixes turned down, not to be tried again.
	rejected map[string]bool
	// docs are the pages the run read, for Release.
	docs []*schema.Document
	// before is the text Run was given, and beforeText the same as read
	// into its first Document; stretches are where Src differs from it,
	// from the edits of every pass.
	before     []byte
	beforeText string
	stretches  []stretch
}

// Changes is the line diff of the fixed text against the text Run was
// given (Compare), built from the edits the passes made, with the lines
// cut from the strings the pages were read into.
func (o *Outcome) Changes() *Changes {
	afterText := ""
	if o.Doc != nil {
		afterText = o.Doc.Text // Doc is Src as read
	}
	return compareStretches(o.before, o.Src, o.beforeText, afterText, o.stretches)
}

// rejectedKey identifies a fix across passes: its fixer, the finding it
// answers and its edits.
func rejectedKey(f *Fix) string {
	var b strings.Builder
	b.WriteString(f.Fixer.Name)
	for _, e := range f.Edits {
		fmt.Fprintf(&b, "|%d:%d:%s", e.Start, e.End, e.New)
	}
	return b.String()
}

// Changed reports whether any fix was applied.
func (o *Outcome) Changed() bool { return len(o.Applied) > 0 }

// FixerError is a fixer misbehaving: invalid edits, a loop, or content lost.
// The file is then left as it was.
type FixerError struct {
	Fixer string
	Err   error
}

func (e *FixerError) Error() string {
	return fmt.Sprintf("fixer %s: %v (this is a bug in podlint; the file was left as it was)", e.Fixer, e.Err)
}

func (e *FixerError) Unwrap() error { return e.Err }

// Run repairs src until no fixable finding is left, MaxPasses passes have
// run, or a pass would recreate an earlier state.
func Run(path string, src []byte, opts Options) (*Outcome, error) {
	out := &Outcome{Src: src, Applied: map[string]int{}, before: src}
	seen := [][]byte{src} // every state of the text, to stop a loop
	doc := schema.ReadText(path, out.Src, opts.Text)
	out.beforeText = doc.Text
	out.docs = append(out.docs, doc)
	diags := rules.Run(doc, opts.Config)
	for {
		out.Doc, out.Remaining = doc, diags
		if out.Passes == MaxPasses {
			return out, nil
		}
		fixes, err := collectFixes(doc, diags, opts)
		if err != nil {
			return nil, err
		}
		if len(out.rejected) > 0 {
			fixes = slices.DeleteFunc(fixes, func(f *Fix) bool { return out.rejected[rejectedKey(f)] })
		}
		accepted := merge(fixes)
		if len(accepted) == 0 {
			return out, nil
		}
		next := applyFixes(out.Src, accepted)
		// The fixed page as a string: the guard reads the new side of each
		// edited stretch from it, and the page is read from it.
		nextText := textOf(next)
		if err := guard(out.Src, doc.Text, next, nextText, accepted); err != nil {
			// Fixes that each keep the content may not keep it together: one
			// spells a name right in a heading another keeps a leaked
			// title for. Part of them goes alone, and the others wait for
			// the next pass, which finds their findings again.
			alone, aloneNext, ok := guardedPart(out.Src, doc.Text, accepted, err)
			if !ok {
				return nil, err
			}
			accepted, next = alone, aloneNext
			nextText = textOf(next)
		}
		// A flattened page given its lines back was read and checked
		// through its view already.
		nextDoc, nextDiags, ok := rules.RunRestored(doc, opts.Config, next)
		if !ok {
			nextDoc = schema.ReadText(path, next, nextText)
			nextDoc.Earlier = doc
			nextDiags = rules.Run(nextDoc, opts.Config)
			nextDoc.Earlier = nil // not a chain of every pass's page
		}
		out.docs = append(out.docs, nextDoc)
		shrunk, culprit, rejected := structureGuard(path, opts.Config, doc, diags, nextDoc, nextDiags, accepted)
		if rejected != nil {
			// That fix alone garbles the page: turn it down, report it,
			// and go on with the others (again from this page).
			if out.rejected == nil {
				out.rejected = map[string]bool{}
			}
			out.rejected[rejectedKey(culprit)] = true
			out.Rejected = append(out.Rejected, rejected)
			continue
		}
		if shrunk != nil {
			accepted, next, nextDoc, nextDiags = shrunk.fixes, shrunk.src, shrunk.doc, shrunk.diags
			out.docs = append(out.docs, nextDoc)
			if err := guard(out.Src, doc.Text, next, nextDoc.Text, accepted); err != nil {
				return nil, err
			}
		}
		if slices.ContainsFunc(seen, func(s []byte) bool { return bytes.Equal(s, next) }) {
			return nil, &FixerError{Fixer: fixerNames(accepted), Err: fmt.Errorf("pass %d recreates an earlier state of the file", out.Passes+1)}
		}
		seen = append(seen, next)
		for _, f := range accepted {
			out.Applied[f.Fixer.Name]++
		}
		edits := appendEdits(nil, accepted)
		sortEdits(edits)
		out.stretches = compose(out.stretches, stretchesOf(edits))
		out.Src = next
		out.Passes++
		doc, diags = nextDoc, nextDiags
	}
}

// textOf is a fixed page as a string, without a copy (schema.TextOf).
// applyFixes makes the page for one pass (or one editor's fix, or one part
// of a pass the guard tries) alone, and nothing writes to a page's bytes
// once it is made (the reader, the rules and the guards only read them;
// the next pass makes a page of its own). A copy of every fixed page was a
// fifth of what a fix of JSON pages with a fix on every chapter allocated.
func textOf(page []byte) string { return schema.TextOf(page) }

// Release tells that the caller is done with the run's outcome (Doc,
// Remaining and the changes it makes): the memory of every page the run
// read then serves the next page read (see schema.Document.Release).
func (o *Outcome) Release() {
	for _, doc := range o.docs {
		doc.Release()
	}
	o.docs = nil
}

// collectFixes asks every fixer for every diagnostic it answers.
func collectFixes(doc *schema.Document, diags []rules.Diagnostic, opts Options) ([]*Fix, error) {
	fixers := opts.Fixers
	if fixers == nil {
		fixers = all
	}
	var fixes []*Fix
	crlf := usesCRLF(doc.Src)
	for _, d := range diags {
		if d.SeenThrough {
			continue // answered once restore-lines gives the page its lines
		}
		if opts.Fixers == nil && (d.Fix == rules.NoFix || (d.Fix == rules.UnsafeFix && !opts.Unsafe)) {
			// The rule states what podlint's fixers would build
			// (TestFixAvailability holds them to it): nothing, or a fix
			// this run may not make.
			continue
		}
		for _, f := range answering(fixers, d.Rule) {
			fix := f.Make(doc, opts.Config, d)
			if fix == nil || (fix.Safety == Unsafe && !opts.Unsafe) {
				continue
			}
			fix.Fixer = f
			sortEdits(fix.Edits)
			if err := validateEdits(fix.Edits, len(doc.Src)); err != nil {
				return nil, &FixerError{Fixer: f.Name, Err: err}
			}
			if crlf {
				// Fixers write LF; the file keeps its own line ends.
				for i := range fix.Edits {
					fix.Edits[i].New = toCRLF(fix.Edits[i].New)
				}
			}
			fixes = append(fixes, fix)
			break // one fix per finding
		}
	}
	return fixes, nil
}

// usesCRLF tells a file whose lines end in CRLF: most of its line ends
// are, so that one stray LF does not decide for a whole page.
func usesCRLF(src []byte) bool {
	crlf := bytes.Count(src, []byte("\r\n"))
	return crlf > 0 && 2*crlf > bytes.Count(src, []byte("\n"))
}

// toCRLF turns each LF of s that is not part of a CRLF into CRLF.
func toCRLF(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + strings.Count(s, "\n"))
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
			b.WriteByte('\r')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// merge keeps, in source order, each fix none of whose edits overlaps or
// touches an edit already kept. The others wait for the next pass.
func merge(fixes []*Fix) []*Fix {
	sort.SliceStable(fixes, func(i, j int) bool { return fixes[i].Edits[0].Start < fixes[j].Edits[0].Start })
	// Sized for every fix and edit, as most passes keep them all.
	kept := make([]*Fix, 0, len(fixes))
	taken := make([]Edit, 0, editCount(fixes)) // sorted by Start, never overlapping
	clashes := func(e Edit) bool {
		// Taken edits from the first that ends at or after e starts, up to
		// the last that starts by e's end, can overlap or touch it.
		for i := sort.Search(len(taken), func(i int) bool { return taken[i].End >= e.Start }); i < len(taken) && taken[i].Start <= e.End; i++ {
			if conflicts(e, taken[i]) {
				return true
			}
		}
		return false
	}
	for _, f := range fixes {
		clash := false
		for _, e := range f.Edits {
			clash = clash || clashes(e)
		}
		if clash {
			continue
		}
		kept = append(kept, f)
		for _, e := range f.Edits {
			i := sort.Search(len(taken), func(i int) bool { return taken[i].Start > e.Start })
			taken = append(taken, Edit{})
			copy(taken[i+1:], taken[i:])
			taken[i] = e
		}
	}
	return kept
}

func applyFixes(src []byte, fixes []*Fix) []byte {
	return applyEdits(src, appendEdits(nil, fixes))
}

// editCount is the number of edits of fixes.
func editCount(fixes []*Fix) int {
	n := 0
	for _, f := range fixes {
		n += len(f.Edits)
	}
	return n
}

// appendEdits appends every edit of fixes to dst, growing it once.
func appendEdits(dst []Edit, fixes []*Fix) []Edit {
	dst = slices.Grow(dst, editCount(fixes))
	for _, f := range fixes {
		dst = append(dst, f.Edits...)
	}
	return dst
}

func fixerNames(fixes []*Fix) string {
	names := map[string]bool{}
	for _, f := range fixes {
		names[f.Fixer.Name] = true
	}
	var out []string
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// guard is the content guard: every word of before is still in after,
// except the words the fixes declared removed. When it fails, the fixes are
// tried one by one to name the one that lost words. beforeText is before as
// a string when the caller has it (the page's Document.Text), else "";
// afterText is after as a string, or "".
func guard(before []byte, beforeText string, after []byte, afterText string, fixes []*Fix) error {
	if err := keptWhole(after, afterText, fixes); err != nil {
		return err
	}
	if !losesWords(before, beforeText, afterText, fixes) {
		return nil
	}
	lost := lostWords(before, after, fixes)
	if len(lost) == 0 {
		return nil
	}
	culprit := fixes[0]
	for _, f := range fixes {
		if len(lostWords(before, applyFixes(before, []*Fix{f}), []*Fix{f})) > 0 {
			culprit = f
			break
		}
	}
	if len(lost) > 5 {
		lost = append(lost[:5], "…")
	}
	return &FixerError{Fixer: culprit.Fixer.Name, Err: fmt.Errorf("content guard: the fix would lose the words %s", strings.Join(lost, " "))}
}

// guardedPart is the part of a pass's fixes that passes the content guard
// when all of them together do not (err): the fixes of the fixer err names,
// else all the others. ok is false when there is no such part: one fixer's
// fixes alone, or neither part passing.
func guardedPart(src []byte, srcText string, fixes []*Fix, err error) (part []*Fix, next []byte, ok bool) {
	var fe *FixerError
	if !errors.As(err, &fe) {
		return nil, nil, false
	}
	named := func(f *Fix) bool { return f.Fixer.Name == fe.Fixer }
	for _, keep := range []func(*Fix) bool{named, func(f *Fix) bool { return !named(f) }} {
		part = slices.DeleteFunc(slices.Clone(fixes), func(f *Fix) bool { return !keep(f) })
		if len(part) == 0 || len(part) == len(fixes) {
			return nil, nil, false
		}
		next = applyFixes(src, part)
		if guard(src, srcText, next, textOf(next), part) == nil {
			return part, next, true
		}
	}
	return nil, nil, false
}

// keptWhole checks the fixes' claims that what they delete is elsewhere on
// the page: each Kept text must be on the fixed page, its words in order.
// A fix cannot talk the word guard round by declaring text kept.
//
// afterText is after as a string, or "": it is then made here.
func keptWhole(after []byte, afterText string, fixes []*Fix) error {
	n := 0
	for _, f := range fixes {
		n += len(f.Kept)
	}
	if n == 0 {
		return nil
	}
	if afterText != string(after) { // a comparison, no copy
		afterText = string(after)
	}
	return keptWholeBy(afterText, fixes, n > fewKept)
}

// fewKept is the most kept texts looked for in the page's words one after
// the other; more are looked up in an index of the page's words.
const fewKept = 32

// keptWholeBy is keptWhole, with or without the index of the page's words.
// normalizeWords writes a text's words one space apart, so a run of words
// is on the page when it stands between spaces in the page so written.
func keptWholeBy(after string, fixes []*Fix, indexed bool) error {
	type keptText struct {
		fix         *Fix
		text, words string
		fields      []string // words, one by one, for the index
	}
	var kept []keptText
	for _, f := range fixes {
		for _, k := range f.Kept {
			if words := normalizeWords(k); words != "" {
				kept = append(kept, keptText{fix: f, text: k, words: words})
			}
		}
	}
	if len(kept) == 0 {
		return nil
	}
	var found []bool // whether each kept text is on the page
	if indexed {
		wanted := map[string]bool{}
		for i := range kept {
			kept[i].fields = strings.Fields(kept[i].words)
			for _, w := range kept[i].fields {
				wanted[w] = true
			}
		}
		page := indexWords(normalizeWords(after), wanted)
		found = make([]bool, len(kept))
		for i, k := range kept {
			found[i] = page.has(k.fields)
		}
	} else {
		runs := make([]string, len(kept))
		for i, k := range kept {
			runs[i] = k.words
		}
		found = runsIn(" "+normalizeWords(after)+" ", runs)
	}
	for i, k := range kept {
		if !found[i] {
			return &FixerError{Fixer: k.fix.Fixer.Name, Err: fmt.Errorf("content guard: the fix deletes %q as kept elsewhere, but the fixed page does not have it", clip(k.text, 60))}
		}
	}
	return nil
}

// runsIn tells, for each run of words, whether it stands between two
// spaces in page, as strings.Contains(page, " "+run+" ") would, in one walk
// over the page's words for all the runs: a pass of a leaked blob keeps some
// sixteen texts, and a search of a 20 KB page for each, which met a false
// start at most words, was most of the guard's cost. page is normalized
// words between spaces (" " + normalizeWords(text) + " ") and each run
// normalized words (normalizeWords, not ""): a place a run may start is then
// a word of the page, one as long as the run's first word and starting
// with the same byte.
func runsIn(page string, runs []string) []bool {
	found := make([]bool, len(runs))
	heads := make([]int, len(runs)) // the length of each run's first word
	var firsts schema.WordFilter    // the runs' first words
	for i, r := range runs {
		heads[i] = len(r)
		if n := strings.IndexByte(r, ' '); n >= 0 {
			heads[i] = n
		}
		firsts.Add(r[:heads[i]])
	}
	left := len(runs)
	for at := 1; at < len(page) && left > 0; { // page[0] is a space
		n := strings.IndexByte(page[at:], ' ')
		if n < 0 {
			break
		}
		if firsts.MayHold(page[at : at+n]) {
			rest := page[at:]
			for i, r := range runs {
				if !found[i] && heads[i] == n && len(r) < len(rest) && rest[len(r)] == ' ' && rest[:len(r)] == r {
					found[i] = true
					left--
				}
			}
		}
		at += n + 1
	}
	return found
}

// wordIndex is a page's words with where each of the words asked about
// occurs, and each run of three of them, so that a run of words is found
// from its rarest word or run of three: a pass with thousands of kept
// texts (a page of many leaked blobs) costs what its words cost, not
// thousands of scans of the page. (From single words alone, a page whose
// every word is common scanned most of itself for each kept text.)
type wordIndex struct {
	words []string
	at    map[string][]int
	// threes holds where each run of three words asked about starts, by
	// the hash of the three (see threeHash); a hash may stand for other
	// runs too, which has tells apart.
	threes map[uint64][]int
	seed   maphash.Seed
}

// indexWords indexes the words of a normalized page, keeping where each
// word of wanted occurs (the words has will be asked about), and where
// each run of three of them; a word is looked up in wanted only when its
// filter lets it through.
func indexWords(normalized string, wanted map[string]bool) *wordIndex {
	ix := &wordIndex{words: strings.Fields(normalized), at: make(map[string][]int, len(wanted)),
		threes: map[uint64][]int{}, seed: maphash.MakeSeed()}
	var maybe schema.WordFilter
	for w := range wanted {
		maybe.Add(w)
	}
	hashes := make([]uint64, len(ix.words)) // 0: a word not asked about
	for i, w := range ix.words {
		if maybe.MayHold(w) && wanted[w] {
			ix.at[w] = append(ix.at[w], i)
			hashes[i] = maphash.String(ix.seed, w) | 1
		}
	}
	for i := 0; i+2 < len(hashes); i++ {
		if hashes[i] != 0 && hashes[i+1] != 0 && hashes[i+2] != 0 {
			key := threeHash(hashes[i], hashes[i+1], hashes[i+2])
			ix.threes[key] = append(ix.threes[key], i)
		}
	}
	return ix
}

// threeHash combines the hashes of three words in order.
func threeHash(a, b, c uint64) uint64 {
	return (a*0x9E3779B97F4A7C15^b)*0xBF58476D1CE4E5B9 ^ c*0x94D049BB133111EB
}

// has tells whether the page holds words, in order and side by side.
func (ix *wordIndex) has(words []string) bool {
	// The anchor: the rarest word, or run of three, of words.
	anchor, starts := 0, ix.at[words[0]]
	for i, w := range words {
		if len(ix.at[w]) < len(starts) {
			anchor, starts = i, ix.at[w]
		}
	}
	if len(words) >= 3 && len(starts) > 0 {
		prev2, prev := maphash.String(ix.seed, words[0])|1, maphash.String(ix.seed, words[1])|1
		for i := 2; i < len(words); i++ {
			h := maphash.String(ix.seed, words[i]) | 1
			if s := ix.threes[threeHash(prev2, prev, h)]; len(s) < len(starts) {
				anchor, starts = i-2, s
			}
			prev2, prev = prev, h
		}
	}
	for _, p := range starts {
		start := p - anchor
		if start < 0 || start+len(words) > len(ix.words) {
			continue
		}
		if slices.Equal(ix.words[start:start+len(words)], words) {
			return true
		}
	}
	return false
}

// clip shortens s to at most n runes for a message.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// losesWords is the guard's fast question: would applying fixes to before
// leave a word fewer times than before has it, beyond the declared removals?
// Only the edited stretches can differ: each edit is widened to the word
// boundaries around it (to an ASCII byte that is no letter or digit, or the
// end), where the text outside is the same before and after, so the words
// of those stretches before and after decide. Words are compared by a hash
// seeded afresh each run (no text collides by design) in one table; the
// slow lostWords then names them for the message.
//
// beforeText is before as a string, or "": the words of an edited stretch
// are then read from a copy of its bytes. afterText, when it is not "", is
// the text the fixes make of before (applyFixes): the new side of each
// stretch is read from it, not put together from the edits.
func losesWords(before []byte, beforeText, afterText string, fixes []*Fix) bool {
	if beforeText != string(before) { // a comparison, no copy
		beforeText = ""
	}
	sc := guardScratchPool.Get().(*guardScratch)
	defer sc.put()
	edits := appendEdits(sc.edits[:0], fixes)
	sortEdits(edits)
	// Sized for a recovered blob's words: each comes to the table from the
	// blob and again from the recovered text, and the blob's own count
	// (Fix.syntax) has as many distinct words. A table grown word by word
	// rehashed them.
	size := 64
	for _, f := range fixes {
		if f.syntax != nil {
			size += len(f.syntax.words)
		}
	}
	if sc.balance == nil {
		sc.balance = make(map[uint64]int32, size)
	}
	balance := sc.balance
	seg, buf, buf2 := sc.seg[:0], sc.buf[:0], sc.buf2[:0]
	defer func() { sc.edits, sc.seg, sc.buf, sc.buf2 = edits[:0], seg, buf, buf2 }()
	// shift is how much longer the fixed text is than before, up to the
	// stretch at hand: the stretches do not overlap (each ends where a
	// byte that is no word byte stands, and the next starts after it).
	shift := 0
	build := afterText == ""
	for i := 0; i < len(edits); i++ {
		e := edits[i]
		from, to := e.Start, e.End
		for from > 0 && schema.IsWordByte(before[from-1]) {
			from--
		}
		for to < len(before) && schema.IsWordByte(before[to]) {
			to++
		}
		grow := len(e.New) - (e.End - e.Start)
		if build {
			seg = append(append(seg[:0], before[from:e.Start]...), e.New...)
		}
		at := e.End
		for i+1 < len(edits) && edits[i+1].Start <= to {
			i++
			e = edits[i]
			grow += len(e.New) - (e.End - e.Start)
			if build {
				seg = append(append(seg, before[at:e.Start]...), e.New...)
			}
			at = e.End
			to = max(to, e.End)
			for to < len(before) && schema.IsWordByte(before[to]) {
				to++
			}
		}
		old := beforeText
		if old == "" {
			old = string(before[from:to])
		} else {
			old = old[from:to]
		}
		var new string
		if build {
			new = string(append(seg, before[at:to]...))
		} else {
			new = afterText[from+shift : to+shift+grow]
		}
		shift += grow
		buf, buf2 = addChange(balance, old, new, buf, buf2)
	}
	for _, f := range fixes {
		for _, r := range f.Removed {
			buf = addWords(balance, r, -1, buf)
		}
		if t := f.syntax; t != nil {
			for i, h := range t.hashes {
				if n := t.counts[i]; n > 0 {
					balance[h] -= n
				}
			}
		}
		for _, r := range f.Kept {
			buf = addWords(balance, r, -1, buf)
		}
	}
	for _, n := range balance {
		if n > 0 {
			return true
		}
	}
	return false
}

var wordSeed = maphash.MakeSeed()

// guardScratch is what losesWords counts in: its table of words and its
// buffers, kept from one call to the next (the guard runs on every pass of
// every page) rather than made and dropped each time.
type guardScratch struct {
	balance        map[uint64]int32
	edits          []Edit
	seg, buf, buf2 []byte
}

var guardScratchPool = sync.Pool{New: func() any { return new(guardScratch) }}

// maxKeptWords is the most words a scratch table keeps room for: one grown
// for a page with a big blob is dropped, not emptied on every later call.
// maxKeptBytes is the same for a buffer.
const (
	maxKeptWords = 4096
	maxKeptBytes = 1 << 20
)

func (sc *guardScratch) put() {
	if len(sc.balance) > maxKeptWords {
		sc.balance = nil
	}
	clear(sc.balance)
	clear(sc.edits[:cap(sc.edits)]) // no page's new text kept alive
	for _, b := range []*[]byte{&sc.seg, &sc.buf, &sc.buf2} {
		if cap(*b) > maxKeptBytes {
			*b = nil
		}
	}
	guardScratchPool.Put(sc)
}

// addWords adds sign for each word of text to balance, case folded as
// countWords folds them. buf is scratch space.
func addWords(balance map[uint64]int32, text string, sign int32, buf []byte) []byte {
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		buf = addWord(balance, text[start:end], sign, buf)
	}
	return buf
}

// addChange adds the words of old to balance and takes those of new away,
// as addWords does, but skips a word the two texts have at the same place
// in their runs of words: most of an edited stretch's words are the same
// before and after (a flattened page given its lines back keeps all of
// them, in order), and those then cost no count. Where a word stands in one
// text only (a key a fix wraps a quote in), the run picks up again at the
// next word; the count is the same whichever words meet, as a word counted
// in both comes to nothing. buf and buf2 are scratch space.
func addChange(balance map[uint64]int32, old, new string, buf, buf2 []byte) ([]byte, []byte) {
	if sameBesideSpace(old, new) {
		return buf, buf2 // the same words, in order: a flattened page given its lines back
	}
	o0, o1 := schema.NextWord(old, 0)
	n0, n1 := schema.NextWord(new, 0)
	for o0 < o1 && n0 < n1 {
		p0, p1 := schema.NextWord(old, o1) // the next words of each
		q0, q1 := schema.NextWord(new, n1)
		ow, nw := old[o0:o1], new[n0:n1]
		switch {
		case ow == nw:
			// The texts most often go on the same for a while (a quote
			// given its timestamp keeps the quote): what they share after
			// the word, byte for byte up to a byte no word goes on
			// through, is whole words that come to nothing, passed over
			// without reading them.
			if k := sharedWords(old[o1:], new[n1:]); k > 0 {
				p0, p1 = schema.NextWord(old, o1+k)
				q0, q1 = schema.NextWord(new, n1+k)
			}
		case q0 < q1 && ow == new[q0:q1]: // nw is in new only
			buf = addWord(balance, nw, -1, buf)
			n0, n1 = q0, q1
			continue
		case p0 < p1 && old[p0:p1] == nw: // ow is in old only
			buf = addWord(balance, ow, 1, buf)
			o0, o1 = p0, p1
			continue
		default:
			buf = schema.AppendFoldedWord(buf[:0], ow)
			buf2 = schema.AppendFoldedWord(buf2[:0], nw)
			if string(buf) != string(buf2) {
				balance[maphash.Bytes(wordSeed, buf)]++
				balance[maphash.Bytes(wordSeed, buf2)]--
			}
		}
		o0, o1, n0, n1 = p0, p1, q0, q1
	}
	buf = addWords(balance, old[o0:], 1, buf)
	return addWords(balance, new[n0:], -1, buf), buf2
}

// sharedWords is how many first bytes a and b share, cut back to just
// after an ASCII byte that is no word byte (0 when there is none): a word
// that starts before the cut ends there in both.
func sharedWords(a, b string) int {
	k := 0
	for k+8 <= len(a) && k+8 <= len(b) && a[k:k+8] == b[k:k+8] {
		k += 8
	}
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	for k > 0 && schema.IsWordByte(a[k-1]) {
		k--
	}
	return k
}

// sameBesideSpace tells texts that are byte for byte the same but for their
// runs of ASCII white space, a run in one wherever the other has one (and
// any at their ends): a word is a run of word characters (schema.NextWord),
// which white space is not, so the two have the same words in the same
// order. It reads each byte once, where counting the words of a whole
// flattened page twice cost a tenth of fixing one.
func sameBesideSpace(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		// Most of the two is the same, byte for byte: eight bytes of each
		// are compared at once, up to the first that differ.
		for i+8 <= len(a) && j+8 <= len(b) {
			if x := schema.EightBytes(a, i) ^ schema.EightBytes(b, j); x != 0 {
				k := bits.TrailingZeros64(x) >> 3
				i, j = i+k, j+k
				break
			}
			i, j = i+8, j+8
		}
		if i < len(a) && j < len(b) && a[i] == b[j] {
			i, j = i+1, j+1
			continue
		}
		// They differ here, or one has ended: only in runs of white space
		// that both are in, or that both enter here.
		inRun := i > 0 && schema.IsSpaceByte(a[i-1]) // so is b[j-1], the same byte
		sa, sb := i < len(a) && schema.IsSpaceByte(a[i]), j < len(b) && schema.IsSpaceByte(b[j])
		if !sa && !sb || sa != sb && !inRun {
			break
		}
		for i < len(a) && schema.IsSpaceByte(a[i]) {
			i++
		}
		for j < len(b) && schema.IsSpaceByte(b[j]) {
			j++
		}
	}
	// What is left of either may be white space only.
	for ; i < len(a); i++ {
		if !schema.IsSpaceByte(a[i]) {
			return false
		}
	}
	for ; j < len(b); j++ {
		if !schema.IsSpaceByte(b[j]) {
			return false
		}
	}
	return true
}

// addWord adds sign for word to balance, case folded.
func addWord(balance map[uint64]int32, word string, sign int32, buf []byte) []byte {
	buf, key := wordKey(buf, word)
	balance[key] += sign
	return buf
}

// wordKey is a word's key in the guard's counts, the hash of the word case
// folded, which it writes into buf (scratch space, returned).
func wordKey(buf []byte, word string) ([]byte, uint64) {
	buf = schema.AppendFoldedWord(buf[:0], word)
	return buf, maphash.Bytes(wordSeed, buf)
}

// lostWords lists the words of before that after no longer has, beyond what
// the fixes declared removed.
func lostWords(before, after []byte, fixes []*Fix) []string {
	have := countWords(string(after))
	for _, f := range fixes {
		for _, r := range append(f.Removed[:len(f.Removed):len(f.Removed)], f.Kept...) {
			for w, n := range countWords(r) {
				have[w] += n
			}
		}
		if t := f.syntax; t != nil {
			for i, w := range t.words {
				have[w] += max(0, int(t.counts[i]))
			}
		}
	}
	var lost []string
	for w, n := range countWords(string(before)) {
		if n > have[w] {
			lost = append(lost, w)
		}
	}
	sort.Strings(lost)
	return lost
}

// countWords counts the words of text (schema.NextWord), case folded.
func countWords(text string) map[string]int {
	out := map[string]int{}
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		out[strings.ToLower(text[start:end])]++
	}
	return out
}

// wordTally counts words case folded (schema.AppendFoldedWord, which folds
// a word as strings.ToLower and countWords do), told apart by their keys in
// the guard's counts (wordKey), in the order they first came.
type wordTally struct {
	at     map[uint64]int32 // a word's hash: its place in the slices
	hashes []uint64
	words  []string // each word, folded
	counts []int32
	buf    []byte
}

func newWordTally(size int) *wordTally { return &wordTally{at: make(map[uint64]int32, size)} }

// addWords counts each word of text (schema.NextWord) once more.
func (t *wordTally) addWords(text string) {
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		var h uint64
		t.buf, h = wordKey(t.buf, text[start:end])
		if i, ok := t.at[h]; ok {
			t.counts[i]++
			continue
		}
		t.at[h] = int32(len(t.words))
		t.hashes = append(t.hashes, h)
		t.words = append(t.words, string(t.buf))
		t.counts = append(t.counts, 1)
	}
}

// takeAwayWords counts each word of text once less, if it was counted at
// all.
func (t *wordTally) takeAwayWords(text string) {
	for start, end := schema.NextWord(text, 0); start < end; start, end = schema.NextWord(text, end) {
		var h uint64
		t.buf, h = wordKey(t.buf, text[start:end])
		if i, ok := t.at[h]; ok {
			t.counts[i]--
		}
	}
}
