package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/podlint/podlint/rules"
)

// TestFormatsGolden prints the demo pages in every format and compares the
// output with testdata/formats/demo.FORMAT.
func TestFormatsGolden(t *testing.T) {
	t.Chdir("../..")
	for _, name := range formatNames() {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"podlint", "check", "--no-config", "--format", name, "testdata/demo"}, nil, &stdout, &stderr)
			if code != exitFindings {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
			}
			golden := filepath.Join("testdata", "formats", "demo."+name)
			// SARIF names the folder it ran in (originalUriBaseIds).
			cwd, err := os.Getwd()
			if err != nil {
				t.Fatal(err)
			}
			got := bytes.ReplaceAll(stdout.Bytes(), []byte(`"`+fileURI(cwd)+`/"`), []byte(`"file:///checkout/"`))
			if *updateScripts {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s:\n%s", golden, got)
			}
		})
	}
}

// TestSARIFValidates checks the SARIF output against the SARIF 2.1.0 JSON
// Schema shipped in testdata, with podlint's own validator.
func TestSARIFValidates(t *testing.T) {
	sarif := sarifSchema(t, "../../testdata/sarif/sarif-2.1.0-rtm.5.json")
	out, err := os.ReadFile("../../testdata/formats/demo.sarif")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if err := sarif.Validate(doc); err != nil {
		t.Errorf("demo.sarif is not valid SARIF 2.1.0: %#v", err)
	}
	// What GitHub code scanning needs of every result.
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Tool.Driver.Rules) != len(rules.All()) || len(log.Runs[0].Results) == 0 {
		t.Fatalf("runs %d, rules, results: %+v", len(log.Runs), log.Runs)
	}
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].Physical
		if r.RuleID == "" || r.Level == "" || r.Message.Text == "" || strings.HasPrefix(loc.Artifact.URI, "/") ||
			!strings.HasPrefix(loc.Artifact.URI, "testdata/demo/") || loc.Region == nil || loc.Region.StartLine < 1 ||
			r.Fingerprints["primaryLocationLineHash"] == "" {
			t.Errorf("result lacks what code scanning needs: %+v", r)
		}
	}
}

// sarifSchema compiles the SARIF 2.1.0 JSON Schema at path, offline.
func sarifSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.LoadURL = func(string) (io.ReadCloser, error) { return nil, os.ErrNotExist }
	const url = "https://podlint.test/sarif-2.1.0.json"
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	sarif, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sarif
}

// TestPreCommitHooks checks the hook file has what pre-commit requires.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, h := range hooks {
		for _, key := range []string{"id", "name", "entry", "language"} {
			if s, _ := h[key].(string); s == "" {
				t.Errorf("hook %v has no %s", h["id"], key)
			}
		}
		if h["language"] != "golang" {
			t.Errorf("hook %v: language %v, want golang", h["id"], h["language"])
		}
		if types, _ := h["types_or"].([]any); len(types) != 2 {
			t.Errorf("hook %v: types_or %v, want [markdown, json]", h["id"], h["types_or"])
		}
		ids[h["id"].(string)] = h["entry"].(string)
	}
	if ids["podlint"] != "podlint check" || ids["podlint-fix"] != "podlint fix --write" {
		t.Errorf("hooks: %v", ids)
	}
}
