package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// printfFileText is writeFileText as it was written with fmt: the lines the
// built buffer must reproduce byte for byte.
func printfFileText(w *bytes.Buffer, f fileReport, color bool) {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	for _, it := range f.items {
		sev := it.severity.String()
		if it.severity == rules.Error {
			sev = paint(ansiRed, sev)
		} else {
			sev = paint(ansiYellow, sev)
		}
		fmt.Fprintf(w, "%s: %s %s: %s\n", paint(ansiBold, fmt.Sprintf("%s:%d:%d", visible(f.path), it.start.Line, it.start.Column)), sev, paint(ansiDim, it.rule), visible(it.message))
		for _, r := range it.related {
			fmt.Fprintf(w, "    %s: %s %s\n", fmt.Sprintf("%s:%d:%d", visible(f.path), r.start.Line, r.start.Column), paint(ansiDim, "note:"), visible(r.text))
		}
	}
}

// TestFileTextAsPrintf holds the text format's lines to the printf form on
// random reports: paths and messages with control characters, bidirectional
// overrides and bytes that are not UTF-8, related notes, both severities,
// with and without colour; every other report through the buffer the one
// before it was built in, as a run prints its files.
func TestFileTextAsPrintf(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 1))
	pieces := []string{"page.md", "a b/ep.md", "x\x1by", "\u202eevil", "\xff\xfe", "tab\there", "ünï", "\n", ":", "quote “x”", "", "\u009b31m"}
	text := func() string {
		s := ""
		for range rng.IntN(4) {
			s += pieces[rng.IntN(len(pieces))]
		}
		return s
	}
	pos := func() schema.Position { return schema.Position{Line: rng.IntN(100000), Column: rng.IntN(300)} }
	var scratch []byte
	for n := range 2000 {
		f := fileReport{path: text()}
		for range rng.IntN(5) {
			it := item{rule: rules.Names()[rng.IntN(len(rules.Names()))], severity: rules.Severity(rng.IntN(3)), message: text(), start: pos()}
			for range rng.IntN(3) {
				it.related = append(it.related, suggestion{start: pos(), text: text()})
			}
			f.items = append(f.items, it)
		}
		color := n%2 == 1
		var got, want bytes.Buffer
		if n%4 < 2 {
			writeFileText(&got, f, color, &scratch)
		} else {
			writeFileText(&got, f, color, nil)
		}
		printfFileText(&want, f, color)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("report %d (color %v):\ngot  %q\nwant %q", n, color, got.String(), want.String())
		}
	}
}
