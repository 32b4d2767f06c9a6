package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/rules"
)

// The language server is driven here as an editor drives it: a JSON-RPC
// client (jsonrpc2, the library's own, not the server's stream) on one
// end of a pair of pipes, `podlint lsp`'s serve loop on the other.

// testClient is an editor: it sends what an editor sends and keeps what
// the server sends it.
type testClient struct {
	t      testing.TB
	conn   *jsonrpc2.Conn
	diags  chan lspPublishDiagnosticsParams
	shown  chan lspMessageParams
	exit   chan int
	stderr *lockedBuffer

	// registered has what client/registerCapability asked for.
	registered chan lspRegistrationParams

	mu       sync.Mutex
	settings json.RawMessage // the answer to workspace/configuration
}

// lockedBuffer is the server's log, written and read at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// pipeEnds joins a reader and a writer into the connection of one side.
type pipeEnds struct {
	io.Reader
	io.Writer
	close func() error
}

func (p pipeEnds) Close() error { return p.close() }

// startServer starts a server on pipes and a client on their other ends,
// not yet initialized.
func startServer(t testing.TB, opts lspOptions) *testClient {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	c := &testClient{t: t, diags: make(chan lspPublishDiagnosticsParams, 100), shown: make(chan lspMessageParams, 100),
		registered: make(chan lspRegistrationParams, 10), exit: make(chan int, 1), stderr: &lockedBuffer{}}
	serverEnd := closerFunc(func() error {
		_ = toServer.Close()
		return fromServer.Close()
	})
	go func() {
		c.exit <- serveLSP(toServer, fromServer, serverEnd, c.stderr, opts)
	}()
	stream := jsonrpc2.NewBufferedStream(pipeEnds{Reader: toClient, Writer: fromClient, close: func() error {
		_ = fromClient.Close()
		return toClient.Close()
	}}, jsonrpc2.VSCodeObjectCodec{})
	c.conn = jsonrpc2.NewConn(context.Background(), stream, jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(func() {
		_ = c.conn.Close()
		select {
		case <-c.exit:
		case <-time.After(10 * time.Second):
			t.Errorf("the server did not end when its client went away")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", c.stderr)
		}
	})
	return c
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }

// handle answers what the server sends the client.
func (c *testClient) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p lspPublishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		c.diags <- p
	case "window/showMessage":
		var p lspMessageParams
		_ = json.Unmarshal(*req.Params, &p)
		c.shown <- p
	case "workspace/configuration":
		c.mu.Lock()
		defer c.mu.Unlock()
		settings := c.settings
		if settings == nil {
			settings = json.RawMessage("null")
		}
		return []json.RawMessage{settings}, nil
	case "client/registerCapability":
		var p lspRegistrationParams
		_ = json.Unmarshal(*req.Params, &p)
		c.registered <- p
		return nil, nil
	}
	return nil, nil
}

// initialize initializes the server with the client capabilities given as
// JSON, and returns the server's answer.
func (c *testClient) initialize(capabilities string, options any) lspInitializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": json.RawMessage(capabilities)}
	if options != nil {
		params["initializationOptions"] = options
	}
	var result lspInitializeResult
	c.call("initialize", params, &result)
	c.notify("initialized", struct{}{})
	return result
}

func (c *testClient) call(method string, params, result any) {
	c.t.Helper()
	if err := c.callErr(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *testClient) callErr(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// open opens a page in the server, as an editor does with a file.
func (c *testClient) open(uri, language, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, LanguageID: language, Version: 1, Text: text}})
}

// change sends edits of the page as its version.
func (c *testClient) change(uri string, version int, changes ...lspContentChange) {
	c.t.Helper()
	c.notify("textDocument/didChange", lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: &version}, ContentChanges: changes})
}

