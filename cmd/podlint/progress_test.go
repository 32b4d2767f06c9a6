package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestProgressOnlyOnATerminal: the progress line is drawn only on a
// terminal, for a run of progressThreshold files or more, outside CI; a
// pipe, a buffer or a small run gets none.
func TestProgressOnlyOnATerminal(t *testing.T) {
	t.Setenv("CI", "")
	var buf bytes.Buffer
	if newProgress(&buf, 1000) != nil {
		t.Error("progress on a buffer")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if newProgress(w, 1000) != nil {
		t.Error("progress on a pipe")
	}
	// The null device is a character device, as a terminal is, but
	// output sent there is thrown away.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if newProgress(null, 1000) != nil || isTTY(null) {
		t.Errorf("%s taken for a terminal", os.DevNull)
	}
	t.Run("terminal", func(t *testing.T) {
		tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
		if err != nil {
			t.Skipf("no terminal to test on: %v", err)
		}
		defer tty.Close()
		if newProgress(tty, progressThreshold-1) != nil {
			t.Errorf("progress for %d files", progressThreshold-1)
		}
		if newProgress(tty, progressThreshold) == nil {
			t.Errorf("no progress for %d files on a terminal", progressThreshold)
		}
		t.Setenv("CI", "true")
		if newProgress(tty, 1000) != nil {
			t.Error("progress under CI")
		}
	})
}

// TestProgressLine: what is drawn is one line, rewritten in place, and
// erased at the end.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, total: 1000}
	p.step(120)
	p.done()
	got := buf.String()
	if !strings.HasPrefix(got, "\rpodlint: 120/1000 files") || !strings.HasSuffix(got, "\r\x1b[K") || strings.Contains(got, "\n") {
		t.Errorf("progress wrote %q", got)
	}
}
