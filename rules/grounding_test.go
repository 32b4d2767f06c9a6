package rules

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlint/podlint/transcript"
)

// isTranscript tells a fixture's transcript: FIXTURE's stem with .vtt or
// .srt, found beside it as the CLI finds one in --transcript DIR.
func isTranscript(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".vtt" || ext == ".srt"
}

// fixtureTranscript reads the transcript beside a fixture, if any.
func fixtureTranscript(t *testing.T, fixture string) *transcript.Transcript {
	t.Helper()
	stem := strings.TrimSuffix(fixture, filepath.Ext(fixture))
	for _, ext := range []string{".vtt", ".srt"} {
		src, err := os.ReadFile(stem + ext)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		tr, err := transcript.Read(stem+ext, src)
		if err != nil {
			t.Fatalf("%s%s: %v", stem, ext, err)
		}
		return tr
	}
	return nil
}

// withTranscript sets a page's transcript on cfg.
func withTranscript(cfg *Config, t *transcript.Transcript) *Config {
	cfg.Transcript = t
	return cfg
}
