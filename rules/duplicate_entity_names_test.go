package rules

import (
	"strings"
	"testing"

	"github.com/podlint/podlint/schema"
)

// entitiesNamed is an entity section of the names in list, cut at new
// lines; a name starting with "!" is a malformed bullet.
func entitiesNamed(list string) *schema.EntitySection {
	es := &schema.EntitySection{}
	for _, name := range strings.Split(list, "\n") {
		e := schema.Entity{Name: schema.Text{Value: name}}
		if strings.HasPrefix(name, "!") {
			e.Malformed = "no bold name"
		}
		es.Entities = append(es.Entities, e)
	}
	return es
}

// FuzzFirstsOfNames: telling names apart by the hash of their lower case
// finds each name's first entry as lowering every name as a key does,
// and so does it when every two names' hashes agree.
func FuzzFirstsOfNames(f *testing.F) {
	for _, seed := range []string{"Ada\nada\n ADA \nBob", "\n\n", "Straße\nSTRASSE\nstraße", "İstanbul\ni̇stanbul\nIstanbul",
		"K\n\u212a\nk", "!Ada\nAda\nada", "a\xff\nA\xff\na\xfe", "Σ\nσ\nς", "ǅ\nǆ\nǄ"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, list string) {
		es := entitiesNamed(list)
		want := firstsOfNamesByKey(es)
		got := firstsOfNames(es)
		defer func(h func(string) uint64) { hashName = h }(hashName)
		hashName = func(string) uint64 { return 0 }
		colliding := firstsOfNames(es)
		for i := range want {
			if got[i] != want[i] || colliding[i] != want[i] {
				t.Fatalf("%q: entry %d first at %d (hashes), %d (one hash), want %d", list, i, got[i], colliding[i], want[i])
			}
		}
	})
}
