package main

import (
	"testing"

	"github.com/podlint/podlint/schema"
)

func TestNotEpisodePage(t *testing.T) {
	for _, c := range []struct {
		name string
		page string
		skip bool
	}{
		{"README", "# Tide Pools\n\nThe site.\n\n## Layout\n\nPages.\n", true},
		{"a list of its own", "# Field samples\n\nPages.\n\n- `*.md`: pages\n", true},
		{"a numbered list", "# Contributing\n\n1. fork\n2. push\n", true},
		{"a code block", "# Install\n\n```sh\ngo install ./cmd/podlint\n```\n", true},
		{"a table", "# Rules\n\n| rule | what |\n|---|---|\n", true},
		{"setext headings", "Tide Pools\n==========\n\nUsage\n-----\n\nRun it.\n", true},
		{"a changelog's versions", "# Changelog\n\n## [1.2.0] - 2026-05-20\n\nSeason two.\n", true},
		{"docs front matter", "---\nlayout: page\n---\n# About\n\n## Team\n", true},
		{"no heading, a list", "Notes\n\n- one\n", true},

		{"title only", "# Night Shift — Teo Varga\n", false},
		{"title and summary", "# Night Shift — Teo Varga\n\nTeo on night shifts.\n", false},
		{"empty", "", false},
		{"prose only", "All rights reserved.\n", false},
		{"a chapter heading", "# T\n\n## Notes\n\n## [1:05] Cold open\n", false},
		{"a tab after the marker", "# T\n\n## Notes\n\n##\t[00:00] Cold open\n", false},
		{"flattened", "# T\nSummary. ## [00:00] Cold open Body. ## Notes\n", false},
		{"leaked JSON", "# T\n\n## Notes\n\n> *{'start': 412.0, 'summary': 'x'}*\n", false},
		{"bracket debris", "# T\n\n## Notes\n\n] }, {\n", false},
		{"episode front matter", "---\nslug: night-shift\n---\n# T\n\n## Notes\n", false},
		{"front matter not closed", "---\nlayout: page\n# T\n\n## Notes\n", false},
		{"an Entities section", "# T\n\n## Notes\n\n## Entities\n\n- **Teo** (Person): astronomer.\n", false},
		{"entity bullets alone", "# T\n\nSummary.\n\n- **Teo** (Person): astronomer.\n", false},
		{"a heading inside a code block", "# T\n\nSummary.\n\n```\n## Notes\n```\n", true},
	} {
		if got := notEpisodePage([]byte(c.page)); got != c.skip {
			t.Errorf("%s: notEpisodePage = %v, want %v\n%s", c.name, got, c.skip, c.page)
		}
	}
}

// FuzzNotEpisodePage: a page passed over as not an episode has nothing the
// reader makes an episode of: no chapter whose time reads, no Entities
// section, no front matter key of an episode.
func FuzzNotEpisodePage(f *testing.F) {
	for _, seed := range []string{
		"# Tide Pools\n\n## Layout\n\n- one\n",
		"# T\n\n## [00:00] Cold open\n\nBody.\n",
		"---\ntitle: T\n---\n## Notes\n",
		"# T\n\n  ## [1:05] A\n\n- x\n",
		"Usage\n-----\n## Entities\n",
		// Keys YAML reads where no line starts with one: indented, quoted,
		// in a flow mapping.
		"---\n title:\n---\n##",
		"---\n\"summary\": S\n---\n## Notes\n",
		"---\n{tags: [a], x: 1}\n---\n## Notes\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if !notEpisodePage([]byte(page)) {
			return
		}
		ep := schema.Read("page.md", []byte(page)).Episode
		for _, c := range ep.Chapters {
			if c.Start.Valid {
				t.Fatalf("passed over, but chapter %q starts at a time\n%q", c.Start.Raw, page)
			}
		}
		if ep.Entities != nil {
			t.Fatalf("passed over, but it has an Entities section\n%q", page)
		}
		if fm := ep.FrontMatter; fm != nil {
			for _, field := range fm.Fields {
				if episodeKeys()[field.Key] {
					t.Fatalf("passed over, but its front matter has %q\n%q", field.Key, page)
				}
			}
		}
	})
}