// diagnostics waits for the findings published for the page at version
// (any version when version is 0), passing over earlier ones.
func (c *testClient) diagnostics(uri string, version int) []lspDiagnostic {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri && (version == 0 || p.Version != nil && *p.Version == version) {
				return p.Diagnostics
			}
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

// until waits for the page's findings to be those of the rules named, in
// order: the server checks the page again on each change of settings, and
// a check under earlier settings may still come first.
func (c *testClient) until(uri string, want []string) {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	var last []string
	for {
		select {
		case p := <-c.diags:
			if p.URI != uri {
				continue
			}
			if last = codes(p.Diagnostics); slices.Equal(last, want) {
				return
			}
		case <-deadline:
			c.t.Fatalf("%s: findings of %v, want %v", uri, last, want)
		}
	}
}

// workspace makes a folder with a config and a copy of a test page.
func workspace(t testing.TB, config, page string) (dir, uri, text string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".podlint.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "lsp", page))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, page)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, pathToURI(path), string(src)
}

// summary is a diagnostic as the tests compare it.
type diagSummary struct {
	code                      string
	severity                  int
	line, start, endLine, end int
}

func summarize(diags []lspDiagnostic) []diagSummary {
	var out []diagSummary
	for _, d := range diags {
		out = append(out, diagSummary{d.Code, d.Severity, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character})
	}
	return out
}

// rooftopUTF16 are rooftop.md's findings in UTF-16 positions. Line 8 has
// two emoji (two code units each) and an em dash before the timestamp's
// "00:5": code point column 75 (0-based), UTF-16 77, bytes 83. Line 19 has
// an emoji before the entity type "person" and text after it: code point
// 23, UTF-16 24, bytes 26.
var rooftopUTF16 = []diagSummary{
	{"timestamp-format", lspError, 8, 77, 8, 81},
	{"quote-fragment", lspError, 15, 2, 15, 11},
	{"entity-type", lspWarning, 19, 24, 19, 30},
	{"duplicate-entity", lspWarning, 21, 0, 21, 62},
}

func TestLSPDiagnosticsInUTF16(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	c := startServer(t, lspOptions{})
	init := c.initialize(`{}`, nil)
	if init.Capabilities.PositionEncoding != utf16Positions {
		t.Errorf("positionEncoding %q, want utf-16 when the client offers none", init.Capabilities.PositionEncoding)
	}
	c.open(uri, "markdown", text)
	diags := c.diagnostics(uri, 1)
	if got := summarize(diags); !slices.Equal(got, rooftopUTF16) {
		t.Errorf("diagnostics\n got %+v\nwant %+v", got, rooftopUTF16)
	}
	// The UTF-16 range covers the text the finding is about.
	line := strings.Split(text, "\n")[8]
	if got := utf16Slice(line, 77, 81); got != "00:5" {
		t.Errorf("the timestamp's range covers %q, want 00:5", got)
	}
	for _, d := range diags {
		if d.Source != "podlint" || d.CodeDescription == nil || d.CodeDescription.Href != docsURL+"#"+d.Code {
			t.Errorf("%s: source %q, codeDescription %+v", d.Code, d.Source, d.CodeDescription)
		}
	}
	dup := diags[3]
	if !slices.Equal(dup.Tags, []int{lspUnnecessary}) {
		t.Errorf("duplicate-entity tags %v, want Unnecessary", dup.Tags)
	}
	want := lspRelatedInformation{Location: lspLocation{URI: uri, Range: lspRange{Start: lspPosition{20, 0}, End: lspPosition{20, 62}}}, Message: `the first entry of "Linden"`}
	if len(dup.RelatedInformation) != 1 || dup.RelatedInformation[0] != want {
		t.Errorf("duplicate-entity related %+v, want %+v", dup.RelatedInformation, want)
	}
}

func TestLSPDiagnosticsInUTF8(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	c := startServer(t, lspOptions{})
	init := c.initialize(`{"general": {"positionEncodings": ["utf-16", "utf-8"]}}`, nil)
	if init.Capabilities.PositionEncoding != utf8Positions {
		t.Fatalf("positionEncoding %q, want utf-8 when the client offers it", init.Capabilities.PositionEncoding)
	}
	c.open(uri, "markdown", text)
	got := summarize(c.diagnostics(uri, 1))
	if want := (diagSummary{"timestamp-format", lspError, 8, 83, 8, 87}); got[0] != want {
		t.Errorf("timestamp-format %+v, want %+v", got[0], want)
	}
	if line := strings.Split(text, "\n")[8]; line[83:87] != "00:5" {
		t.Errorf("the byte range covers %q", line[83:87])
	}
}

// utf16Slice cuts a line at UTF-16 code unit offsets, as an editor counts.
func utf16Slice(line string, start, end int) string {
	units := utf16.Encode([]rune(line))
	return string(utf16.Decode(units[start:end]))
}

// applyEdits applies LSP edits to text, counting UTF-16 as an editor
// does (independently of the server's own conversion): each edit's range
// is against the text before all of them, as the protocol says.
func applyEdits(t testing.TB, text string, edits []lspTextEdit) string {
	t.Helper()
	type cut struct {
		start, end int
		text       string
	}
	var cuts []cut
	for _, e := range edits {
		cuts = append(cuts, cut{utf16Offset(text, e.Range.Start), utf16Offset(text, e.Range.End), e.NewText})
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].start > cuts[j].start })
	for _, c := range cuts {
		text = text[:c.start] + c.text + text[c.end:]
	}
	return text
}

