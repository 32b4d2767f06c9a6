package schema

import (
	"strings"
	"testing"
)

// TestCodeHoldsNoStructure: fenced code, raw HTML blocks and comments
// are text, wherever they stand: a quote, a chapter heading or an entity
// bullet inside one is not read as page structure (fixers would edit it).
func TestCodeHoldsNoStructure(t *testing.T) {
	const top = "# Tides — Ines Ferro\n\nInes on tides.\n\n## [00:00] Start\n\nInes begins.\n\n"
	const inside = "> *Every tide is late.* [7:5]\n## [09:00] Hidden\n- **Moon** (concept): pulls.\n"
	for name, tc := range map[string]struct {
		page                       string
		chapters, quotes, entities int
	}{
		"longer fence":         {top + "````md\n```\n" + inside + "```\n````\n", 1, 0, 0},
		"fence line with text": {top + "```\n``` not the end\n" + inside + "```\n", 1, 0, 0},
		"tildes":               {top + "~~~~\n~~~\n" + inside + "~~~~\n", 1, 0, 0},
		"indented close":       {top + "```\n    ```\n" + inside + "```\n", 1, 0, 0},
		"fence in a quote":     {top + "> ```\n> " + strings.ReplaceAll(strings.TrimSuffix(inside, "\n"), "\n", "\n> ") + "\n> ```\n", 1, 0, 0},
		"pre with blank lines": {top + "<pre>\n\n" + inside + "\n</pre>\n", 1, 0, 0},
		"script":               {top + "<script type=\"x\">\n\n" + inside + "</script>\n", 1, 0, 0},
		"comment in entities":  {top + "## Entities\n\n- **Ines Ferro** (Person): Oceanographer.\n\n<!--\n" + inside + "-->\n", 1, 0, 1},
		"fence in entities":    {top + "## Entities\n\n- **Ines Ferro** (Person): Oceanographer.\n\n```\n" + inside + "```\n", 1, 0, 1},
		"fence in a section":   {top + "## Notes\n\n```\n" + inside + "```\n", 1, 0, 0},
		// The reading the cases above are measured against.
		"outside code":    {top + inside, 2, 1, 0},
		"closed, then on": {top + "```\n```\n" + inside, 2, 1, 0},
		"quote after it":  {top + "> ```\n> x\n\n" + inside, 2, 1, 0},
		"pre, then on":    {top + "<pre>\nx\n</pre>\n\n" + inside, 2, 1, 0},
		"pretext is text": {top + "<pretext>\n\n" + inside, 2, 1, 0},
	} {
		ep := Read(name+".md", []byte(tc.page)).Episode
		quotes := 0
		for _, c := range ep.Chapters {
			for _, b := range c.Blocks {
				if b.Quote != nil {
					quotes++
				}
			}
		}
		entities := 0
		if ep.Entities != nil {
			entities = len(ep.Entities.Entities) + len(ep.Entities.Stray)
		}
		if len(ep.Chapters) != tc.chapters || quotes != tc.quotes || entities != tc.entities {
			t.Errorf("%s: %d chapters, %d quotes, %d entity lines; want %d, %d, %d", name, len(ep.Chapters), quotes, entities, tc.chapters, tc.quotes, tc.entities)
		}
	}
}

// TestCollapsedOnlyInThePage: a chapter marker mid-line in front matter or
// inside code is no sign of a flattened page; on a line that opens with a
// comment it still is.
func TestCollapsedOnlyInThePage(t *testing.T) {
	const flat = "Ines on tides. ## [00:00] Start Ines begins. > *\"Late.\"* [00:04]"
	for name, tc := range map[string]struct {
		page      string
		collapsed bool
	}{
		"front matter":        {"---\nnote: \"see ## [06:52] below\"\n---\n# Tides — Ines Ferro\n\nInes on tides.\n", false},
		"fenced code":         {"# Tides — Ines Ferro\n\n```\n" + flat + "\n```\n", false},
		"comment":             {"# Tides — Ines Ferro\n\n<!--\n" + flat + "\n-->\n", false},
		"comment in entities": {"# Tides — Ines Ferro\n\nInes on tides.\n\n## Entities\n\n- **Ines Ferro** (Person): Oceanographer.\n\n<!--\n" + flat + "\n-->\n", false},
		"code in a section":   {"# Tides — Ines Ferro\n\nInes on tides.\n\n## Notes\n\n```\n" + flat + "\n```\n", false},
		"comment then text":   {"<!-- made by the pipeline --> # Tides — Ines Ferro " + flat + "\n", true},
		"flattened":           {"# Tides — Ines Ferro\n\n" + flat + "\n", true},
	} {
		if got := Read(name+".md", []byte(tc.page)).Episode.Collapsed != nil; got != tc.collapsed {
			t.Errorf("%s: read as flattened %v, want %v", name, got, tc.collapsed)
		}
	}
}
