package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/podlint/podlint/fixers"
	"github.com/podlint/podlint/rules"
)

// TestRuleReference keeps docs/rules.md equal to what `podlint rules
// --format markdown` prints, so the reference never drifts from the code.
func TestRuleReference(t *testing.T) {
	var buf bytes.Buffer
	if err := writeRuleReference(&buf); err != nil {
		t.Fatal(err)
	}
	const path = "../../docs/rules.md"
	if *updateScripts {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("%s is out of date: run go test ./cmd/podlint -update", path)
	}
}

// TestReadmeNamesEveryRule keeps the README's rule list complete.
func TestReadmeNamesEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		if !strings.Contains(string(readme), "`"+r.Name+"`") {
			t.Errorf("README.md does not list rule %s", r.Name)
		}
		// Every fixer answers a rule (the registry checks it).
		for _, f := range fixers.For(r.Name) {
			if !strings.Contains(string(readme), "`"+f.Name+"`") {
				t.Errorf("README.md does not list fixer %s", f.Name)
			}
		}
	}
}

// TestExplainShowsEveryOption: podlint explain and the rule reference show
// each option of a rule with its line of doc and its default.
func TestExplainShowsEveryOption(t *testing.T) {
	var ref bytes.Buffer
	if err := writeRuleReference(&ref); err != nil {
		t.Fatal(err)
	}
	all := rules.All()
	for i, r := range all {
		var explained bytes.Buffer
		writeExplanation(&explained, r)
		// The rule's section runs to the next rule's heading.
		_, section, _ := strings.Cut(ref.String(), "\n## "+r.Name+"\n")
		if i+1 < len(all) {
			section, _, _ = strings.Cut(section, "\n## "+all[i+1].Name+"\n")
		}
		for _, o := range r.Options {
			spec := o.Spec()
			want := "# " + spec.Doc + "\n"
			setting := spec.Name + ": " + flowYAML(spec.Default) + "\n"
			if !strings.Contains(explained.String(), want) || !strings.Contains(explained.String(), setting) {
				t.Errorf("podlint explain %s does not show option %s: want %q and %q in\n%s", r.Name, spec.Name, want, setting, explained.String())
			}
			if !strings.Contains(section, "\n    "+want+"    "+setting) {
				t.Errorf("the rule reference does not show option %s of %s", spec.Name, r.Name)
			}
		}
	}
}
