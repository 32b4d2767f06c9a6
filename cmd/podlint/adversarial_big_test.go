//go:build !race

package main

import (
	"bytes"
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
