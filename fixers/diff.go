package fixers

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines around each hunk.
const diffContext = 3

// lineOp is one line of a line diff.
type lineOp struct {
	op   diffmatchpatch.Operation
	text string // the line with its ending, if it has one
}

// Unified returns a unified diff of before and after that `git apply` and
// `patch -p1` accept, with a/ and b/ prefixes on path, or "" when they are
// equal. It diffs whole lines (go-diff's line mode) with no timeout, so the
// output never depends on machine load.
func Unified(path string, before, after []byte) string {
	return Compare(before, after).Unified(path)
}

// Changes is the line diff of a fixed text against the text it was made
// from, computed once for both the diff fix prints and the positions it
// reports (Origin).
type Changes struct {
	before, after []byte
	ops           []lineOp // nil when the texts are equal
	// stretches are the edits that made after from before, when known
	// (compareStretches): Origin maps by them.
	stretches []stretch
}

// Compare diffs before and after by whole lines.
func Compare(before, after []byte) *Changes {
	c := &Changes{before: before, after: after}
	if string(before) != string(after) {
		c.ops = lineDiff(string(before), string(after))
	}
	return c
}

// Equal tells whether the two texts are the same.
func (c *Changes) Equal() bool { return c.ops == nil }

// Unified returns the unified diff of the change, path named as in
// Unified, or "" when the texts are equal.
func (c *Changes) Unified(path string) string {
	var b strings.Builder
	c.WriteUnified(&b, path)
	return b.String()
}

// diffWriter is what a diff is written to: a strings.Builder for a diff
// kept as a string, a bytes.Buffer for one written out and its memory used
// again. Neither fails to write.
type diffWriter interface {
	io.Writer
	io.StringWriter
	Grow(n int)
}

// WriteUnified writes the unified diff Unified returns to b.
func (c *Changes) WriteUnified(b diffWriter, path string) {
	if c.ops == nil {
		return
	}
	ops := c.ops
	name := strings.TrimPrefix(filepath.ToSlash(path), "./")
	hs := hunks(ops)
	// The diff is written once into a buffer of its size (a hunk's header
	// takes at most 64 bytes), not copied as it grows: a diff of a page
	// with thousands of fixes runs to megabytes.
	size := 2*len(name) + 32
	for _, h := range hs {
		size += 64
		for _, o := range ops[h.start:h.end] {
			size += 1 + len(o.text)
		}
	}
	b.Grow(size)
	fmt.Fprintf(b, "--- %s\n+++ %s\n", diffName("a/"+name), diffName("b/"+name))
	// Line numbers where the next hunk starts, counted on from the last.
	at, oldLine, newLine := 0, 1, 1
	for _, h := range hs {
		for _, o := range ops[at:h.start] {
			oldLine, newLine = advance(o, oldLine, newLine)
		}
		at = h.start
		writeHunk(b, ops, h, oldLine, newLine)
	}
}

// advance counts op o in the old and the new file's line numbers.
func advance(o lineOp, oldLine, newLine int) (int, int) {
	if o.op != diffmatchpatch.DiffInsert {
		oldLine++
	}
	if o.op != diffmatchpatch.DiffDelete {
		newLine++
	}
	return oldLine, newLine
}

// lineDiff diffs a and b by whole lines, each line one rune of go-diff's
// line mode. Texts of up to smallDiff lines together get go-diff's diff
// as they always did. In longer ones the lines both share at the start and
// the end are equal, and the middle is cut at the lines that occur once in
// each text, in the same order (patience diff's anchors); go-diff diffs the
// stretches between them. (Not its cleanup over the whole: it joins texts
// by concatenation, quadratic in the number of stretches.) A fix changes a few lines of a page, so the stretches are short and
// the diff of a page of 30,000 chapters stays about linear; go-diff's
// bisection alone grows as n^1.7.
func lineDiff(a, b string) []lineOp { return lineDiffUpTo(a, b, maxLineRunes) }