// utf16Offset is the byte offset of a UTF-16 position in text with LF
// line ends.
func utf16Offset(text string, p lspPosition) int {
	lines := strings.SplitAfter(text, "\n")
	at := 0
	for _, l := range lines[:p.Line] {
		at += len(l)
	}
	line := strings.TrimSuffix(lines[p.Line], "\n")
	units := utf16.Encode([]rune(line))
	return at + len(string(utf16.Decode(units[:p.Character])))
}

func (c *testClient) codeActions(uri string, r lspRange, only ...string) []lspCodeAction {
	c.t.Helper()
	params := map[string]any{"textDocument": map[string]string{"uri": uri}, "range": r, "context": map[string]any{"diagnostics": []any{}}}
	if only != nil {
		params["context"] = map[string]any{"diagnostics": []any{}, "only": only}
	}
	var actions []lspCodeAction
	c.call("textDocument/codeAction", params, &actions)
	return actions
}

var wholePage = lspRange{End: lspPosition{Line: 1000}}

// editsOf are the edits an action makes to the page, whichever form the
// workspace edit takes.
func editsOf(t testing.TB, a lspCodeAction, uri string, version int) []lspTextEdit {
	t.Helper()
	if a.Edit.Changes != nil {
		return a.Edit.Changes[uri]
	}
	if len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("%s: %d document changes", a.Title, len(a.Edit.DocumentChanges))
	}
	dc := a.Edit.DocumentChanges[0]
	if dc.TextDocument.URI != uri || dc.TextDocument.Version == nil || *dc.TextDocument.Version != version {
		t.Errorf("%s: edits for %s version %v, want %s version %d", a.Title, dc.TextDocument.URI, dc.TextDocument.Version, uri, version)
	}
	return dc.Edits
}

// asChanges turns edits into didChange content changes: each against the
// text the ones before it left, so from the last edit to the first.
func asChanges(edits []lspTextEdit) []lspContentChange {
	sorted := slices.Clone(edits)
	sort.Slice(sorted, func(i, j int) bool { return sorted[j].Range.Start.before(sorted[i].Range.Start) })
	var out []lspContentChange
	for _, e := range sorted {
		r := e.Range
		out = append(out, lspContentChange{Range: &r, Text: e.NewText})
	}
	return out
}

// openRooftop starts a server for an editor with the capabilities given
// as JSON, opens rooftop.md in it, and waits for its findings.
func openRooftop(t *testing.T, capabilities string) (c *testClient, uri, text string, diags []lspDiagnostic) {
	t.Helper()
	_, uri, text = workspace(t, "rules: {}\n", "rooftop.md")
	c = startServer(t, lspOptions{})
	c.initialize(capabilities, nil)
	c.open(uri, "markdown", text)
	return c, uri, text, c.diagnostics(uri, 1)
}

