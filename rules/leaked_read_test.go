package rules

import (
	"testing"

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
