package main

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// lspDocument is a page open in the editor: its text as the editor has
// it, which may differ from the file.
type lspDocument struct {
	uri string
	// path is the file (or, for an unsaved buffer, a name) the page is
	// reported and configured as; formPath ends in .json when the page is
	// JSON, which is how podlint tells the form.
	path, formPath string
	onDisk         bool
	// served: a Markdown page or episode JSON, which podlint checks.
	served bool

	// Under the server's mu: the text replaced whole on each change, so a
	// snapshot keeps the text it took.
	version int
	text    []byte
	// revision counts the changes of text (a save may bring text
	// without a new version).
	revision int
	timer    *time.Timer
	analysis *lspAnalysis // the latest made

	// checking holds one analysis of the page at a time.
	checking sync.Mutex
}

func (d *lspDocument) stopTimer() {
	if d.timer != nil {
		d.timer.Stop()
	}
}

// newLSPDocument names the page of a URI. Pages podlint serves are
// Markdown and JSON: by the editor's language, else by the file's name.
func newLSPDocument(item lspTextDocumentItem) *lspDocument {
	d := &lspDocument{uri: item.URI, version: item.Version, text: []byte(item.Text)}
	if p, ok := uriToPath(item.URI); ok {
		d.path, d.onDisk = p, true
	} else {
		// untitled:Untitled-1 and the like: a name, for messages.
		d.path = path.Base(item.URI[strings.IndexByte(item.URI, ':')+1:])
	}
	ext := strings.ToLower(filepath.Ext(d.path))
	switch lang := item.LanguageID; {
	case lang == "json" || lang == "jsonc" || lang == "" && ext == ".json":
		d.served = true
		d.formPath = d.path
		if ext != ".json" {
			d.formPath += ".json"
		}
	case lang == "markdown" || lang == "" && (ext == ".md" || ext == ".markdown"):
		d.served = true
		d.formPath = strings.TrimSuffix(d.path, filepath.Ext(d.path)) + ".md"
	}
	return d
}

func (s *lspServer) didOpen(p lspDidOpenParams) {
	d := newLSPDocument(p.TextDocument)
	s.mu.Lock()
	if old := s.docs[d.uri]; old != nil {
		old.stopTimer()
	}
	s.docs[d.uri] = d
	s.mu.Unlock()
	if !d.served {
		s.log.Printf("%s: language %q is not a podlint page (Markdown or JSON); not checked", d.path, p.TextDocument.LanguageID)
	}
	s.schedule(d, 0)
}

func (s *lspServer) didChange(p lspDidChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.log.Printf("didChange of %s, which is not open; ignored", p.TextDocument.URI)
		return
	}
	text := d.text
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = []byte(c.Text)
			continue
		}
		ix := newLineIndex(text, s.enc)
		start, end := ix.offset(c.Range.Start), ix.offset(c.Range.End)
		if end < start {
			start, end = end, start
		}
		next := make([]byte, 0, len(text)-(end-start)+len(c.Text))
		next = append(append(append(next, text[:start]...), c.Text...), text[end:]...)
		text = next
	}
	d.text = text
	d.revision++
	if p.TextDocument.Version != nil {
		d.version = *p.TextDocument.Version
	} else {
		d.version++
	}
	s.scheduleLocked(d, s.debounce)
}

func (s *lspServer) didSave(p lspDidSaveParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil && p.Text != nil {
		d.text = []byte(*p.Text)
		d.revision++
	}
	s.mu.Unlock()
	if d != nil && d.onDisk && (isConfigFile(d.path) || s.isUserSchema(d.path)) {
		// Editors without file watching: the config saved in the editor.
		s.reloadConfig(d.path + " saved")
		return
	}
	if d != nil {
		s.schedule(d, 0)
	}
}

// isUserSchema tells the schema file a config in use names.
func (s *lspServer) isUserSchema(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.res.loaded {
		if c != nil && c.extraPath == abs {
			return true
		}
	}
	return false
}

func (s *lspServer) didClose(p lspDidCloseParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	if d != nil {
		d.stopTimer()
	}
	s.mu.Unlock()
	if d != nil {
		// The server no longer follows the page: its findings go.
		s.notify("textDocument/publishDiagnostics", lspPublishDiagnosticsParams{URI: d.uri, Diagnostics: []lspDiagnostic{}})
	}
}