// lineDiffUpTo is lineDiff for texts of at most most different lines
// together; more get bluntDiff.
func lineDiffUpTo(a, b string, most int) []lineOp {
	nb := numberings.Get().(*numbering)
	defer nb.put()
	ra, rb, lines, ok := nb.lineRunes(a, b, most)
	if !ok {
		return bluntDiff(a, b)
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no timeout: the output never depends on machine load
	var diffs []diffmatchpatch.Diff
	if len(ra)+len(rb) <= smallDiff {
		diffs = dmp.DiffMainRunes(ra, rb, false)
	} else {
		diffs = anchoredDiff(dmp, ra, rb)
	}
	n := 0
	for _, d := range diffs {
		n += utf8.RuneCountInString(d.Text)
	}
	ops := make([]lineOp, 0, n)
	for _, d := range diffs {
		for _, r := range d.Text {
			ops = append(ops, lineOp{d.Type, lines[lineOfRune(r)]})
		}
	}
	return ops
}

// numbering is the table and slices lineRunes numbers lines in, kept from
// one diff to the next (numberings): what lineRunes returns is good until
// the numbering is put back.
type numbering struct {
	number map[string]rune
	lines  []string
	ra, rb []rune
}

var numberings = sync.Pool{New: func() any { return new(numbering) }}

// maxKeptLines is the most lines a numbering keeps room for: one grown for
// a huge page is dropped, not emptied for every later diff.
const maxKeptLines = 4096

func (nb *numbering) put() {
	if len(nb.number) > maxKeptLines {
		return
	}
	clear(nb.number)
	clear(nb.lines[:cap(nb.lines)]) // no strings of the texts kept alive
	numberings.Put(nb)
}

// lineRunes is go-diff's DiffLinesToRunes without its detour through a
// string of every line's number: each line of a, then of b, is numbered in
// the order it first appears (from 1), the number written as one rune, and
// lines[n] is line n, cut from a or b. go-diff compares runes only for
// equality, so its diff of these runes is its diff of its own. ok is false
// when the texts have more than most different lines.
func (nb *numbering) lineRunes(a, b string, most int) (ra, rb []rune, lines []string, ok bool) {
	// Sized for every line of both texts, as if none were alike: growing a
	// map rehashes what it holds, and was most of the cost of numbering.
	countA, countB := strings.Count(a, "\n")+1, strings.Count(b, "\n")+1
	if nb.number == nil {
		nb.number = make(map[string]rune, min(countA+countB, most+1))
	}
	number := nb.number
	lines = nb.lines[:0]
	lines = append(lines, "") // no line 0
	defer func() { nb.lines = lines[:0] }()
	runes := func(text string, count int, out []rune) ([]rune, bool) {
		out = slices.Grow(out[:0], count)
		for text != "" {
			n := strings.IndexByte(text, '\n') + 1
			if n == 0 {
				n = len(text) // the last line, with no line ending
			}
			line := text[:n]
			text = text[n:]
			r, seen := number[line]
			if !seen {
				if len(lines) > most {
					return nil, false
				}
				r = runeOfLine(len(lines))
				number[line] = r
				lines = append(lines, line)
			}
			out = append(out, r)
		}
		return out, true
	}
	if ra, ok = runes(a, countA, nb.ra); ok {
		rb, ok = runes(b, countB, nb.rb)
	}
	nb.ra, nb.rb = ra, rb
	return ra, rb, lines, ok
}

// A line's number n is written as the rune n, past the surrogate halves
// (U+D800 to U+DFFF, which no string holds) from 0xD800 on: up to
// maxLineRunes different lines, as many as go-diff's own numbering writes.
const (
	surrogates   = 0xD800
	maxLineRunes = utf8.MaxRune - 0x800
)

func runeOfLine(n int) rune {
	if n >= surrogates {
		n += 0x800
	}
	return rune(n)
}

func lineOfRune(r rune) int {
	if r >= surrogates {
		r -= 0x800
	}
	return int(r)
}

// bluntDiff is a diff of texts with too many different lines to number:
// their shared first and last lines as they are, every line between
// deleted and then inserted. It is no shortest diff, but a true one.
func bluntDiff(a, b string) []lineOp {
	split := func(text string) []string {
		lines := strings.SplitAfter(text, "\n")
		if lines[len(lines)-1] == "" { // after the last line ending
			lines = lines[:len(lines)-1]
		}
		return lines
	}
	la, lb := split(a), split(b)
	p, s := sharedEnds(la, lb)
	var ops []lineOp
	add := func(op diffmatchpatch.Operation, lines []string) {
		for _, l := range lines {
			ops = append(ops, lineOp{op, l})
		}
	}
	add(diffmatchpatch.DiffEqual, la[:p])
	add(diffmatchpatch.DiffDelete, la[p:len(la)-s])
	add(diffmatchpatch.DiffInsert, lb[p:len(lb)-s])
	add(diffmatchpatch.DiffEqual, la[len(la)-s:])
	return ops
}

// smallDiff is the most lines two texts may have together for go-diff
// alone: more than any page of the site has.
const smallDiff = 1000

// anchoredDiff is the diff of the line runes a and b: their shared first
// and last lines, and between them go-diff's diff of each stretch between
// two anchors. Lines both texts share side by side (the first lines,
// anchors with no stretch between them, the last lines) make one equal
// diff.
func anchoredDiff(dmp *diffmatchpatch.DiffMatchPatch, a, b []rune) []diffmatchpatch.Diff {
	p, s := sharedEnds(a, b)
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	var diffs []diffmatchpatch.Diff
	shared := func(lines []rune) {
		if len(lines) > 0 {
			diffs = append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(lines)})
		}
	}
	from := 0      // where in a the shared lines not yet in diffs start
	pi, pj := 0, 0 // where in ma and mb the lines not yet diffed start
	// A stretch between two anchors that is the same in both texts (a
	// blank line between two unique ones) is shared lines too, as go-diff
	// would answer.
	stretch := func(toA, toB int) {
		if !slices.Equal(ma[pi:toA], mb[pj:toB]) {
			shared(a[from : p+pi])
			diffs = append(diffs, dmp.DiffMainRunes(ma[pi:toA], mb[pj:toB], false)...)
			from = p + toA
		}
	}
	for _, an := range anchors(ma, mb) {
		stretch(an[0], an[1])
		pi, pj = an[0]+1, an[1]+1
	}
	stretch(len(ma), len(mb))
	shared(a[from:])
	return diffs
}

