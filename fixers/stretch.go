package fixers

import (
	"bytes"
	"hash/maphash"
	"sort"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// The fix engine knows what it changed: the edits of each pass, composed
// into stretches of the text it was given. Where those tell the line diff
// for certain (lines swapped for lines found nowhere else), fix's diff is
// built from them without diffing the page; otherwise the whole page is
// diffed, as Compare does.

// stretch is a part of a text that was replaced: before[oldStart:oldEnd]
// became after[newStart:newEnd]. Everything between two stretches is the
// same in both texts.
type stretch struct{ oldStart, oldEnd, newStart, newEnd int }

// growth is how much longer the stretch made the text.
func (s stretch) growth() int { return (s.newEnd - s.newStart) - (s.oldEnd - s.oldStart) }

// stretchesOf turns a pass's edits, sorted and not overlapping, into the
// stretches they replace.
func stretchesOf(edits []Edit) []stretch {
	out := make([]stretch, 0, len(edits))
	shift := 0 // how much longer the text is, so far, than before
	for _, e := range edits {
		start := e.Start + shift
		out = append(out, stretch{e.Start, e.End, start, start + len(e.New)})
		shift += len(e.New) - (e.End - e.Start)
	}
	return out
}

// compose returns the stretches that take a text t0 to t2, given those
// that take t0 to t1 (first) and t1 to t2 (then). Stretches of the two
// that overlap or touch in t1 become one.
func compose(first, then []stretch) []stretch {
	if len(first) == 0 {
		return then
	}
	if len(then) == 0 {
		return first
	}
	var out []stretch
	// shiftFirst is how much longer t1 is than t0 before the current
	// point, shiftThen how much longer t2 is than t1.
	shiftFirst, shiftThen := 0, 0
	i, j := 0, 0
	for i < len(first) || j < len(then) {
		// A group opens with whichever stretch starts first in t1.
		var lo, hi int
		if j == len(then) || (i < len(first) && first[i].newStart <= then[j].oldStart) {
			lo, hi = first[i].newStart, first[i].newEnd
		} else {
			lo, hi = then[j].oldStart, then[j].oldEnd
		}
		growFirst, growThen := 0, 0
		for {
			if i < len(first) && first[i].newStart <= hi {
				hi = max(hi, first[i].newEnd)
				growFirst += first[i].growth()
				i++
			} else if j < len(then) && then[j].oldStart <= hi {
				hi = max(hi, then[j].oldEnd)
				growThen += then[j].growth()
				j++
			} else {
				break
			}
		}
		// lo and hi lie outside every stretch of first not in the group,
		// and outside every stretch of then not in it.
		out = append(out, stretch{
			oldStart: lo - shiftFirst, oldEnd: hi - shiftFirst - growFirst,
			newStart: lo + shiftThen, newEnd: hi + shiftThen + growThen,
		})
		shiftFirst += growFirst
		shiftThen += growThen
	}
	return out
}

// lineStarts returns the offset of each line of text: lines as the line
// diff reads them, each ending after its newline, the last perhaps with
// none. (schema.Lines also counts the empty line after a last newline,
// which a line diff does not have.)
func lineStarts(text []byte) []int {
	starts := []int{0}
	for at := 0; ; {
		i := bytes.IndexByte(text[at:], '\n')
		if i < 0 || at+i+1 == len(text) {
			break
		}
		at += i + 1
		starts = append(starts, at)
	}
	return starts
}

// lineAt is the index of the line that holds offset p, or the last line
// for the end of the text.
func lineAt(starts []int, p int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > p }) - 1
}

// compareStretches is Compare for texts whose differences lie in the given
// stretches. Where each stretch, with those on its line, replaces one
// whole line by another, and neither line is anywhere in the other text,
// that is the diff: a line diff of the whole could match no other way (the
// lines no stretch touched stand at the same places in both texts, and
// every one must be matched for the diff to be shortest). Other changes get
// the line diff of the whole texts.
func compareStretches(before, after []byte, stretches []stretch) *Changes {
	c := &Changes{before: before, after: after}
	if bytes.Equal(before, after) {
		return c
	}
	if ops, ok := lineSwaps(before, after, stretches); ok {
		c.ops = ops
	} else {
		c.ops = lineDiff(string(before), string(after))
	}
	return c
}

