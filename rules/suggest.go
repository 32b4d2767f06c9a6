package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Names lists every name --enable, --disable, select, ignore and the
// suppression comments take: the rules, then the categories (schema, a
// rule and a category, once).
func Names() []string {
	// From byName, not all: a rule's run function may ask for the names.
	out := make([]string, 0, len(byName)+len(CategoryNames))
	for name := range byName {
		out = append(out, name)
	}
	sort.Strings(out)
	for _, c := range CategoryNames {
		if byName[c] == nil {
			out = append(out, c)
		}
	}
	return out
}

// DidYouMean is ` (did you mean "NAME"?)` for the known name nearest to a
// mistyped one, or "" when none is near enough to be the same word typed
// wrong.
func DidYouMean(name string, known []string) string {
	if best := Closest(name, known); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// Closest returns the known name nearest to name in edits (a letter added,
// dropped, changed, or two swapped; case ignored), when there are at most a
// third as many edits as letters (one at least, from three letters on); ""
// otherwise. Ties go to the first in known.
func Closest(name string, known []string) string {
	// A name of one or two letters is too short to guess from: only a
	// difference of case is taken.
	limit := len([]rune(name)) / 3
	if len([]rune(name)) >= 3 {
		limit = max(1, limit)
	}
	best, bestDist := "", limit+1
	for _, k := range known {
		if d := editDistance(strings.ToLower(name), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// by runes: insertions, deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	return editDistanceUpTo(a, b, len(a)+len(b))
}

// editDistanceUpTo is editDistance(a, b) when that is at most limit, and
// limit+1 otherwise. Only the cells of the table within limit of its
// diagonal are worked out: a cell further off needs more than limit
// insertions or deletions, so it stands above limit (taken as limit+1),
// and so does every cell its value comes from. It stops at the first row
// that is all above limit, as every row after it is (a swap reaches back
// two rows, to a cell at most one less than one of the row between).
func editDistanceUpTo(a, b string, limit int) int {
	// Short words (names, rule names) are compared without allocating.
	var runesA, runesB [32]rune
	s, t := appendRunes(runesA[:0], a), appendRunes(runesB[:0], b)
	if len(s)-len(t) > limit || len(t)-len(s) > limit || bagDistance(s, t) > limit {
		return limit + 1
	}
	var rows [3][33]int
	above := limit + 1
	// Three rows of the table: the one before the previous is needed for swaps.
	prev2, prev, cur := rows[0][:], rows[1][:], rows[2][:]
	if n := len(t) + 1; n <= len(rows[0]) {
		prev2, prev, cur = prev2[:n], prev[:n], cur[:n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = min(j, above)
	}
	for i := 1; i <= len(s); i++ {
		// Cells lo..hi are worked out; the one before lo and the one after
		// hi are read by the next row, and stand above limit (but column 0).
		lo, hi := max(1, i-limit), min(len(t), i+limit)
		cur[lo-1] = above
		if lo == 1 {
			cur[0] = min(i, above)
		}
		over := i > limit
		for j := lo; j <= hi; j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				c = min(c, prev2[j-2]+1)
			}
			c = min(c, above)
			cur[j] = c
			over = over && c > limit
		}
		if hi < len(t) {
			cur[hi+1] = above
		}
		if over {
			return above
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}

// bagDistance is at most the edit distance of s and t: of the runes of
// each, in 32 kinds by their last five bits, the greater number that the
// other has not. An insertion, a deletion or a change alters each side's
// surplus by one at most, a swap by none; two runes of a kind only make
// it smaller. Most words a name is compared with are far from it, and
// this tells so without the table.
func bagDistance(s, t []rune) int {
	var count [32]int32
	for _, r := range s {
		count[r&31]++
	}
	shared := 0 // runes of t matched by one of s of their kind
	for _, r := range t {
		if count[r&31] > 0 {
			shared++
		}
		count[r&31]--
	}
	return max(len(s), len(t)) - shared
}

// appendRunes appends the runes of s to dst.
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}
