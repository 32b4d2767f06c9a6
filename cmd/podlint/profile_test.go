package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestProfilesAreWritten: PODLINT_CPUPROFILE and PODLINT_MEMPROFILE each
// write a profile (gzip, as pprof writes it) where they are told, and a
// path that cannot be written is named on stderr with the variable.
func TestProfilesAreWritten(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		start func(string, *bytes.Buffer) func()
	}{
		{"PODLINT_CPUPROFILE", func(p string, b *bytes.Buffer) func() { return startProfile(p, b) }},
		{"PODLINT_MEMPROFILE", func(p string, b *bytes.Buffer) func() { return startMemProfile(p, b) }},
	} {
		path := filepath.Join(dir, tc.name+".out")
		var stderr bytes.Buffer
		stop := tc.start(path, &stderr)
		var stdout bytes.Buffer
		page := filepath.Join(dir, "tide.md")
		if err := os.WriteFile(page, []byte("# Tide Pools at Dawn— Ines Ferro\n\n## [00:00] Cold open\n\nInes kneels on wet rock.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		run([]string{"podlint", "check", "--no-config", page}, nil, &stdout, &stderr)
		stop()
		if strings.Contains(stderr.String(), tc.name) {
			t.Errorf("%s: %s", tc.name, stderr.String())
		}
		got, err := os.ReadFile(path)
		if err != nil || len(got) < 2 || got[0] != 0x1f || got[1] != 0x8b {
			t.Errorf("%s: no gzip profile at %s (%v, %d bytes)", tc.name, path, err, len(got))
		}
		stderr.Reset()
		tc.start(filepath.Join(dir, "missing", "x.out"), &stderr)()
		if !strings.Contains(stderr.String(), "podlint: "+tc.name+": ") {
			t.Errorf("%s to a folder that does not exist says %q", tc.name, stderr.String())
		}
	}
	if runtime.MemProfileRate != memSample {
		t.Errorf("MemProfileRate %d, want %d", runtime.MemProfileRate, memSample)
	}
}

// TestNoMemProfileNoSampling: without PODLINT_MEMPROFILE a run samples no
// allocation (each sample walks the allocating goroutine's stack).
func TestNoMemProfileNoSampling(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	startMemProfile("", nil)()
	if runtime.MemProfileRate != 0 {
		t.Errorf("MemProfileRate %d without a profile asked for, want 0", runtime.MemProfileRate)
	}
}
