package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// tidePools has two identical quote-style findings in its first chapter
// (lines 9 and 13), one in its second (line 19) and a quote-fragment
// (line 21).
const tidePools = `# Tide Pools at Dawn — Ines Ferro

Marine biologist Ines Ferro on what lives in a tide pool.

## [00:00] Cold open

Ines kneels on wet rock.

> *A tide pool is an ocean that fits in your hands.*

Then she stands.

> *A tide pool is an ocean that fits in your hands.*

## [01:00] Later

More prose here.

> *Kelp grows half a metre a day.*

> *[1, 30]*
`

// pageReport is what check reports for src, as the run builds it.
func pageReport(t *testing.T, path, src string) fileReport {
	t.Helper()
	doc := schema.Read(path, []byte(src))
	cfg := rules.DefaultConfig()
	return newFileReport(path, doc, cfg, rules.Run(doc, cfg), lintOptions{lineHashes: true}, "")
}

// allRules stands for the settings of a run with every rule on.
func allRules(string) map[string]bool {
	on := map[string]bool{}
	for _, r := range rules.All() {
		on[r.Name] = true
	}
	return on
}

// baselineToday writes a baseline of pages (path: text) in a fresh
// folder, as --write-baseline would, and returns the folder and entries.
func baselineToday(t *testing.T, pages map[string]string) (string, []baselineEntry) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	b := newBaselineRun("baseline.json", baselineWrite)
	b.rulesFor = allRules
	for _, path := range sortedKeys(pages) {
		writePage(t, path, pages[path])
		if kept := b.filter(pageReport(t, path, pages[path])); len(kept) != 0 {
			t.Fatalf("--write-baseline let %d findings through", len(kept))
		}
	}
	return dir, b.next()
}

// checkTomorrow runs the baseline over pages and returns where the
// findings it lets through are (path:line rule) and the stale entries.
func checkTomorrow(t *testing.T, entries []baselineEntry, pages map[string]string) ([]string, []staleEntry) {
	t.Helper()
	b := newBaselineRun("baseline.json", baselineFilter)
	b.rulesFor = allRules
	b.load(entries)
	var shown []string
	for _, path := range sortedKeys(pages) {
		writePage(t, path, pages[path])
		for _, it := range b.filter(pageReport(t, path, pages[path])) {
			shown = append(shown, path+":"+strconv.Itoa(it.start.Line)+" "+it.rule)
		}
	}
	return shown, b.stale()
}

func writePage(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestBaselineRecordsTodaysFindings(t *testing.T) {
	_, entries := baselineToday(t, map[string]string{"ep/tide.md": tidePools})
	var got []string
	for _, e := range entries {
		got = append(got, e.File+" "+e.Rule+" "+strconv.Itoa(e.Count))
	}
	sort.Strings(got)
	// The two identical findings are one entry counted twice.
	want := []string{"ep/tide.md quote-fragment 1", "ep/tide.md quote-style 1", "ep/tide.md quote-style 2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries = %q, want %q", got, want)
	}
}

// TestBaselineTomorrow edits the page the baseline was written of and
// checks what the baseline lets through and what it lists as gone.
func TestBaselineTomorrow(t *testing.T) {
	for _, tc := range []struct {
		name      string
		old, new  string // tomorrow's edit of tidePools
		shown     []string
		staleRule string // the rule of the one gone finding, if any
	}{
		{name: "the same page"},
		{
			name: "lines inserted above the old findings",
			old:  "Marine biologist", new: "An editor's note.\n\nAnother paragraph, added later.\n\nMarine biologist",
		},
		{
			// The same rule, the same message, a line of the same text:
			// the baseline counts two.
			name: "a third copy beside two identical old findings",
			old:  "Then she stands.\n", new: "Then she stands.\n\n> *A tide pool is an ocean that fits in your hands.*\n",
			shown: []string{"tide.md:15 quote-style"},
		},
		{
			name: "one of two identical findings fixed",
			old:  "> *A tide pool is an ocean that fits in your hands.*", new: `> *"A tide pool is an ocean that fits in your hands."*`,
			staleRule: "quote-style",
		},
		{
			// The findings in a chapter name it: their messages change,
			// not their lines.
			name: "a chapter renamed",
			old:  "## [01:00] Later", new: "## [01:00] In the kelp",
		},
		{
			name: "a new problem",
			old:  "More prose here.\n", new: "More prose here.\n\n> *[1, 45]*\n",
			shown: []string{"tide.md:19 quote-fragment"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, entries := baselineToday(t, map[string]string{"tide.md": tidePools})
			page := tidePools
			if tc.old != "" {
				if page = strings.Replace(tidePools, tc.old, tc.new, 1); page == tidePools {
					t.Fatalf("the edit %q did not apply", tc.old)
				}
			}
			shown, stale := checkTomorrow(t, entries, map[string]string{"tide.md": page})
			if !reflect.DeepEqual(shown, tc.shown) {
				t.Errorf("shown %q, want %q", shown, tc.shown)
			}
			switch {
			case tc.staleRule == "" && len(stale) != 0:
				t.Errorf("stale %+v, want none", stale)
			case tc.staleRule != "" && (len(stale) != 1 || stale[0].Rule != tc.staleRule || stale[0].Count != 1 || stale[0].fileGone):
				t.Errorf("stale %+v, want one %s", stale, tc.staleRule)
			}
		})
	}
}

