package fixers

import (
	"fmt"
	"sort"
)

// Edit replaces Src[Start:End] with New. Start == End inserts.
type Edit struct {
	Start, End int
	New        string
}

// validateEdits checks a fix's edits against a source of size bytes: in
// bounds, sorted, and not overlapping. A fixer whose edits fail is buggy.
func validateEdits(edits []Edit, size int) error {
	if len(edits) == 0 {
		return fmt.Errorf("a fix with no edits")
	}
	for i, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return fmt.Errorf("edit [%d,%d) is out of bounds for %d bytes", e.Start, e.End, size)
		}
		if i > 0 && e.Start < edits[i-1].End {
			return fmt.Errorf("edits [%d,%d) and [%d,%d) are not sorted or overlap", edits[i-1].Start, edits[i-1].End, e.Start, e.End)
		}
	}
	return nil
}

// conflicts reports whether two edits overlap or touch: edits that meet at a
// point may depend on each other's result, so the later fix waits a pass.
// Two deletions that only meet are one deletion: repeated paragraphs or
// bullets one after another all go in one pass.
func conflicts(a, b Edit) bool {
	if a.Start > b.End || b.Start > a.End {
		return false // apart
	}
	meetOnly := a.End == b.Start || b.End == a.Start
	deletions := a.New == "" && b.New == "" && a.Start < a.End && b.Start < b.End
	return !meetOnly || !deletions
}

// sortEdits orders edits by where they start; at the same place an
// insertion comes before a replacement, so both apply.
func sortEdits(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool { return editBefore(edits[i], edits[j]) })
}

// editBefore is sortEdits' order: a before b.
func editBefore(a, b Edit) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End < b.End
}

// applyEdits applies sorted, non-overlapping edits to src.
func applyEdits(src []byte, edits []Edit) []byte {
	sortEdits(edits)
	size := len(src) // the text's size after the edits, so that out never grows
	for _, e := range edits {
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, max(size, 0))
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.Start]...)
		out = append(out, e.New...)
		at = e.End
	}
	return append(out, src[at:]...)
}
