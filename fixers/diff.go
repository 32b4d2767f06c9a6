package fixers

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
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
	if string(before) == string(after) {
		return ""
	}
	ops := lineDiff(string(before), string(after))
	name := strings.TrimPrefix(filepath.ToSlash(path), "./")
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", diffName("a/"+name), diffName("b/"+name))
	// Line numbers where the next hunk starts, counted on from the last.
	at, oldLine, newLine := 0, 1, 1
	for _, h := range hunks(ops) {
		for _, o := range ops[at:h.start] {
			oldLine, newLine = advance(o, oldLine, newLine)
		}
		at = h.start
		writeHunk(&b, ops, h, oldLine, newLine)
	}
	return b.String()
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

// lineDiff diffs a and b by whole lines. Texts of up to smallDiff lines
// together get go-diff's line diff, as they always did. In longer ones the
// lines both share at the start and the end are equal ops, and the middle
// is first cut at the lines that occur once in each text, in the same
// order (patience diff's anchors); go-diff diffs the stretches between
// them. A fix changes a few lines of a page, so the stretches are short
// and the diff of a page of 30,000 chapters stays about linear; go-diff's
// bisection alone grows as n^1.7.
func lineDiff(a, b string) []lineOp {
	la, lb := splitLines(a), splitLines(b)
	if len(la)+len(lb) <= smallDiff {
		return goDiff(nil, la, lb)
	}
	p := 0
	for p < len(la) && p < len(lb) && la[p] == lb[p] {
		p++
	}
	s := 0
	for s < len(la)-p && s < len(lb)-p && la[len(la)-1-s] == lb[len(lb)-1-s] {
		s++
	}
	ops := make([]lineOp, 0, len(la)+len(lb)-p-s)
	for _, l := range la[:p] {
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, l})
	}
	ops = anchoredDiff(ops, la[p:len(la)-s], lb[p:len(lb)-s])
	for _, l := range la[len(la)-s:] {
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, l})
	}
	return ops
}

// smallDiff is the most lines two texts may have together for go-diff
// alone: more than any page of the site has.
const smallDiff = 1000

// splitLines cuts s after each line ending; the last line may have none.
func splitLines(s string) []string {
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// anchoredDiff appends the diff of a and b cut at their anchors: lines
// that occur exactly once in each, kept in the longest run in the same
// order in both.
func anchoredDiff(ops []lineOp, a, b []string) []lineOp {
	pi, pj := 0, 0
	for _, an := range anchors(a, b) {
		ops = goDiff(ops, a[pi:an[0]], b[pj:an[1]])
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, a[an[0]]})
		pi, pj = an[0]+1, an[1]+1
	}
	return goDiff(ops, a[pi:], b[pj:])
}

// anchors returns index pairs (i, j) with a[i] == b[j] occurring once in
// each, increasing in both: the longest such chain (patience sorting).
func anchors(a, b []string) [][2]int {
	type seen struct{ inA, inB, i, j int }
	count := make(map[string]*seen, len(a))
	for i, l := range a {
		if c := count[l]; c != nil {
			c.inA++
		} else {
			count[l] = &seen{inA: 1, i: i}
		}
	}
	for j, l := range b {
		if c := count[l]; c != nil {
			c.inB++
			c.j = j
		}
	}
	var pairs [][2]int // in a's order
	for i, l := range a {
		if c := count[l]; c.inA == 1 && c.inB == 1 && c.i == i {
			pairs = append(pairs, [2]int{i, c.j})
		}
	}
	// Longest chain increasing in j: tails[k] is the pair ending the best
	// chain of length k+1 found so far; prev links each pair to the one
	// before it in its chain.
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

// goDiff appends go-diff's line diff of a and b, with no timeout, so that
// the output never depends on machine load.
func goDiff(ops []lineOp, a, b []string) []lineOp {
	switch {
	case len(a) == 0:
		for _, l := range b {
			ops = append(ops, lineOp{diffmatchpatch.DiffInsert, l})
		}
		return ops
	case len(b) == 0:
		for _, l := range a {
			ops = append(ops, lineOp{diffmatchpatch.DiffDelete, l})
		}
		return ops
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(strings.Join(a, ""), strings.Join(b, ""))
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
	for _, d := range diffs {
		text := d.Text
		for text != "" {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				ops = append(ops, lineOp{d.Type, text})
				break
			}
			ops = append(ops, lineOp{d.Type, text[:i+1]})
			text = text[i+1:]
		}
	}
	return ops
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
func writeHunk(b *strings.Builder, ops []lineOp, h hunk, oldLine, newLine int) {
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
		b.WriteString(prefix)
		b.WriteString(o.text)
		if !strings.HasSuffix(o.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
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