// schedule checks the page after delay, and publishes its findings.
func (s *lspServer) schedule(d *lspDocument, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scheduleLocked(d, delay)
}

func (s *lspServer) scheduleLocked(d *lspDocument, delay time.Duration) {
	d.stopTimer()
	d.timer = time.AfterFunc(delay, func() { s.goBackground(func() { s.check(d) }) })
}

// check analyses the page as it is now and publishes the findings, unless
// the page changed meanwhile (the change has its own check coming).
func (s *lspServer) check(d *lspDocument) {
	d.checking.Lock()
	defer d.checking.Unlock()
	snap := s.snapshotOf(d)
	a := s.analyzeLocked(snap)
	s.mu.Lock()
	current := s.docs[d.uri] == d && d.revision == a.revision && s.generation == a.generation
	s.mu.Unlock()
	if !current {
		return
	}
	version := a.version
	s.notify("textDocument/publishDiagnostics", lspPublishDiagnosticsParams{URI: d.uri, Version: &version, Diagnostics: a.diagnostics})
}

// lspSnapshot is a page as it was when a message about it came.
type lspSnapshot struct {
	doc        *lspDocument // nil: the page is not open
	version    int
	revision   int
	generation int
	text       []byte
	enc        positionEncoding
}

func (s *lspServer) snapshot(uri string) lspSnapshot {
	s.mu.Lock()
	d := s.docs[uri]
	s.mu.Unlock()
	if d == nil {
		return lspSnapshot{}
	}
	return s.snapshotOf(d)
}

func (s *lspServer) snapshotOf(d *lspDocument) lspSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return lspSnapshot{doc: d, version: d.version, revision: d.revision, generation: s.generation, text: d.text, enc: s.enc}
}

// lspAnalysis is what podlint found on one version of a page.
type lspAnalysis struct {
	version, revision, generation int
	text                          []byte
	index                         *lineIndex
	// doc, cfg and findings are set when the page was checked;
	// diagnostics[i] is findings[i] for the editor, or, when the page was
	// not checked, what stopped it.
	doc         *schema.Document
	cfg         *rules.Config
	findings    []rules.Diagnostic
	diagnostics []lspDiagnostic

	// fixAll is what fixing the whole page changes, made once: editors
	// ask for code actions at every move of the cursor.
	fixAllOnce sync.Once
	fixAll     *pageFix
}

// analysis is the analysis of a snapshot, made or reused.
func (s *lspServer) analysis(snap lspSnapshot) *lspAnalysis {
	snap.doc.checking.Lock()
	defer snap.doc.checking.Unlock()
	return s.analyzeLocked(snap)
}

// analyzeLocked checks a snapshot's text, or reuses the analysis of the
// same text and config; the page's checking lock is held.
func (s *lspServer) analyzeLocked(snap lspSnapshot) *lspAnalysis {
	d := snap.doc
	s.mu.Lock()
	prev := d.analysis
	s.mu.Unlock()
	if prev != nil && prev.revision == snap.revision && prev.generation == snap.generation {
		return prev
	}
	a := &lspAnalysis{version: snap.version, revision: snap.revision, generation: snap.generation, text: snap.text, index: newLineIndex(snap.text, snap.enc), diagnostics: []lspDiagnostic{}}
	s.examine(d, a)
	s.mu.Lock()
	if d.analysis == nil || d.analysis.revision <= a.revision {
		d.analysis = a
	}
	s.mu.Unlock()
	return a
}

