package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitHub Action in action.yml: its YAML reads, its inputs are
// documented and used, it builds podlint from its own checkout, every flag
// it passes exists, and its scripts do what they say when bash runs them
// as the runner does.

type action struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

func readAction(t *testing.T) (action, string) {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true) // a misspelt key is an error, not ignored
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

var (
	expression = regexp.MustCompile(`\$\{\{(.*?)\}\}`)
	inputRef   = regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	flagRef    = regexp.MustCompile(`(?:^|\s)--([a-z][a-z0-9-]*)`)
)

func TestActionYAML(t *testing.T) {
	a, text := readAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" {
		t.Errorf("name %q, description %q, runs.using %q: want both and composite", a.Name, a.Description, a.Runs.Using)
	}
	// Every input is documented, has a default (none is required) and is
	// used; every input used is declared.
	used := map[string]bool{}
	for _, e := range expression.FindAllStringSubmatch(text, -1) {
		for _, m := range inputRef.FindAllStringSubmatch(e[1], -1) {
			used[m[1]] = true
			if _, ok := a.Inputs[m[1]]; !ok {
				t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
			}
		}
	}
	for name, in := range a.Inputs {
		if in.Description == "" || in.Default == nil || in.Required {
			t.Errorf("input %s: needs a description and a default, and is not required", name)
		}
		if !used[name] {
			t.Errorf("input %s is declared but never used", name)
		}
	}
	for name, out := range a.Outputs {
		if out.Description == "" || out.Value == "" {
			t.Errorf("output %s: needs a description and a value", name)
		}
	}
	app := newApp(nil, nil, nil)
	built := false
	for _, s := range a.Runs.Steps {
		switch {
		case s.Uses != "":
			if !regexp.MustCompile(`^[\w.-]+/[\w./-]+@v\d+$`).MatchString(s.Uses) {
				t.Errorf("step %q uses %q: pin a major version (owner/repo@vN)", s.Name, s.Uses)
			}
			continue
		case s.Shell != "bash" || s.Run == "":
			t.Errorf("step %q: a run step with shell bash", s.Name)
			continue
		}
		// Inputs reach scripts as environment variables: an expression in
		// a script is pasted in before bash reads it (script injection).
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q: an expression in its script; pass it through env", s.Name)
		}
		if strings.Contains(s.Run, "go build") {
			built = true
			if s.WorkingDirectory != "${{ github.action_path }}" || !strings.Contains(s.Run, "./cmd/podlint") {
				t.Errorf("step %q: build ./cmd/podlint in ${{ github.action_path }}, the action's own checkout", s.Name)
			}
		}
		// Every podlint flag the script passes exists.
		for _, line := range strings.Split(s.Run, "\n") {
			_, call, ok := strings.Cut(line, `"$PODLINT_BIN"`)
			if !ok {
				continue
			}
			fields := strings.Fields(call)
			cmd := app.Command(fields[0])
			if cmd == nil {
				t.Errorf("step %q runs podlint %s, which is not a command", s.Name, fields[0])
				continue
			}
			for _, m := range flagRef.FindAllStringSubmatch(line, -1) {
				if !hasFlag(cmd, m[1]) {
					t.Errorf("step %q passes --%s, which podlint %s does not have", s.Name, m[1], cmd.Name)
				}
			}
		}
	}
	if !built {
		t.Error("no step builds podlint")
	}
	if _, err := os.Stat("../../cmd/podlint/main.go"); err != nil {
		t.Errorf("the action builds ./cmd/podlint from the repository root: %v", err)
	}
}

// actionScript runs one run step of the action as the runner does (bash
// -eo pipefail), its env expressions replaced by values: inputs by the
// given ones or their defaults, step outputs by outputs. It returns the
// exit code and what the step wrote to $GITHUB_OUTPUT.
func actionScript(t *testing.T, a action, id string, inputs, outputs map[string]string, dir string) (int, map[string]string) {
	t.Helper()
	var step *actionStep
	for i := range a.Runs.Steps {
		if a.Runs.Steps[i].ID == id || a.Runs.Steps[i].Name == id {
			step = &a.Runs.Steps[i]
		}
	}
	if step == nil {
		t.Fatalf("no step %q", id)
	}
	expr := regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	outFile := filepath.Join(t.TempDir(), "github_output")
	env := append(os.Environ(), "GITHUB_OUTPUT="+outFile)
	for k, v := range step.Env {
		v = expr.ReplaceAllStringFunc(v, func(e string) string {
			ref := expr.FindStringSubmatch(e)[1]
			switch name, isInput := strings.CutPrefix(ref, "inputs."); {
			case isInput:
				if got, ok := inputs[name]; ok {
					return got
				}
				return *a.Inputs[name].Default
			default:
				if got, ok := outputs[ref]; ok {
					return got
				}
				t.Fatalf("step %q: no value for ${{ %s }}", id, ref)
			}
			return ""
		})
		env = append(env, k+"="+v)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	t.Logf("step %q (exit %d):\n%s", id, code, out)
	written := map[string]string{}
	data, _ := os.ReadFile(outFile)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			written[k] = v
		}
	}
	return code, written
}

// TestActionRunsPodlint runs the action's check and exit steps on a
// repository of clean episodes beside its README, then with a defect.
func TestActionRunsPodlint(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	bin, err := exec.LookPath("podlint") // the test binary, as podlint (TestMain)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := readAction(t)
	built := map[string]string{"steps.build.outputs.bin": bin}
	exitStep := func(code string, fail string) int {
		c, _ := actionScript(t, a, "Exit as podlint did", map[string]string{"fail-on-findings": fail},
			map[string]string{"steps.check.outputs.exit-code": code}, t.TempDir())
		return c
	}

	root := episodeRepository(t, nil)
	code, out := actionScript(t, a, "check", map[string]string{"args": "--no-config"}, built, root)
	if code != 0 || out["exit-code"] != "0" {
		t.Fatalf("clean repository: step exit %d, exit-code %q", code, out["exit-code"])
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(filepath.Join(root, "podlint.sarif"))
	if err != nil || json.Unmarshal(data, &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 0 {
		t.Fatalf("podlint.sarif: %v\n%s", err, data)
	}
	if exitStep("0", "true") != 0 {
		t.Error("a clean run fails the step")
	}

	root = episodeRepository(t, map[string]string{"episodes/late.md": "# Night Shift — Teo Varga\n\nTeo Varga on night shifts.\n\n## [1:05] Cold open\n\nTeo describes the dome.\n"})
	code, out = actionScript(t, a, "check", map[string]string{"paths": "episodes\ndata README.md", "sarif-file": "out/report.sarif"}, built, root)
	if code != 0 || out["exit-code"] != "1" {
		t.Fatalf("a defect: step exit %d, exit-code %q (want the step to pass and record 1)", code, out["exit-code"])
	}
	if data, err := os.ReadFile(filepath.Join(root, "out", "report.sarif")); err != nil || !strings.Contains(string(data), "episodes/late.md") {
		t.Fatalf("out/report.sarif does not name episodes/late.md: %v", err)
	}
	if exitStep("1", "true") != 1 || exitStep("1", "false") != 0 {
		t.Error("fail-on-findings: want exit 1 when true, 0 when false")
	}
	if exitStep("2", "false") != 2 {
		t.Error("a usage or input error must fail the step whatever fail-on-findings says")
	}
}