// TestLSPFixAll: the page's safe fixes as one source.fixAll action, the
// same page `podlint fix --write` writes; applied, the page is clean.
func TestLSPFixAll(t *testing.T) {
	c, uri, text, _ := openRooftop(t, `{"workspace": {"workspaceEdit": {"documentChanges": true}}}`)
	actions := c.codeActions(uri, wholePage, "source.fixAll")
	if len(actions) != 1 || actions[0].Kind != lspFixAllKind {
		t.Fatalf("actions for source.fixAll: %+v", actions)
	}
	edits := editsOf(t, actions[0], uri, 1)
	fixed := applyEdits(t, text, edits)
	out, err := fixers.Run(filepath.Base(uri), []byte(text), fixers.Options{Config: rules.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	if fixed != string(out.Src) {
		t.Errorf("fix all gives\n%s\nwant what podlint fix writes:\n%s", fixed, out.Src)
	}
	c.change(uri, 2, asChanges(edits)...)
	if diags := c.diagnostics(uri, 2); len(diags) != 0 {
		t.Errorf("after fix all: %+v", summarize(diags))
	}
}

// TestLSPQuickFixes applies each finding's quick fix, one at a time, as a
// reviewer would, until the page is clean.
func TestLSPQuickFixes(t *testing.T) {
	c, uri, text, diags := openRooftop(t, `{}`)
	version := 1
	var titles []string
	for len(diags) > 0 {
		d := diags[0]
		actions := c.codeActions(uri, d.Range, "quickfix")
		if len(actions) != 1 {
			t.Fatalf("%s: %d quick fixes: %+v", d.Code, len(actions), actions)
		}
		a := actions[0]
		if a.Kind != lspQuickFix || !a.IsPreferred || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != d.Code {
			t.Errorf("%s: action %+v", d.Code, a)
		}
		titles = append(titles, a.Title)
		edits := editsOf(t, a, uri, version)
		text = applyEdits(t, text, edits)
		version++
		c.change(uri, version, asChanges(edits)...)
		next := c.diagnostics(uri, version)
		if len(next) != len(diags)-1 {
			t.Fatalf("after %q: %+v", a.Title, summarize(next))
		}
		diags = next
	}
	want := []string{
		"Rewrite a timestamp in canonical form (timestamp-format)",
		"Attach a [m, s] time pair to the quote before it (quote-fragment)",
		"Capitalize an entity type as the vocabulary writes it (entity-type)",
		"Delete an exact duplicate entity (duplicate-entity)",
	}
	if !slices.Equal(titles, want) {
		t.Errorf("quick fixes\n got %q\nwant %q", titles, want)
	}
	if !strings.Contains(text, "Ada Pemberton [00:05]") || !strings.Contains(text, "(Person)") {
		t.Errorf("fixed page:\n%s", text)
	}
}

// TestLSPUnsafeQuickFix: a fix that may drop words is offered, said to be
// unsafe, and not preferred; fix all leaves it.
func TestLSPUnsafeQuickFix(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "near-repeat.md")
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.open(uri, "markdown", text)
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 || diags[0].Code != "duplicate-intro" {
		t.Fatalf("diagnostics %+v", summarize(diags))
	}
	actions := c.codeActions(uri, diags[0].Range)
	if len(actions) != 1 {
		t.Fatalf("actions %+v", actions)
	}
	if a := actions[0]; a.IsPreferred || !strings.Contains(a.Title, "unsafe") || a.Kind != lspQuickFix {
		t.Errorf("unsafe fix offered as %+v", a)
	}
}

// TestLSPLeakedNote: the editor's diagnostic says what check says of a
// leaked blob left whole, why it is.
func TestLSPLeakedNote(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "leaked-guess.md")
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.open(uri, "markdown", text)
	diags := c.diagnostics(uri, 1)
	i := slices.IndexFunc(diags, func(d lspDiagnostic) bool { return d.Code == "leaked-json" })
	if i < 0 || !strings.HasSuffix(diags[i].Message, `; left whole: the speaker "Oskar*" holds marks that would not read back on a quote line`) {
		t.Errorf("diagnostics %+v", diags)
	}
}

func TestLSPHover(t *testing.T) {
	c, uri, _, _ := openRooftop(t, `{}`)
	var hover lspHover
	c.call("textDocument/hover", lspTextDocumentPositionParams{TextDocument: lspTextDocumentIdentifier{URI: uri}, Position: lspPosition{8, 79}}, &hover)
	rule := rules.Lookup("timestamp-format")
	for _, want := range []string{"timestamp-format", rule.Title, rule.Doc, "canonical-timestamp", docsURL + "#timestamp-format"} {
		if !strings.Contains(hover.Contents.Value, want) {
			t.Errorf("hover lacks %q:\n%s", want, hover.Contents.Value)
		}
	}
	if hover.Range == nil || *hover.Range != (lspRange{lspPosition{8, 77}, lspPosition{8, 81}}) {
		t.Errorf("hover range %+v", hover.Range)
	}
	var none *lspHover
	c.call("textDocument/hover", lspTextDocumentPositionParams{TextDocument: lspTextDocumentIdentifier{URI: uri}, Position: lspPosition{0, 3}}, &none)
	if none != nil {
		t.Errorf("hover off any finding: %+v", none)
	}
}

