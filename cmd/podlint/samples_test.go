package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podlint/podlint/internal/sharedtest"
	"github.com/podlint/podlint/rules"
)

// sampleFindings checks the sample page name (a path under shared/samples)
// and returns its findings by rule.
func sampleFindings(t *testing.T, name string) map[string][]item {
	t.Helper()
	sharedtest.Need(t)
	path := sharedtest.Path("samples", name)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	rep, err := lint([]string{path}, lintOptions{resolver: newResolver("", true, nil, nil, 0)})
	if err != nil || len(rep.errors) > 0 || len(rep.files) != 1 {
		t.Fatalf("%s: input errors %v", name, rep.errors)
	}
	byRule := map[string][]item{}
	for _, it := range rep.files[0].items {
		byRule[it.rule] = append(byRule[it.rule], it)
	}
	return byRule
}

func TestSampleRailway(t *testing.T) {
	got := sampleFindings(t, "railway-agent-native-cloud.md")
	if n := len(got["quote-fragment"]); n != 47 {
		t.Errorf("quote-fragment: %d findings, want 47", n)
	}
	if len(got["quote-style"]) == 0 {
		t.Errorf("quote-style: no findings for the unquoted quotes")
	}
}

func TestSampleDevin(t *testing.T) {
	got := sampleFindings(t, "devin-80-percent.md")
	for _, rule := range []string{"missing-summary", "missing-chapters"} {
		if len(got[rule]) != 1 {
			t.Errorf("%s: %d findings, want 1", rule, len(got[rule]))
		}
	}
}

func TestSampleGitHub(t *testing.T) {
	got := sampleFindings(t, "github-agent-era.md")
	ts := got["timestamp-format"]
	if len(ts) == 0 {
		t.Fatal("timestamp-format: no findings for the [60:42]-style headings")
	}
	for _, d := range ts {
		if d.severity != rules.Error {
			t.Errorf("timestamp-format finding %q is a %s, want error", d.message, d.severity)
		}
	}
	if len(ts) != 6 {
		t.Errorf("timestamp-format: %d findings, want one per heading past the hour (6)", len(ts))
	}
}

func TestSamplePocock(t *testing.T) {
	got := sampleFindings(t, "pocock-engineering-fundamentals.md")
	cs := got["chapter-start"]
	if len(cs) != 1 || cs[0].severity != rules.Warning {
		t.Errorf("chapter-start: %v, want one warning", cs)
	}
	if len(got["quote-style"]) == 0 {
		t.Error("quote-style: no findings for the unquoted quotes")
	}
}

// TestSamplesCollapsed: check sees through a flattened page. Besides its
// one collapsed-markdown finding, it reports the same rules the same number
// of times as the structured page of the same name.
func TestSamplesCollapsed(t *testing.T) {
	for _, name := range []string{"github-agent-era.md", "railway-agent-native-cloud.md"} {
		flat := sampleFindings(t, filepath.Join("collapsed", name))
		if len(flat["collapsed-markdown"]) != 1 {
			t.Errorf("%s: collapsed-markdown %v, want one finding", name, flat["collapsed-markdown"])
		}
		delete(flat, "collapsed-markdown")
		structured := sampleFindings(t, name)
		for rule := range mergeKeys(flat, structured) {
			if len(flat[rule]) != len(structured[rule]) {
				t.Errorf("%s: %s %d times on the flattened page, %d on the structured one", name, rule, len(flat[rule]), len(structured[rule]))
			}
		}
		if len(flat) == 0 {
			t.Errorf("%s: nothing seen through the flattened page", name)
		}
	}
}

func mergeKeys[V any](a, b map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// TestSampleRailwayFixWrite runs podlint fix --write on a copy of the
// Railway page, as a user would, and then podlint check: exit 0.
func TestSampleRailwayFixWrite(t *testing.T) {
	src := sharedtest.Read(t, "samples/railway-agent-native-cloud.md")
	path := filepath.Join(t.TempDir(), "railway.md")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	if code := run([]string{"podlint", "fix", "--write", path}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("fix --write exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "attach-quote-timestamp 47") {
		t.Errorf("fix --write did not attach 47 timestamps:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"podlint", "check", path}, nil, &stdout, &stderr); code != 0 {
		t.Errorf("check after fix: exit %d\n%s", code, stdout.String())
	}
	if strings.Contains(stdout.String(), "quote-fragment") {
		t.Errorf("quote-fragment findings remain:\n%s", stdout.String())
	}
}

// lint checks every input, in sorted order, into a report kept whole.
func lint(args []string, opts lintOptions) (*report, error) {
	rep := &report{}
	return rep, lintInto(rep, args, opts)
}
