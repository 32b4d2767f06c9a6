package fixers

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/rules"
)

func TestExamplesFixToClean(t *testing.T) {
	clean := sharedtest.Read(t, "examples/clean.md")
	for _, name := range []string{"quote-fragments.md", "mixed-defects.md"} {
		out, err := Run(name, sharedtest.Read(t, "examples/"+name), Options{Config: rules.DefaultConfig()})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Src, clean) {
			t.Errorf("%s does not fix to clean.md:\n%s", name, Unified(name, clean, out.Src))
		}
		if len(out.Remaining) != 0 {
			t.Errorf("%s: findings remain: %v", name, out.Remaining)
		}
	}
}

var timestampedQuote = regexp.MustCompile(`(?m)^> \*".*"\*( — [^\[]+)? \[\d+(:\d\d)+\]$`)

func TestRailwaySample(t *testing.T) {
	out, err := Run("railway.md", sharedtest.Read(t, "samples/railway-agent-native-cloud.md"), Options{Config: rules.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(timestampedQuote.FindAll(out.Src, -1)); n != 47 {
		t.Errorf("%d timestamped quotes after fixing, want 47", n)
	}
	for _, d := range out.Remaining {
		if d.Rule == "quote-fragment" || d.Severity == rules.Error {
			t.Errorf("remaining after fix: %s %s", d.Rule, d.Message)
		}
	}
}

// TestLeakedExampleFixesToFixed: the leaked example, structured and
// flattened the way the scraper flattens pages, fixes to the same page
// with nothing left to report (restore and recover as one repair).
func TestLeakedExampleFixesToFixed(t *testing.T) {
	want := sharedtest.Read(t, "examples/leaked-json.fixed.md")
	for _, name := range []string{"leaked-json.md", "leaked-json.collapsed.md"} {
		out, err := Run(name, sharedtest.Read(t, "examples/"+name), Options{Config: rules.DefaultConfig()})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Src, want) {
			t.Errorf("%s does not fix to leaked-json.fixed.md:\n%s", name, Unified(name, want, out.Src))
		}
		if len(out.Remaining) != 0 {
			t.Errorf("%s: findings remain: %v", name, out.Remaining)
		}
	}
}

// The field samples hold no leak: recovery must not fire on them.
func TestSamplesHaveNoLeak(t *testing.T) {
	for _, name := range []string{"railway-agent-native-cloud.md", "github-agent-era.md", "pocock-engineering-fundamentals.md", "devin-80-percent.md"} {
		out, err := Run(name, sharedtest.Read(t, "samples/"+name), Options{Config: rules.DefaultConfig()})
		if err != nil {
			t.Fatal(err)
		}
		if out.Applied["recover-leaked"] > 0 {
			t.Errorf("%s: recover-leaked applied to a page with no leak", name)
		}
		for _, d := range out.Remaining {
			if d.Rule == "leaked-json" {
				t.Errorf("%s: leaked-json finding: %s", name, d.Message)
			}
		}
	}
}

// The two scraped samples come back as the structured pages byte for byte
// when restore-lines is the only fixer.
func TestCollapsedSamplesRestore(t *testing.T) {
	for _, name := range []string{"railway-agent-native-cloud.md", "github-agent-era.md"} {
		flat := sharedtest.Read(t, "samples/collapsed/"+name)
		want := sharedtest.Read(t, "samples/"+name)
		out, err := Run(name, flat, Options{Config: rules.DefaultConfig(), Fixers: []*Fixer{restoreLines}})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Src, want) {
			t.Errorf("%s: restored page differs:\n%.3000s", name, Unified(name, want, out.Src))
		}
		for _, d := range out.Remaining {
			if d.Rule == "collapsed-markdown" {
				t.Errorf("%s: still %s", name, d.Message)
			}
		}
	}
}
