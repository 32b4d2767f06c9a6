package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// preCommitTypes are the file types of pre-commit's identify library that
// the hooks name, by extension (identify/extensions.py).
var preCommitTypes = map[string][]string{
	"markdown": {".md", ".markdown", ".mdown", ".mkdn"},
	"json":     {".json"},
}

// preCommitHook is one hook of .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID      string   `yaml:"id"`
	Entry   string   `yaml:"entry"`
	TypesOr []string `yaml:"types_or"`
	Files   string   `yaml:"files"`
}

// stagedFiles lists the files under root that pre-commit passes to hook
// for `pre-commit run --all-files`: those of one of its types.
func stagedFiles(t *testing.T, root string, hook preCommitHook) []string {
	t.Helper()
	if hook.Files != "" {
		t.Fatalf("hook %s: files %q is not modelled here", hook.ID, hook.Files)
	}
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		for _, typ := range hook.TypesOr {
			exts, ok := preCommitTypes[typ]
			if !ok {
				t.Fatalf("hook %s: type %q is not modelled here", hook.ID, typ)
			}
			for _, e := range exts {
				if ext == e {
					rel, _ := filepath.Rel(root, path)
					out = append(out, filepath.ToSlash(rel))
					return nil
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// runHook runs a hook's entry in root with the files pre-commit would pass,
// as pre-commit does (from the repository root).
func runHook(t *testing.T, root string, hook preCommitHook) (code int, stdout, stderr string) {
	t.Helper()
	args := strings.Fields(hook.Entry)
	if args[0] != "podlint" {
		t.Fatalf("hook %s runs %q, not podlint", hook.ID, hook.Entry)
	}
	args = append(args, stagedFiles(t, root, hook)...)
	t.Chdir(root)
	var out, errOut bytes.Buffer
	code = run(args, nil, &out, &errOut)
	return code, out.String(), errOut.String()
}

func readHooks(t *testing.T) []preCommitHook {
	t.Helper()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	return hooks
}

// episodeRepository writes a repository of clean episodes beside the files
// every repository has.
func episodeRepository(t *testing.T, extra map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"README.md": "# Tide Pools: the show's pages\n\nThe published show notes of every episode.\n\n" +
			"## Layout\n\n- `episodes/`: one page per episode\n- `data/`: the pipeline's JSON\n\n## Publishing\n\nMerging to main publishes the site.\n",
		"CONTRIBUTING.md": "# Contributing\n\nThank you for helping.\n\n## Fixing a page\n\n1. Run `podlint fix --write`.\n2. Open a pull request.\n\n```sh\npre-commit install\n```\n",
		"package.json":    `{"name": "tide-pools-site", "private": true, "scripts": {"build": "eleventy"}}` + "\n",
		"LICENSE":         "All rights reserved.\n",
		"episodes/tide-pools.md": `# Tide Pools at Dawn — Ines Ferro

Marine biologist Ines Ferro on what lives in a tide pool, and why the hour before sunrise is the best time to look.

## [00:00] Cold open

Ines kneels on wet rock and counts the anemones before the light comes up.

> *"The pool is a whole city that floods twice a day."* — Ines Ferro [00:12]

## [03:40] Reading the tide table

Ines explains how she plans a morning around the lowest tide of the month.

## Entities

- **Ines Ferro** (Person): marine biologist who studies intertidal life.
`,
		"data/kelp.json": `{"title": "Kelp Forests After Dark — Ines Ferro", "summary": "Ines Ferro on what the kelp forest does at night.",
 "chapters": [{"start": 0, "title": "Cold open", "summary": "Ines dives at dusk.", "quotes": [{"text": "The forest wakes when the light goes.", "at": 9, "speaker": "Ines Ferro"}]}],
 "entities": [{"name": "Ines Ferro", "type": "Person", "description": "marine biologist"}]}
`,
	}
	for name, text := range extra {
		files[name] = text
	}
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestPreCommitHookPassesCleanRepository runs each hook's entry as
// `pre-commit run --all-files` would in a repository of clean episodes
// that also holds a README, a CONTRIBUTING guide and a package.json: the
// hook passes, and names the files it passed over on stderr.
func TestPreCommitHookPassesCleanRepository(t *testing.T) {
	for _, hook := range readHooks(t) {
		t.Run(hook.ID, func(t *testing.T) {
			root := episodeRepository(t, nil)
			code, stdout, stderr := runHook(t, root, hook)
			if code != exitClean {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			for _, name := range []string{"README.md", "CONTRIBUTING.md", "package.json"} {
				if strings.Contains(stdout, name) {
					t.Errorf("stdout names %s:\n%s", name, stdout)
				}
				if !strings.Contains(stderr, name) {
					t.Errorf("stderr does not say %s was passed over:\n%s", name, stderr)
				}
			}
		})
	}
}

// TestPreCommitHookFailsOnDefect: the same repository with one defect in
// an episode, or a page that lost everything but its title, fails the
// check hook, naming that file only.
func TestPreCommitHookFailsOnDefect(t *testing.T) {
	var check preCommitHook
	for _, h := range readHooks(t) {
		if h.ID == "podlint" {
			check = h
		}
	}
	for name, page := range map[string]string{
		"episodes/late.md": "# Night Shift — Teo Varga\n\nTeo Varga on a winter of night shifts.\n\n## [1:05] Cold open\n\nTeo describes the dome.\n",
		// A real failure of the pipeline: only the title is left.
		"episodes/lost.md": "# Night Shift at the Observatory — Teo Varga\n",
	} {
		t.Run(name, func(t *testing.T) {
			root := episodeRepository(t, map[string]string{name: page})
			code, stdout, stderr := runHook(t, root, check)
			if code != exitFindings || !strings.HasPrefix(stdout, name+":") {
				t.Fatalf("exit %d, want 1 with findings in %s\nstdout:\n%s\nstderr:\n%s", code, name, stdout, stderr)
			}
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
				if strings.Contains(line, ":") && !strings.HasPrefix(line, name+":") && !strings.Contains(line, "problem") {
					t.Errorf("a finding outside %s: %s", name, line)
				}
			}
		})
	}
}
