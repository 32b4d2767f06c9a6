//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadInto: a spare buffer the file fits in, with the byte that sees a
// file that grew, is read into; a smaller one is not.
func TestReadInto(t *testing.T) {
	page := []byte(strings.Repeat("# A page\n\nWith a paragraph.\n", 40))
	path := filepath.Join(t.TempDir(), "page.md")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, room := range []int{len(page) + 1, 2 * len(page), len(page), 1} {
		spare := make([]byte, 0, room)
		got, _, err := readInto(path, 1<<20, spare)
		if err != nil || !bytes.Equal(got, page) {
			t.Fatalf("spare of %d bytes: got %d bytes, %v; want the %d bytes written", room, len(got), err, len(page))
		}
		if into := &got[:1][0] == &spare[:1][0]; into != (room > len(page)) {
			t.Errorf("spare of %d bytes for a file of %d: read into it %v", room, len(page), into)
		}
	}
}
