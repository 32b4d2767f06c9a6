package rules

import (
	"math/rand/v2"
	"testing"
)

func TestClosest(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"quote-styel", "quote-style"}, // two letters swapped
		{"structre", "structure"},      // a letter dropped
		{"Quote-Style", "quote-style"}, // case
		{"timestamp-formats", "timestamp-format"},
		{"no-such-rule", ""}, // nothing near
		{"x", ""},            // one letter is too little to guess from
		{"styl", "style"},
	} {
		if got := Closest(c.typed, Names()); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
}

func TestSelectSuggests(t *testing.T) {
	_, err := Select([]string{"quote-styel"}, nil)
	if err == nil || err.Error() != "unknown rule or category \"quote-styel\" (did you mean \"quote-style\"?) (see `podlint rules`)" {
		t.Fatalf("Select: %v", err)
	}
}

func TestNamesListSchemaOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range Names() {
		if seen[n] {
			t.Errorf("%s listed twice", n)
		}
		seen[n] = true
	}
	if !seen["schema"] || !seen["structure"] || !seen["quote-style"] {
		t.Errorf("Names() = %v: a rule, a category or schema is missing", Names())
	}
}

// osaDistance is the optimal string alignment distance by its definition,
// the whole table: the reference editDistance is held to.
func osaDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// TestEditDistanceUpTo holds the distance that stops early to the whole
// table: the same distance up to the limit, and above it when the
// distance is.
func TestEditDistanceUpTo(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcé ")
	word := func() string {
		w := make([]rune, rng.IntN(12))
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		return string(w)
	}
	pairs := [][2]string{{"pemberton", "pembleton"}, {"pemberton", "pemebrton"}, {"ada", "ida"}, {"", "abc"}, {"mercator", "pemberton"}}
	for range 20000 {
		a := word()
		b := []rune(a)
		for range rng.IntN(4) { // a few edits of a, or another word
			if len(b) > 0 {
				b[rng.IntN(len(b))] = letters[rng.IntN(len(letters))]
			}
		}
		pairs = append(pairs, [2]string{a, string(b)}, [2]string{a, word()})
	}
	for _, p := range pairs {
		want := osaDistance(p[0], p[1])
		if got := editDistance(p[0], p[1]); got != want {
			t.Fatalf("editDistance(%q, %q) = %d, want %d", p[0], p[1], got, want)
		}
		for limit := range 4 {
			got := editDistanceUpTo(p[0], p[1], limit)
			if (want <= limit && got != want) || (want > limit && got <= limit) {
				t.Fatalf("editDistanceUpTo(%q, %q, %d) = %d, distance %d", p[0], p[1], limit, got, want)
			}
		}
	}
}

// FuzzEditDistance holds editDistanceUpTo, which works out only the cells
// near the table's diagonal, to the whole table: the same distance when it
// is at most limit, one above limit otherwise; and bagDistance, which it
// asks first, is never above the distance.
func FuzzEditDistance(f *testing.F) {
	for _, p := range [][2]string{{"pemberton", "pembleton"}, {"pemberton", "pemebrton"}, {"ab", "ba"}, {"", "abc"}, {"Ærø", "æro"}, {"abcdef", "badcfe"}} {
		f.Add(p[0], p[1], uint8(1))
	}
	f.Fuzz(func(t *testing.T, a, b string, limit uint8) {
		if len(a) > 40 || len(b) > 40 {
			return // names are short; the reference is quadratic
		}
		want := osaDistance(a, b)
		if bag := bagDistance([]rune(a), []rune(b)); bag > want {
			t.Fatalf("bagDistance(%q, %q) = %d, over the distance %d", a, b, bag, want)
		}
		l := int(limit % 6)
		got := editDistanceUpTo(a, b, l)
		if (want <= l && got != want) || (want > l && got != l+1) {
			t.Fatalf("editDistanceUpTo(%q, %q, %d) = %d, distance %d", a, b, l, got, want)
		}
	})
}
