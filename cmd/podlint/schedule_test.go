package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
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

// TestCommitsInInputOrder: whatever order the workers finish files in
// (each waits a random while before it reads one), every file's findings
// are printed once, in the order of the files, by check and by fix, and
// the summary counts them all: commits run one at a time, in order, while
// other workers go on.
func TestCommitsInInputOrder(t *testing.T) {
	dir := t.TempDir()
	const files = 300
	var want []string
	for i := range files {
		name := fmt.Sprintf("ep-%03d.md", i)
		write(t, dir, name, []byte("# Only a title\n"))
		want = append(want, name+":1:1: error missing-chapters: episode has no chapters")
	}
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(3, 5))
	testHookProcess = func(string) {
		mu.Lock()
		d := time.Duration(rng.IntN(400)) * time.Microsecond
		mu.Unlock()
		time.Sleep(d)
	}
	t.Cleanup(func() { testHookProcess = nil })
	for _, cmd := range [][]string{
		{"check", "--no-config", "--disable", "missing-summary", "-j", "4", "."},
		{"check", "--no-config", "--disable", "missing-summary", "-j", "3", "--quiet", "."},
		{"fix", "--no-config", "--disable", "missing-summary", "-j", "4", "."},
	} {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			code, out, errOut := podlint(t, dir, cmd...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			var got []string // check prints them on stdout, fix what is left on stderr
			for _, line := range strings.Split(out+errOut, "\n") {
				if strings.HasPrefix(line, "ep-") {
					got = append(got, line)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings out of order or missing: %d lines, want %d; first lines:\n%s", len(got), len(want), strings.Join(got[:min(5, len(got))], "\n"))
			}
			if !strings.Contains(out+errOut, fmt.Sprintf("%d problems", files)) {
				t.Errorf("the summary does not count %d problems:\n%s", files, errOut)
			}
		})
	}
}