// TestLSPIncrementalChange: an edit after an emoji, in UTF-16 positions,
// lands where the editor meant it.
func TestLSPIncrementalChange(t *testing.T) {
	c, uri, _, _ := openRooftop(t, `{}`)
	// "00:5" is at UTF-16 77-81 on line 8: make it "00:05".
	c.change(uri, 2, lspContentChange{Range: &lspRange{lspPosition{8, 80}, lspPosition{8, 80}}, Text: "0"})
	got := summarize(c.diagnostics(uri, 2))
	if len(got) != 3 || got[0].code != "quote-fragment" {
		t.Errorf("after the edit: %+v", got)
	}
}

// TestLSPConfigReload: the nearest .podlint.yaml governs the page, and a
// change to it (workspace/didChangeWatchedFiles) changes the findings.
func TestLSPConfigReload(t *testing.T) {
	dir, uri, text := workspace(t, "rules:\n  entity-type: off\n", "rooftop.md")
	c := startServer(t, lspOptions{})
	c.initialize(`{"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}`, nil)
	c.open(uri, "markdown", text)
	if got := codes(c.diagnostics(uri, 1)); slices.Contains(got, "entity-type") || len(got) != 3 {
		t.Errorf("with entity-type off: %v", got)
	}
	config := filepath.Join(dir, ".podlint.yaml")
	if err := os.WriteFile(config, []byte("rules:\n  duplicate-entity: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": pathToURI(config), "type": 2}}})
	diags := c.diagnostics(uri, 1)
	if got := codes(diags); !slices.Equal(got, []string{"timestamp-format", "quote-fragment", "entity-type", "duplicate-entity"}) {
		t.Errorf("after the config changed: %v", got)
	}
	if diags[3].Severity != lspError {
		t.Errorf("duplicate-entity severity %d, want error as the config now says", diags[3].Severity)
	}
	select {
	case reg := <-c.registered:
		if got, _ := json.Marshal(reg); !strings.Contains(string(got), `"method":"workspace/didChangeWatchedFiles","registerOptions":{"watchers":[{"globPattern":"**/.podlint.yaml"}`) {
			t.Errorf("registered %s", got)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("the server did not ask to watch config files")
	}
	// A broken config: the page is not checked, and says why and where.
	if err := os.WriteFile(config, []byte("rules:\n  entity-type: sometimes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": pathToURI(config), "type": 2}}})
	diags = c.diagnostics(uri, 1)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "not checked: config") ||
		len(diags[0].RelatedInformation) != 1 || diags[0].RelatedInformation[0].Location.URI != pathToURI(config) ||
		diags[0].RelatedInformation[0].Location.Range.Start.Line != 1 {
		t.Errorf("with a broken config: %+v", diags)
	}
}

// TestLSPSave: a save checks the page again, and saving the config in the
// editor reloads it, for editors that do not watch files (Neovim 0.7).
func TestLSPSave(t *testing.T) {
	dir, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.open(uri, "markdown", text)
	c.diagnostics(uri, 1)
	c.notify("textDocument/didSave", lspDidSaveParams{TextDocument: lspTextDocumentIdentifier{URI: uri}})
	if got := codes(c.diagnostics(uri, 1)); len(got) != 4 {
		t.Errorf("after a save: %v", got)
	}
	config := filepath.Join(dir, ".podlint.yaml")
	c.open(pathToURI(config), "yaml", "rules: {}\n")
	if err := os.WriteFile(config, []byte("ignore: [timing]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", lspDidSaveParams{TextDocument: lspTextDocumentIdentifier{URI: pathToURI(config)}})
	c.until(uri, []string{"quote-fragment", "entity-type", "duplicate-entity"})
}

// TestLSPGrounding: a config that names a transcript folder has the page
// checked against its transcript, as check does.
func TestLSPGrounding(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".podlint.yaml":                 "transcripts: transcripts/\n",
		"rooftop-hives.md":              "../../testdata/demo/rooftop-hives.md",
		"transcripts/rooftop-hives.vtt": "../../testdata/transcripts/rooftop-hives.vtt",
	}
	for name, from := range files {
		data := []byte(from)
		if strings.HasPrefix(from, "../") {
			var err error
			if data, err = os.ReadFile(from); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(dir, "rooftop-hives.md")
	text, _ := os.ReadFile(page)
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.open(pathToURI(page), "markdown", string(text))
	if got := codes(c.diagnostics(pathToURI(page), 1)); !slices.Equal(got, []string{"quote-time-drift", "quote-not-in-transcript"}) {
		t.Errorf("against the transcript: %v", got)
	}
}

func codes(diags []lspDiagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Code)
	}
	return out
}

