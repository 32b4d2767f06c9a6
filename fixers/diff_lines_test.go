package fixers

import (
	"github.com/podlint/podlint/internal/racetest"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// mutatedPages returns a page of n lines (blank lines and a few repeated
// ones among them, as pages have) and a copy with k lines changed,
// inserted or deleted at random places.
func mutatedPages(rng *rand.Rand, n, k int) (string, string) {
	lines := make([]string, n)
	for i := range lines {
		switch rng.IntN(4) {
		case 0:
			lines[i] = "\n"
		case 1:
			lines[i] = "> *\"Repeated quote.\"*\n"
		default:
			lines[i] = "line " + strconv.Itoa(rng.IntN(n)) + "\n"
		}
	}
	after := append([]string(nil), lines...)
	for range k {
		i := rng.IntN(len(after) + 1)
		switch rng.IntN(3) {
		case 0:
			after = append(after[:i], append([]string{"new " + strconv.Itoa(rng.IntN(n)) + "\n"}, after[i:]...)...)
		case 1:
			if i < len(after) {
				after = append(after[:i], after[i+1:]...)
			}
		default:
			if i < len(after) {
				after[i] = "changed " + strconv.Itoa(i) + "\n"
			}
		}
	}
	before, fixed := strings.Join(lines, ""), strings.Join(after, "")
	if rng.IntN(2) == 0 {
		fixed = strings.TrimSuffix(fixed, "\n") // a last line with no line ending
	}
	return before, fixed
}

// TestLineDiffRebuildsBoth: on pages long enough for the anchored diff, the
// ops give back the old text (equal and deleted lines) and the new one
// (equal and inserted), and the unified diff applies to the old text.
func TestLineDiffRebuildsBoth(t *testing.T) {
	racetest.Skip(t)
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 5))
		n := smallDiff/2 + rng.IntN(2000)
		before, after := mutatedPages(rng, n, 1+rng.IntN(20))
		rebuilds(t, lineDiff(before, after), before, after)
		got, err := applyUnified([]byte(before), Unified("page.md", []byte(before), []byte(after)))
		if err != nil || string(got) != after {
			t.Fatalf("seed %d: the diff does not apply: %v", seed, err)
		}
	}
}

// TestLineDiffSmallIsGoDiff: texts of up to smallDiff lines together are
// diffed by go-diff alone, as before anchors existed, so the diffs of
// ordinary pages are what they were.
func TestLineDiffSmallIsGoDiff(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 6))
		before, after := mutatedPages(rng, 20+rng.IntN(smallDiff/2-40), 1+rng.IntN(5))
		sameOps(t, "seed "+strconv.FormatUint(seed, 10)+" against go-diff alone", lineDiff(before, after), goDiffAlone(before, after))
	}
}

// BenchmarkUnifiedBigPage diffs a page of 30,000 chapters against its
// copy with a change every 200 chapters (compare -bench with n=3000,
// 10000: the time grows about linearly).
func BenchmarkUnifiedBigPage(b *testing.B) {
	for _, n := range []int{3000, 10000, 30000} {
		var before, after strings.Builder
		for i := range n {
			ts := strconv.Itoa(i/60) + ":" + strconv.Itoa(10+i%50)
			before.WriteString("## [" + ts + "] Chapter " + strconv.Itoa(i) + "\n\nProse of chapter " + strconv.Itoa(i) + ".\n\n")
			if i%200 == 0 {
				after.WriteString("## [" + ts + "] Chapter " + strconv.Itoa(i) + "\n\nProse of chapter " + strconv.Itoa(i) + ", fixed.\n\n")
			} else {
				after.WriteString("## [" + ts + "] Chapter " + strconv.Itoa(i) + "\n\nProse of chapter " + strconv.Itoa(i) + ".\n\n")
			}
		}
		src, fixed := []byte(before.String()), []byte(after.String())
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Unified("page.md", src, fixed)
			}
		})
	}
}

// goDiffAlone is go-diff's line diff of a and b, as lineDiff was before
// anchors.
func goDiffAlone(a, b string) []lineOp {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	var ops []lineOp
	for _, d := range dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines) {
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				ops = append(ops, lineOp{d.Type, l})
			}
		}
	}
	return ops
}

// goDiffNumbered is lineDiff as it was written before lineRunes, the
// oracle for it: go-diff numbers the lines, anchors are counted in a map,
// every anchor and stretch is a diff of its own, and each diff's lines are
// joined back and split again.
func goDiffNumbered(a, b string) []lineOp {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	var diffs []diffmatchpatch.Diff
	if len(ra)+len(rb) <= smallDiff {
		diffs = dmp.DiffMainRunes(ra, rb, false)
	} else {
		diffs = anchoredDiffBefore(dmp, ra, rb)
	}
	var ops []lineOp
	for _, d := range dmp.DiffCharsToLines(diffs, lines) {
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				ops = append(ops, lineOp{d.Type, l})
			}
		}
	}
	return ops
}

