package fixers

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sort"
	"strings"

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
func lineStarts(text string) []int {
	starts := make([]int, 1, strings.Count(text, "\n")+1)
	for at := 0; ; {
		i := strings.IndexByte(text[at:], '\n')
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
// stretches. Each stretch, with the lines it touches, makes a gap: some
// whole lines of before that became some whole lines of after. Where no
// line of a gap, old or new, is anywhere in the other text, that is the
// diff: the lines no stretch touched stand in the same order in both
// texts and are the only lines the two share, so a shortest line diff
// matches every one of them to itself and nothing else, and go-diff writes
// what lies between as the old lines, then the new ones. Other changes get
// the line diff of the whole texts.
//
// oldText and newText are before and after as strings, when the caller has
// them (each page's reader made one); "" has them made here, once.
func compareStretches(before, after []byte, oldText, newText string, stretches []stretch) *Changes {
	c := &Changes{before: before, after: after, stretches: stretches}
	if bytes.Equal(before, after) {
		return c
	}
	// The lines of the diff are cut from one string of each text: a line is
	// then no allocation of its own.
	if oldText != string(before) { // a comparison, no copy
		oldText = string(before)
	}
	if newText != string(after) {
		newText = string(after)
	}
	if ops, ok := lineGaps(oldText, newText, stretches); ok {
		c.ops = ops
	} else {
		c.ops = lineDiff(oldText, newText)
	}
	return c
}

// gap is a run of lines of before, old[0] to old[1] (inclusive; none when
// old[1] < old[0]), that became the lines new[0] to new[1] of after. before
// and after are how far, in before and in after, its lines start before its
// first stretch and end after its last.
type gap struct {
	old, new      [2]int
	before, after [2]int
}

// lineGaps is the line diff of before and after when the gaps their
// stretches make share no line with the other text (see compareStretches);
// ok is false otherwise.
func lineGaps(oldText, newText string, stretches []stretch) (ops []lineOp, ok bool) {
	if len(oldText) == 0 || len(newText) == 0 || len(stretches) == 0 {
		return nil, false
	}
	oldStarts, newStarts := lineStarts(oldText), lineStarts(newText)
	end := func(text string, starts []int, l int) int { return starts[l] + len(line(text, starts, l)) }
	// The lines a stretch touches: from the one its start is on to the
	// one its end is on. Where the stretch ends at a line start in both
	// texts (after a newline), it ends with the line before: none at all
	// when it inserts text between two lines. from and to are where those
	// lines start and end (both at the stretch when none).
	atLineStart := func(text string, at int) bool { return at == 0 || text[at-1] == '\n' }
	touched := func(text string, starts []int, start, stop int, cut bool) (first, last, from, to int) {
		switch {
		case cut && start == stop:
			first = len(starts) // after the last line, which ends in a newline
			if start < len(text) {
				first = lineAt(starts, start)
			}
			return first, first - 1, start, start
		case cut:
			first, last = lineAt(starts, start), lineAt(starts, stop-1)
		default:
			first, last = lineAt(starts, start), lineAt(starts, stop)
		}
		return first, last, starts[first], end(text, starts, last)
	}
	// Stretches whose lines touch, in either text, make one gap: at most
	// one a stretch.
	gaps := make([]gap, 0, len(stretches))
	for _, s := range stretches {
		var g gap
		var oldFrom, oldTo, newFrom, newTo int
		cut := atLineStart(oldText, s.oldEnd) && atLineStart(newText, s.newEnd)
		g.old[0], g.old[1], oldFrom, oldTo = touched(oldText, oldStarts, s.oldStart, s.oldEnd, cut)
		g.new[0], g.new[1], newFrom, newTo = touched(newText, newStarts, s.newStart, s.newEnd, cut)
		// The text around a stretch is the same in both texts: its lines
		// must start as far before it and end as far after it in both, or
		// the texts are not what the stretches say. (A stretch that shares
		// a line with the one before it is measured with that one's gap,
		// below.)
		if n := len(gaps); n > 0 && (g.old[0] <= gaps[n-1].old[1]+1 || g.new[0] <= gaps[n-1].new[1]+1) {
			last := &gaps[n-1]
			last.old[1], last.new[1] = max(last.old[1], g.old[1]), max(last.new[1], g.new[1])
			last.after = [2]int{oldTo - s.oldEnd, newTo - s.newEnd}
			continue
		}
		g.before = [2]int{s.oldStart - oldFrom, s.newStart - newFrom}
		g.after = [2]int{oldTo - s.oldEnd, newTo - s.newEnd}
		gaps = append(gaps, g)
	}
	// As many lines lie between two gaps (and before the first, and after
	// the last) in both texts, and each gap's lines start and end as far
	// from its stretches in both.
	prevOld, prevNew := -1, -1
	for _, g := range gaps {
		if g.before[0] != g.before[1] || g.after[0] != g.after[1] || g.old[0]-prevOld != g.new[0]-prevNew {
			return nil, false
		}
		prevOld, prevNew = g.old[1], g.new[1]
	}
	if len(oldStarts)-prevOld != len(newStarts)-prevNew {
		return nil, false
	}
	// A gap whose lines are the same in both texts (edits that left them
	// as they were) is no change.
	gaps = slices.DeleteFunc(gaps, func(g gap) bool {
		if g.old[1]-g.old[0] != g.new[1]-g.new[0] {
			return false
		}
		for k := 0; k <= g.old[1]-g.old[0]; k++ {
			if line(oldText, oldStarts, g.old[0]+k) != line(newText, newStarts, g.new[0]+k) {
				return false
			}
		}
		return true
	})
	if len(gaps) == 0 {
		return nil, false
	}
	if len(gaps) > 1 || !loneLine(oldText, oldStarts, newText, newStarts, gaps[0]) {
		if !linesApart(oldText, oldStarts, newText, newStarts, gaps) {
			return nil, false
		}
	}
	// Every old line, equal or deleted, and the inserted ones; next is the
	// first old line after the last gap seen.
	inserted := 0
	for _, g := range gaps {
		inserted += max(0, g.new[1]-g.new[0]+1)
	}
	ops = make([]lineOp, 0, len(oldStarts)+inserted)
	next := 0
	for _, g := range gaps {
		for ; next < g.old[0]; next++ {
			ops = append(ops, lineOp{diffmatchpatch.DiffEqual, line(oldText, oldStarts, next)})
		}
		for l := g.old[0]; l <= g.old[1]; l++ {
			ops = append(ops, lineOp{diffmatchpatch.DiffDelete, line(oldText, oldStarts, l)})
		}
		for l := g.new[0]; l <= g.new[1]; l++ {
			ops = append(ops, lineOp{diffmatchpatch.DiffInsert, line(newText, newStarts, l)})
		}
		next = g.old[1] + 1
	}
	for ; next < len(oldStarts); next++ {
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, line(oldText, oldStarts, next)})
	}
	return ops, true
}

