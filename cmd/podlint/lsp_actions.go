package main

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/rules"
)

// codeActions offers, for the findings in the range, each one's fix as a
// quick fix (the unsafe ones said to be), and the whole page's safe fixes
// as source.fixAll.podlint: what `podlint fix --write` would write.
func (s *lspServer) codeActions(ctx context.Context, snap lspSnapshot, p lspCodeActionParams) (any, error) {
	actions := []lspCodeAction{}
	if snap.doc == nil {
		return actions, nil
	}
	a := s.analysis(snap)
	if a.doc == nil || len(a.findings) == 0 {
		return actions, nil
	}
	quick, all := wantsKind(p.Context.Only, lspQuickFix), wantsKind(p.Context.Only, lspFixAllKind)
	ix := a.index.cursor()
	for i, f := range a.findings {
		if !quick {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !a.diagnostics[i].Range.overlaps(p.Range) {
			continue
		}
		fix, err := fixers.One(a.doc, a.findings, a.cfg, f, false)
		if fix == nil && err == nil {
			fix, err = fixers.One(a.doc, a.findings, a.cfg, f, true)
		}
		if err != nil {
			s.log.Printf("%s: %s: %v", snap.doc.path, f.Rule, err)
			continue
		}
		if fix == nil {
			continue
		}
		title := fmt.Sprintf("%s (%s)", fix.Fixer.Title, f.Rule)
		if fix.Safety == fixers.Unsafe {
			title = fmt.Sprintf("%s (%s; unsafe: may drop or reword text)", fix.Fixer.Title, f.Rule)
		}
		edits := make([]lspTextEdit, len(fix.Edits))
		for j, e := range fix.Edits {
			edits[j] = ix.textEdit(e.Start, e.End, e.New)
		}
		actions = append(actions, lspCodeAction{Title: title, Kind: lspQuickFix, Diagnostics: []lspDiagnostic{a.diagnostics[i]},
			IsPreferred: fix.Safety == fixers.Safe, Edit: s.workspaceEdit(snap.doc.uri, a.version, edits)})
	}
	if all {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if fx := s.fixAllOf(snap.doc.path, a); fx != nil {
			actions = append(actions, lspCodeAction{Title: fmt.Sprintf("Fix all safe problems in this file (podlint: %s)", plural(fx.applied, "fix")),
				Kind: lspFixAllKind, Edit: s.workspaceEdit(snap.doc.uri, a.version, []lspTextEdit{ix.textEdit(fx.start, fx.end, fx.text)})})
		}
	}
	return actions, nil
}

// pageFix is the one replacement of src[start:end] that fixes a page, and
// how many fixes it makes.
type pageFix struct {
	start, end int
	text       string
	applied    int
}

// fixAllOf fixes the analysed page as `podlint fix --write` does, through
// the same engine: safe fixes only, every guard. nil: nothing to fix.
func (s *lspServer) fixAllOf(name string, a *lspAnalysis) *pageFix {
	a.fixAllOnce.Do(func() {
		if len(a.findings) == 0 {
			return
		}
		out, err := fixers.Run(a.doc.Path, a.text, fixers.Options{Config: a.cfg})
		if err != nil {
			s.log.Printf("%s: %v", name, err)
			return
		}
		for _, r := range out.Rejected {
			s.log.Printf("%s: fixer %s: %v (this is a bug in podlint; that fix was not applied)", name, r.Fixer, r.Err)
		}
		if !out.Changed() {
			return
		}
		fx := &pageFix{}
		for _, n := range out.Applied {
			fx.applied += n
		}
		fx.start, fx.end, fx.text = changedSpan(a.text, out.Src)
		a.fixAll = fx
	})
	return a.fixAll
}

// wantsKind tells whether a code action of kind is asked for: only lists
// kinds and their parents ("source" asks for "source.fixAll.podlint");
// no list asks for every kind.
func wantsKind(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// workspaceEdit holds edits of one page, tied to the version they were
// made for when the client can check it.
func (s *lspServer) workspaceEdit(uri string, version int, edits []lspTextEdit) lspWorkspaceEdit {
	s.mu.Lock()
	versioned := s.client.Workspace.WorkspaceEdit.DocumentChanges
	s.mu.Unlock()
	if versioned {
		return lspWorkspaceEdit{DocumentChanges: []lspTextDocumentEdit{{
			TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: &version}, Edits: edits}}}
	}
	return lspWorkspaceEdit{Changes: map[string][]lspTextEdit{uri: edits}}
}

// changedSpan is the one replacement that turns before into after: what
// lies between their common start and common end, on character bounds.
func changedSpan(before, after []byte) (start, end int, text string) {
	n := min(len(before), len(after))
	for start < n && before[start] == after[start] {
		start++
	}
	for start > 0 && start < len(before) && !utf8.RuneStart(before[start]) {
		start--
	}
	tail := 0
	for tail < n-start && before[len(before)-1-tail] == after[len(after)-1-tail] {
		tail++
	}
	for tail > 0 && !utf8.RuneStart(before[len(before)-tail]) {
		tail--
	}
	return start, len(before) - tail, string(after[start : len(after)-tail])
}

// hover explains the findings under the cursor: each one's message, its
// rule's documentation and fix, and a link to the rule's reference.
func (s *lspServer) hover(_ context.Context, snap lspSnapshot, at lspPosition) (any, error) {
	if snap.doc == nil {
		return nil, nil
	}
	a := s.analysis(snap)
	var parts []string
	var span *lspRange
	for i, f := range a.findings {
		if !a.diagnostics[i].Range.contains(at) {
			continue
		}
		if span == nil {
			r := a.diagnostics[i].Range
			span = &r
		}
		parts = append(parts, ruleHover(f))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return lspHover{Contents: lspMarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: span}, nil
}

// ruleHover is one finding explained, in Markdown.
func ruleHover(f rules.Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**podlint `%s`** (%s): %s", f.Rule, f.Severity, f.Message)
	if r := rules.Lookup(f.Rule); r != nil {
		fmt.Fprintf(&b, "\n\n**%s.** %s", r.Title, r.Doc)
	}
	for _, fx := range fixers.For(f.Rule) {
		fmt.Fprintf(&b, "\n\nFix `%s` (%s): %s.", fx.Name, fx.Safety, fx.Title)
	}
	fmt.Fprintf(&b, "\n\n[%s in the rule reference](%s#%s)", f.Rule, docsURL, f.Rule)
	return b.String()
}
