package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progressThreshold is the number of files from which a run on a terminal
// shows its progress.
const progressThreshold = 50

// progress draws "podlint: 120/1000 files" on one terminal line, at most
// ten times a second, and clears it at the end.
type progress struct {
	w     io.Writer
	total int
	last  time.Time
}

// newProgress returns nil (no progress) unless w is a terminal, the run is
// large, and no CI variable is set.
func newProgress(w io.Writer, total int) *progress {
	if total < progressThreshold || os.Getenv("CI") != "" || !isTTY(w) {
		return nil
	}
	return &progress{w: w, total: total}
}

func (p *progress) step(done int) {
	if p == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\rpodlint: %d/%d files", done, p.total)
}

func (p *progress) done() {
	if p != nil {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// isTTY tells whether w is a terminal: a character device other than the
// null device, which output thrown away (>/dev/null) is written to.
func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}
