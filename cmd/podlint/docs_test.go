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
