package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/urfave/cli/v2"
)

// `podlint lsp` is a Language Server Protocol 3.17 server on standard input
// and output: diagnostics as a page is edited, each fix as a code action,
// the rule's explanation on hover.
//
// The JSON-RPC layer is github.com/sourcegraph/jsonrpc2: tagged releases
// kept up for years, no dependency the server links, and a Conn that both
// answers and calls, as the protocol needs (the server asks the client for
// its configuration and to watch config files). The protocol types are
// our own, in lsp_protocol.go: go.lsp.dev/protocol stopped at LSP 3.16 in
// 2022 (no positionEncoding) and brings in zap and thirty modules; gopls's
// types are internal to gopls; glsp is 3.16 too, with terminal and logging
// libraries behind it. The part of the protocol podlint speaks is small.

func lspCommand() *cli.Command {
	return &cli.Command{
		Name:  "lsp",
		Usage: "run the language server (LSP 3.17 on standard input and output) for editors",
		Description: "Editors start it to show podlint's findings as a page is edited and to offer\n" +
			"its fixes as code actions. Configuration comes from the nearest .podlint.yaml,\n" +
			"and from the editor: initializationOptions or the \"podlint\" section of its\n" +
			"settings (config, noConfig, enable, disable, debounceMs).",
		Flags: []cli.Flag{
			// Editors' generic clients add --stdio; standard I/O is the
			// only transport, so the flag changes nothing.
			&cli.BoolFlag{Name: "stdio", Usage: "talk over standard input and output (the default and only transport)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(fmt.Errorf("lsp takes no arguments"))
			}
			if code := serveLSP(c.App.Reader, c.App.Writer, nil, c.App.ErrWriter, lspOptions{}); code != 0 {
				return exitErr(code)
			}
			return nil
		},
	}
}

// lspDebounce is how long the server waits after a change before it checks
// the page: a burst of keystrokes is checked once. A typical page takes a
// few milliseconds more (BenchmarkLSPChangeToDiagnostics).
const lspDebounce = 20 * time.Millisecond

// lspOptions are what tests change in a server.
type lspOptions struct {
	debounce time.Duration // 0: lspDebounce
	// beforeRequest runs before a request's work, on its own goroutine.
	beforeRequest func(ctx context.Context, method string)
}

// serveLSP runs the language server until the client says exit or its
// input ends, and returns the exit code: 0 after shutdown and exit, 1
// when the client left without shutdown, as the protocol asks.
func serveLSP(in io.Reader, out io.Writer, closer io.Closer, stderr io.Writer, opts lspOptions) int {
	logger := log.New(stderr, "podlint lsp: ", log.LstdFlags)
	s := newLSPServer(logger, opts)
	stream := newLSPStream(in, out, closer, logger)
	conn := jsonrpc2.NewConn(context.Background(), stream, s, jsonrpc2.SetLogger(logger))
	s.mu.Lock()
	s.conn = conn
	s.mu.Unlock()
	<-conn.DisconnectNotify()
	s.stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutDown && s.exited {
		return exitClean
	}
	return exitFindings
}

// lspServer is one editor's session.
type lspServer struct {
	log  *log.Logger
	opts lspOptions

	mu       sync.Mutex
	conn     *jsonrpc2.Conn
	ready    bool // initialize answered
	shutDown bool
	exited   bool
	enc      positionEncoding
	client   lspClientCapabilities
	root     string // the workspace folder, for relative settings paths
	docs     map[string]*lspDocument
	// initSettings are initializationOptions; settings add the editor's
	// settings (workspace/configuration) over them.
	initSettings lspSettings
	settings     lspSettings
	res          *resolver
	// generation counts config reloads: an analysis made under an older
	// one is made again.
	generation int
	debounce   time.Duration
	// inflight cancels running requests by id ($/cancelRequest).
	inflight map[jsonrpc2.ID]context.CancelFunc
	// background counts goroutines to wait for when the session ends;
	// once stopped, no more start.
	background sync.WaitGroup
	stopped    bool
}