// TestLSPEditorSettings: initializationOptions and workspace/configuration
// choose rules as --enable and --disable do; the editor's settings win.
func TestLSPEditorSettings(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	c := startServer(t, lspOptions{})
	c.settings = json.RawMessage(`{"disable": ["duplicate-entity"]}`)
	c.initialize(`{"workspace": {"configuration": true}}`, map[string]any{"disable": []string{"quote-fragment"}})
	c.open(uri, "markdown", text)
	// The first check may come before the settings are pulled: the
	// findings under them come next.
	c.until(uri, []string{"timestamp-format", "quote-fragment", "entity-type"})
	// Pushed settings replace them.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"podlint": map[string]any{"enable": []string{"timing"}}}})
	c.until(uri, []string{"timestamp-format"})
	// A rule that does not exist is said so, not a silent nothing.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"podlint": map[string]any{"enable": []string{"timestamps"}}}})
	select {
	case m := <-c.shown:
		if m.Type != lspMessageError || !strings.Contains(m.Message, `"timestamps"`) {
			t.Errorf("message %+v", m)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("no message about an unknown rule")
	}
}

// TestLSPInitializationOptions: an editor that only gives options at
// start (no workspace/configuration) has them applied from the first check.
func TestLSPInitializationOptions(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, map[string]any{"enable": []string{"entities"}})
	c.open(uri, "markdown", text)
	if got := codes(c.diagnostics(uri, 1)); !slices.Equal(got, []string{"entity-type", "duplicate-entity"}) {
		t.Errorf("with enable [entities]: %v", got)
	}
}

// TestLSPConfigExclude: a page the config excludes is passed over, as
// check passes over it.
func TestLSPConfigExclude(t *testing.T) {
	dir, _, text := workspace(t, "exclude: [\"drafts/**\"]\n", "rooftop.md")
	draft := filepath.Join(dir, "drafts", "rooftop.md")
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.open(pathToURI(draft), "markdown", text)
	if diags := c.diagnostics(pathToURI(draft), 1); len(diags) != 0 {
		t.Errorf("an excluded page: %+v", summarize(diags))
	}
}

// TestLSPNotAnEpisode: a README or a package.json open in the editor is
// passed over, as check passes over it, and so is a language podlint does
// not read.
func TestLSPNotAnEpisode(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	pages := []struct{ name, language, text string }{
		{"README.md", "markdown", "# Tools\n\nHow to set up.\n\n## Install\n\n- run make\n- run make install\n\n```sh\nmake\n```\n"},
		{"package.json", "json", `{"name": "site", "version": "1.0.0"}`},
		{"notes.txt", "plaintext", "## [1:5] not a page\n"},
	}
	for _, p := range pages {
		uri := pathToURI(filepath.Join(dir, p.name))
		c.open(uri, p.language, p.text)
		if diags := c.diagnostics(uri, 1); len(diags) != 0 {
			t.Errorf("%s: %+v", p.name, diags)
		}
	}
	// An unsaved buffer is a page too: checked under the defaults.
	c.open("untitled:Untitled-1", "markdown", "# Title\n\n## [1:5] Start\n")
	if got := codes(c.diagnostics("untitled:Untitled-1", 1)); !slices.Contains(got, "timestamp-format") {
		t.Errorf("untitled buffer: %v", got)
	}
}

