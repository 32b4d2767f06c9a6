package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// TestFixLabelsWithoutEdits: a report that only labels findings fixable
// (from what the rules state) labels them as the one that builds every
// fix for its edits (rdjson), on every page under testdata.
func TestFixLabelsWithoutEdits(t *testing.T) {
	cfg := rules.DefaultConfig()
	pages, labelled := 0, 0
	err := filepath.WalkDir("../../testdata", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || (filepath.Ext(p) != ".md" && filepath.Ext(p) != ".json") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc := schema.Read(p, src)
		diags := rules.Run(doc, cfg)
		stated := newFileReport(p, doc, cfg, diags, lintOptions{}, "")
		built := newFileReport(p, doc, cfg, diags, lintOptions{withEdits: true}, "")
		pages++
		for i, it := range stated.items {
			if it.fix != built.items[i].fix {
				t.Errorf("%s:%d:%d %s: labelled %q without edits, %q with them", p, it.start.Line, it.start.Column, it.rule, it.fix, built.items[i].fix)
			}
			if it.fix != "" {
				labelled++
			}
			if len(it.suggestions) > 0 {
				t.Errorf("%s:%d:%d %s: edits built for a report that prints none", p, it.start.Line, it.start.Column, it.rule)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 || labelled == 0 {
		t.Fatalf("%d pages, %d findings labelled fixable: testdata covers too little", pages, labelled)
	}
}