func TestBaselineRenamedFileIsStaleAndNew(t *testing.T) {
	_, entries := baselineToday(t, map[string]string{"ep/tide.md": tidePools})
	if err := os.Remove("ep/tide.md"); err != nil {
		t.Fatal(err)
	}
	shown, stale := checkTomorrow(t, entries, map[string]string{"ep/tide-pools.md": tidePools})
	if len(shown) != 4 {
		t.Errorf("shown %q; want the 4 findings of the renamed file", shown)
	}
	n := 0
	for _, s := range stale {
		if s.File != "ep/tide.md" || !s.fileGone {
			t.Errorf("stale %+v; want only ep/tide.md, gone", s)
		}
		n += s.Count
	}
	if n != 4 {
		t.Errorf("%d stale findings, want 4", n)
	}
}

func TestBaselineFileNotCheckedIsNotJudged(t *testing.T) {
	_, entries := baselineToday(t, map[string]string{"a.md": tidePools, "b.md": tidePools})
	shown, stale := checkTomorrow(t, entries, map[string]string{"a.md": tidePools})
	if len(shown) != 0 || len(stale) != 0 {
		t.Errorf("shown %q, stale %v; want neither (b.md exists, unchecked)", shown, stale)
	}
	b := newBaselineRun("baseline.json", baselinePrune)
	b.rulesFor = allRules
	b.load(entries)
	b.filter(pageReport(t, "a.md", tidePools))
	if got := b.next(); !reflect.DeepEqual(got, entries) {
		t.Errorf("prune changed the entries of a file it did not check:\n got %v\nwant %v", got, entries)
	}
}

func TestBaselineRuleThatDidNotRunIsNotJudged(t *testing.T) {
	_, entries := baselineToday(t, map[string]string{"tide.md": tidePools})
	b := newBaselineRun("baseline.json", baselinePrune)
	b.rulesFor = func(string) map[string]bool { return map[string]bool{"quote-style": true} }
	b.load(entries)
	// The run leaves quote-fragment out (--disable quote-fragment).
	var items []item
	for _, it := range pageReport(t, "tide.md", tidePools).items {
		if it.rule != "quote-fragment" {
			items = append(items, it)
		}
	}
	if kept := b.filter(fileReport{path: "tide.md", items: items}); len(kept) != 0 {
		t.Errorf("kept %d findings", len(kept))
	}
	if stale := b.stale(); len(stale) != 0 {
		t.Errorf("stale %v; a rule that did not run says nothing", stale)
	}
	if got := b.next(); !reflect.DeepEqual(got, entries) {
		t.Errorf("prune dropped the entries of a rule that did not run:\n got %v\nwant %v", got, entries)
	}
}

func TestBaselineStandardInputIsFilteredNotRecorded(t *testing.T) {
	_, entries := baselineToday(t, map[string]string{"tide.md": tidePools})
	b := newBaselineRun("baseline.json", baselineWrite)
	b.rulesFor = allRules
	b.stdinName = "tide.md"
	b.load(entries)
	added := strings.Replace(tidePools, "More prose here.\n", "More prose here.\n\n> *[1, 45]*\n", 1)
	kept := b.filter(pageReport(t, "tide.md", added))
	if len(kept) != 1 || kept[0].rule != "quote-fragment" {
		t.Errorf("kept %v; want the new quote-fragment only", kept)
	}
	if got := b.next(); !reflect.DeepEqual(got, entries) {
		t.Errorf("a buffer on standard input changed the baseline:\n got %v\nwant %v", got, entries)
	}
}

func TestBaselineFingerprintIgnoresLineNumbers(t *testing.T) {
	a := findingFingerprint("schema", "front matter key `slug` appears twice (first at line 3)", "h")
	b := findingFingerprint("schema", "front matter key `slug` appears twice (first at line 12)", "h")
	if a != b {
		t.Errorf("a line number in the message changed the fingerprint")
	}
	if findingFingerprint("schema", "x", "h") == findingFingerprint("title-format", "x", "h") ||
		findingFingerprint("schema", "x", "h") == findingFingerprint("schema", "y", "h") ||
		findingFingerprint("schema", "x", "h") == findingFingerprint("schema", "x", "i") {
		t.Errorf("the rule, the message and the line each must change the fingerprint")
	}
}