// TestLSPCancel: $/cancelRequest reaches a running request, which answers
// RequestCancelled.
func TestLSPCancel(t *testing.T) {
	_, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	started := make(chan struct{})
	c := startServer(t, lspOptions{beforeRequest: func(ctx context.Context, method string) {
		if method == "textDocument/codeAction" {
			close(started)
			<-ctx.Done() // the work is under way when the cancel comes
		}
	}})
	c.initialize(`{}`, nil)
	c.open(uri, "markdown", text)
	c.diagnostics(uri, 1)
	id := jsonrpc2.ID{Num: 4242}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	call, err := c.conn.DispatchCall(ctx, "textDocument/codeAction", lspCodeActionParams{TextDocument: lspTextDocumentIdentifier{URI: uri}, Range: wholePage}, jsonrpc2.PickID(id))
	if err != nil {
		t.Fatal(err)
	}
	<-started
	c.notify("$/cancelRequest", map[string]any{"id": 4242})
	var result any
	err = call.Wait(ctx, &result)
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != lspRequestCancelled {
		t.Errorf("cancelled request answered %v, %v; want error %d", result, err, lspRequestCancelled)
	}
	// The session goes on.
	var hover lspHover
	c.call("textDocument/hover", lspTextDocumentPositionParams{TextDocument: lspTextDocumentIdentifier{URI: uri}, Position: lspPosition{8, 79}}, &hover)
	if !strings.Contains(hover.Contents.Value, "timestamp-format") {
		t.Errorf("hover after a cancel: %+v", hover)
	}
}

// TestLSPCrashInRequest: a request that panics is answered with an
// internal error and logged; the session goes on.
func TestLSPCrashInRequest(t *testing.T) {
	c := startServer(t, lspOptions{beforeRequest: func(_ context.Context, method string) {
		if method == "textDocument/codeAction" {
			panic("a bug")
		}
	}})
	c.initialize(`{}`, nil)
	var rpcErr *jsonrpc2.Error
	err := c.callErr("textDocument/codeAction", lspCodeActionParams{TextDocument: lspTextDocumentIdentifier{URI: "file:///a.md"}}, nil)
	if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.CodeInternalError {
		t.Errorf("a request that crashed: %v", err)
	}
	var hover *lspHover
	c.call("textDocument/hover", lspTextDocumentPositionParams{TextDocument: lspTextDocumentIdentifier{URI: "file:///a.md"}}, &hover)
	if !strings.Contains(c.stderr.String(), "internal error on textDocument/codeAction: a bug") {
		t.Errorf("the crash is not in the log:\n%s", c.stderr)
	}
}

