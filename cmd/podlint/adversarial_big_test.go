//go:build !race

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A 50 MB page on one line, read with a raised size limit: it is read and
// reported like any other (too slow for the race detector; .ci/run runs it
// without -race).
func TestAdversarialBigSingleLine(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "line.md", append([]byte("# T\n\n"), bytes.Repeat([]byte("word "), 10<<20)...))
	code, out, errOut := podlint(t, dir, "check", "--no-config", "--max-file-size", "100MiB", "line.md")
	if code != exitFindings || !strings.Contains(out, "line.md:1:1: error missing-chapters") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// A 100 MB page, read with the limit raised: checked to the end. Its
// summary is repeated at the start of its first chapter, a paragraph of
// millions of words: the comparison is capped, not quadratic.
func TestAdversarialHugePage(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	summary := strings.Repeat("tide pools hold whole oceans in small rock basins ", 200_000) // 10 MB
	b.WriteString("# Huge\n\n" + summary + "\n\n## [00:00] Cold open\n\n" + summary + " and more\n")
	for c := 1; b.Len() < 100<<20; c++ {
		fmt.Fprintf(&b, "\n## [%s] Chapter %d\n\nInes kneels on wet rock again.\n\n> *\"A quote.\"* [%s]\n", hms(c*60), c, hms(c*60+5))
	}
	write(t, dir, "huge.md", b.Bytes())
	code, out, errOut := podlint(t, dir, "check", "--no-config", "--max-file-size", "200MiB", "huge.md")
	if code != exitFindings || !strings.Contains(out, "huge.md:7:1: error duplicate-intro") {
		t.Errorf("exit %d\n%.2000s%s", code, out, errOut)
	}
}

// A page of 20,000 chapters flattened onto one line, blank lines turned to
// double spaces: tens of thousands of findings on a single line. Columns,
// the marker search and the intro comparison were each quadratic here (a
// 16,000-chapter page took a minute); now the run ends in well under a
// second, and the fix restores every chapter.
func TestAdversarialFlattenedManyChapters(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# Flat\n\nA summary paragraph about tide pools.\n\n")
	const chapters = 20_000
	for c := range chapters {
		fmt.Fprintf(&b, "## [%s] Chapter %d\n\nInes kneels on wet rock number %d.\n\n> *\"Quote %d.\"* — Ines [%s]\n\n", hms(c*10), c, c, c, hms(c*10))
	}
	write(t, dir, "flat.md", []byte(strings.ReplaceAll(b.String(), "\n", " ")))
	code, out, errOut := podlint(t, dir, "check", "--no-config", "flat.md")
	if code != exitFindings || !strings.Contains(out, "flat.md:1:48: error collapsed-markdown: page is flattened onto one line: 40,000 block markers") {
		t.Fatalf("check: exit %d\n%.2000s%s", code, out, errOut)
	}
	if code, out, errOut = podlint(t, dir, "fix", "--write", "--no-config", "flat.md"); code == exitUsage {
		t.Fatalf("fix: exit %d\n%.2000s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "flat.md"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := string(data)
	if n := strings.Count(fixed, "\n## ["); n != chapters {
		t.Errorf("fix restored %d chapter headings, want %d", n, chapters)
	}
	if got, want := strings.Fields(fixed), strings.Fields(b.String()); len(got) != len(want) {
		t.Errorf("fix changed the words: %d, want %d", len(got), len(want))
	}
}

// A summary of 8,000 identical paragraphs: every later one repeats the
// first. The rule and the fixer each looked at all summary paragraphs for
// every finding (50 s for the check); both now stop at the paragraphs the
// rule compares.
func TestAdversarialRepeatedSummary(t *testing.T) {
	dir := t.TempDir()
	const n = 8000
	para := "Ines kneels on wet rock to count the anemones again today.\n\n"
	write(t, dir, "rep.md", []byte("# Tide pools\n\n"+strings.Repeat(para, n)+"## [00:00] Cold open\n\nInes opens.\n"))
	code, out, errOut := podlint(t, dir, "check", "--no-config", "rep.md")
	if want := "7,999 problems (7,999 errors, 0 warnings)"; code != exitFindings || !strings.Contains(errOut+out, want) {
		t.Fatalf("check: exit %d, want %q\n%.1000s%s", code, want, out, errOut)
	}
	code, out, errOut = podlint(t, dir, "fix", "--write", "--no-config", "rep.md")
	if code == exitUsage || !strings.Contains(out+errOut, "drop-duplicate-intro") {
		t.Fatalf("fix: exit %d\n%.1000s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "rep.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Adjacent repeats are deleted together: one pass leaves the original.
	if left := strings.Count(string(data), para); left != 1 {
		t.Errorf("%d copies of the paragraph left after fix, want the original only", left)
	}
}

// A flattened line of 20,000 quotes that never close: each quote's closing
// mark is looked for only up to the next marker (reading to the end of the
// line for each one was quadratic: 4.9 s for this 0.9 MB page).
func TestAdversarialUnclosedQuotes(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# T\n\nA summary. ## [00:00] Cold open Ines kneels. ")
	for i := range 20_000 {
		fmt.Fprintf(&b, "> *\"an unclosed quote number %d about the sea ", i)
	}
	b.WriteString("\n")
	write(t, dir, "unclosed.md", []byte(b.String()))
	code, out, errOut := podlint(t, dir, "fix", "--write", "--no-config", "unclosed.md")
	if code == exitUsage {
		t.Fatalf("fix: exit %d\n%.2000s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "unclosed.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n> *\""); n != 20_000 {
		t.Errorf("fix put %d quotes on lines of their own, want 20000", n)
	}
	if got, want := len(strings.Fields(string(data))), len(strings.Fields(b.String())); got != want {
		t.Errorf("fix changed the words: %d, want %d", got, want)
	}
}
