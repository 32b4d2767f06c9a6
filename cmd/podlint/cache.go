package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// cache keeps check results keyed by a hash of the file's content, its
// form, the effective config and podlint's own build, so that a run over an
// unchanged corpus only reads and hashes files. It is content-based, not
// mtime-based, so it works on a fresh CI checkout. An entry that does not
// parse or carries another key is ignored and rewritten, never trusted.
type cache struct {
	dir   string
	build string
}

// cachedResult is what an entry holds.
type cachedResult struct {
	Key   string       `json:"key"`
	Items []cachedItem `json:"items"`
}

type cachedItem struct {
	Rule        string          `json:"rule"`
	Severity    rules.Severity  `json:"severity"`
	Message     string          `json:"message"`
	Start       schema.Position `json:"start"`
	End         schema.Position `json:"end"`
	Fix         string          `json:"fix,omitempty"`
	Suggestions []cachedEdit    `json:"suggestions,omitempty"`
	LineHash    string          `json:"line_hash"`
}

type cachedEdit struct {
	Start schema.Position `json:"start"`
	End   schema.Position `json:"end"`
	Text  string          `json:"text"`
}

func newCache(dir string) (*cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--cache-dir %s: %s", dir, describeFSError(err))
	}
	return &cache{dir: dir, build: buildID()}, nil
}

var buildIDOnce = sync.OnceValue(func() string {
	if v := version(); v != "devel" {
		return v
	}
	// A development build has no version: its own bytes identify it, so a
	// rebuilt podlint never reads results of an older one.
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

// key hashes everything a file's findings depend on.
func (c *cache) key(path string, src []byte, st *settings) string {
	h := sha256.New()
	fmt.Fprintf(h, "podlint %s\x00%s\x00%s\x00", c.build, schema.FormatOf(path), st.fingerprint())
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *cache) file(key string) string {
	return filepath.Join(c.dir, key[:2], key[2:]+".json")
}

// get returns the cached report of a file, or false.
func (c *cache) get(key string) ([]item, bool) {
	data, err := os.ReadFile(c.file(key))
	if err != nil {
		return nil, false
	}
	var r cachedResult
	if json.Unmarshal(data, &r) != nil || r.Key != key {
		return nil, false // corrupt or foreign: not trusted
	}
	items := make([]item, len(r.Items))
	for i, ci := range r.Items {
		if ci.Severity != rules.Error && ci.Severity != rules.Warning {
			return nil, false
		}
		it := item{rule: ci.Rule, severity: ci.Severity, message: ci.Message, start: ci.Start, end: ci.End, fix: ci.Fix, lineHash: ci.LineHash}
		for _, e := range ci.Suggestions {
			it.suggestions = append(it.suggestions, suggestion{start: e.Start, end: e.End, text: e.Text})
		}
		items[i] = it
	}
	return items, true
}

// put stores a file's report; a failure to write only costs speed.
func (c *cache) put(key string, items []item) {
	r := cachedResult{Key: key, Items: make([]cachedItem, len(items))}
	for i, it := range items {
		ci := cachedItem{Rule: it.rule, Severity: it.severity, Message: it.message, Start: it.start, End: it.end, Fix: it.fix, LineHash: it.lineHash}
		for _, s := range it.suggestions {
			ci.Suggestions = append(ci.Suggestions, cachedEdit{Start: s.start, End: s.end, Text: s.text})
		}
		r.Items[i] = ci
	}
	data, err := json.Marshal(r)
	if err != nil {
		return
	}
	path := c.file(key)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".entry-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// fingerprint identifies the effective config of a settings value.
func (s *settings) fingerprint() string {
	s.once.Do(func() {
		cfg := s.cfg
		var b strings.Builder
		for _, r := range cfg.Rules {
			fmt.Fprintf(&b, "%s=%s;", r.Name, cfg.SeverityOf(r))
		}
		types := append([]string(nil), cfg.EntityTypes...)
		sort.Strings(types)
		fmt.Fprintf(&b, "types=%s;style=%s;sim=%g;", strings.Join(types, ","), cfg.TimestampStyle, cfg.IntroSimilarity)
		for _, x := range cfg.Extra {
			fmt.Fprintf(&b, "extra=%s:%s;", x.Name, x.Hash)
		}
		s.print = b.String()
	})
	return s.print
}
