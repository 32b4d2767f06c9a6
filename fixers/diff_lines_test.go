package fixers

import (
	"github.com/podlint/podlint/internal/racetest"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

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
		var old, new strings.Builder
		for _, o := range lineDiff(before, after) {
			if o.op <= 0 { // delete or equal
				old.WriteString(o.text)
			}
			if o.op >= 0 { // equal or insert
				new.WriteString(o.text)
			}
		}
		if old.String() != before || new.String() != after {
			t.Fatalf("seed %d: the ops do not rebuild both texts", seed)
		}
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
		got := lineDiff(before, after)
		want := goDiffAlone(before, after)
		if len(got) != len(want) {
			t.Fatalf("seed %d: %d ops, go-diff alone gives %d", seed, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("seed %d: op %d is %v, go-diff alone gives %v", seed, i, got[i], want[i])
			}
		}
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