// line is line l of a text whose lines start at starts, with its ending.
func line(text string, starts []int, l int) string {
	if l+1 < len(starts) {
		return text[starts[l]:starts[l+1]]
	}
	return text[starts[l]:]
}

// linesApart tells whether no line of a gap, old or new, is a line of the
// other side of a gap, nor one of the lines left as they were.
func linesApart(oldText string, oldStarts []int, newText string, newStarts []int, gaps []gap) bool {
	size := 0
	for _, g := range gaps {
		size += max(0, g.old[1]-g.old[0]+1) + max(0, g.new[1]-g.new[0]+1)
	}
	sides := make(map[uint64]uint8, size) // a line's hash: 1 in an old gap, 2 in a new one
	for _, g := range gaps {
		for l := g.old[0]; l <= g.old[1]; l++ {
			sides[lineHash(line(oldText, oldStarts, l))] |= 1
		}
	}
	for _, g := range gaps {
		for l := g.new[0]; l <= g.new[1]; l++ {
			h := lineHash(line(newText, newStarts, l))
			if sides[h]&1 != 0 {
				return false
			}
			sides[h] |= 2
		}
	}
	next := 0 // the first old line after the last gap seen
	for _, g := range gaps {
		for ; next < g.old[0]; next++ {
			if _, ok := sides[lineHash(line(oldText, oldStarts, next))]; ok {
				return false
			}
		}
		next = g.old[1] + 1
	}
	for ; next < len(oldStarts); next++ {
		if _, ok := sides[lineHash(line(oldText, oldStarts, next))]; ok {
			return false
		}
	}
	return true
}

// loneLine tells a change of one gap that one side makes of a single line
// the other text nowhere has: a flattened page given its lines back, or
// lines joined into one. Lines on its other side may be lines of the rest
// (blank ones), but the line diff is still the lines before the gap, the
// old ones, the new ones and the lines after it. The first and last lines
// both texts share end at the gap, as the lone line is no line of the
// other text; go-diff, given what lies between (the lone line on one side,
// and lines without it on the other), finds the one not inside the other
// and answers with a deletion of the old lines and an insertion of the
// new; its clean-up then finds no line to shift, as none of the lone side
// is the other side's first or last, or a line around them. (The same
// holds where a long page's line diff is cut at anchors: the lone line is
// no anchor, and no other line of the middle is on both sides.)
func loneLine(oldText string, oldStarts []int, newText string, newStarts []int, g gap) bool {
	lone := func(text string, starts []int, l int, other string, otherStarts []int) bool {
		x := line(text, starts, l)
		for k := range otherStarts {
			if line(other, otherStarts, k) == x {
				return false
			}
		}
		return true
	}
	return g.old[0] == g.old[1] && lone(oldText, oldStarts, g.old[0], newText, newStarts) ||
		g.new[0] == g.new[1] && lone(newText, newStarts, g.new[0], oldText, oldStarts)
}

// lineHash is a line's hash, seeded afresh each run: two lines that share
// one by chance only send a diff the slow, sure way.
var lineSeed = maphash.MakeSeed()

func lineHash(line string) uint64 { return maphash.String(lineSeed, line) }
