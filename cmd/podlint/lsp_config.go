package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/podlint/podlint/rules"
)

// lspSettings are what an editor may set, in initializationOptions or in
// the "podlint" section of its settings (workspace/configuration); the
// latter win, field by field. They are the command line's flags.
type lspSettings struct {
	// Config is a config file for every page (--config); relative to the
	// workspace folder.
	Config   string   `json:"config,omitempty"`
	NoConfig bool     `json:"noConfig,omitempty"` // --no-config
	Enable   []string `json:"enable,omitempty"`   // --enable
	Disable  []string `json:"disable,omitempty"`  // --disable
	// DebounceMs is how long after a change a page is checked.
	DebounceMs *int `json:"debounceMs,omitempty"`
}

// overlay reads settings JSON over s: the fields it sets replace s's.
func (s lspSettings) overlay(raw json.RawMessage) (lspSettings, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return s, nil
	}
	out := s
	out.Enable, out.Disable = append([]string(nil), s.Enable...), append([]string(nil), s.Disable...)
	if err := json.Unmarshal(raw, &out); err != nil {
		return s, fmt.Errorf("settings: %w", err)
	}
	return out, nil
}

func (s *lspServer) initialize(req *jsonrpc2.Request) {
	var p lspInitializeParams
	if !s.params(req, &p) {
		return
	}
	settings, err := lspSettings{}.overlay(p.InitializationOptions)
	if err != nil {
		s.log.Printf("initializationOptions: %v; ignored", err)
	}
	s.mu.Lock()
	if s.ready {
		s.mu.Unlock()
		s.replyError(req.ID, jsonrpc2.CodeInvalidRequest, "initialize was already received")
		return
	}
	s.client = p.Capabilities
	s.enc = chooseEncoding(p.Capabilities.General.PositionEncodings)
	s.root = workspaceRoot(p)
	s.initSettings = settings
	problem := s.useSettingsLocked(settings)
	s.res = s.newResolver()
	s.ready = true
	result := lspInitializeResult{
		Capabilities: lspServerCapabilities{
			PositionEncoding:   s.enc,
			TextDocumentSync:   lspTextDocumentSync{OpenClose: true, Change: lspIncremental, Save: lspSaveOpts{IncludeText: false}},
			CodeActionProvider: lspCodeActionOptions{CodeActionKinds: []string{lspQuickFix, lspFixAllKind}},
			HoverProvider:      true,
		},
		ServerInfo: lspServerInfo{Name: "podlint", Version: version()},
	}
	s.mu.Unlock()
	s.reply(req.ID, result)
	if problem != "" {
		s.showError("%s", problem)
	}
}

// workspaceRoot is the folder the editor opened, as a path ("" if none).
func workspaceRoot(p lspInitializeParams) string {
	for _, f := range p.WorkspaceFolders {
		if path, ok := uriToPath(f.URI); ok {
			return path
		}
	}
	if path, ok := uriToPath(p.RootURI); ok {
		return path
	}
	return p.RootPath
}

// initialized asks the client to watch config files and for its settings.
func (s *lspServer) initialized() {
	s.mu.Lock()
	watch := s.client.Workspace.DidChangeWatchedFiles.DynamicRegistration
	pull := s.client.Workspace.Configuration
	s.mu.Unlock()
	if watch {
		var watchers []lspFileWatcher
		for _, name := range configNames {
			watchers = append(watchers, lspFileWatcher{GlobPattern: "**/" + name})
		}
		reg := lspRegistrationParams{Registrations: []lspRegistration{{
			ID: "podlint-config", Method: "workspace/didChangeWatchedFiles", RegisterOptions: lspWatchOptions{Watchers: watchers},
		}}}
		if err := s.call("client/registerCapability", reg, nil); err != nil {
			s.log.Printf("watching config files: %v", err)
		}
	}
	if pull {
		s.pullSettings()
	}
}

// call makes a request of the client and waits for its answer, a while at
// most: an editor that never answers does not hold a goroutine forever.
func (s *lspServer) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.connection().Call(ctx, method, params, result)
}