// anchoredDiffBefore and anchorsBefore are anchoredDiff and anchors as
// they were written before lines were counted by number (the longest
// chain aside, which did not change).
func anchoredDiffBefore(dmp *diffmatchpatch.DiffMatchPatch, a, b []rune) []diffmatchpatch.Diff {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	diffs := []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffEqual, Text: string(a[:p])}}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	pi, pj := 0, 0
	for _, an := range anchorsBefore(ma, mb) {
		diffs = append(diffs, dmp.DiffMainRunes(ma[pi:an[0]], mb[pj:an[1]], false)...)
		diffs = append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(ma[an[0]])})
		pi, pj = an[0]+1, an[1]+1
	}
	diffs = append(diffs, dmp.DiffMainRunes(ma[pi:], mb[pj:], false)...)
	return append(diffs, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(a[len(a)-s:])})
}

// anchors returns index pairs (i, j) with a[i] == b[j] occurring once in
// each, increasing in both: the longest such chain (patience sorting).
func anchorsBefore(a, b []rune) [][2]int {
	type seen struct{ inA, inB, j int }
	count := make(map[rune]*seen, len(a))
	for _, l := range a {
		if c := count[l]; c != nil {
			c.inA++
		} else {
			count[l] = &seen{inA: 1}
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
		if c := count[l]; c.inA == 1 && c.inB == 1 {
			pairs = append(pairs, [2]int{i, c.j})
		}
	}
	return longestChain(pairs)
}

func sameOps(t *testing.T, what string, got, want []lineOp) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d ops, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: op %d is %v, want %v", what, i, got[i], want[i])
		}
	}
}

// TestLineRunesAreGoDiffs: numbering the lines itself, lineDiff gives the
// ops go-diff's own numbering gives, on small pages and on pages long
// enough for anchors, with and without a last line ending.
func TestLineRunesAreGoDiffs(t *testing.T) {
	racetest.Skip(t)
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := 10 + rng.IntN(smallDiff/2)
		if seed%2 == 1 {
			n = smallDiff/2 + rng.IntN(2000)
		}
		before, after := mutatedPages(rng, n, 1+rng.IntN(20))
		if seed%3 == 0 {
			before, after = after, before
		}
		sameOps(t, "seed "+strconv.FormatUint(seed, 10), lineDiff(before, after), goDiffNumbered(before, after))
	}
}

// FuzzLineDiff holds lineDiff to go-diff's numbering on any two texts, and
// the blunt diff (what texts of too many lines get) to a true diff of them.
func FuzzLineDiff(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd")
	f.Add("", "x\n")
	f.Add("\n\n\n", "\n")
	f.Add("é\n\u2028\n\xff\n", "é\n\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		sameOps(t, "lineDiff", lineDiff(a, b), goDiffNumbered(a, b))
		rebuilds(t, lineDiffUpTo(a, b, 1), a, b)
	})
}

// rebuilds fails unless ops give back a (equal and deleted lines) and b
// (equal and inserted).
func rebuilds(t *testing.T, ops []lineOp, a, b string) {
	t.Helper()
	var old, new strings.Builder
	for _, o := range ops {
		if o.op <= 0 {
			old.WriteString(o.text)
		}
		if o.op >= 0 {
			new.WriteString(o.text)
		}
	}
	if old.String() != a || new.String() != b {
		t.Fatalf("the ops do not rebuild both texts:\n%q\n%q", old.String(), new.String())
	}
}

// TestBluntDiff: texts of more different lines than can be numbered get
// their shared first and last lines as equal, and the rest deleted, then
// inserted.
func TestBluntDiff(t *testing.T) {
	const a, b = "same\nold 1\nold 2\nend\n", "same\nnew\nend\n"
	ops := lineDiffUpTo(a, b, 4)
	rebuilds(t, ops, a, b)
	want := []lineOp{
		{diffmatchpatch.DiffEqual, "same\n"},
		{diffmatchpatch.DiffDelete, "old 1\n"}, {diffmatchpatch.DiffDelete, "old 2\n"},
		{diffmatchpatch.DiffInsert, "new\n"},
		{diffmatchpatch.DiffEqual, "end\n"},
	}
	sameOps(t, "blunt", ops, want)
	// Five different lines fit: go-diff's diff, the same here.
	sameOps(t, "numbered", lineDiffUpTo(a, b, 5), want)
	for _, c := range [][2]string{{"", "x"}, {"x", ""}, {"a\nb", "a\nb\n"}, {"\n", "\n\n"}} {
		rebuilds(t, lineDiffUpTo(c[0], c[1], 0), c[0], c[1])
	}
}

// TestLineNumberRunes: every line number up to maxLineRunes is written as
// a rune a string holds, and read back as itself.
func TestLineNumberRunes(t *testing.T) {
	for _, n := range []int{1, 127, 128, surrogates - 1, surrogates, surrogates + 1, 0xFFFF, maxLineRunes - 1, maxLineRunes} {
		r := runeOfLine(n)
		if !utf8.ValidRune(r) || []rune(string(r))[0] != r || lineOfRune(r) != n {
			t.Errorf("line %d: rune %U does not round-trip", n, r)
		}
	}
	if r := runeOfLine(maxLineRunes + 1); utf8.ValidRune(r) {
		t.Errorf("maxLineRunes is not the last line number a rune can write: %d writes %U", maxLineRunes+1, r)
	}
}
