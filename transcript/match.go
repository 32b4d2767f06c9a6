package transcript

import (
	"sort"
	"strings"
)

// Match is where a quote is said in the transcript.
type Match struct {
	// Start and End are the quote's first and last word in the
	// transcript's words (End excluded).
	Start, End int
	// Edits is how many words are missing, extra or different.
	Edits int
	// At is when its first word is said.
	At Millis
	// Line is the line of the cue where it starts.
	Line int
}

// Result is what looking a quote up found.
type Result struct {
	// Words is the number of words compared (fillers left out); a quote
	// without any has nothing to look up.
	Words int
	Found bool
	// Match is where the quote is said, when Found; otherwise the nearest
	// passage compared, when Near is set (its Edits say how far).
	Match Match
	Near  bool
}

// Allowance is how many words of a run of n words may be missing, extra
// or different while it still matches: one in six, rounded down. A quote
// of fewer than six words must be said word for word.
func Allowance(n int) int { return n / 6 }

// maxGap is how far apart two parts of a quote that an ellipsis joins may
// be said: the ellipsis stands for skipped words, not a skipped chapter.
const maxGap Millis = 120_000

// Find looks a quote up. An ellipsis ("…", "...") stands for skipped
// words: each part must be found, in order, each within maxGap of the one
// before. Among several places, the one with the fewest edits wins, then
// the one nearest to stamp (the quote's timestamp; negative when it has
// none), then the earliest. Only the places where one of the quote's
// rarest word pairs stands are compared, so a lookup costs what the
// quote's own words cost, not the transcript's length.
func (t *Transcript) Find(quote string, stamp Millis) Result {
	var parts [][]int32
	n := 0
	for _, part := range splitEllipsis(quote) {
		ws, _ := words(nil, part, false, nil)
		if len(ws) == 0 {
			continue
		}
		ids := make([]int32, len(ws))
		for i, w := range ws {
			id, ok := t.vocab[w.text]
			if !ok {
				id = -1 // a word the transcript never says
			}
			ids[i] = id
		}
		parts = append(parts, ids)
		n += len(ids)
	}
	res := Result{Words: n}
	if n == 0 {
		return res
	}
	var chains [][]span
	for _, ids := range parts {
		found, _ := t.search(ids, Allowance(len(ids)))
		if len(found) == 0 {
			if len(parts) == 1 {
				// The nearest passage, for the message: looked for as a
				// run with up to one word in three wrong.
				loose, near := t.search(ids, len(ids)/3)
				for _, s := range loose {
					if !near.ok || s.edits < near.edits {
						near = s
					}
				}
				if near.ok {
					res.Near, res.Match = true, t.match(near)
				}
			}
			return res
		}
		chains = t.extend(chains, found)
		if len(chains) == 0 {
			return res
		}
	}
	best := -1
	var bestEdits int
	var bestDist Millis
	for i, c := range chains {
		edits := 0
		for _, s := range c {
			edits += s.edits
		}
		dist := t.times[c[0].start] - stamp
		if stamp < 0 {
			dist = 0
		}
		dist = max(dist, -dist)
		if best < 0 || edits < bestEdits || edits == bestEdits && dist < bestDist {
			best, bestEdits, bestDist = i, edits, dist
		}
	}
	c := chains[best]
	m := t.match(span{start: c[0].start, end: c[len(c)-1].end, edits: bestEdits})
	return Result{Words: n, Found: true, Match: m}
}

// splitEllipsis cuts a quote at each ellipsis.
func splitEllipsis(quote string) []string {
	quote = strings.ReplaceAll(quote, "…", "...")
	return strings.Split(quote, "...")
}

// span is a run of the transcript's words a part of a quote matched.
type span struct {
	start, end, edits int
	ok                bool
}

func (t *Transcript) match(s span) Match {
	return Match{Start: s.start, End: s.end, Edits: s.edits, At: t.times[s.start], Line: t.Cues[t.cueOf[s.start]].Line}
}

// extend joins each chain of matched parts with a match of the next part
// said after it, within maxGap: the one with the fewest edits, then the
// earliest. A chain that no match follows is dropped.
func (t *Transcript) extend(chains [][]span, next []span) [][]span {
	if chains == nil {
		out := make([][]span, len(next))
		for i, s := range next {
			out[i] = []span{s}
		}
		return out
	}
	var out [][]span
	for _, c := range chains {
		last := c[len(c)-1]
		var pick *span
		for i := range next {
			s := &next[i]
			if s.start < last.end || t.times[s.start]-t.times[last.end-1] > maxGap {
				continue
			}
			if pick == nil || s.edits < pick.edits {
				pick = s
			}
		}
		if pick != nil {
			out = append(out, append(c[:len(c):len(c)], *pick))
		}
	}
	return out
}

