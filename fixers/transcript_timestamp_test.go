package fixers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/transcript"
)

// fixtureConfig is the config a fixer fixture runs with: the defaults,
// with the transcript beside it (its stem with .vtt or .srt) if any.
func fixtureConfig(t *testing.T, fixture string) *rules.Config {
	t.Helper()
	cfg := rules.DefaultConfig()
	base := filepath.Base(fixture)
	var err error
	if cfg.Transcript, err = transcript.Open(filepath.Dir(fixture), strings.TrimSuffix(base, filepath.Ext(base))); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// availabilityConfig is the config TestFixAvailability checks a page
// with: the defaults, with the transcript beside the page when the page
// is a file that has one (the fixtures of the grounding rules), so that
// what those rules state about their fixes is held to the fixer too.
func availabilityConfig(t *testing.T, name string) *rules.Config {
	t.Helper()
	if _, err := os.Stat(name); err != nil {
		return rules.DefaultConfig()
	}
	return fixtureConfig(t, name)
}
