package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// cache keeps check results in one file, an entry per checked file, like
// ESLint's and ruff's caches: the entry holds a hash of the file's content
// and one of its form and the effective config, and is used only while both
// match, so the cache is content-based (a fresh CI checkout with a restored
// cache hits) and the file grows with the number of pages, not with their
// history. A cache written by another podlint build, or one whose header
// does not match its checksum, is ignored and replaced; an entry that does
// not match its own checksum is ignored and its file checked again.
//
// Reading and hashing every page is most of a warm run, so an entry also
// keeps the file's stamp (size, modification and change times, inode), as
// git's index does: while the stamp is the same, the file is not read
// again. A stamp is trusted only when the file had not been touched for a
// second before the run that recorded it began, so that an edit within the
// file system's time resolution is never missed; anything else falls back
// to the content hash.
//
// One file, read once and written once, costs two system calls per run
// where a file per entry cost six per page; its layout is in
// cache_codec.go.
type cache struct {
	path  string // the cache file
	build string
	cwd   string    // entries are by absolute path
	start time.Time // when the run began: later changes make stamps racy

	loaded sync.WaitGroup // the file is read while the inputs are collected
	old    map[string]cacheEntry

	mu    sync.Mutex
	fresh map[string]cacheEntry // entries made or confirmed in this run
	dirty bool                  // fresh holds something old lacks
}

// cacheFileName holds the results; the version changes with its layout.
const cacheFileName = "results-v6.cache"

// cacheFile is what the cache file holds.
type cacheFile struct {
	Build   string
	Entries map[string]cacheEntry // by absolute path
}

type cacheEntry struct {
	Settings [sha256.Size]byte // the file's form and effective config
	Content  [sha256.Size]byte
	Stamp    fileStamp // zero: none, or not to be trusted
	Items    []cachedItem
}

type cachedItem struct {
	Rule        string
	Severity    rules.Severity
	Message     string
	Start, End  schema.Position
	Fix         string
	Suggestions []cachedEdit
	LineHash    string
	Related     []cachedEdit // Text is what the place is
}

type cachedEdit struct {
	Start, End schema.Position
	Text       string
}

func newCache(dir string) (*cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--cache-dir %s: %s", dir, describeFSError(err))
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("--cache: %w", err)
	}
	c := &cache{path: filepath.Join(dir, cacheFileName), build: buildID(), cwd: cwd, start: time.Now(), fresh: map[string]cacheEntry{}}
	c.loaded.Add(1)
	go func() {
		defer c.loaded.Done()
		c.old = readCacheFile(c.path, c.build)
	}()
	return c, nil
}

// readCacheFile returns the entries of a cache file written by this build;
// anything else reads as an empty cache.
func readCacheFile(path, build string) map[string]cacheEntry {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	f, err := decodeCache(data)
	if err != nil || f.Build != build {
		return nil
	}
	return f.Entries
}

var buildIDOnce = sync.OnceValue(func() string {
	if v, exact := exactVersion(); exact {
		return v
	}
	// A development build (or one with uncommitted edits) has no version
	// that names its code: its own bytes identify it, so a rebuilt podlint
	// never reads results of an older one.
	exe, err := os.Executable()
	if err != nil {
		return "devel"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "devel"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "devel"
	}
	return "devel-" + hex.EncodeToString(h.Sum(nil)[:12])
})

func buildID() string { return buildIDOnce() }

// settingsKey hashes what a file's findings depend on besides its content
// and the build (which the whole cache file is tied to): its form, the
// effective config, and whether the report holds the fixes' edits (only
// formats that print them build them).
func settingsKey(path string, st *settings, withEdits bool) [sha256.Size]byte {
	key := st.cacheKeys()[schema.FormatOf(path)]
	if withEdits {
		key = sha256.Sum256(append(key[:], "with edits"...))
	}
	return key
}

// entry is the cache's name for an input: its absolute path.
func (c *cache) entry(in input) (string, bool) {
	if in.stdin {
		return "", false // no file to tie an entry to
	}
	return absFrom(c.cwd, in.path), true
}

// byStamp returns the cached report of the file at path when its stamp and
// settings are the ones recorded, without reading the file.
func (c *cache) byStamp(path string, settings [sha256.Size]byte, maxSize int64) ([]item, bool) {
	c.loaded.Wait()
	e, ok := c.old[path]
	if !ok || e.Stamp == (fileStamp{}) || e.Settings != settings {
		return nil, false
	}
	stamp, ok := statStamp(path)
	if !ok || stamp != e.Stamp || stamp.Size > maxSize {
		return nil, false
	}
	c.keep(path, e, false)
	return e.items(), true
}

