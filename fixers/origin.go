package fixers

import (
	"sort"

	"github.com/podlint/podlint/schema"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// Origin maps offsets of after, a fixed text, back to before, the text it
// was made from: what is left to report after fixing is then shown where
// it stands in the file as it is, not in a text that was never written.
// An offset in text both share maps exactly (ok); one inside an edited
// stretch maps to that stretch's start in before (not ok).
//
// Stretches are found by the diff that fix prints (whole lines), each
// narrowed to the bytes its two sides do not share at its start and end,
// so a finding on an edited line but outside the edit keeps its column.
func Origin(before, after []byte) func(offset int) (old int, ok bool) {
	return Compare(before, after).Origin()
}

// Origin is the package function Origin, from the diff c already has, or
// from the edits that made the fixed text when c knows them: then text
// between two edits maps exactly even where the diff's changed lines run
// on across it (a finding on the next line of two edited ones).
func (c *Changes) Origin() func(offset int) (old int, ok bool) {
	before, after := c.before, c.after
	if c.ops == nil { // the texts are equal
		return func(offset int) (int, bool) { return max(0, min(offset, len(after))), true }
	}
	if runs, ok := stretchRuns(before, after, c.stretches); ok {
		return runsOrigin(runs, len(before), len(after))
	}
	var runs []originRun
	oldAt, newAt := 0, 0
	ops := c.ops
	for i := 0; i < len(ops); {
		if ops[i].op == diffmatchpatch.DiffEqual {
			n := len(ops[i].text)
			runs = append(runs, originRun{newStart: newAt, newEnd: newAt + n, oldStart: oldAt, exact: true})
			oldAt, newAt = oldAt+n, newAt+n
			i++
			continue
		}
		// A changed block: the lines deleted and inserted until the next
		// equal line.
		oldEnd, newEnd := oldAt, newAt
		for ; i < len(ops) && ops[i].op != diffmatchpatch.DiffEqual; i++ {
			if ops[i].op == diffmatchpatch.DiffDelete {
				oldEnd += len(ops[i].text)
			} else {
				newEnd += len(ops[i].text)
			}
		}
		runs = appendBlock(runs, before[oldAt:oldEnd], after[newAt:newEnd], oldAt, newAt)
		oldAt, newAt = oldEnd, newEnd
	}
	return runsOrigin(runs, len(before), len(after))
}

// runsOrigin maps offsets of a fixed text of length after by runs.
func runsOrigin(runs []originRun, before, after int) func(offset int) (int, bool) {
	return func(offset int) (int, bool) {
		offset = max(0, min(offset, after))
		i := sort.Search(len(runs), func(i int) bool { return runs[i].newEnd > offset })
		if i == len(runs) {
			return before, true
		}
		r := runs[i]
		if !r.exact {
			return r.oldStart, false
		}
		return r.oldStart + offset - r.newStart, true
	}
}

// stretchRuns are the runs of the edits that made after from before: the
// text between them maps exactly, each edit narrowed as a changed block
// is. ok is false when the stretches do not account for the two texts (in
// order, and the text between them the same in both).
func stretchRuns(before, after []byte, stretches []stretch) (runs []originRun, ok bool) {
	if len(stretches) == 0 {
		return nil, false
	}
	oldAt, newAt := 0, 0
	for _, s := range stretches {
		if s.oldStart < oldAt || s.newStart < newAt || s.oldEnd < s.oldStart || s.newEnd < s.newStart ||
			s.oldEnd > len(before) || s.newEnd > len(after) ||
			s.oldStart-oldAt != s.newStart-newAt || string(before[oldAt:s.oldStart]) != string(after[newAt:s.newStart]) {
			return nil, false
		}
		if n := s.newStart - newAt; n > 0 {
			runs = append(runs, originRun{newStart: newAt, newEnd: s.newStart, oldStart: oldAt, exact: true})
		}
		runs = appendBlock(runs, before[s.oldStart:s.oldEnd], after[s.newStart:s.newEnd], s.oldStart, s.newStart)
		oldAt, newAt = s.oldEnd, s.newEnd
	}
	if len(before)-oldAt != len(after)-newAt || string(before[oldAt:]) != string(after[newAt:]) {
		return nil, false
	}
	if newAt < len(after) {
		runs = append(runs, originRun{newStart: newAt, newEnd: len(after), oldStart: oldAt, exact: true})
	}
	return runs, true
}

// originRun is a stretch of the fixed text [newStart, newEnd): text before
// holds from oldStart on (exact), or an edit of what stood at oldStart.
type originRun struct {
	newStart, newEnd, oldStart int
	exact                      bool
}

// appendBlock appends the runs of a changed block, oldText in before at oldAt
// and newText in after at newAt: the bytes both sides start and end with map
// exactly (cut at a character's start), the middle is the edit.
func appendBlock(runs []originRun, oldText, newText []byte, oldAt, newAt int) []originRun {
	prefix, suffix := schema.CommonEnds(oldText, newText)
	if prefix > 0 {
		runs = append(runs, originRun{newStart: newAt, newEnd: newAt + prefix, oldStart: oldAt, exact: true})
	}
	if middle := len(newText) - prefix - suffix; middle > 0 {
		runs = append(runs, originRun{newStart: newAt + prefix, newEnd: newAt + prefix + middle, oldStart: oldAt + prefix})
	}
	if suffix > 0 {
		runs = append(runs, originRun{newStart: newAt + len(newText) - suffix, newEnd: newAt + len(newText), oldStart: oldAt + len(oldText) - suffix, exact: true})
	}
	return runs
}
