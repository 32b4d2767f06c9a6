package fixers

import (
	"os"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
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

// TestOriginByEdits: where the fix's edits are known, text between two
// edits maps exactly even when the diff's changed lines run across it:
// the chapter on the line after two edited ones stays on that line.
func TestOriginByEdits(t *testing.T) {
	before := "{\"title\": \"T\", \"summary\": \"S.\", \"chapters\": [\n" +
		"{\"title\": \"A\", \"start\": 0, \"summary\": \"B.\", \"quotes\": [\"q one\", [0, 9]]},\n" +
		"{\"title\": \"C\", \"start\": 60, \"summary\": \"D.\", \"quotes\": [\"r one\", [1, 9]]}\n]}\n"
	out, err := Run("page.json", []byte(before), Options{Config: rules.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	after := string(out.Src)
	if after == before {
		t.Fatal("nothing fixed")
	}
	origin := out.Changes().Origin()
	for _, at := range []string{`{"title": "C"`, `"summary": "D."`, "]}\n"} {
		got, ok := origin(strings.Index(after, at))
		if want := strings.Index(before, at); got != want || !ok {
			t.Errorf("%q maps to %d %v, want %d true", at, got, ok, want)
		}
	}
	if got, ok := origin(strings.Index(after, `"at"`)); ok || got != strings.Index(before, `"q one"`) {
		t.Errorf("an edit maps to %d %v, want its start %d, not exact", got, ok, strings.Index(before, `"q one"`))
	}
}

// TestOriginOnFixtures: on every fixer fixture, the map never goes back,
// stays in the page, and an exact answer points at the same byte, whether
// it is made from the diff or from the edits of the fix.
func TestOriginOnFixtures(t *testing.T) {
	eachFixture(t, func(t *testing.T, in, _ string, src []byte, opts Options) {
		fixed, err := os.ReadFile(in + ".fixed")
		if err != nil {
			t.Fatal(err)
		}
		checkOrigin(t, src, fixed, Origin(src, fixed))
		if out, err := Run(in, src, opts); err == nil {
			checkOrigin(t, src, out.Src, out.Changes().Origin())
		}
	})
}

func checkOrigin(t *testing.T, src, fixed []byte, origin func(int) (int, bool)) {
	t.Helper()
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
}