func newLSPServer(logger *log.Logger, opts lspOptions) *lspServer {
	s := &lspServer{log: logger, opts: opts, enc: utf16Positions, docs: map[string]*lspDocument{},
		inflight: map[jsonrpc2.ID]context.CancelFunc{}}
	s.debounce = s.defaultDebounce()
	s.res = s.newResolver()
	return s
}

// defaultDebounce is the wait after a change when the editor sets none.
func (s *lspServer) defaultDebounce() time.Duration {
	if s.opts.debounce != 0 {
		return s.opts.debounce
	}
	return lspDebounce
}

// Handle takes each message in the order it came, on the connection's
// reading goroutine: text changes are applied in order, and a request sees
// the text as of when it was sent. A request's work runs on a goroutine of
// its own, so that $/cancelRequest can reach it.
func (s *lspServer) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	s.mu.Lock()
	if s.conn == nil {
		s.conn = conn // the first message may come before NewConn returns
	}
	s.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("internal error on %s: %v (this is a bug in podlint)\n%s", req.Method, p, debug.Stack())
			if !req.Notif {
				s.replyError(req.ID, jsonrpc2.CodeInternalError, fmt.Sprintf("podlint crashed on %s: %v", req.Method, p))
			}
		}
	}()
	if req.Notif {
		s.notification(req)
		return
	}
	s.request(ctx, req)
}

func (s *lspServer) request(ctx context.Context, req *jsonrpc2.Request) {
	s.mu.Lock()
	ready, shutDown := s.ready, s.shutDown
	s.mu.Unlock()
	switch {
	case req.Method == "initialize":
		s.initialize(req)
		return
	case !ready:
		s.replyError(req.ID, lspServerNotInitialized, "the server is not initialized")
		return
	case shutDown:
		s.replyError(req.ID, jsonrpc2.CodeInvalidRequest, "the server is shut down")
		return
	case req.Method == "shutdown":
		s.mu.Lock()
		s.shutDown = true
		s.mu.Unlock()
		s.reply(req.ID, nil)
		return
	}
	var work func(context.Context) (any, error)
	switch req.Method {
	case "textDocument/codeAction":
		var p lspCodeActionParams
		if !s.params(req, &p) {
			return
		}
		snap := s.snapshot(p.TextDocument.URI)
		work = func(ctx context.Context) (any, error) { return s.codeActions(ctx, snap, p) }
	case "textDocument/hover":
		var p lspTextDocumentPositionParams
		if !s.params(req, &p) {
			return
		}
		snap := s.snapshot(p.TextDocument.URI)
		work = func(ctx context.Context) (any, error) { return s.hover(ctx, snap, p.Position) }
	default:
		s.replyError(req.ID, jsonrpc2.CodeMethodNotFound, "podlint does not serve "+req.Method)
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.inflight[req.ID] = cancel
	s.mu.Unlock()
	s.goBackground(func() {
		defer func() {
			s.mu.Lock()
			delete(s.inflight, req.ID)
			s.mu.Unlock()
			cancel()
		}()
		defer func() {
			// A crash is the request's answer, not the end of the session.
			if p := recover(); p != nil {
				s.log.Printf("internal error on %s: %v (this is a bug in podlint)\n%s", req.Method, p, debug.Stack())
				s.replyError(req.ID, jsonrpc2.CodeInternalError, fmt.Sprintf("podlint crashed on %s: %v", req.Method, p))
			}
		}()
		if s.opts.beforeRequest != nil {
			s.opts.beforeRequest(ctx, req.Method)
		}
		var result any
		err := ctx.Err()
		if err == nil {
			result, err = work(ctx)
		}
		switch {
		case ctx.Err() != nil:
			s.replyError(req.ID, lspRequestCancelled, "cancelled")
		case err != nil:
			s.replyError(req.ID, jsonrpc2.CodeInternalError, err.Error())
		default:
			s.reply(req.ID, result)
		}
	})
}

// goBackground runs f on a goroutine the session waits for at its end; a
// panic in it is logged, not the end of the server.
func (s *lspServer) goBackground(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		defer func() {
			if p := recover(); p != nil {
				s.log.Printf("internal error: %v (this is a bug in podlint)\n%s", p, debug.Stack())
			}
		}()
		f()
	}()
}

