package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/transcript"
)

// isTranscript tells a fixture's transcript: FIXTURE's stem with .vtt or
// .srt, found beside it as the CLI finds one in --transcript DIR.
func isTranscript(path string) bool {
	return slices.Contains(transcript.Extensions, strings.ToLower(filepath.Ext(path)))
}

// fixtureTranscript reads the transcript beside a fixture, if any.
func fixtureTranscript(t *testing.T, fixture string) *transcript.Transcript {
	t.Helper()
	base := filepath.Base(fixture)
	path := transcript.Beside(filepath.Dir(fixture), strings.TrimSuffix(base, filepath.Ext(base)))
	if path == "" {
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := transcript.Read(path, src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tr
}

// withTranscript sets a page's transcript on cfg.
func withTranscript(cfg *Config, t *transcript.Transcript) *Config {
	cfg.Transcript = t
	return cfg
}
