package main

import (
	"fmt"
	"testing"
	"unsafe"
)

// TestKeptFrom: a string that is a slice of the read text is copied, so
// that spoiling the buffer leaves it as it was; any other string is kept
// as it is, with no copy.
func TestKeptFrom(t *testing.T) {
	buf := []byte("## [00:00] Cold open\n\nAda opens.\n")
	read := textOf(buf)
	inside, atEnd := read[11:20], read[len(read)-1:]
	outside := fmt.Sprintf("chapter %q", "Cold open")
	kept := []string{keptFrom(read, inside), keptFrom(read, atEnd), keptFrom(read, outside), keptFrom("", inside)}
	if unsafe.StringData(kept[2]) != unsafe.StringData(outside) {
		t.Error("a string made apart from the page was copied")
	}
	if unsafe.StringData(kept[3]) != unsafe.StringData(inside) {
		t.Error("a string was copied with no read text to keep it from")
	}
	for i := range buf {
		buf[i] = '#'
	}
	if kept[0] != "Cold open" || kept[1] != "\n" || kept[2] != `chapter "Cold open"` {
		t.Errorf("after the buffer was spoiled: %q", kept[:3])
	}
}