// params decodes a request's params, answering Invalid Params when they
// do not decode.
func (s *lspServer) params(req *jsonrpc2.Request, v any) bool {
	if err := decodeParams(req, v); err != nil {
		s.log.Printf("%s: %v", req.Method, err)
		s.replyError(req.ID, jsonrpc2.CodeInvalidParams, err.Error())
		return false
	}
	return true
}

func decodeParams(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return fmt.Errorf("no params")
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return fmt.Errorf("params: %w", err)
	}
	return nil
}

func (s *lspServer) notification(req *jsonrpc2.Request) {
	s.mu.Lock()
	ready, shutDown := s.ready, s.shutDown
	s.mu.Unlock()
	if req.Method == "exit" {
		s.exit()
		return
	}
	if !ready || shutDown {
		return // dropped, as the protocol says
	}
	decode := func(v any) bool {
		if err := decodeParams(req, v); err != nil {
			s.log.Printf("%s: %v; ignored", req.Method, err)
			return false
		}
		return true
	}
	switch req.Method {
	case "initialized":
		s.goBackground(s.initialized)
	case "$/cancelRequest":
		notice(decode, func(p lspCancelParams) { s.cancel(p.ID) })
	case "textDocument/didOpen":
		notice(decode, s.didOpen)
	case "textDocument/didChange":
		notice(decode, s.didChange)
	case "textDocument/didSave":
		notice(decode, s.didSave)
	case "textDocument/didClose":
		notice(decode, s.didClose)
	case "workspace/didChangeWatchedFiles":
		notice(decode, func(p lspDidChangeWatchedFilesParams) {
			s.reloadConfig(fmt.Sprintf("%d watched files changed", len(p.Changes)))
		})
	case "workspace/didChangeConfiguration":
		notice(decode, s.didChangeConfiguration)
	}
	// Anything else ($/setTrace, $/progress, ...) needs no answer.
}

// notice hands a notification's params to f, when they decode.
func notice[P any](decode func(any) bool, f func(P)) {
	var p P
	if decode(&p) {
		f(p)
	}
}

// cancel cancels the running request with the id, if any.
func (s *lspServer) cancel(raw json.RawMessage) {
	var id jsonrpc2.ID
	if err := json.Unmarshal(raw, &id); err != nil {
		s.log.Printf("$/cancelRequest: id %s: %v", raw, err)
		return
	}
	s.mu.Lock()
	cancel := s.inflight[id]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// exit ends the session: the connection closes and serveLSP returns.
func (s *lspServer) exit() {
	s.mu.Lock()
	s.exited = true
	conn := s.conn
	s.mu.Unlock()
	if conn != nil {
		_ = conn.Close()
	}
}

// stop ends what runs in the background once the connection is gone.
func (s *lspServer) stop() {
	s.mu.Lock()
	s.stopped = true
	for _, d := range s.docs {
		d.stopTimer()
	}
	for _, cancel := range s.inflight {
		cancel()
	}
	s.mu.Unlock()
	s.background.Wait()
}

func (s *lspServer) reply(id jsonrpc2.ID, result any) {
	if err := s.connection().Reply(context.Background(), id, result); err != nil {
		s.log.Printf("reply to %s: %v", id, err)
	}
}

func (s *lspServer) replyError(id jsonrpc2.ID, code int64, msg string) {
	if err := s.connection().ReplyWithError(context.Background(), id, &jsonrpc2.Error{Code: code, Message: msg}); err != nil {
		s.log.Printf("reply to %s: %v", id, err)
	}
}

func (s *lspServer) notify(method string, params any) {
	if err := s.connection().Notify(context.Background(), method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("%s: %v", method, err)
	}
}

func (s *lspServer) connection() *jsonrpc2.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn
}

// showError tells the user of a problem in the editor, and logs it.
func (s *lspServer) showError(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.log.Print(msg)
	s.notify("window/showMessage", lspMessageParams{Type: lspMessageError, Message: "podlint: " + msg})
}