// sharedEnds is how many first (p) and last (s) items a and b share, the
// last counted in what the first leave.
func sharedEnds[T comparable](a, b []T) (p, s int) {
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return p, s
}

// anchors returns index pairs (i, j) with a[i] == b[j] occurring once in
// each, increasing in both: the longest such chain (patience sorting).
func anchors(a, b []rune) [][2]int {
	// Line runes are line numbers (lineOfRune): counted in slices by
	// number, not in a map.
	top := 0
	for _, l := range a {
		top = max(top, lineOfRune(l))
	}
	inA, inB := make([]int32, top+1), make([]int32, top+1)
	at := make([]int32, top+1) // where in b a line was last seen
	for _, l := range a {
		inA[lineOfRune(l)]++
	}
	for j, l := range b {
		if n := lineOfRune(l); n <= top && inA[n] > 0 {
			inB[n]++
			at[n] = int32(j)
		}
	}
	var pairs [][2]int // in a's order
	for i, l := range a {
		if n := lineOfRune(l); inA[n] == 1 && inB[n] == 1 {
			pairs = append(pairs, [2]int{i, int(at[n])})
		}
	}
	return longestChain(pairs)
}

// longestChain is the longest chain of pairs, in their order, whose
// second members increase too.
func longestChain(pairs [][2]int) [][2]int {
	// tails[k] is the pair ending the best chain of length k+1 found so
	// far; prev links each pair to the one before it in its chain.
	var tails []int
	prev := make([]int, len(pairs))
	for k, p := range pairs {
		n := sort.Search(len(tails), func(x int) bool { return pairs[tails[x]][1] >= p[1] })
		if n > 0 {
			prev[k] = tails[n-1]
		} else {
			prev[k] = -1
		}
		if n == len(tails) {
			tails = append(tails, k)
		} else {
			tails[n] = k
		}
	}
	chain := make([][2]int, len(tails))
	for k, x := len(tails)-1, -1; k >= 0; k-- {
		if x < 0 {
			x = tails[len(tails)-1]
		} else {
			x = prev[x]
		}
		chain[k] = pairs[x]
	}
	return chain
}

// hunk is a range [start, end) of ops printed together.
type hunk struct{ start, end int }

// hunks groups changed lines with their context, merging groups whose
// context would touch.
func hunks(ops []lineOp) []hunk {
	var out []hunk
	for i := 0; i < len(ops); i++ {
		if ops[i].op == diffmatchpatch.DiffEqual {
			continue
		}
		start := max(0, i-diffContext)
		end := i + 1
		for end < len(ops) {
			if ops[end].op != diffmatchpatch.DiffEqual {
				end++
				continue
			}
			// A run of equal lines: does another change follow within
			// twice the context?
			j := end
			for j < len(ops) && ops[j].op == diffmatchpatch.DiffEqual {
				j++
			}
			if j < len(ops) && j-end <= 2*diffContext {
				end = j
				continue
			}
			end = min(len(ops), end+diffContext)
			break
		}
		if len(out) > 0 && start <= out[len(out)-1].end {
			out[len(out)-1].end = end
		} else {
			out = append(out, hunk{start, end})
		}
		i = end - 1
	}
	return out
}

// writeHunk writes hunk h, which starts at oldLine and newLine.
func writeHunk(b diffWriter, ops []lineOp, h hunk, oldLine, newLine int) {
	oldCount, newCount := 0, 0
	for _, o := range ops[h.start:h.end] {
		if o.op != diffmatchpatch.DiffInsert {
			oldCount++
		}
		if o.op != diffmatchpatch.DiffDelete {
			newCount++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldLine, oldCount), hunkRange(newLine, newCount))
	for _, o := range ops[h.start:h.end] {
		prefix := " "
		switch o.op {
		case diffmatchpatch.DiffDelete:
			prefix = "-"
		case diffmatchpatch.DiffInsert:
			prefix = "+"
		}
		_, _ = b.WriteString(prefix)
		_, _ = b.WriteString(o.text)
		if !strings.HasSuffix(o.text, "\n") {
			_, _ = b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange writes "start,count"; an empty range names the line before it.
func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// diffName writes a name of a diff header as git does: as it is, unless it
// holds a byte git quotes (a control character, a quote mark, a backslash;
// also bytes that are not UTF-8 text); then C-quoted, `"a/tide\npools.md"`,
// which git apply and patch read back. A raw newline would end the header,
// and git apply would reject the whole patch.
func diffName(name string) string {
	quote := !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool {
		return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '"' || r == '\\'
	})
	if !quote {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x07 && c <= 0x0d:
			b.WriteByte('\\')
			b.WriteByte("abtnvfr"[c-0x07])
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
