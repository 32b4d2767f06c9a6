//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFormatFilesOfOtherKinds: a pipe with a reader waiting gets the whole
// format, as it did when it was written at the end only (a probe that
// opened it before the run would hand the reader its end); a link to
// nothing, or to a missing folder, fails as os.Create fails on it, with
// nothing printed on stdout.
func TestFormatFilesOfOtherKinds(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	var alone bytes.Buffer
	run([]string{"podlint", "check", "--no-config", "--format", "json", "testdata/demo"}, nil, &alone, io.Discard)

	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(pipe) // waits for the writer
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		_ = f.Close()
		got <- b
	}()
	code := run([]string{"podlint", "check", "--no-config", "--format", "json:" + pipe, "--format", "text", "testdata/demo"}, nil, io.Discard, io.Discard)
	if b := <-got; code != exitFindings || !bytes.Equal(b, alone.Bytes()) {
		t.Errorf("json to a pipe: exit %d, the reader got %d bytes of %d", code, len(b), alone.Len())
	}

	for _, target := range []string{"nowhere.json", "missing/out.json"} {
		link := filepath.Join(dir, "link-"+filepath.Base(target))
		if err := os.Symlink(filepath.Join(dir, target), link); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"podlint", "check", "--no-config", "--format", "json:" + link, "--format", "text", "testdata/demo"}, nil, &stdout, &stderr)
		_, statErr := os.Stat(filepath.Join(dir, target))
		wantMade := target == "nowhere.json" // os.Create makes a link's target in a folder that is there
		if wantMade {
			if code != exitFindings || statErr != nil || stdout.Len() == 0 {
				t.Errorf("a link to nothing: exit %d, target made %v, stdout %d bytes", code, statErr == nil, stdout.Len())
			}
		} else if code != exitUsage || stdout.Len() != 0 {
			t.Errorf("a link into a missing folder: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
		}
	}
}
