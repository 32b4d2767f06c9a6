package fixers

import (
	"os"
	"strings"
	"testing"
)

// TestOrigin: text a fix left alone maps to where it stands in the page on
// disk, to the byte; text inside an edit maps to the edit's start there.
func TestOrigin(t *testing.T) {
	before := "# Tide— Ines \n\nA summary.\n\n> *A pool is an ocean.*\n> *[0, 14]*\n\n## Entities — 🌊\n\n- **Ines** (person): Biologist.\n"
	after := "# Tide — Ines\n\nA summary.\n\n> *\"A pool is an ocean.\"* [00:14]\n\n## Entities — 🌊\n\n- **Ines** (Person): Biologist.\n"
	origin := Origin([]byte(before), []byte(after))
	for _, tt := range []struct {
		at     string // in after
		want   string // in before
		wantOK bool
	}{
		{"A summary.", "A summary.", true},
		{"## Entities", "## Entities", true},
		{"🌊", "🌊", true},
		{"Ines\n", "— Ines ", false}, // between two edits of one line: the first one's start
		{"erson)", "erson)", true},   // after the edit, on its line
		{"- **Ines**", "- **Ines**", true},
		{"Person", "person", false},  // the edit itself
		{"[00:14]", "A pool", false}, // a line joined: the start of the edit
		{" — Ines", "— Ines", false}, // an inserted space: where it goes
		{"\"A pool", "A pool", false},
	} {
		got, ok := origin(strings.Index(after, tt.at))
		if want := strings.Index(before, tt.want); got != want || ok != tt.wantOK {
			t.Errorf("%q maps to %d %v (%q), want %d %v (%q)", tt.at, got, ok, before[got:], want, tt.wantOK, tt.want)
		}
	}
	if got, ok := origin(len(after)); got != len(before) || !ok {
		t.Errorf("the end maps to %d %v, want %d", got, ok, len(before))
	}
}

// TestOriginOnFixtures: on every fixer fixture, the map never goes back,
// stays in the page, and an exact answer points at the same byte.
func TestOriginOnFixtures(t *testing.T) {
	eachFixture(t, func(t *testing.T, in, _ string, src []byte, _ Options) {
		fixed, err := os.ReadFile(in + ".fixed")
		if err != nil {
			t.Fatal(err)
		}
		origin := Origin(src, fixed)
		last := 0
		for x := 0; x <= len(fixed); x++ {
			old, ok := origin(x)
			switch {
			case old < last || old > len(src):
				t.Fatalf("offset %d maps to %d, after %d (page of %d bytes)", x, old, last, len(src))
			case ok && x < len(fixed) && (old == len(src) || src[old] != fixed[x]):
				t.Fatalf("offset %d (%q) maps exactly to %d, which holds something else", x, fixed[x:min(x+10, len(fixed))], old)
			}
			last = old
		}
	})
}