// examine checks the page as `podlint check` checks a file: under its
// config, within its size limit, if it is an episode at all.
func (s *lspServer) examine(d *lspDocument, a *lspAnalysis) {
	if !d.served {
		return
	}
	st, excluded, err := s.settingsOf(d)
	switch {
	case err != nil:
		a.diagnostics = append(a.diagnostics, configNotice(err))
		return
	case excluded || st.silenced != "":
		return
	case int64(len(a.text)) > st.maxSize:
		a.diagnostics = append(a.diagnostics, lspDiagnostic{Severity: lspWarning, Source: "podlint",
			Message: fmt.Sprintf("not checked: the page is %s, larger than the limit of %s (max-file-size in .podlint.yaml)", formatSize(int64(len(a.text))), formatSize(st.maxSize))})
		return
	}
	if e := schema.CheckEncoding(a.text); e != nil {
		a.diagnostics = append(a.diagnostics, lspDiagnostic{Range: a.index.span(e.Offset, e.Offset), Severity: lspError, Source: "podlint", Message: "not checked: " + e.Message})
		return
	}
	if why := notEpisode(d.formPath, a.text); why != "" {
		s.log.Printf("%s: %s; not checked", d.path, why)
		return
	}
	roomFor(len(a.text))
	a.doc = schema.Read(d.formPath, a.text)
	a.cfg = st.cfg
	var notices []lspDiagnostic
	if st.transcripts != "" {
		// Grounding, as check does it: the page's transcript goes to the
		// rules (and the fixes) on a copy of the config.
		var ierr *inputError
		a.cfg, ierr, _ = groundingConfig(input{path: d.path}, a.doc, st)
		if ierr != nil {
			notices = append(notices, lspDiagnostic{Severity: lspWarning, Source: "podlint", Message: "not checked against the transcript: " + ierr.msg})
		}
	}
	a.findings = rules.Run(a.doc, a.cfg)
	for i, f := range a.findings {
		// As check says it: why a fix is a guess, or why there is none.
		_, note := fixers.Verdict(a.doc, a.cfg, f)
		a.findings[i].Message += note
	}
	a.diagnostics = append(lspDiagnostics(d.uri, a.index, a.findings), notices...)
}

// settingsOf is the config of a page: the nearest .podlint.yaml of its
// file, or (an unsaved buffer) the settings' config file or the defaults;
// excluded says the config leaves the file out.
func (s *lspServer) settingsOf(d *lspDocument) (st *settings, excluded bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res := s.res
	if !d.onDisk && s.settings.Config == "" {
		res = newResolver("", true, s.settings.Enable, s.settings.Disable, 0)
	}
	st, err = res.settingsFor(d.path)
	if err != nil {
		return nil, false, err
	}
	// A file the config's include does not take, or its exclude does, is
	// passed over as check passes over it in a walk.
	return st, d.onDisk && (!res.included(d.path) || res.excluded(d.path)), nil
}

// configNotice is the finding that stands for a page's findings when its
// config cannot be used: at the top of the page, pointing at the config.
func configNotice(err error) lspDiagnostic {
	n := lspDiagnostic{Severity: lspError, Source: "podlint", Message: "not checked: config " + err.Error()}
	var ce *configError
	if errors.As(err, &ce) {
		at := lspPosition{}
		if ce.pos != nil {
			// The config's column counts code points; a config is
			// rarely outside the Basic Multilingual Plane.
			at = lspPosition{Line: ce.pos.Line - 1, Character: ce.pos.Column - 1}
		}
		n.RelatedInformation = []lspRelatedInformation{{Location: lspLocation{URI: pathToURI(ce.path), Range: lspRange{Start: at, End: at}}, Message: ce.msg}}
	}
	return n
}

// fadedRules are those whose finding is text that can simply go: editors
// show it faded (the Unnecessary tag).
var fadedRules = map[string]bool{"duplicate-intro": true, "duplicate-entity": true, "unused-suppression": true}

// lspDiagnostics turns findings into the editor's diagnostics.
func lspDiagnostics(uri string, ix *lineIndex, findings []rules.Diagnostic) []lspDiagnostic {
	out := make([]lspDiagnostic, len(findings))
	for i, f := range findings {
		d := lspDiagnostic{Range: ix.span(f.Span.Start, f.Span.End), Severity: lspWarning, Code: f.Rule,
			CodeDescription: &lspCodeDescription{Href: docsURL + "#" + f.Rule}, Source: "podlint", Message: f.Message}
		if f.Severity == rules.Error {
			d.Severity = lspError
		}
		if fadedRules[f.Rule] {
			d.Tags = []int{lspUnnecessary}
		}
		for _, r := range f.Related {
			d.RelatedInformation = append(d.RelatedInformation, lspRelatedInformation{
				Location: lspLocation{URI: uri, Range: ix.span(r.Span.Start, r.Span.End)}, Message: r.Message})
		}
		out[i] = d
	}
	return out
}
