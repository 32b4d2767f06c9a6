package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// SARIF 2.1.0, as GitHub code scanning reads it.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

// sarifRun's members come in the order the printer writes them: the
// results as files come in, then the invocation, which says whether every
// path could be checked.
type sarifRun struct {
	Tool        sarifTool          `json:"tool"`
	ColumnKind  string             `json:"columnKind"`
	Original    map[string]sarifID `json:"originalUriBaseIds,omitempty"`
	Results     []sarifResult      `json:"results"`
	Invocations []sarifInvocation  `json:"invocations"`
}

type sarifID struct {
	URI string `json:"uri"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID       string            `json:"ruleId"`
	RuleIndex    int               `json:"ruleIndex"`
	Level        string            `json:"level"`
	Message      sarifText         `json:"message"`
	Locations    []sarifLocation   `json:"locations"`
	Related      []sarifLocation   `json:"relatedLocations,omitempty"`
	Fingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	// ID and Message are set on a related location.
	ID       *int          `json:"id,omitempty"`
	Physical sarifPhysical `json:"physicalLocation"`
	Message  *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

const docsURL = "https://github.com/podlint/podlint/blob/main/docs/rules.md"

// sarifPrinter prints one SARIF log, a result as it comes, written by hand
// as encoding/json writes it (see appendSARIFResult).
type sarifPrinter struct {
	results streamedArray
	log     sarifLog // with no results, and the invocation to come
	index   map[string]int
	root    string
	folders *realFolders
	seen    map[string]int // fingerprints' keys, for their counts
	scratch jsonWriter     // a result
}

func newSARIFPrinter(w *bufio.Writer, _ bool) printer {
	all := rules.All()
	p := &sarifPrinter{index: map[string]int{}, root: repoRoot(), folders: &realFolders{}, seen: map[string]int{}}
	driver := sarifDriver{Name: "podlint", InformationURI: "https://github.com/podlint/podlint", Version: version()}
	for i, rule := range all {
		p.index[rule.Name] = i
		level := "warning"
		if rule.Severity == rules.Error {
			level = "error"
		}
		help := rule.Doc + "\n\nFlagged:\n\n" + indent(rule.Bad) + "\n\nAccepted:\n\n" + indent(rule.Good)
		driver.Rules = append(driver.Rules, sarifRule{
			ID: rule.Name, Name: rule.Name,
			ShortDescription:     sarifText{Text: rule.Title},
			FullDescription:      sarifText{Text: rule.Doc},
			Help:                 sarifText{Text: help, Markdown: rule.Doc + "\n\nFlagged:\n\n```markdown\n" + rule.Bad + "\n```\n\nAccepted:\n\n```markdown\n" + rule.Good + "\n```"},
			HelpURI:              docsURL + "#" + rule.Name,
			DefaultConfiguration: sarifConfig{Level: level},
			Properties:           map[string]any{"tags": []string{rule.Category}},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{},
		Original: map[string]sarifID{srcRoot: {URI: fileURI(p.root) + "/"}}}
	p.log = sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	head, _ := splitDocument(p.log, "results", false)
	p.results = newStreamedArray(w, head, 4)
	return p
}

func (p *sarifPrinter) file(f fileReport) {
	artifact := artifactLocation(p.folders, p.root, f.path)
	for i := range f.items {
		it := &f.items[i]
		p.scratch.b = p.scratch.b[:0]
		p.scratch.element(4)
		appendSARIFResult(&p.scratch, it, p.index[it.rule], artifact, fingerprint(p.seen, it.rule, artifact.URI, it.lineHash))
		p.results.add(p.scratch.b)
	}
}

// appendSARIFResult writes a result as encoding/json writes a sarifResult:
// its members in the order of its fields, the empty ones left out as their
// tags say.
func appendSARIFResult(w *jsonWriter, it *item, ruleIndex int, artifact sarifArtifact, fingerprint string) {
	w.open('{')
	w.strMember("ruleId", it.rule)
	w.numMember("ruleIndex", ruleIndex)
	w.strMember("level", it.severity.String())
	w.key("message")
	appendSARIFText(w, it.message)
	w.key("locations")
	w.open('[')
	w.item()
	w.open('{')
	w.key("physicalLocation")
	appendSARIFPhysical(w, artifact, it.start, it.end)
	w.close('}')
	w.close(']')
	if len(it.related) > 0 {
		w.key("relatedLocations")
		w.open('[')
		for i, r := range it.related {
			w.item()
			w.open('{')
			w.numMember("id", i+1)
			w.key("physicalLocation")
			appendSARIFPhysical(w, artifact, r.start, r.end)
			w.key("message")
			appendSARIFText(w, r.text)
			w.close('}')
		}
		w.close(']')
	}
	w.key("partialFingerprints")
	w.open('{')
	w.strMember("primaryLocationLineHash", fingerprint)
	w.close('}')
	w.close('}')
}

// appendSARIFText writes a sarifText with no Markdown.
func appendSARIFText(w *jsonWriter, text string) {
	w.open('{')
	w.strMember("text", text)
	w.close('}')
}

// appendSARIFPhysical writes a sarifPhysical with a region.
func appendSARIFPhysical(w *jsonWriter, artifact sarifArtifact, start, end schema.Position) {
	w.open('{')
	w.key("artifactLocation")
	w.open('{')
	w.strMember("uri", artifact.URI)
	if artifact.URIBaseID != "" {
		w.strMember("uriBaseId", artifact.URIBaseID)
	}
	w.close('}')
	w.key("region")
	w.open('{')
	w.numMember("startLine", start.Line)
	w.numMember("startColumn", start.Column)
	w.numMember("endLine", end.Line)
	w.numMember("endColumn", end.Column)
	w.close('}')
	w.close('}')
}

// end writes the invocation after the results.
func (p *sarifPrinter) end(r *report) error {
	p.log.Runs[0].Invocations = []sarifInvocation{p.invocation(r)}
	_, tail := splitDocument(p.log, "results", false)
	return p.results.close(tail)
}

// invocation is the run's invocation: whether every path could be
// checked, and the input errors as notifications.
func (p *sarifPrinter) invocation(r *report) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(r.errors) == 0, Notifications: []sarifNotification{}}
	for _, e := range r.errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.msg}}
		if e.path != "" {
			n.Locations = []sarifLocation{{Physical: sarifPhysical{Artifact: artifactLocation(p.folders, p.root, e.path)}}}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	return inv
}

// fingerprint identifies a finding by its rule, file and the text of its
// line, not its line number, so that it survives edits elsewhere in the
// file; repeats of the same key are numbered, as GitHub does.
func fingerprint(seen map[string]int, rule, uri, lineHash string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + uri + "\x00" + lineHash))
	key := hex.EncodeToString(sum[:8])
	seen[key]++
	return key + ":" + strconv.Itoa(seen[key])
}

// hashLine is what a fingerprint keeps of a line: a hash of its text,
// trimmed.
func hashLine(line string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(line)))
	return hex.EncodeToString(sum[:8])
}

// srcRoot is the base of the URIs of files inside the repository:
// originalUriBaseIds says where it was when podlint ran.
const srcRoot = "%SRCROOT%"

// artifactLocation names the file at path: by its path relative to root,
// under srcRoot, when it is inside root; else by an absolute file:// URI
// with no base, since a relative reference must neither start with a slash
// nor climb out of its base (../) to name a file that is elsewhere.
func artifactLocation(folders *realFolders, root, path string) sarifArtifact {
	abs, err := filepath.Abs(path)
	if err != nil {
		return sarifArtifact{URI: escapeURIPath(filepath.ToSlash(path), true), URIBaseID: srcRoot}
	}
	if rel, ok := folders.inside(root, abs); ok {
		return sarifArtifact{URI: escapeURIPath(filepath.ToSlash(rel), true), URIBaseID: srcRoot}
	}
	return sarifArtifact{URI: fileURI(abs)}
}

// inside returns abs relative to root when it lies in root, seen through
// symbolic links if need be (a folder reached by two names). The folders
// are resolved through r.
func (r *realFolders) inside(root, abs string) (string, bool) {
	if rel, ok := relativeInside(root, abs); ok {
		return rel, true
	}
	realRoot, err1 := r.resolve(root)
	realDir, err2 := r.resolve(filepath.Dir(abs))
	if err1 != nil || err2 != nil {
		return "", false
	}
	return relativeInside(realRoot, filepath.Join(realDir, filepath.Base(abs)))
}

// relativeInside is abs relative to root, when it does not climb out.
func relativeInside(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
		return rel, true
	}
	return "", false
}

// realFolders resolves folders through their symbolic links once each: a
// run names every file of a folder that way, and each resolving takes an
// lstat per element of the path (for every file, that was a tenth of
// fixing 10,000 small pages in another folder). Safe for concurrent use;
// the zero value is ready.
type realFolders struct {
	mu   sync.Mutex
	real map[string]realFolder
}

type realFolder struct {
	path string
	err  error
}

func (r *realFolders) resolve(dir string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f, ok := r.real[dir]
	if !ok {
		if r.real == nil {
			r.real = map[string]realFolder{}
		}
		f.path, f.err = filepath.EvalSymlinks(dir)
		r.real[dir] = f
	}
	return f.path, f.err
}

// fileURI is the file:// URI of an absolute path (RFC 8089).
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x is file:///C:/x
	}
	return "file://" + escapeURIPath(p, false)
}

// escapeURIPath percent-encodes a slash-separated path as RFC 3986 wants
// it: every byte but the unreserved ones, the sub-delimiters, '@' and '/'
// (a space, '#', '%', '?', non-ASCII bytes are encoded). In a relative
// reference ':' is encoded too, so that "a:b.md" cannot read as a scheme;
// in a file URI a drive letter keeps its colon.
func escapeURIPath(p string, relative bool) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0,
			c == ':' && !relative:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// repoRoot is the nearest folder up from the current one holding .git.
func repoRoot() string {
	cwd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := cwd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return cwd
		}
	}
}
