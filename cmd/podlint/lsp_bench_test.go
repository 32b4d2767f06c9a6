//go:build unix

package main

import (
	"syscall"
	"testing"
	"time"
)

// BenchmarkLSPChangeToDiagnostics is the time from a keystroke to its
// diagnostics on a typical page (typical.md: 15 KB, 27 chapters, a leaked
// JSON blob and the orphan headings it leaves, as podgen writes the site's
// pages): the editor sends didChange, the server waits out its debounce,
// checks the page and publishes, the editor reads the diagnostics. Each op
// types a character into the summary or takes it out again. Run with
// the default debounce, and with none (the check and the protocol alone).
// Beside the time, cpu-ms/op is the processor time the whole process (the
// server and the client) spent per keystroke: on a busy machine the time
// waits for a processor, the processor time does not.
//
//	go test ./cmd/podlint -run '^$' -bench LSPChangeToDiagnostics -benchtime 200x
func BenchmarkLSPChangeToDiagnostics(b *testing.B) {
	for _, bc := range []struct {
		name    string
		options any
	}{
		{"debounce=20ms", nil},
		{"debounce=0", map[string]any{"debounceMs": 0}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			_, uri, text := workspace(b, "rules: {}\n", "typical.md")
			c := startServer(b, lspOptions{})
			c.initialize(`{}`, bc.options)
			c.open(uri, "markdown", text)
			want := len(c.diagnostics(uri, 1))
			at := lspPosition{Line: 6, Character: 0} // the summary
			b.ResetTimer()
			cpu := processTime()
			for i := 0; i < b.N; i++ {
				version := i + 2
				if i%2 == 0 {
					c.change(uri, version, lspContentChange{Range: &lspRange{at, at}, Text: "x"})
				} else {
					c.change(uri, version, lspContentChange{Range: &lspRange{at, lspPosition{Line: at.Line, Character: 1}}, Text: ""})
				}
				if got := len(c.diagnostics(uri, version)); got != want {
					b.Fatalf("version %d: %d diagnostics, want %d", version, got, want)
				}
			}
			b.ReportMetric(float64(processTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// processTime is the processor time the process has used.
func processTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
