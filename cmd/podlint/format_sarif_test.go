package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// uriChars is what RFC 3986 lets a URI hold: unreserved and reserved
// characters, and percent-encoded bytes.
var uriChars = regexp.MustCompile(`^([A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-F]{2})*$`)

// TestSARIFPathShapes runs check from a subfolder of a repository on every
// shape of path: inside the root and outside it, relative, climbing with
// ../, absolute, with a space, '#', '%' and ':' in the name, and a missing
// file (a notification). The log must be valid SARIF 2.1.0; each location
// is either a relative reference under %SRCROOT% (no leading slash, no
// ../) or an absolute file:// URI with no base, and resolves, through
// originalUriBaseIds, to the very file that was checked.
func TestSARIFPathShapes(t *testing.T) {
	sarif := sarifSchema(t, "../../testdata/sarif/sarif-2.1.0-rtm.5.json")
	base := t.TempDir()
	repo := filepath.Join(base, "site")
	sub := filepath.Join(repo, "sub")
	elsewhere := filepath.Join(base, "elsewhere")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	page := []byte("# Tide Pools\n\nA summary of the tide pool episode.\n\n## [0:00] Cold open\n\nInes kneels on wet rock.\n")
	type shape struct {
		arg, file string
		inRoot    bool
	}
	shapes := []shape{
		{"here.md", filepath.Join(sub, "here.md"), true},
		{"../episodes/tide pools #1 100%.md", filepath.Join(repo, "episodes", "tide pools #1 100%.md"), true},
		{filepath.Join(repo, "episodes", "plain.md"), filepath.Join(repo, "episodes", "plain.md"), true},
		{"../../elsewhere/far #2 50%.md", filepath.Join(elsewhere, "far #2 50%.md"), false},
		{filepath.Join(elsewhere, "abs?.md"), filepath.Join(elsewhere, "abs?.md"), false},
	}
	if runtime.GOOS != "windows" {
		shapes = append(shapes, shape{"x:y.md", filepath.Join(sub, "x:y.md"), true})
	}
	for _, s := range shapes {
		write(t, filepath.Dir(s.file), filepath.Base(s.file), page)
	}
	args := []string{"check", "--no-config", "--format", "sarif"}
	for _, s := range shapes {
		args = append(args, s.arg)
	}
	missing := filepath.Join(elsewhere, "gone #3.md")
	code, out, errOut := podlint(t, sub, append(args, "../../elsewhere/gone #3.md")...)
	if code != exitUsage {
		t.Fatalf("exit %d, want 2 (a missing file); stderr:\n%s", code, errOut)
	}

	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if err := sarif.Validate(doc); err != nil {
		t.Errorf("not valid SARIF 2.1.0: %#v", err)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rootURI, err := url.Parse(run.Original[srcRoot].URI)
	if err != nil || rootURI.Scheme != "file" || !strings.HasSuffix(rootURI.Path, "/") || !sameFile(rootURI.Path, repo) {
		t.Fatalf("originalUriBaseIds %%SRCROOT%% = %q (%v), want the file:// URI of %s ending in /", run.Original[srcRoot].URI, err, repo)
	}
	// resolve turns a location into the file it names.
	resolve := func(a sarifArtifact) string {
		t.Helper()
		if !uriChars.MatchString(a.URI) {
			t.Errorf("%q holds characters RFC 3986 does not allow raw", a.URI)
		}
		u, err := url.Parse(a.URI)
		if err != nil {
			t.Errorf("%q: %v", a.URI, err)
			return ""
		}
		switch {
		case a.URIBaseID == "":
			if u.Scheme != "file" || !strings.HasPrefix(u.Path, "/") || u.Fragment != "" || u.RawQuery != "" {
				t.Errorf("%q has no uriBaseId and is not an absolute file:// URI", a.URI)
			}
		case a.URIBaseID != srcRoot:
			t.Errorf("%q: uriBaseId %q, want %s", a.URI, a.URIBaseID, srcRoot)
		case u.IsAbs() || strings.HasPrefix(a.URI, "/") || a.URI == ".." || strings.HasPrefix(a.URI, "../") || u.Fragment != "" || u.RawQuery != "":
			t.Errorf("%q under %s is not a relative reference to a file inside the root", a.URI, srcRoot)
		default:
			u = rootURI.ResolveReference(u)
		}
		return filepath.FromSlash(u.Path)
	}
	byFile := map[string]sarifArtifact{}
	for _, r := range run.Results {
		a := r.Locations[0].Physical.Artifact
		byFile[resolve(a)] = a
		for _, rel := range r.Related {
			if rel.Physical.Artifact != a {
				t.Errorf("related location %+v, want the finding's %+v", rel.Physical.Artifact, a)
			}
		}
	}
	for _, s := range shapes {
		var found string
		for path := range byFile {
			if sameFile(path, s.file) {
				found = path
			}
		}
		if found == "" {
			t.Errorf("%s: no result resolves to %s; results name %v", s.arg, s.file, byFile)
			continue
		}
		if a := byFile[found]; (a.URIBaseID == srcRoot) != s.inRoot {
			t.Errorf("%s: %+v; inside the root: %v", s.arg, a, s.inRoot)
		}
		delete(byFile, found)
	}
	if len(byFile) > 0 {
		t.Errorf("results name files that were not checked: %v", byFile)
	}
	notes := run.Invocations[0].Notifications
	if len(notes) != 1 || len(notes[0].Locations) != 1 {
		t.Fatalf("notifications %+v, want one for the missing file", notes)
	}
	a := notes[0].Locations[0].Physical.Artifact
	if got := resolve(a); got != missing && !sameFile(filepath.Dir(got), filepath.Dir(missing)) || filepath.Base(got) != filepath.Base(missing) {
		t.Errorf("the missing file's notification names %q (%+v), want %s", got, a, missing)
	}
}

// sameFile tells whether two paths name one existing file or folder.
func sameFile(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}
