package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/rules"
)

// nvimSession is what the editor saw, as the script below writes it.
type nvimSession struct {
	Error  string           `json:"error"`
	Before []nvimDiagnostic `json:"before"`
	Fixes  int              `json:"fixes"`
	After  []nvimDiagnostic `json:"after"`
}

// nvimDiagnostic is vim.diagnostic's form: 0-based lines, byte columns.
type nvimDiagnostic struct {
	Lnum     int    `json:"lnum"`
	Col      int    `json:"col"`
	EndLnum  int    `json:"end_lnum"`
	EndCol   int    `json:"end_col"`
	Severity int    `json:"severity"`
	Code     string `json:"code"`
	Source   string `json:"source"`
}

// nvimScript runs in headless Neovim: it starts `podlint lsp` for the
// page (vim.lsp.start where Neovim has it, vim.lsp.start_client on the 0.7
// series Debian 12 ships), waits for the diagnostics, asks for the
// source.fixAll action and applies it, saves, waits for the diagnostics of
// the fixed page, and writes what it saw for the test to read.
const nvimScript = `
local out = os.getenv("PODLINT_NVIM_OUT")
local function finish(result)
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end
local function seen(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = tostring(d.code), source = d.source})
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum end)
  return list
end
local function session()
  local buf = vim.api.nvim_get_current_buf()
  local config = {name = "podlint", cmd = {os.getenv("PODLINT_BIN"), "lsp"}, root_dir = vim.fn.getcwd()}
  if vim.lsp.start then
    vim.lsp.start(config)
  else
    vim.lsp.buf_attach_client(buf, vim.lsp.start_client(config))
  end
  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    return {error = "no diagnostics came"}
  end
  local result = {before = seen(buf), fixes = 0}
  local params = {
    textDocument = {uri = vim.uri_from_bufnr(buf)},
    range = {start = {line = 0, character = 0}, ["end"] = {line = vim.api.nvim_buf_line_count(buf), character = 0}},
    context = {diagnostics = {}, only = {"source.fixAll"}},
  }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 30000) or {}
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      result.fixes = result.fixes + 1
    end
  end
  vim.cmd("write")
  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 20) then
    result.error = "diagnostics remained after the fix"
  end
  result.after = seen(buf)
  return result
end
vim.api.nvim_create_autocmd("VimEnter", {callback = function()
  local ok, result = pcall(session)
  if not ok then result = {error = tostring(result)} end
  finish(result)
end})
`

// TestLSPNeovim has a real editor as the client: headless Neovim opens a
// page, receives its findings (the columns checked as Neovim turns the
// server's UTF-16 positions into bytes, on a line with emoji before the
// finding), applies fix all, saves, and sees the page clean.
func TestLSPNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (Debian: apt-get install neovim): the end-to-end test with a real editor is skipped")
	}
	bin, err := exec.LookPath("podlint") // the test binary, as podlint (TestMain)
	if err != nil {
		t.Fatal(err)
	}
	dir, _, text := workspace(t, "rules: {}\n", "rooftop.md")
	script := filepath.Join(t.TempDir(), "init.lua")
	out := filepath.Join(t.TempDir(), "session.json")
	if err := os.WriteFile(script, []byte(nvimScript), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", script, "rooftop.md")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PODLINT_NVIM_OUT="+out, "PODLINT_BIN="+bin, "XDG_STATE_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, output)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("Neovim wrote no session: %v", err)
	}
	t.Logf("Neovim's session: %s", data)
	var s nvimSession
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("session %s: %v", data, err)
	}
	if s.Error != "" {
		t.Errorf("in Neovim: %s", s.Error)
	}
	// Neovim's severities: 1 error, 2 warning. Columns are bytes, which
	// Neovim counts from the server's UTF-16: "person" is at UTF-16 24 on
	// its line, after an emoji, byte 26. (Past a line's end Neovim keeps
	// the number it is given: the timestamp at the end of line 8 would
	// not tell the encodings apart.)
	want := []nvimDiagnostic{
		{8, 83, 8, 87, 1, "timestamp-format", "podlint"},
		{15, 2, 15, 11, 1, "quote-fragment", "podlint"},
		{19, 26, 19, 32, 2, "entity-type", "podlint"},
		{21, 0, 21, 62, 2, "duplicate-entity", "podlint"},
	}
	if !slices.Equal(s.Before, want) {
		t.Errorf("Neovim received\n%+v\nwant\n%+v", s.Before, want)
	}
	if s.Fixes != 1 || len(s.After) != 0 {
		t.Errorf("after fix all (%d actions applied): %+v", s.Fixes, s.After)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "rooftop.md"))
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := fixers.Run("rooftop.md", []byte(text), fixers.Options{Config: rules.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	if string(saved) != string(fixed.Src) {
		t.Errorf("Neovim saved\n%s\nwant what podlint fix writes\n%s", saved, fixed.Src)
	}
}
