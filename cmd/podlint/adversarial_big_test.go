//go:build !race

package main

import (
	"bytes"
	"fmt"
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
