package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// tempInfix marks podlint's temporary files: a write of tide.md goes
// through .tide.md.podlint-NNN (NNN: the digits os.CreateTemp picks).
const tempInfix = ".podlint-"

// staleTempAge is the age from which a temporary file of podlint's is
// taken for one a killed run left (a write takes milliseconds).
const staleTempAge = time.Hour

// tempFiles keeps podlint's temporary files in flight, so that a signal
// can remove them, and the folders already swept for stale ones.
type tempFiles struct {
	mu       sync.Mutex
	live     map[string]bool
	stopping bool // a signal came: no new temporary file
	swept    map[string]bool
}

var temps = &tempFiles{live: map[string]bool{}, swept: map[string]bool{}}

var errStopping = errors.New("podlint is stopping")

// create makes a temporary file and records it, under the lock the signal
// handler takes: a file is either recorded before the handler runs or
// never made.
func (t *tempFiles) create(dir, pattern string) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopping {
		return nil, errStopping
	}
	f, err := createTemp(dir, pattern)
	if err == nil {
		t.live[f.Name()] = true
	}
	return f, err
}

// release forgets a temporary file renamed or removed.
func (t *tempFiles) release(name string) {
	t.mu.Lock()
	delete(t.live, name)
	t.mu.Unlock()
}

// stop removes every temporary file in flight and lets no new one be
// made. The lock is kept: the process is about to exit.
func (t *tempFiles) stop() {
	t.mu.Lock()
	t.stopping = true
	for name := range t.live {
		_ = os.Remove(name)
	}
}

// sweep removes, once per run and folder, the temporary files of podlint
// in dir older than staleTempAge: what a killed run (SIGKILL, a power
// cut) left. Younger ones may belong to a run still writing.
func (t *tempFiles) sweep(dir string) {
	t.mu.Lock()
	done := t.swept[dir]
	t.swept[dir] = true
	t.mu.Unlock()
	if done {
		return
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	_ = d.Close()
	for _, name := range names {
		if !isTempName(name) {
			continue
		}
		path := filepath.Join(dir, name)
		if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > staleTempAge {
			_ = os.Remove(path)
		}
	}
}

// isTempName tells a name of the form .NAME.podlint-NNN.
func isTempName(name string) bool {
	i := strings.LastIndex(name, tempInfix)
	if i < 2 || name[0] != '.' {
		return false
	}
	digits := name[i+len(tempInfix):]
	if digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// removeTempsOnSignal makes SIGINT and SIGTERM remove the temporary files
// in flight and end the run with the shell's code for the signal (130,
// 143). A file already renamed stays written; the others are unchanged.
// stop undoes it.
func removeTempsOnSignal(stderr io.Writer) (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			temps.stop()
			fmt.Fprintf(stderr, "podlint: stopped by %v; files already written are fixed, the others unchanged\n", sig)
			code := exitUsage
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
