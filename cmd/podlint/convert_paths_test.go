package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -o naming a hard link of the input is the input: refused, unchanged.
func TestConvertRefusesAHardLinkOfTheInput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ep.md", []byte(goodPage))
	if err := os.Link(filepath.Join(dir, "ep.md"), filepath.Join(dir, "out.md")); err != nil {
		t.Skip("no hard links here:", err)
	}
	code, out, errOut := podlint(t, dir, "convert", "--to", "json", "-o", "out.md", "ep.md")
	if code != exitUsage || !strings.Contains(errOut, "podlint: ep.md: refusing to write over the input out.md; choose another -o") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ep.md")); string(got) != goodPage {
		t.Errorf("the input was overwritten:\n%s", got)
	}
}
