package schema

import (
	"math/rand/v2"
	"sort"
	"testing"
)

// TestCursorMatchesPosition: a cursor answers what Position answers, for
// offsets in order, out of order, inside multi-byte runes and in invalid
// UTF-8, on long lines and short ones.
func TestCursorMatchesPosition(t *testing.T) {
	pieces := []string{"a", "é", "—", "😀", "\n", "\r\n", " ", "\xe2\x82", "\xff", "## [00:01] "}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var src []byte
		for range r.IntN(400) {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		lines := NewLines(src)
		offsets := make([]int, 50)
		for i := range offsets {
			offsets[i] = r.IntN(len(src)+3) - 1
		}
		if round%2 == 0 {
			sort.Ints(offsets)
		}
		c := lines.Cursor()
		for _, off := range offsets {
			if got, want := c.Position(off), lines.Position(off); got != want {
				t.Fatalf("round %d, offset %d of %q: cursor %v, Position %v", round, off, src, got, want)
			}
		}
	}
}
