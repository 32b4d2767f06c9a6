package fixers

import (
	"os"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// TestCanonicalNameWordsInAString: the variants of one JSON string that
// escapes nothing are fixed word by word, all in one pass; a string that
// escapes a character is written anew, one variant a pass, and keeps its
// escapes.
func TestCanonicalNameWordsInAString(t *testing.T) {
	for _, tc := range []struct {
		file          string
		passes, fixed int
		edit          string // the first edit's new text
	}{
		{"one-string.unsafe.json", 1, 3, "Pemberton"},
		{"escaped-string.unsafe.json", 2, 2, `"Cartographer Ada Pemberton says \"every map`},
	} {
		src, err := os.ReadFile("../testdata/fixers/canonical-name/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Run(tc.file, src, Options{Config: rules.DefaultConfig(), Unsafe: true})
		if err != nil {
			t.Fatal(err)
		}
		if out.Passes != tc.passes || out.Applied["canonical-name"] != tc.fixed {
			t.Errorf("%s: %d fixes in %d passes, want %d in %d", tc.file, out.Applied["canonical-name"], out.Passes, tc.fixed, tc.passes)
		}
		if len(out.Remaining) != 0 {
			t.Errorf("%s: findings remain: %v", tc.file, out.Remaining)
		}
		doc := schema.Read(tc.file, src)
		diags := rules.Run(doc, rules.DefaultConfig())
		fix := canonicalName.Make(doc, rules.DefaultConfig(), diags[0])
		if fix == nil || !strings.HasPrefix(fix.Edits[0].New, tc.edit) {
			t.Errorf("%s: the first fix is %+v, want an edit writing %q", tc.file, fix, tc.edit)
		}
	}
}