// search finds every place where ids is said with at most k edits, and
// the nearest place compared when there is none.
//
// Split into k+1 blocks of adjacent words, a run said with at most k
// edits keeps at least one block whole (each edit touches one block). So
// the places worth comparing are where one block is said as it is: for
// each block, where its rarest pair of adjacent words (or its one word)
// stands. Each such place is compared by edit distance over words.
func (t *Transcript) search(ids []int32, k int) (found []span, near span) {
	n := len(ids)
	starts := map[int]bool{}
	for b := 0; b <= k; b++ {
		lo, hi := b*n/(k+1), (b+1)*n/(k+1)
		if hi <= lo {
			continue
		}
		posts, offset := t.rarest(ids[lo:hi])
		for _, p := range posts {
			starts[int(p)-lo-offset] = true
		}
	}
	ordered := make([]int, 0, len(starts))
	for s := range starts {
		ordered = append(ordered, s)
	}
	sort.Ints(ordered)
	// A place is compared from every candidate near it: each window may
	// cut the run short differently, so the best of them counts.
	best := map[int]span{}
	var firsts []int
	for _, s := range ordered {
		m := t.align(ids, s, k)
		if !m.ok {
			continue
		}
		if b, ok := best[m.start]; !ok || m.edits < b.edits {
			if !ok {
				firsts = append(firsts, m.start)
			}
			best[m.start] = m
		}
	}
	for _, start := range firsts {
		m := best[start]
		if m.edits <= k {
			found = append(found, m)
		} else if !near.ok || m.edits < near.edits {
			near = m
		}
	}
	return found, near
}

// rarest returns the positions of block's rarest adjacent pair (or of its
// one word) and the pair's offset in block; none when block holds a word
// the transcript never says.
func (t *Transcript) rarest(block []int32) ([]int32, int) {
	for _, id := range block {
		if id < 0 {
			return nil, 0
		}
	}
	if len(block) == 1 {
		return t.positions(block[0]), 0
	}
	best, offset := []int32(nil), -1
	for i := 0; i+1 < len(block); i++ {
		posts := t.pairs(block[i], block[i+1])
		if offset < 0 || len(posts) < len(best) {
			best, offset = posts, i
		}
	}
	return best, offset
}

// align compares ids with the transcript's words around position s (k
// words either way): the fewest edits that turn ids into a run of those
// words, and where that run starts and ends.
func (t *Transcript) align(ids []int32, s, k int) span {
	lo, hi := max(0, s-k), min(len(t.tokens), s+len(ids)+k)
	if lo >= hi {
		return span{}
	}
	window := t.tokens[lo:hi]
	w := len(window)
	t.cells += int64(w * len(ids))
	// cost[j] and from[j]: the fewest edits aligning the quote so far with
	// a run ending before window[j], and where that run starts.
	cost, from := make([]int, w+1), make([]int, w+1)
	prevCost, prevFrom := make([]int, w+1), make([]int, w+1)
	for j := range prevCost {
		prevCost[j], prevFrom[j] = 0, j // a run may start anywhere
	}
	for i, id := range ids {
		cost[0], from[0] = i+1, 0
		for j := 1; j <= w; j++ {
			sub := prevCost[j-1]
			if window[j-1] != id {
				sub++
			}
			c, f := sub, prevFrom[j-1]
			if del := prevCost[j] + 1; del < c {
				c, f = del, prevFrom[j]
			}
			if ins := cost[j-1] + 1; ins < c {
				c, f = ins, from[j-1]
			}
			cost[j], from[j] = c, f
		}
		cost, prevCost = prevCost, cost
		from, prevFrom = prevFrom, from
	}
	best := span{}
	for j := 1; j <= w; j++ {
		if start := prevFrom[j]; start < j && (!best.ok || prevCost[j] < best.edits) {
			best = span{start: lo + start, end: lo + j, edits: prevCost[j], ok: true}
		}
	}
	return best
}

// SpeakersOf lists the speaker labels over a match, in order, each once.
func (t *Transcript) SpeakersOf(m Match) []string {
	var out []string
	seen := map[int32]bool{}
	for i := m.Start; i < m.End; i++ {
		if s := t.speaker[i]; s >= 0 && !seen[s] {
			seen[s] = true
			out = append(out, t.Speakers[s])
		}
	}
	return out
}
