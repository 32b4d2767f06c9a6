//go:build !race

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Built without the race detector, which makes moving 30 MB through
// encoding/json several times a minute's work: CI runs it on its own.

// TestLSPLargeDocument: a 30 MB page is taken, edited and answered for
// without holding up the session; over the size limit it is said to be
// not checked, as check says.
func TestLSPLargeDocument(t *testing.T) {
	dir, uri, text := workspace(t, "rules: {}\n", "rooftop.md")
	big := strings.Repeat("Bees 🐝 fly in a long paragraph about pollen and lindens.\n", 30<<20/60)
	bigURI := pathToURI(filepath.Join(dir, "big.md"))
	c := startServer(t, lspOptions{})
	c.initialize(`{}`, nil)
	c.open(bigURI, "markdown", big)
	c.open(uri, "markdown", text)
	if diags := c.diagnostics(uri, 1); len(diags) != 4 {
		t.Errorf("the small page beside the big one: %+v", summarize(diags))
	}
	diags := c.diagnostics(bigURI, 1)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "larger than the limit of 10 MiB") {
		t.Fatalf("30 MB page: %+v", diags)
	}
	// An edit at its end, in UTF-16 positions over half a million lines.
	lines := strings.Count(big, "\n")
	c.change(bigURI, 2, lspContentChange{Range: &lspRange{lspPosition{lines, 0}, lspPosition{lines, 0}}, Text: "## [1:5] Late\n"})
	if diags := c.diagnostics(bigURI, 2); len(diags) != 1 {
		t.Errorf("after an edit: %+v", diags)
	}
	var hover *lspHover
	c.call("textDocument/hover", lspTextDocumentPositionParams{TextDocument: lspTextDocumentIdentifier{URI: bigURI}, Position: lspPosition{lines, 3}}, &hover)
	if hover != nil {
		t.Errorf("hover on an unchecked page: %+v", hover)
	}
}
