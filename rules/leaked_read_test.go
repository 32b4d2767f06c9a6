package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/restore"
	"github.com/podlint/podlint/schema"
)

// TestFlattenedBlobReadOnce: restoring a flattened page reads its leaked
// JSON for chapter titles, and the rules that look through the page at
// the blob use that reading rather than making their own.
func TestFlattenedBlobReadOnce(t *testing.T) {
	const page = "# Salt Roads — Ines Varga\n\n" +
		"Historian Ines Varga follows salt across the Alps. ## [00:00] Opening Ines sets out the route. " +
		`> *"Salt paid for the bridges."* ` +
		`> *{'start': 95.0, 'title': 'The toll houses', 'summary': 'Ines counts the tolls a cart paid.', 'quotes': [{'text': 'Every valley took its share.', 'timestamp': [1, 50]}]}* ` +
		"## [01:35] The toll houses ## Entities - **Ines Varga** (Person): Historian.\n"
	doc := schema.Read("salt.md", []byte(page))
	view, ok := restore.ViewOf(doc)
	if !ok {
		t.Fatal("the page is not read as flattened")
	}
	restored, _ := restore.Collapsed(doc)
	if restored.Leaked == nil || len(restored.Leaked.Chapters) != 1 {
		t.Fatalf("restoring read %+v of the blob, want its one chapter", restored.Leaked)
	}
	diags := Run(doc, DefaultConfig())
	var leaked int
	for _, d := range diags {
		if d.Rule == leakedJSON.Name {
			leaked++
		}
	}
	runs := leakedRuns(view.Doc.Episode)
	if leaked != 1 || len(runs) != 1 {
		t.Fatalf("%d leaked-json findings and %d leaked runs on the restored page, want 1 and 1: %v", leaked, len(runs), diags)
	}
	if got := leak.ReadOn(view.Doc, runs[0].Items()); got != restored.Leaked {
		t.Errorf("the rules read the blob again: items %q, restoring read %q", runs[0].Items(), restored.Items)
	}
}

// TestCharacters holds the count of a blob's characters to utf8's count of
// its items joined, on items of ASCII, of characters of two to four bytes
// at every place of a group of eight, and of bytes that are no UTF-8 (which
// the joined count reads across items).
func TestCharacters(t *testing.T) {
	pieces := []string{"a", " ", "'", "é", "’", "€", "🎙", "Ада", "\x80", "\xe2\x80", "\xff"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		items := make([]string, 1+rng.IntN(4))
		for i := range items {
			var b strings.Builder
			for range rng.IntN(24) {
				// Bad bytes rarely, so that most items are UTF-8 and take
				// the quick count.
				k := rng.IntN(len(pieces) - 3)
				if rng.IntN(50) == 0 {
					k = len(pieces) - 3 + rng.IntN(3)
				}
				b.WriteString(pieces[k])
			}
			items[i] = b.String()
		}
		if got, want := characters(items), utf8.RuneCountInString(strings.Join(items, "")); got != want {
			t.Fatalf("characters(%q) = %d, want %d", items, got, want)
		}
	}
}