// TestLSPLifecycle: requests before initialize and after shutdown are
// refused; exit ends the server, with 0 after shutdown and 1 without.
func TestLSPLifecycle(t *testing.T) {
	c := startServer(t, lspOptions{})
	var rpcErr *jsonrpc2.Error
	if err := c.callErr("textDocument/hover", lspTextDocumentPositionParams{}, nil); !errors.As(err, &rpcErr) || rpcErr.Code != lspServerNotInitialized {
		t.Errorf("hover before initialize: %v", err)
	}
	c.initialize(`{}`, nil)
	if err := c.callErr("initialize", map[string]any{"capabilities": map[string]any{}}, nil); !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.CodeInvalidRequest {
		t.Errorf("a second initialize: %v", err)
	}
	if err := c.callErr("textDocument/definition", lspTextDocumentPositionParams{}, nil); !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.CodeMethodNotFound {
		t.Errorf("a method podlint does not serve: %v", err)
	}
	c.call("shutdown", nil, nil)
	if err := c.callErr("textDocument/hover", lspTextDocumentPositionParams{}, nil); !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.CodeInvalidRequest {
		t.Errorf("hover after shutdown: %v", err)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.exit:
		c.exit <- code // for the cleanup
		if code != 0 {
			t.Errorf("exit after shutdown: code %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
	select {
	case <-c.conn.DisconnectNotify():
	case <-time.After(10 * time.Second):
		t.Error("the server did not close the connection")
	}

	c = startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.notify("exit", nil)
	select {
	case code := <-c.exit:
		c.exit <- code
		if code != 1 {
			t.Errorf("exit without shutdown: code %d, want 1", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// TestLSPMalformedMessages writes broken frames straight into the server:
// each is logged and passed over (answered when it carries an id), and the
// session goes on.
func TestLSPMalformedMessages(t *testing.T) {
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	stderr := &lockedBuffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- serveLSP(toServer, fromServer, closerFunc(func() error { _ = toServer.Close(); return fromServer.Close() }), stderr, lspOptions{})
	}()
	defer func() {
		_ = fromClient.Close()
		<-exit
	}()
	frames := newFrameReader(toClient)
	send := func(raw string) {
		t.Helper()
		if _, err := io.WriteString(fromClient, raw); err != nil {
			t.Fatal(err)
		}
	}
	frame := func(body string) string { return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body }

	send(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`))
	if got := frames.next(t); !strings.Contains(got, `"id":1`) || !strings.Contains(got, `"capabilities"`) {
		t.Fatalf("initialize: %s", got)
	}
	cases := []struct {
		name, raw string
		id        string // the id of the error answered; "" for no answer
		code      int
	}{
		{"not JSON", frame(`{"jsonrpc":"2.0","id":2,"method":`), "null", -32700},
		{"neither request nor response", frame(`{"jsonrpc":"2.0","id":3}`), "3", -32600},
		{"an id of the wrong type", frame(`{"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}`), "null", -32600},
		{"a batch", frame(`[{"jsonrpc":"2.0","id":4,"method":"shutdown"}]`), "null", -32600},
		{"params of the wrong type", frame(`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":[1,2]}`), "5", -32602},
		{"a notification with bad params", frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":7}}`), "", 0},
		{"junk lines without a header", "hello\r\nthis is not a header\r\n\r\n", "", 0},
		{"a bad Content-Length", "Content-Length: many\r\n\r\n", "", 0},
		{"LF line ends", "Content-Length: 2\n\n{}", "null", -32600},
	}
	type answer struct {
		ID     json.RawMessage `json:"id"`
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code int `json:"code"`
		} `json:"error"`
	}
	read := func() answer {
		t.Helper()
		var a answer
		if err := json.Unmarshal([]byte(frames.next(t)), &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, tc := range cases {
		send(tc.raw)
		// A request after each: its answer comes after any answer to the
		// broken one, so both are read in order.
		send(frame(`{"jsonrpc":"2.0","id":99,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.md"},"position":{"line":0,"character":0}}}`))
		got := read()
		if tc.id != "" {
			if string(got.ID) != tc.id || got.Error == nil || got.Error.Code != tc.code {
				t.Errorf("%s: answered id %s, error %+v; want id %s, code %d", tc.name, got.ID, got.Error, tc.id, tc.code)
			}
			got = read()
		}
		if string(got.ID) != "99" || got.Error != nil || string(got.Result) != "null" {
			t.Errorf("%s: the next request was answered id %s, error %+v, result %s", tc.name, got.ID, got.Error, got.Result)
		}
	}
	if n := strings.Count(stderr.String(), "malformed message"); n < 6 {
		t.Errorf("%d malformed messages logged:\n%s", n, stderr)
	}
}

// frameReader reads the server's frames as raw JSON.
type frameReader struct {
	frames chan string
}

func newFrameReader(r io.Reader) *frameReader {
	f := &frameReader{frames: make(chan string, 100)}
	go func() {
		s := newLSPStream(r, io.Discard, nil, nil)
		for {
			body, err := s.readFrame()
			if err != nil {
				close(f.frames)
				return
			}
			f.frames <- string(body)
		}
	}()
	return f
}

func (f *frameReader) next(t testing.TB) string {
	t.Helper()
	select {
	case s, ok := <-f.frames:
		if !ok {
			t.Fatal("the server closed its output")
		}
		return s
	case <-time.After(20 * time.Second):
		t.Fatal("no answer from the server")
	}
	return ""
}

func TestChangedSpan(t *testing.T) {
	for _, tc := range []struct{ before, after string }{
		{"abc", "abc"},
		{"a🐝c", "a🌼c"}, // the emoji share their first bytes
		{"abc", "abxc"},
		{"", "new"},
		{"old", ""},
		{"aaa", "aa"},
	} {
		start, end, text := changedSpan([]byte(tc.before), []byte(tc.after))
		if got := tc.before[:start] + text + tc.before[end:]; got != tc.after {
			t.Errorf("%q → %q: %d-%d %q gives %q", tc.before, tc.after, start, end, text, got)
		}
		if !utf8.ValidString(text) {
			t.Errorf("%q → %q: replacement %q cuts a character", tc.before, tc.after, text)
		}
	}
}
