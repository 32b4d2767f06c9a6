package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPanicIsAnInternalError injects a panic on one file of many: the run
// must go on with every other file, name the file that failed, exit 2, and
// never print a summary that could read as a pass.
func TestPanicIsAnInternalError(t *testing.T) {
	clean, err := os.ReadFile("../../testdata/demo/rooftop-hives.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range 51 {
		write(t, dir, fmt.Sprintf("ep-%02d.md", i), clean)
	}
	// A finding on the last file shows the files after the crash were checked.
	write(t, dir, "ep-50.md", []byte("# Only a title\n"))
	victim := filepath.Join(dir, "ep-20.md")
	testHookProcess = func(path string) {
		if abs, _ := filepath.Abs(path); abs == victim {
			panic("injected")
		}
	}
	t.Cleanup(func() { testHookProcess = nil })

	for _, cmd := range [][]string{
		{"check", "--no-config", "-j", "4", "."},
		{"check", "--no-config", "-j", "1", "--format", "json", "."},
		{"fix", "--no-config", "-j", "4", "."},
		{"fix", "--write", "--no-config", "-j", "4", "."},
	} {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			code, out, errOut := podlint(t, dir, cmd...)
			if code != 2 {
				t.Errorf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			if !strings.Contains(errOut, "ep-20.md: internal error: podlint panicked on this file") || !strings.Contains(errOut, "injected") {
				t.Errorf("stderr does not name the file and the panic:\n%s", errOut)
			}
			if strings.Contains(out+errOut, "no problems") {
				t.Errorf("a summary that reads as a pass:\n%s\n%s", out, errOut)
			}
			if !strings.Contains(out+errOut, "ep-50.md") {
				t.Errorf("the files after the crash were not all processed:\n%s\n%s", out, errOut)
			}
		})
	}
}
