package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/podlint/podlint/schema"
)

// TestRDJSONColumnsAreBytes: reviewdog reads rdjson columns as UTF-8
// bytes. On lines where an em dash or an emoji comes before the finding,
// each range covers the text --format json's code-point range covers, and
// the suggestions applied at their byte columns give the fixed page.
func TestRDJSONColumnsAreBytes(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join("testdata", "formats", "wave.md")
	src, err := os.ReadFile(filepath.Join(root, page))
	if err != nil {
		t.Fatal(err)
	}
	_, rdOut, _ := podlint(t, root, "check", "--no-config", "--format", "rdjson", page)
	golden := filepath.Join(root, "testdata", "formats", "wave.rdjson")
	if *updateScripts {
		if err := os.WriteFile(golden, []byte(rdOut), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil || string(want) != rdOut {
		t.Errorf("output differs from %s (%v):\n%s", golden, err, rdOut)
	}
	var rd rdResult
	if err := json.Unmarshal([]byte(rdOut), &rd); err != nil {
		t.Fatal(err)
	}
	_, jsonOut, _ := podlint(t, root, "check", "--no-config", "--format", "json", page)
	var found []finding
	if err := json.Unmarshal([]byte(jsonOut), &found); err != nil {
		t.Fatal(err)
	}
	if len(found) != len(rd.Diagnostics) || len(found) < 4 {
		t.Fatalf("%d rdjson diagnostics, %d findings", len(rd.Diagnostics), len(found))
	}

	lines := schema.NewLines(src)
	offset := func(p rdPosition) int { return lines.Start(p.Line) + p.Column - 1 }
	// The offset of a line and column in code points, as --format json counts.
	runeOffset := func(line, column int) int {
		off := lines.Start(line)
		for range column - 1 {
			_, size := utf8.DecodeRune(src[off:])
			off += size
		}
		return off
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	for i, d := range rd.Diagnostics {
		r, f := d.Location.Range, found[i]
		got := string(src[offset(r.Start):offset(r.End)])
		want := string(src[runeOffset(f.Line, f.Column):runeOffset(f.EndLine, f.EndColumn)])
		if got != want {
			t.Errorf("%s at %d:%d: rdjson range covers %q, the finding is %q", f.Rule, f.Line, f.Column, got, want)
		}
		for _, s := range d.Suggestions {
			edits = append(edits, edit{offset(s.Range.Start), offset(s.Range.End), s.Text})
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	fixed := string(src)
	for _, e := range edits {
		fixed = fixed[:e.start] + e.text + fixed[e.end:]
	}
	want := `# 🌊 Tide Pools—at Dawn — Ines Ferro

Marine biologist Ines Ferro on what lives in a tide pool — 🦀 crabs, 🐚 shells and anemones.

## [00:00] Cold open — 🌅 first light

Ines kneels on wet rock.

> *"A tide pool — 🌊 — is an ocean that fits in your hands."* [00:14]

## Entities

- **Ines Ferro** (Person): Marine biologist.
`
	if fixed != want {
		t.Errorf("the suggestions applied at their byte columns give\n%s\nwant\n%s", fixed, want)
	}
}
