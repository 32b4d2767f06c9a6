package main

import "encoding/json"

// The part of the Language Server Protocol 3.17 that `podlint lsp` speaks,
// as the specification names it: the messages of text synchronisation,
// diagnostics, code actions, hover and configuration. The JSON-RPC layer
// beneath is github.com/sourcegraph/jsonrpc2 (see lsp.go for why these
// types are our own).

type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

// contains tells whether p falls in the range, its end included (an
// editor's cursor after the last character of a finding is on it).
func (r lspRange) contains(p lspPosition) bool {
	return !p.before(r.Start) && !r.End.before(p)
}

// overlaps tells whether two ranges share a position, ends included.
func (r lspRange) overlaps(o lspRange) bool {
	return !r.End.before(o.Start) && !o.End.before(r.Start)
}

func (p lspPosition) before(o lspPosition) bool {
	return p.Line < o.Line || p.Line == o.Line && p.Character < o.Character
}

type lspLocation struct {
	URI   string   `json:"uri"`
	Range lspRange `json:"range"`
}

// Diagnostic severities and tags.
const (
	lspError   = 1
	lspWarning = 2

	lspUnnecessary = 1 // rendered faded: text that can go
)

type lspDiagnostic struct {
	Range              lspRange                `json:"range"`
	Severity           int                     `json:"severity"`
	Code               string                  `json:"code,omitempty"`
	CodeDescription    *lspCodeDescription     `json:"codeDescription,omitempty"`
	Source             string                  `json:"source"`
	Message            string                  `json:"message"`
	Tags               []int                   `json:"tags,omitempty"`
	RelatedInformation []lspRelatedInformation `json:"relatedInformation,omitempty"`
}

type lspCodeDescription struct {
	Href string `json:"href"`
}

type lspRelatedInformation struct {
	Location lspLocation `json:"location"`
	Message  string      `json:"message"`
}

type lspPublishDiagnosticsParams struct {
	URI         string          `json:"uri"`
	Version     *int            `json:"version,omitempty"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
}

type lspInitializeParams struct {
	RootURI               string                `json:"rootUri"`
	RootPath              string                `json:"rootPath"`
	WorkspaceFolders      []lspWorkspaceFolder  `json:"workspaceFolders"`
	InitializationOptions json.RawMessage       `json:"initializationOptions"`
	Capabilities          lspClientCapabilities `json:"capabilities"`
}

type lspWorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// lspClientCapabilities holds the client's capabilities the server acts on.
type lspClientCapabilities struct {
	General struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	Workspace struct {
		Configuration         bool `json:"configuration"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		WorkspaceEdit struct {
			DocumentChanges bool `json:"documentChanges"`
		} `json:"workspaceEdit"`
	} `json:"workspace"`
}

type lspInitializeResult struct {
	Capabilities lspServerCapabilities `json:"capabilities"`
	ServerInfo   lspServerInfo         `json:"serverInfo"`
}

type lspServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type lspServerCapabilities struct {
	PositionEncoding   positionEncoding     `json:"positionEncoding"`
	TextDocumentSync   lspTextDocumentSync  `json:"textDocumentSync"`
	CodeActionProvider lspCodeActionOptions `json:"codeActionProvider"`
	HoverProvider      bool                 `json:"hoverProvider"`
}

// Text document sync kinds.
const lspIncremental = 2

type lspTextDocumentSync struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      lspSaveOpts `json:"save"`
}

type lspSaveOpts struct {
	IncludeText bool `json:"includeText"`
}

type lspCodeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

type lspTextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int    `json:"version"`
	Text       string `json:"text"`
}

type lspTextDocumentIdentifier struct {
	URI string `json:"uri"`
}

type lspVersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version *int   `json:"version"`
}

type lspDidOpenParams struct {
	TextDocument lspTextDocumentItem `json:"textDocument"`
}

type lspDidChangeParams struct {
	TextDocument   lspVersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []lspContentChange                 `json:"contentChanges"`
}

// lspContentChange replaces Range with Text, or the whole text when Range
// is absent.
type lspContentChange struct {
	Range *lspRange `json:"range"`
	Text  string    `json:"text"`
}

type lspDidCloseParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
}

type lspDidSaveParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	Text         *string                   `json:"text"`
}

type lspCodeActionParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	Range        lspRange                  `json:"range"`
	Context      struct {
		Only []string `json:"only"`
	} `json:"context"`
}

// Code action kinds.
const (
	lspQuickFix   = "quickfix"
	lspFixAllKind = "source.fixAll.podlint"
)

type lspCodeAction struct {
	Title       string           `json:"title"`
	Kind        string           `json:"kind"`
	Diagnostics []lspDiagnostic  `json:"diagnostics,omitempty"`
	IsPreferred bool             `json:"isPreferred,omitempty"`
	Edit        lspWorkspaceEdit `json:"edit"`
}

type lspWorkspaceEdit struct {
	Changes         map[string][]lspTextEdit `json:"changes,omitempty"`
	DocumentChanges []lspTextDocumentEdit    `json:"documentChanges,omitempty"`
}

type lspTextDocumentEdit struct {
	TextDocument lspVersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []lspTextEdit                      `json:"edits"`
}

type lspTextEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

type lspTextDocumentPositionParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	Position     lspPosition               `json:"position"`
}

type lspHover struct {
	Contents lspMarkupContent `json:"contents"`
	Range    *lspRange        `json:"range,omitempty"`
}

type lspMarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type lspDidChangeWatchedFilesParams struct {
	Changes []struct {
		URI  string `json:"uri"`
		Type int    `json:"type"`
	} `json:"changes"`
}

type lspDidChangeConfigurationParams struct {
	Settings json.RawMessage `json:"settings"`
}

type lspConfigurationParams struct {
	Items []lspConfigurationItem `json:"items"`
}

type lspConfigurationItem struct {
	Section string `json:"section"`
}

type lspRegistrationParams struct {
	Registrations []lspRegistration `json:"registrations"`
}

type lspRegistration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions"`
}

type lspFileWatcher struct {
	GlobPattern string `json:"globPattern"`
}

type lspWatchOptions struct {
	Watchers []lspFileWatcher `json:"watchers"`
}

// The message type of window/showMessage for an error.
const lspMessageError = 1

type lspMessageParams struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}

type lspCancelParams struct {
	ID json.RawMessage `json:"id"`
}

// Error codes of the protocol beyond JSON-RPC's own.
const (
	lspServerNotInitialized = -32002
	lspRequestCancelled     = -32800
)
