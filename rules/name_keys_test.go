package rules

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// TestKeyedNamesAreTheScan: a page that lists many names looks near misses
// up by keys; the variants found must be those of comparing every name.
// Pages are generated with up to 150 people, who share first names, have
// names outside ASCII, in capitals or short, and are written in prose
// exactly, with one or two letters changed, added, dropped or swapped,
// as plurals, possessives and in other case, alone, at sentence starts and
// beside other names in chapter titles.
func TestKeyedNamesAreTheScan(t *testing.T) {
	defer func(n int) { manyNames = n }(manyNames)
	rng := rand.New(rand.NewPCG(7, 11))
	keyed, pages := 0, 300
	if testing.Short() {
		pages = 60
	}
	for i := range pages {
		page := namesPage(rng, 1+rng.IntN(150))
		doc := func() *schema.Document { return schema.Read(fmt.Sprintf("names-%d.md", i), []byte(page)) }
		manyNames = 1 << 30
		want := NameVariants(doc(), DefaultConfig())
		manyNames = 0
		got := NameVariants(doc(), DefaultConfig())
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("page %d: keyed lookups found\n%v\nwhere comparing every name finds\n%v\npage:\n%s", i, variantNames(got), variantNames(want), page)
		}
		keyed += len(want)
	}
	if keyed < pages {
		t.Fatalf("only %d variants on %d pages: the pages do not test the lookups", keyed, pages)
	}
}

func variantNames(vs []NameVariant) []string {
	var out []string
	for _, v := range vs {
		out = append(out, fmt.Sprintf("%s→%s@%d", v.Variant, v.Canonical, v.Span.Start))
	}
	return out
}

var (
	namesFirst = []string{"Ada", "Ines", "Soren", "Zoë", "Tomas", "Priya", "Kemal", "Celia", "Bartholomew", "Ōta", "Lena", "IBM", "Jean-Luc", "O'Brien"}
	namesLast  = []string{"Pemberton", "Vellacott", "Marchetti", "Dubuisson", "Quill", "Ferro", "Abernathy", "Castellanos", "Søndergaard", "Whitcombe", "Lindqvist", "Okonkwo", "NASA", "Brightwater", "Fairweather"}
)

// namesPage is a page listing n people, whose prose names them in the
// ways TestKeyedNamesAreTheScan lists.
func namesPage(rng *rand.Rand, n int) string {
	var people []string
	for range n {
		first := namesFirst[rng.IntN(len(namesFirst))]
		last := namesLast[rng.IntN(len(namesLast))]
		if rng.IntN(3) == 0 {
			last = slip(rng, last) + slip(rng, strings.ToLower(namesLast[rng.IntN(len(namesLast))]))
		}
		people = append(people, first+" "+last)
	}
	var b strings.Builder
	b.WriteString("# Names — " + people[0] + "\n\n" + people[0] + " talks with guests.\n\n## [00:00] Cold open\n\n")
	for i := range 3 * n {
		p := people[rng.IntN(len(people))]
		first, last, _ := strings.Cut(p, " ")
		var named string
		switch rng.IntN(8) {
		case 0:
			named = p
		case 1:
			named = first + " " + slip(rng, last)
		case 2:
			named = slip(rng, first) + " " + slip(rng, slip(rng, last))
		case 3:
			named = p + "s"
		case 4:
			named = p + "'s"
		case 5:
			named = strings.ToUpper(p)
		default:
			named = slip(rng, last)
		}
		if rng.IntN(2) == 0 {
			fmt.Fprintf(&b, "%s argues the point. ", named)
		} else {
			fmt.Fprintf(&b, "The host says %s agrees. ", named)
		}
		switch i % 7 {
		case 6:
			b.WriteString("\n\n")
		case 3:
			// A heading's title runs names together: windows that share no
			// word with a name stand beside words that do.
			fmt.Fprintf(&b, "\n\n## [%02d:%02d] %s Meets %s\n\n", i/60%60, i%60, people[rng.IntN(len(people))], slip(rng, named))
		}
	}
	b.WriteString("\n\n## Entities\n\n")
	for _, p := range people {
		b.WriteString("- **" + p + "** (Person): A guest.\n")
	}
	return b.String()
}

// slip changes, adds, drops or swaps a letter of w, or leaves it.
func slip(rng *rand.Rand, w string) string {
	r := []rune(w)
	if len(r) < 2 {
		return w
	}
	i := 1 + rng.IntN(len(r)-1)
	switch rng.IntN(5) {
	case 0:
		r[i] = rune('a' + rng.IntN(26))
	case 1:
		r = append(r[:i], append([]rune{rune('a' + rng.IntN(26))}, r[i:]...)...)
	case 2:
		r = append(r[:i], r[i+1:]...)
	case 3:
		r[i-1], r[i] = r[i], r[i-1]
	}
	return string(r)
}
