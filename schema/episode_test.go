package schema

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestChaptersAt: the chapters at a time are those a look at every chapter
// finds, in page order, on pages whose times are out of order, repeated or
// missing, and for times no chapter has (the largest and smallest too).
func TestChaptersAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 1))
	for range 2000 {
		ep := &Episode{}
		for range rng.IntN(12) {
			c := &Chapter{Start: Timestamp{Valid: rng.IntN(5) > 0, Seconds: rng.IntN(6)}}
			ep.Chapters = append(ep.Chapters, c)
		}
		for _, s := range []int{math.MinInt, -1, 0, 1, 2, 3, 4, 5, 6, math.MaxInt} {
			var want []*Chapter
			for _, c := range ep.Chapters {
				if c.Start.Valid && c.Start.Seconds == s {
					want = append(want, c)
				}
			}
			if got := ep.ChaptersAt(s); !slices.Equal(got, want) {
				t.Fatalf("chapters at %d: got %v, want %v", s, got, want)
			}
		}
	}
}
