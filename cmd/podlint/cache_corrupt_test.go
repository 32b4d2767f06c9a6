//go:build !race

package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheCorruption: whatever bytes of a cache file change, check
// reports what it reports without the cache. A real cache file, with
// trusted stamps, errors, warnings and fixes, has each of its bytes changed
// in turn (XOR 3 turns a warning into an error and back), then 1-3 bytes
// at random places to random values, 500 times. Some 2,000 runs of check
// are too slow for the race detector: .ci/run runs this without it.
func TestCacheCorruption(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "clean.md", []byte(goodPage))
	write(t, dir, "bare.md", []byte("# Tide Pools — Ines Ferro\n"))
	write(t, dir, "styled.md", []byte(strings.Replace(goodPage, `> *"A quote."* [00:14]`, "> *A quote.* [0:14]\n\n> *\"Another.\"* [1:5]", 1)))
	write(t, dir, "ep.json", []byte(`{"title": "T", "summary": "S", "chapters": [{"start": 5, "title": "C", "summary": "B", "quotes": ["q", [0, 9]]}]}`))
	// Stamps are recorded only for files untouched for a second before
	// the run began.
	time.Sleep(1100 * time.Millisecond)

	args := []string{"check", "--no-config", "clean.md", "bare.md", "styled.md", "ep.json"}
	want := func() string {
		code, out, errOut := podlint(t, dir, args...)
		return fmt.Sprintf("exit %d\n%s%s", code, out, errOut)
	}()
	if !strings.Contains(want, "error") || !strings.Contains(want, "warning") {
		t.Fatalf("the pages should have errors and warnings:\n%s", want)
	}
	cached := append([]string{"check", "--cache"}, args[1:]...)
	check := func(what string) {
		t.Helper()
		code, out, errOut := podlint(t, dir, cached...)
		if got := fmt.Sprintf("exit %d\n%s%s", code, out, errOut); got != want {
			t.Fatalf("%s: with the cache\n%s\nwithout\n%s", what, got, want)
		}
	}
	check("first run")
	path := filepath.Join(dir, ".podlint-cache", cacheFileName)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := decodeCache(good)
	if err != nil || len(f.Entries) != 4 {
		t.Fatalf("the cache holds %d entries (%v), want 4", len(f.Entries), err)
	}
	for p, e := range f.Entries {
		if e.Stamp == (fileStamp{}) {
			t.Fatalf("%s: no stamp recorded", p)
		}
	}
	corrupt := func(what string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		check(what)
	}
	for i := range good {
		data := bytes.Clone(good)
		data[i] ^= 3
		corrupt(fmt.Sprintf("byte %d of %d changed", i, len(good)), data)
	}
	rng := rand.New(rand.NewSource(7))
	for trial := range 500 {
		data := bytes.Clone(good)
		var changed []int
		for range 1 + rng.Intn(3) {
			i := rng.Intn(len(data))
			data[i] = byte(rng.Intn(256))
			changed = append(changed, i)
		}
		corrupt(fmt.Sprintf("trial %d, bytes %v changed", trial, changed), data)
	}
}
