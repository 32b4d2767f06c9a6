package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/schema"
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
	tr, err := transcript.Open(filepath.Dir(fixture), strings.TrimSuffix(base, filepath.Ext(base)))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// withTranscript sets a page's transcript on cfg.
func withTranscript(cfg *Config, t *transcript.Transcript) *Config {
	cfg.Transcript = t
	return cfg
}

// TestSharedExampleTranscript holds the format's clean example page to the
// fictional transcript written for it (testdata/transcripts/clean.vtt):
// nothing to report as it is, and one finding of each grounding rule once
// a quote is moved, one reworded, one given to the host and a chapter
// moved into the middle of a sentence.
func TestSharedExampleTranscript(t *testing.T) {
	page := string(sharedtest.Read(t, "examples/clean.md"))
	src, err := os.ReadFile("../testdata/transcripts/clean.vtt")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := transcript.Read("clean.vtt", src)
	if err != nil {
		t.Fatal(err)
	}
	grounding := func(page string) []string {
		var out []string
		for _, d := range Run(schema.Read("clean.md", []byte(page)), withTranscript(DefaultConfig(), tr)) {
			if Lookup(d.Rule).Category == Grounding {
				out = append(out, d.Rule)
			}
		}
		return out
	}
	if got := grounding(page); len(got) > 0 {
		t.Errorf("the clean example against its transcript: %v", got)
	}
	broken := page
	for _, edit := range [][2]string{
		{`a history, not a fact."* [22:13]`, `a history, not a fact."* [21:40]`},
		{`"Greenland is not the size of Africa, and it never was."`, `"Greenland is not half the size of Africa, and never was."`},
		{`before you believe it."* [1:00:55]`, `before you believe it."* — Jonah Vale [1:00:55]`},
		{`## [06:52] Mercator`, `## [07:58] Mercator`},
	} {
		if !strings.Contains(broken, edit[0]) {
			t.Fatalf("the example has no %q", edit[0])
		}
		broken = strings.Replace(broken, edit[0], edit[1], 1)
	}
	got := grounding(broken)
	slices.Sort(got)
	if want := []string{"chapter-mid-sentence", "quote-not-in-transcript", "quote-speaker-mismatch", "quote-time-drift"}; !slices.Equal(got, want) {
		t.Errorf("the broken example: %v; want %v", got, want)
	}
}
