package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestBytesToRead: the guess reads the sizes of at most 16 files, spread
// over the whole list, and counts for nothing a page from standard input,
// a file passed over, and one that is gone.
func TestBytesToRead(t *testing.T) {
	dir := t.TempDir()
	var inputs []input
	for i := range 100 {
		path := filepath.Join(dir, fmt.Sprintf("page-%03d.md", i))
		inputs = append(inputs, input{path: path})
		// Only every seventh file exists: 100 files are read 7 apart
		// (0, 7, …, 98), 15 of them.
		if i%7 == 0 {
			write(t, dir, filepath.Base(path), []byte(strings.Repeat("x", 700)))
		}
	}
	if got := bytesToRead(inputs); got != 700*100 {
		t.Errorf("100 files, every seventh of 700 bytes: guessed %d bytes, want %d", got, 700*100)
	}
	for _, n := range []int{1, 16, 17, 31, 1000} {
		var many []input
		for range n {
			many = append(many, inputs[0])
		}
		if got := bytesToRead(many); got != int64(700*n) {
			t.Errorf("%d files of 700 bytes: guessed %d", n, got)
		}
	}
	odd := []input{{path: "-", stdin: true}, {path: inputs[0].path, skip: "not included"}, {path: filepath.Join(dir, "gone.md")}, inputs[0]}
	if got := bytesToRead(odd); got != 700 {
		t.Errorf("stdin, a file passed over, a missing one and one of 700 bytes: guessed %d, want 700", got)
	}
	if got := bytesToRead(nil); got != 0 {
		t.Errorf("no files: guessed %d", got)
	}
}