// get returns the cached report of the file at path when its settings and
// content are the ones recorded. stamp is the file's stamp now.
func (c *cache) get(path string, settings, content [sha256.Size]byte, stamp fileStamp) ([]item, bool) {
	c.loaded.Wait()
	e, ok := c.old[path]
	if !ok || e.Settings != settings || e.Content != content {
		return nil, false
	}
	// Same content, new stamp (a fresh checkout): the next run can skip it.
	s := c.trusted(stamp)
	changed := s != e.Stamp
	e.Stamp = s
	c.keep(path, e, changed)
	return e.items(), true
}

// keep carries an entry into the cache written at the end of the run;
// changed says the file on disk lacks it.
func (c *cache) keep(path string, e cacheEntry, changed bool) {
	c.mu.Lock()
	c.fresh[path] = e
	c.dirty = c.dirty || changed
	c.mu.Unlock()
}

// trusted is the stamp to record: none when the file was touched less than
// a second before the run began, or since (the time resolution of some
// file systems), when the same stamp could hide another edit.
func (c *cache) trusted(s fileStamp) fileStamp {
	limit := c.start.Add(-time.Second).UnixNano()
	if s.MTime >= limit || s.CTime >= limit {
		return fileStamp{}
	}
	return s
}

func (e cacheEntry) items() []item {
	items := make([]item, len(e.Items))
	for i, ci := range e.Items {
		it := item{rule: ci.Rule, severity: ci.Severity, message: ci.Message, start: ci.Start, end: ci.End, fix: ci.Fix, lineHash: ci.LineHash}
		for _, s := range ci.Suggestions {
			it.suggestions = append(it.suggestions, suggestion{start: s.Start, end: s.End, text: s.Text})
		}
		for _, s := range ci.Related {
			it.related = append(it.related, suggestion{start: s.Start, end: s.End, text: s.Text})
		}
		items[i] = it
	}
	return items
}

// put records a file's report.
func (c *cache) put(path string, settings, content [sha256.Size]byte, stamp fileStamp, items []item) {
	e := cacheEntry{Settings: settings, Content: content, Stamp: c.trusted(stamp), Items: make([]cachedItem, len(items))}
	for i, it := range items {
		ci := cachedItem{Rule: it.rule, Severity: it.severity, Message: it.message, Start: it.start, End: it.end, Fix: it.fix, LineHash: it.lineHash}
		for _, s := range it.suggestions {
			ci.Suggestions = append(ci.Suggestions, cachedEdit{Start: s.start, End: s.end, Text: s.text})
		}
		for _, s := range it.related {
			ci.Related = append(ci.Related, cachedEdit{Start: s.start, End: s.end, Text: s.text})
		}
		e.Items[i] = ci
	}
	c.keep(path, e, true)
}

// save writes the cache file when the run changed it: this run's entries,
// and the earlier entries of files this run did not check (pre-commit
// checks a few files at a time) as long as those files still exist. It
// re-reads the file first, so that runs side by side lose little, and
// replaces it atomically. A failure to write only costs speed.
func (c *cache) save() {
	c.loaded.Wait()
	if !c.dirty {
		return
	}
	entries := readCacheFile(c.path, c.build)
	if entries == nil {
		entries = map[string]cacheEntry{}
	}
	for p := range entries {
		if _, ok := c.fresh[p]; !ok {
			if _, err := os.Lstat(p); err != nil {
				delete(entries, p) // the file is gone
			}
		}
	}
	for p, e := range c.fresh {
		entries[p] = e
	}
	data := encodeCache(cacheFile{Build: c.build, Entries: entries})
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".results-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	_ = tmp.Chmod(0o644) // CreateTemp's 0600 would keep a shared CI cache from others
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), c.path) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// cacheKeys are the cache's settings keys of a settings value, one per form
// (schema.Markdown, schema.JSON), worked out once: a hash of the form and
// the effective config.
func (s *settings) cacheKeys() *[2][sha256.Size]byte {
	s.once.Do(func() {
		cfg := s.cfg
		var b strings.Builder
		for _, r := range cfg.Rules {
			fmt.Fprintf(&b, "%s=%s;", r.Name, cfg.SeverityOf(r))
		}
		writeOptions(&b, rules.All(), cfg)
		for _, x := range cfg.Extra {
			fmt.Fprintf(&b, "extra=%s:%s;", x.Name, x.Hash)
		}
		for _, f := range []schema.Format{schema.Markdown, schema.JSON} {
			s.keys[f] = sha256.Sum256([]byte(f.String() + "\x00" + b.String()))
		}
	})
	return &s.keys
}

// writeOptions writes the value in effect (set or default) of every
// option of rs in a canonical form, JSON: every rule's, run or not, since
// fixers write the timestamp style into any fix. An option reaches the key
// the moment a rule declares it.
func writeOptions(b *strings.Builder, rs []*rules.Rule, cfg *rules.Config) {
	for _, r := range rs {
		for _, o := range r.Options {
			value, _ := json.Marshal(cfg.Value(o)) // the registry has checked that the option's type encodes
			fmt.Fprintf(b, "%s.%s=%s;", r.Name, o.Spec().Name, value)
		}
	}
}
