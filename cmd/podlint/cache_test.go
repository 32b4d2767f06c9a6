package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

func writeCacheFile(t *testing.T, path string, f cacheFile) {
	t.Helper()
	if err := os.WriteFile(path, encodeCache(f), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheFileTrust: only a cache file of this build with well-formed
// entries is read; anything else reads as empty.
func TestCacheFileTrust(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, cacheFileName)
	abs := filepath.Join(dir, "page.md")
	good := cacheEntry{Items: []cachedItem{{Rule: "quote-style", Severity: rules.Warning, Message: "m", Start: schema.Position{Line: 1, Column: 1}}}}
	for _, tc := range []struct {
		name string
		file cacheFile
		want int
	}{
		{"this build", cacheFile{Build: "b1", Entries: map[string]cacheEntry{abs: good}}, 1},
		{"another build", cacheFile{Build: "b0", Entries: map[string]cacheEntry{abs: good}}, 0},
		{"a severity podlint never writes", cacheFile{Build: "b1", Entries: map[string]cacheEntry{abs: {Items: []cachedItem{{Rule: "x", Severity: rules.Off}}}}}, 0},
		{"a relative path", cacheFile{Build: "b1", Entries: map[string]cacheEntry{"page.md": good}}, 0},
	} {
		writeCacheFile(t, path, tc.file)
		if got := len(readCacheFile(path, "b1")); got != tc.want {
			t.Errorf("%s: read %d entries, want %d", tc.name, got, tc.want)
		}
	}
	if err := os.WriteFile(path, []byte("\x00\x01not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readCacheFile(path, "b1"); got != nil {
		t.Errorf("corrupt file: read %d entries, want none", len(got))
	}
}

// TestCacheSave: a run's entries join the earlier ones of files it did not
// check, and the entries of deleted files go.
func TestCacheSave(t *testing.T) {
	dir := t.TempDir()
	kept, gone, checked := filepath.Join(dir, "kept.md"), filepath.Join(dir, "gone.md"), filepath.Join(dir, "checked.md")
	for _, p := range []string{kept, checked} {
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := newCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	writeCacheFile(t, c.path, cacheFile{Build: c.build, Entries: map[string]cacheEntry{kept: {Content: [32]byte{1}}, gone: {Content: [32]byte{2}}}})
	c.put(checked, [32]byte{}, [32]byte{3}, fileStamp{}, []item{{rule: "quote-style", severity: rules.Warning, message: "m"}})
	c.save()
	got := readCacheFile(c.path, c.build)
	if len(got) != 2 || got[kept].Content != [32]byte{1} || got[checked].Content != [32]byte{3} {
		t.Fatalf("saved entries %v, want kept.md's and checked.md's", got)
	}
	if items := got[checked].Items; len(items) != 1 || items[0].Message != "m" {
		t.Errorf("checked.md's findings saved as %+v", items)
	}
	info, err := os.Stat(c.path)
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("cache file mode %v, %v; want 0644", info.Mode(), err)
	}

	// A run that only reads leaves the file alone.
	before, _ := os.ReadFile(c.path)
	c2, err := newCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c2.get(kept, [32]byte{}, [32]byte{1}, fileStamp{}); !ok {
		t.Error("an entry with the same key was not used")
	}
	if _, ok := c2.get(kept, [32]byte{}, [32]byte{9}, fileStamp{}); ok {
		t.Error("an entry with other content was used")
	}
	if _, ok := c2.get(kept, [32]byte{7}, [32]byte{1}, fileStamp{}); ok {
		t.Error("an entry with other settings was used")
	}
	c2.save()
	if after, _ := os.ReadFile(c.path); !bytes.Equal(before, after) {
		t.Error("a run with only hits rewrote the cache file")
	}
}

// stampedPage writes page.md in a new folder, or skips the test where files
// have no stamps.
func stampedPage(t *testing.T, text string) (dir, page string) {
	t.Helper()
	if _, ok := statStamp(os.Args[0]); !ok {
		t.Skip("no file stamps on this system")
	}
	dir = t.TempDir()
	page = filepath.Join(dir, "page.md")
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, page
}

// TestCacheStamps: a file is answered for without reading only while its
// stamp is the one recorded, and a stamp recorded too close to the run's
// start is never trusted.
func TestCacheStamps(t *testing.T) {
	dir, page := stampedPage(t, "# T\n")
	stamp, _ := statStamp(page)
	settings := [32]byte{5}
	items := []item{{rule: "quote-style", severity: rules.Warning, message: "m"}}

	// Written just now: racy, not trusted.
	c, err := newCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.put(page, settings, [32]byte{1}, stamp, items)
	if got := c.fresh[page].Stamp; got != (fileStamp{}) {
		t.Errorf("a file changed during the run got the stamp %+v recorded", got)
	}

	// Recorded by a run that began well after the file was written.
	c.start = time.Now().Add(time.Minute)
	c.put(page, settings, [32]byte{1}, stamp, items)
	c.save()
	c2, err := newCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := c2.byStamp(page, settings, 1<<20); !ok || len(got) != 1 {
		t.Fatalf("unchanged stamp: got %v, %v; want the cached finding", got, ok)
	}
	if _, ok := c2.byStamp(page, [32]byte{6}, 1<<20); ok {
		t.Error("another config was answered from the stamp")
	}
	if _, ok := c2.byStamp(page, settings, 2); ok {
		t.Error("a file over --max-file-size was answered from the stamp")
	}
	if err := os.WriteFile(page, []byte("# U\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c2.byStamp(page, settings, 1<<20); ok {
		t.Error("an edited file was answered from its old stamp")
	}
}

// TestCacheCodec: what is encoded decodes to the same entries, and a file
// cut short or with a byte left over reads as corrupt.
func TestCacheCodec(t *testing.T) {
	f := cacheFile{Build: "b1", Entries: map[string]cacheEntry{
		"/site/a.md": {Settings: [32]byte{1}, Content: [32]byte{2}, Stamp: fileStamp{Size: 10, MTime: -5, CTime: 7, Ino: 1 << 40}, Items: []cachedItem{{
			Rule: "restore-lines", Severity: rules.Error, Message: "flattened — “quoted”", Start: schema.Position{Line: 2, Column: 1}, End: schema.Position{Line: 2, Column: 900},
			Fix: "safe", LineHash: "abcd", Suggestions: []cachedEdit{{Start: schema.Position{Line: 2, Column: 1}, End: schema.Position{Line: 2, Column: 900}, Text: "a\n\nb"}},
		}}},
		"/site/b.json": {Content: [32]byte{3}},
	}}
	data := encodeCache(f)
	got, err := decodeCache(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Build != f.Build || len(got.Entries) != 2 || !reflect.DeepEqual(got.Entries["/site/a.md"], f.Entries["/site/a.md"]) || got.Entries["/site/b.json"].Content != [32]byte{3} {
		t.Fatalf("round trip changed the cache:\n%+v\n%+v", got, f)
	}
	for n := range len(data) {
		if _, err := decodeCache(data[:n]); err == nil {
			t.Errorf("a cache cut to %d of %d bytes decoded", n, len(data))
		}
	}
	if _, err := decodeCache(append(data, 0)); err == nil {
		t.Error("a cache with a byte left over decoded")
	}
}

// TestCacheChecksums: a cache file with any one byte changed, or one to
// three bytes changed at random, decodes to some of its entries unchanged,
// never to an entry that differs from the one written.
func TestCacheChecksums(t *testing.T) {
	f := cacheFile{Build: "b1", Entries: map[string]cacheEntry{
		"/site/a.md": {Settings: [32]byte{1}, Content: [32]byte{2}, Stamp: fileStamp{Size: 10, MTime: 5, CTime: 7, Ino: 9}, Items: []cachedItem{
			{Rule: "quote-style", Severity: rules.Warning, Message: "quote is not in double quotes", Start: schema.Position{Line: 9, Column: 4}, End: schema.Position{Line: 9, Column: 20}, Fix: "safe", LineHash: "ab",
				Suggestions: []cachedEdit{{Start: schema.Position{Line: 9, Column: 4}, End: schema.Position{Line: 9, Column: 5}, Text: "*\""}}},
			{Rule: "missing-summary", Severity: rules.Error, Message: "episode has no summary", Start: schema.Position{Line: 1, Column: 1}, End: schema.Position{Line: 1, Column: 2}},
		}},
		"/site/b.md":   {Settings: [32]byte{1}, Content: [32]byte{3}},
		"/site/c.json": {Settings: [32]byte{4}, Content: [32]byte{5}, Items: []cachedItem{{Rule: "schema", Severity: rules.Error, Message: "m"}}},
	}}
	good := encodeCache(f)
	trust := func(what string, data []byte) {
		t.Helper()
		got, err := decodeCache(data)
		if err != nil {
			return
		}
		for path, e := range got.Entries {
			if want, ok := f.Entries[path]; !ok || !reflect.DeepEqual(e, want) {
				t.Fatalf("%s: entry %s decoded as\n%+v\nwritten as\n%+v", what, path, e, want)
			}
		}
	}
	for i := range good {
		for _, x := range []byte{1, 3, 0x80, 0xff} {
			data := bytes.Clone(good)
			data[i] ^= x
			trust(fmt.Sprintf("byte %d ^ %#x", i, x), data)
		}
	}
	rng := rand.New(rand.NewSource(7))
	for trial := range 5000 {
		data := bytes.Clone(good)
		for range 1 + rng.Intn(3) {
			data[rng.Intn(len(data))] = byte(rng.Intn(256))
		}
		trust(fmt.Sprintf("trial %d", trial), data)
	}
	// An entry's own bytes changed: that entry goes, the others stay.
	i := bytes.Index(good, []byte("/site/b.md"))
	data := bytes.Clone(good)
	data[i+len("/site/b.md")+3] ^= 1
	got, err := decodeCache(data)
	if _, ok := got.Entries["/site/b.md"]; err != nil || ok || len(got.Entries) != 2 {
		t.Errorf("a changed byte in b.md's entry: read %d entries (%v), want the other two", len(got.Entries), err)
	}
}

// FuzzCacheDecode: no bytes make the decoder panic or allocate past what
// the file could hold, and whatever decodes encodes back to the same
// entries. The same bytes are also read as one entry without its checksum,
// so that the fuzzer reaches the entry decoder, which a checksum it cannot
// forge would keep it from.
func FuzzCacheDecode(f *testing.F) {
	entry := cacheEntry{Items: []cachedItem{{Rule: "r", Severity: rules.Warning, Suggestions: []cachedEdit{{Text: "t"}}}}}
	f.Add(encodeCache(cacheFile{Build: "b", Entries: map[string]cacheEntry{"/a.md": entry}}))
	f.Add([]byte(cacheMagic + "\x01b\xff\xff\xff\xff\x0f"))
	f.Add(appendEntry(nil, "/a.md", entry))
	f.Fuzz(func(t *testing.T, data []byte) {
		if path, e, ok := decodeEntry(data); ok {
			again, e2, ok := decodeEntry(appendEntry(nil, path, e))
			if !ok || again != path || !reflect.DeepEqual(e2, e) {
				t.Fatalf("re-encoding changed the entry of %s: %v\n%+v\n%+v", path, ok, e, e2)
			}
		}
		got, err := decodeCache(data)
		if err != nil {
			return
		}
		again, err := decodeCache(encodeCache(got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("re-encoding changed the cache: %v\n%+v\n%+v", err, got, again)
		}
	})
}

// TestCacheStrategy: with --cache-strategy stamp an unchanged stamp answers
// without reading the file; with content the file is always read and
// hashed. The cache entry here carries the file's real stamp but another
// content hash and a made-up finding, so the two strategies part.
func TestCacheStrategy(t *testing.T) {
	dir, page := stampedPage(t, "# Tide Pools at Dawn — Ines Ferro\n\nInes on tide pools.\n\n## [00:00] Cold open\n\nInes kneels.\n")
	cacheDir := filepath.Join(dir, "c")
	c, err := newCache(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := newResolver("", true, nil, nil, 10<<20).settingsFor(page)
	if err != nil {
		t.Fatal(err)
	}
	stamp, _ := statStamp(page)
	writeCacheFile(t, c.path, cacheFile{Build: c.build, Entries: map[string]cacheEntry{page: {
		Settings: settingsKey(page, st, false), Content: [32]byte{9}, Stamp: stamp,
		Items: []cachedItem{{Rule: "quote-style", Severity: rules.Warning, Message: "from the cache", Start: schema.Position{Line: 1, Column: 1}}},
	}}})
	for _, tc := range [][2]string{{"stamp", "from the cache"}, {"content", "no problems in 1 file"}} {
		strategy, want := tc[0], tc[1]
		code, out, errOut := podlint(t, dir, "check", "--no-config", "--cache-dir", cacheDir, "--cache-strategy", strategy, page)
		if !strings.Contains(out, want) {
			t.Errorf("--cache-strategy %s: exit %d, want %q in\n%s%s", strategy, code, want, out, errOut)
		}
		if strategy == "stamp" {
			continue
		}
		// The content run rewrote the entry: the stamp strategy now finds
		// the file clean too.
		if _, out, _ := podlint(t, dir, "check", "--no-config", "--cache-dir", cacheDir, page); !strings.Contains(out, "no problems") {
			t.Errorf("after a content run, the stamp run says\n%s", out)
		}
	}
}

// TestCacheKeepsLineHashes: text prints no line hashes and no ends, so a
// check without a cache leaves them out; one with a cache keeps them,
// since a later run in SARIF (its fingerprints, its regions' ends) may be
// answered from it.
func TestCacheKeepsLineHashes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "page.md", []byte("# Tide Pools\n\n## [00:00] Cold open\n\n## [00:30] Rock pools\n\nInes kneels.\n"))
	cacheDir := filepath.Join(dir, "c")
	_, want, _ := podlint(t, dir, "check", "--no-config", "--format", "sarif", "page.md")
	if !strings.Contains(want, "primaryLocationLineHash") {
		t.Fatalf("no fingerprint in the SARIF report:\n%s", want)
	}
	podlint(t, dir, "check", "--no-config", "--cache-dir", cacheDir, "page.md") // text fills the cache
	for _, strategy := range []string{"content", "stamp"} {
		_, got, errOut := podlint(t, dir, "check", "--no-config", "--cache-dir", cacheDir, "--cache-strategy", strategy, "--format", "sarif", "page.md")
		if got != want {
			t.Errorf("--cache-strategy %s: SARIF from the cache differs from a run without it:\n%s%s\nwant\n%s", strategy, got, errOut, want)
		}
	}
}