func TestBaselineFileIsDeterministic(t *testing.T) {
	_, entries := baselineToday(t, map[string]string{"b.md": tidePools, "a/z.md": tidePools})
	reversed := append([]baselineEntry(nil), entries...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	b := newBaselineRun("baseline.json", baselinePrune)
	b.load(reversed)
	if string(encodeBaseline(b.next())) != string(encodeBaseline(entries)) {
		t.Errorf("the stored form depends on the order entries came in")
	}
	data := encodeBaseline(entries)
	if !strings.HasPrefix(string(data), "{\n  \"version\": 1,\n  \"entries\": [\n") || !strings.HasSuffix(string(data), "}\n") {
		t.Errorf("stored form:\n%s", data)
	}
	back, err := parseBaseline(data)
	if err != nil || !reflect.DeepEqual(back, entries) {
		t.Errorf("read back %v, %v; want %v", back, err, entries)
	}
	if got := string(encodeBaseline(nil)); got != "{\n  \"version\": 1,\n  \"entries\": []\n}\n" {
		t.Errorf("empty baseline = %q", got)
	}
}

func TestBaselineParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{`[]`, "not a podlint baseline"},
		{`{"entries": []}`, "no version"},
		{`{"version": 2, "entries": []}`, "version 2 is newer than this podlint reads (1)"},
		{`{"version": 0, "entries": []}`, "version 0 is not one podlint reads"},
		{`{"version": 1, "entries": [{"file": "a.md", "rule": "schema", "fingerprint": "f", "line_hash": "h", "count": 0}]}`, "entry 1: "},
		{`{"version": 1, "entries": [{"file": "a.md", "rule": "schema", "count": 1}]}`, "entry 1: "},
	} {
		if _, err := parseBaseline([]byte(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseBaseline(%s) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

// FuzzBaselineFile: whatever a baseline file holds, reading it either
// fails with a message or gives entries that a run loads, writes and reads
// back unchanged.
func FuzzBaselineFile(f *testing.F) {
	f.Add([]byte(`{"version": 1, "entries": [{"file": "a.md", "rule": "schema", "fingerprint": "f", "line_hash": "h", "count": 2, "message": "m"}]}`))
	f.Add([]byte(`{"version": 1, "entries": [{"file": "a.md", "rule": "schema", "fingerprint": "f", "line_hash": "h", "count": 1}, {"file": "a.md", "rule": "schema", "fingerprint": "f", "line_hash": "h", "count": 1}]}`))
	f.Add([]byte(`{"version": 2}`))
	f.Add([]byte(`{"version": 1, "entries": null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := parseBaseline(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		b := newBaselineRun("baseline.json", baselinePrune)
		b.load(entries)
		stored := encodeBaseline(b.next())
		again, err := parseBaseline(stored)
		if err != nil {
			t.Fatalf("the stored form does not read back: %v\n%s", err, stored)
		}
		b2 := newBaselineRun("baseline.json", baselinePrune)
		b2.load(again)
		if restored := encodeBaseline(b2.next()); !bytes.Equal(restored, stored) {
			t.Fatalf("stored twice, the baseline changed:\n%s\n%s", stored, restored)
		}
	})
}

// TestLinesHashedForBaselinesOnly: a check hashes its findings' lines for a
// file a baseline applies to, the flags' or its config's, and not for
// another; a run without --no-config always holds its configs' baselines,
// whether or not any config names one.
func TestLinesHashedForBaselinesOnly(t *testing.T) {
	named, plain := &settings{baseline: true}, &settings{}
	configs := &baselines{res: &resolver{}}
	noConfig := &baselines{res: &resolver{noConfig: true}, changed: &changedLines{}}
	flag := &baselines{res: &resolver{}, flag: &baselineRun{}}
	for _, tc := range []struct {
		name string
		b    *baselines
		st   *settings
		opts lintOptions
		want bool
	}{
		{"no baselines", nil, plain, lintOptions{}, false},
		{"no config names one", configs, plain, lintOptions{}, false},
		{"its config names one", configs, named, lintOptions{}, true},
		{"--no-config", noConfig, named, lintOptions{}, false},
		{"--baseline", flag, plain, lintOptions{}, true},
		{"the output asks", configs, plain, lintOptions{lineHashes: true}, true},
	} {
		got := forFile(tc.opts, &report{baseline: tc.b}, tc.st).lineHashes
		if got != tc.want {
			t.Errorf("%s: lineHashes = %v, want %v", tc.name, got, tc.want)
		}
	}
}
