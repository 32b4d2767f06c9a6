package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCollect is the part of a run before any file is read, which no
// worker shares: walking a folder of 10,000 episode files (in 10 folders of
// 1,000, as a site's years may be), sorting them, and finding each one's
// settings. No config applies (--no-config is not given: the walk looks for
// one from each folder up, as a user's run does).
//
//	go test ./cmd/podlint -run '^$' -bench Collect
func BenchmarkCollect(b *testing.B) {
	root := b.TempDir()
	for d := range 10 {
		dir := filepath.Join(root, fmt.Sprintf("%d", 2015+d))
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for f := range 1000 {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("episode-%04d.md", f)), []byte("# T\n"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	for b.Loop() {
		res := newResolver("", false, nil, nil, 0)
		inputs, errs := collect([]string{root}, "", res, nil)
		if len(inputs) != 10000 || len(errs) != 0 {
			b.Fatalf("%d inputs, errors %v", len(inputs), errs)
		}
		for _, in := range inputs {
			if _, err := res.settingsOf(in); err != nil {
				b.Fatal(err)
			}
		}
	}
}
