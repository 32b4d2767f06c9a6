package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestFixReportsWhatRemainsOnDisk: fix without --write reports what would
// remain at the lines and columns of the files as they are, where check
// finds the same problems, not at those of the fixed text it does not
// write (the demo's fixes join quote lines, so the two differ).
func TestFixReportsWhatRemainsOnDisk(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	decode := func(out string) []finding {
		t.Helper()
		var found []finding
		if err := json.Unmarshal([]byte(out), &found); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		return found
	}
	remain := filepath.Join(t.TempDir(), "remain.json")
	podlint(t, root, "fix", "--no-config", "--format", "json:"+remain, "testdata/demo")
	fixOut, err := os.ReadFile(remain)
	if err != nil {
		t.Fatal(err)
	}
	_, checkOut, _ := podlint(t, root, "check", "--no-config", "--format", "json", "testdata/demo")
	remaining, checked := decode(string(fixOut)), decode(checkOut)
	if len(remaining) < 3 {
		t.Fatalf("%d findings would remain, want the demo's unfixable ones", len(remaining))
	}
	type place struct {
		file, rule   string
		line, column int
	}
	onDisk := map[place]bool{}
	for _, f := range checked {
		onDisk[place{f.File, f.Rule, f.Line, f.Column}] = true
	}
	for _, f := range remaining {
		if !onDisk[place{f.File, f.Rule, f.Line, f.Column}] {
			t.Errorf("fix reports %s at %s:%d:%d, where check finds no such problem on disk", f.Rule, f.File, f.Line, f.Column)
		}
	}
}