// pullSettings asks for the editor's "podlint" settings and uses them.
func (s *lspServer) pullSettings() {
	var answer []json.RawMessage
	err := s.call("workspace/configuration", lspConfigurationParams{Items: []lspConfigurationItem{{Section: "podlint"}}}, &answer)
	if err != nil || len(answer) == 0 {
		if err != nil {
			s.log.Printf("workspace/configuration: %v", err)
		}
		return
	}
	s.mu.Lock()
	settings, err := s.initSettings.overlay(answer[0])
	s.mu.Unlock()
	if err != nil {
		s.showError("%v", err)
		return
	}
	s.useSettings(settings, "the editor's settings")
}

// didChangeConfiguration takes pushed settings ({"podlint": {...}}), or
// pulls them when the client only says that they changed.
func (s *lspServer) didChangeConfiguration(p lspDidChangeConfigurationParams) {
	var pushed struct {
		Podlint json.RawMessage `json:"podlint"`
	}
	if json.Unmarshal(p.Settings, &pushed) == nil && len(pushed.Podlint) > 0 {
		s.mu.Lock()
		settings, err := s.initSettings.overlay(pushed.Podlint)
		s.mu.Unlock()
		if err != nil {
			s.showError("%v", err)
			return
		}
		s.useSettings(settings, "the editor's settings")
		return
	}
	s.mu.Lock()
	pull := s.client.Workspace.Configuration
	s.mu.Unlock()
	if pull {
		s.goBackground(s.pullSettings)
	}
}

// useSettings takes new settings and checks the open pages again.
func (s *lspServer) useSettings(settings lspSettings, from string) {
	s.mu.Lock()
	problem := s.useSettingsLocked(settings)
	s.mu.Unlock()
	if problem != "" {
		s.showError("%s", problem)
	}
	s.reloadConfig(from + " changed")
}

// useSettingsLocked takes settings; a rule list that names no rule is
// dropped, and what is wrong is returned for the user.
func (s *lspServer) useSettingsLocked(settings lspSettings) (problem string) {
	if _, err := rules.Select(settings.Enable, settings.Disable); err != nil {
		problem = fmt.Sprintf("settings: %v; enable and disable are ignored", err)
		settings.Enable, settings.Disable = nil, nil
	}
	if settings.Config != "" && !filepath.IsAbs(settings.Config) && s.root != "" {
		settings.Config = filepath.Join(s.root, settings.Config)
	}
	s.settings = settings
	s.debounce = s.defaultDebounce()
	if settings.DebounceMs != nil && *settings.DebounceMs >= 0 {
		s.debounce = time.Duration(*settings.DebounceMs) * time.Millisecond
	}
	return problem
}

// newResolver finds each page's config as the settings say; the server
// holds one until a config file or the settings change.
func (s *lspServer) newResolver() *resolver {
	st := s.settings
	return newResolver(st.Config, st.NoConfig, st.Enable, st.Disable, 0)
}

// reloadConfig forgets every config read and checks the open pages again.
func (s *lspServer) reloadConfig(why string) {
	s.mu.Lock()
	s.res = s.newResolver()
	s.generation++
	docs := make([]*lspDocument, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, d)
	}
	s.mu.Unlock()
	s.log.Printf("config reloaded: %s", why)
	for _, d := range docs {
		s.schedule(d, 0)
	}
}

// isConfigFile tells a podlint config file by its name.
func isConfigFile(path string) bool {
	base := filepath.Base(path)
	for _, name := range configNames {
		if base == name {
			return true
		}
	}
	return false
}

// uriToPath is the file a file: URI names.
func uriToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	path := u.Path
	if runtime.GOOS == "windows" {
		// file:///C:/dir names C:\dir.
		path = strings.TrimPrefix(path, "/")
	}
	return filepath.FromSlash(path), true
}

// pathToURI is the file: URI of a path.
func pathToURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	slashed := filepath.ToSlash(abs)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed // C:/dir
	}
	return (&url.URL{Scheme: "file", Path: slashed}).String()
}
