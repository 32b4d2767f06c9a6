package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// completionScript is what `podlint completion SHELL` prints.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"podlint", "completion", shell}, nil, &stdout, &stderr); code != exitClean {
		t.Fatalf("completion %s: exit %d: %s", shell, code, stderr.String())
	}
	return stdout.String()
}

// TestCompletionNamesEverything: each script offers every command and
// every flag of every command, so a flag added later is completed too.
func TestCompletionNamesEverything(t *testing.T) {
	app := newApp(nil, nil, nil)
	for _, shell := range shells {
		script := completionScript(t, shell)
		for _, cmd := range app.Commands {
			if !strings.Contains(script, cmd.Name) {
				t.Errorf("%s: no command %s", shell, cmd.Name)
			}
			for _, f := range cmd.Flags {
				for _, name := range f.Names() {
					word := dashed(name)
					if shell == "fish" {
						word = "-l " + name
						if len(name) == 1 {
							word = "-s " + name
						}
					}
					if !strings.Contains(script, word) {
						t.Errorf("%s: no flag %s of %s", shell, word, cmd.Name)
					}
				}
			}
		}
	}
}

// TestBashCompletion runs the bash script as bash runs it on a Tab.
func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script := filepath.Join(t.TempDir(), "podlint.bash")
	if err := os.WriteFile(script, []byte(completionScript(t, "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ line, want string }{
		{"podlint ch", "check"},
		{"podlint he", "help"},
		{"podlint help ex", "explain"},
		{"podlint check --ena", "--enable"},
		{"podlint check --enable quote-st", "quote-style"},
		{"podlint check --enable structure,timi", "structure,timing"},
		{"podlint fix --format sa", "sarif"},
		{"podlint check --exit", "--exit-zero"},
		{"podlint rules --format mark", "markdown"},
		{"podlint explain quote-f", "quote-fragment"},
		{"podlint convert --to chap", "chapters"},
		{"podlint completion fi", "fish"},
	} {
		words := strings.Fields(c.line)
		prog := `source "$1"; COMP_WORDS=(` + strings.Join(words, " ") + `); COMP_CWORD=` + strconv.Itoa(len(words)-1) + `; _podlint; printf '%s\n' "${COMPREPLY[@]}"`
		out, err := exec.Command("bash", "-c", prog, "bash", script).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.line, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("%q<Tab>: got %q, want %q", c.line, got, c.want)
		}
	}
}

// TestFishCompletion asks fish what it would complete.
func TestFishCompletion(t *testing.T) {
	if _, err := exec.LookPath("fish"); err != nil {
		t.Skip("no fish")
	}
	script := filepath.Join(t.TempDir(), "podlint.fish")
	if err := os.WriteFile(script, []byte(completionScript(t, "fish")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ line, want string }{
		{"podlint ch", "check"},
		{"podlint check --ena", "--enable"},
		{"podlint check --enable quote-st", "quote-style"},
		{"podlint check --enable structure,timi", "structure,timing"},
		{"podlint check --format sa", "sarif"},
		{"podlint explain quote-f", "quote-fragment"},
	} {
		out, err := exec.Command("fish", "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, c.line).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.line, err, out)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			got = append(got, strings.SplitN(line, "\t", 2)[0])
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q<Tab>: got %q, want %q", c.line, got, c.want)
		}
	}
}

// TestZshCompletionParses: zsh reads the script (its completion system
// needs a terminal to be driven).
func TestZshCompletionParses(t *testing.T) {
	if _, err := exec.LookPath("zsh"); err != nil {
		t.Skip("no zsh")
	}
	script := filepath.Join(t.TempDir(), "_podlint")
	if err := os.WriteFile(script, []byte(completionScript(t, "zsh")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("zsh", "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	// Sourced after compinit, it registers itself.
	out, err := exec.Command("zsh", "-f", "-c", `autoload -U compinit && compinit -u -D && source $1 && print -r -- $_comps[podlint]`, "zsh", script).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "_podlint" {
		t.Fatalf("zsh: podlint is completed by %q (%v)", out, err)
	}
}