// lineSwaps is the line diff of before and after when every stretch lies
// within one line and turns it into one line found nowhere in before, and
// the line it replaces is nowhere in after.
func lineSwaps(before, after []byte, stretches []stretch) ([]lineOp, bool) {
	if len(before) == 0 || len(after) == 0 || len(stretches) == 0 {
		return nil, false
	}
	oldStarts, newStarts := lineStarts(before), lineStarts(after)
	if len(oldStarts) != len(newStarts) {
		return nil, false
	}
	// The lines are cut from one string of each text: a line is then no
	// allocation of its own.
	oldText, newText := string(before), string(after)
	line := func(text string, starts []int, l int) string {
		if l+1 < len(starts) {
			return text[starts[l]:starts[l+1]]
		}
		return text[starts[l]:]
	}
	var swapped []int // the lines swapped, in order
	for k := 0; k < len(stretches); {
		s := stretches[k]
		l := lineAt(oldStarts, s.oldStart)
		if lineAt(oldStarts, s.oldEnd) != l || lineAt(newStarts, s.newStart) != l || lineAt(newStarts, s.newEnd) != l {
			return nil, false
		}
		for k++; k < len(stretches) && lineAt(oldStarts, stretches[k].oldStart) == l; k++ {
			t := stretches[k]
			if lineAt(oldStarts, t.oldEnd) != l || lineAt(newStarts, t.newEnd) != l {
				return nil, false
			}
		}
		if line(oldText, oldStarts, l) != line(newText, newStarts, l) {
			swapped = append(swapped, l)
		} // else the edits on this line left it as it was
	}
	if len(swapped) == 0 {
		return nil, false
	}
	// No swapped line, old or new, may be one of the lines left as they
	// were (the same in both texts), nor an old one a new one.
	swaps := make(lineSet, 2*len(swapped))
	for _, l := range swapped {
		swaps[lineHash(line(oldText, oldStarts, l))] = struct{}{}
	}
	for _, l := range swapped {
		if swaps.mayHave(line(newText, newStarts, l)) {
			return nil, false
		}
	}
	for _, l := range swapped {
		swaps[lineHash(line(newText, newStarts, l))] = struct{}{}
	}
	next := 0
	for _, l := range swapped {
		for ; next < l; next++ {
			if swaps.mayHave(line(oldText, oldStarts, next)) {
				return nil, false
			}
		}
		next = l + 1
	}
	for ; next < len(oldStarts); next++ {
		if swaps.mayHave(line(oldText, oldStarts, next)) {
			return nil, false
		}
	}
	ops := make([]lineOp, 0, len(oldStarts)+len(swapped))
	next = 0 // the first line not yet in ops, the same in both texts
	for i := 0; i < len(swapped); {
		// Lines swapped one after the other are one block: its old
		// lines, then its new ones, as a line diff writes them.
		j := i + 1
		for j < len(swapped) && swapped[j] == swapped[j-1]+1 {
			j++
		}
		for ; next < swapped[i]; next++ {
			ops = append(ops, lineOp{diffmatchpatch.DiffEqual, line(oldText, oldStarts, next)})
		}
		for _, l := range swapped[i:j] {
			ops = append(ops, lineOp{diffmatchpatch.DiffDelete, line(oldText, oldStarts, l)})
		}
		for _, l := range swapped[i:j] {
			ops = append(ops, lineOp{diffmatchpatch.DiffInsert, line(newText, newStarts, l)})
		}
		next = swapped[j-1] + 1
		i = j
	}
	for ; next < len(oldStarts); next++ {
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, line(oldText, oldStarts, next)})
	}
	return ops, true
}

// lineSet holds a hash of each of some lines. A line whose hash is in it
// may be one of them; one whose hash is not, is not.
type lineSet map[uint64]struct{}

var lineSeed = maphash.MakeSeed()

func lineHash(line string) uint64 { return maphash.String(lineSeed, line) }

// mayHave tells whether line may be in the set; a hash shared by chance
// answers yes, and the caller then takes the slow, sure way.
func (set lineSet) mayHave(line string) bool {
	_, ok := set[lineHash(line)]
	return ok
}
