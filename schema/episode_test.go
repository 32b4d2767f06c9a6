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

// TestChapterLabel: how messages name a chapter, with and without a title
// and a time, and in one allocation when it has a time.
func TestChapterLabel(t *testing.T) {
	for _, c := range []struct {
		title string
		start Timestamp
		want  string
	}{
		{"Hook", Timestamp{Valid: true, Seconds: 65}, `chapter "Hook" at 01:05`},
		{"  Cold open ", Timestamp{Valid: true, Seconds: 3*3600 + 7}, `chapter "Cold open" at 3:00:07`},
		{" ", Timestamp{Valid: true}, "untitled chapter at 00:00"},
		{"Hook", Timestamp{}, `chapter "Hook"`},
		{"", Timestamp{Seconds: 5}, "untitled chapter"},
		{"Ünïcode — “quoted”", Timestamp{Valid: true, Seconds: 999999*3600 + 3599}, `chapter "Ünïcode — “quoted”" at 999999:59:59`},
	} {
		ch := &Chapter{Title: Text{Value: c.title}, Start: c.start}
		if got := ch.Label(); got != c.want {
			t.Errorf("Label of %q at %+v = %q, want %q", c.title, c.start, got, c.want)
		}
		if c.start.Valid {
			if n := testing.AllocsPerRun(10, func() { _ = ch.Label() }); n != 1 {
				t.Errorf("Label of %q: %v allocations, want 1", c.title, n)
			}
		}
	}
}
