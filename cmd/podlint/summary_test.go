package main

import (
	"strings"
	"testing"
)

// TestFailedPathIsNoPass: a run that could not check a path exits 2 and
// its summary, check's or fix's, says so and never "no problems".
func TestFailedPathIsNoPass(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"check", "--no-config", "missing.md"},
		{"fix", "--no-config", "missing.md"},
		{"fix", "--no-config", "--write", "missing.md"},
	} {
		code, out, errOut := podlint(t, dir, args...)
		all := out + errOut
		if code != exitUsage || strings.Contains(all, "no problems") || !strings.Contains(all, "1 path could not be checked; 0 files checked") {
			t.Errorf("%v: exit %d, output:\n%s", args, code, all)
		}
	}
}
