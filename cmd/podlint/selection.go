package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/leak"
	"github.com/podlint/podlint/schema"
)

// Which files are episodes. An episodes repository also holds a README, a
// contributing guide, a package.json: pre-commit names them all, and a
// directory walk finds them. The config's include globs pick the files;
// of those, JSON and Markdown that are plainly something else are passed
// over with a notice, never reported as broken episodes.

// defaultInclude is include when no config sets it.
var defaultInclude = []string{"*.md", "*.json"}

// isEpisodeFile is the default include: *.md and *.json, whatever the case
// of the extension.
func isEpisodeFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".json"
}

// includes tells whether the config's include globs take path. A glob
// without a slash matches the file's name, one with a slash its path from
// the config's folder.
func (c *config) includes(p string) bool {
	if c.include == nil {
		return isEpisodeFile(p)
	}
	rel, ok := c.rel(p)
	if !ok {
		rel = "" // outside the config's folder: only names can match
	}
	for _, g := range c.include {
		g = strings.TrimPrefix(g, "./")
		switch {
		case !strings.Contains(g, "/"):
			if globRegexp(g).MatchString(filepath.Base(p)) {
				return true
			}
		case rel != "" && globRegexp(strings.TrimPrefix(g, "/")).MatchString(rel):
			return true
		}
	}
	return false
}

// included tells whether the governing config's include takes path.
func (r *resolver) included(p string) bool {
	c, err := r.configFor(p)
	return includedBy(c, err, p)
}

func includedBy(c *config, err error, p string) bool {
	if err != nil || c == nil {
		// A config that does not load is reported for the file later.
		return err != nil || isEpisodeFile(p)
	}
	return c.includes(p)
}

// includeOf is the include list governing path, for messages.
func (r *resolver) includeOf(p string) []string {
	if c, err := r.configFor(p); err == nil && c != nil && c.include != nil {
		return c.include
	}
	return defaultInclude
}

// Why a file was passed over; each is one notice line.
const (
	skipNotEpisodeMD   = "Markdown that is not an episode page"
	skipNotEpisodeJSON = "JSON that is not an episode"
)

// notIncluded is why a named file was passed over.
func notIncluded(globs []string) string {
	return "not matched by include (" + strings.Join(globs, ", ") + ")"
}

// notEpisode says why a file that was read is not an episode, or "".
func notEpisode(p string, src []byte) string {
	if schema.FormatOf(p) == schema.JSON {
		if schema.NotEpisodeJSON(src) {
			return skipNotEpisodeJSON
		}
		return ""
	}
	if notEpisodePage(src) {
		return skipNotEpisodeMD
	}
	return ""
}

// notEpisodePage tells Markdown that is plainly not an episode page. Such
// a page has none of the marks of an episode:
//
//   - a chapter heading `## [TS]`, TS being digits and colons with one
//     colon at least, anywhere in the file (a flattened page has it
//     mid-line; a code block showing one counts too);
//   - a line of leaked JSON (as leaked-json reads it);
//   - front matter with a key of an episode (title, summary, tags, …: the
//     top-level properties of the episode schema);
//   - a `## Entities` heading;
//
// and it has structure of its own, which no episode that lost its chapters
// has: a heading other than its first `# ` title, a list item that is not
// an entity bullet (`- **`), a table row or a fenced code block.
//
// So a page with only a title, or a title and paragraphs (the pipeline's
// failures: missing-chapters and missing-summary report them), and an
// empty file are checked, as is anything with a chapter heading.
func notEpisodePage(src []byte) bool {
	if hasChapterMarker(src) {
		return false
	}
	lines := strings.Split(string(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	start, ok := pastFrontMatter(lines)
	if !ok || start > 0 && frontMatterHasEpisodeKey(src) {
		return false
	}
	titled, structure := false, false
	fence, previous := "", ""
	for _, line := range lines[start:] {
		t := strings.TrimLeft(line, " \t")
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if leaked(t) {
			return false
		}
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence, structure = t[:3], true
		case atxHeading.Get().MatchString(t):
			level := len(t) - len(strings.TrimLeft(t, "#"))
			text := strings.TrimSpace(strings.Trim(strings.TrimSpace(t[level:]), "#"))
			switch {
			case level == 2 && strings.EqualFold(text, "Entities"):
				return false
			case level == 1 && !titled:
				titled = true
			default:
				structure = true
			}
		case setextUnderline.Get().MatchString(t) && strings.TrimSpace(previous) != "":
			if t[0] == '=' && !titled {
				titled = true
			} else {
				structure = true
			}
		case listItem.Get().MatchString(t) && !strings.HasPrefix(t, "- **"), strings.HasPrefix(t, "|"):
			structure = true
		}
		previous = line
	}
	return structure
}

// The command's patterns are compiled when first used, not when the
// program starts: most runs use none of them, and start-up is most of a
// one-page run.
var (
	atxHeading      = lazyre.New(`^#{1,6}([ \t]|$)`)
	setextUnderline = lazyre.New(`^(=+|-{3,})[ \t]*$`)
	listItem        = lazyre.New(`^([-*+]|[0-9]{1,9}[.)])([ \t]|$)`)
	frontMatterKey  = lazyre.New(`^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:`)
)

// hasChapterMarker finds `## [TS]` (or `##<tab>[TS]`) anywhere in src.
func hasChapterMarker(src []byte) bool {
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte("##"))
		if i < 0 {
			return false
		}
		at += i + 2
		if at+1 >= len(src) || src[at] != ' ' && src[at] != '\t' || src[at+1] != '[' {
			continue
		}
		at += 2
		j, digit, colon := at, false, false
		for ; j < len(src) && (src[j] == ':' || '0' <= src[j] && src[j] <= '9'); j++ {
			digit = digit || src[j] != ':'
			colon = colon || src[j] == ':'
		}
		if digit && colon && j < len(src) && src[j] == ']' {
			return true
		}
	}
}

// frontMatterHasEpisodeKey tells whether a page's front matter, as the
// page's reader reads it, holds a key of an episode. YAML writes a key in
// more ways than pastFrontMatter's line-by-line look tells (indented,
// quoted, in a flow mapping): only a page with front matter and no
// chapter heading, rare, is read for this.
func frontMatterHasEpisodeKey(src []byte) bool {
	doc := schema.Read("page.md", src)
	defer doc.Release()
	if fm := doc.Episode.FrontMatter; fm != nil {
		for _, f := range fm.Fields {
			if episodeKeys()[f.Key] {
				return true
			}
		}
	}
	return false
}

// pastFrontMatter returns the first line after a leading `---` block, or
// false when that block holds a key of an episode at a line's start or is
// not closed (then it is for the checker to read).
func pastFrontMatter(lines []string) (int, bool) {
	if len(lines) == 0 || lines[0] != "---" {
		return 0, true
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] == "---" || lines[i] == "..." {
			return i + 1, true
		}
		if m := frontMatterKey.Get().FindStringSubmatch(lines[i]); m != nil && episodeKeys()[m[1]] {
			return 0, false
		}
	}
	return 0, false
}

// episodeKeys are the top-level keys of an episode: the properties of the
// episode schema.
var episodeKeys = sync.OnceValue(func() map[string]bool {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	keys := map[string]bool{}
	if json.Unmarshal(schema.EpisodeSchema(), &s) == nil {
		for k := range s.Properties {
			keys[k] = true
		}
	}
	return keys
})

// leaked tells a line of leaked JSON, its quote and emphasis marks aside.
func leaked(line string) bool {
	t := strings.TrimLeft(line, "> \t")
	t = strings.Trim(t, "*_ \t")
	return t != "" && leak.IsText(t)
}

// noteSkipped says which files were passed over and why, a line per
// reason: "podlint: not checked, WHY: a.md, b.md and 3 more".
func noteSkipped(stderr io.Writer, skipped map[string][]string) {
	whys := make([]string, 0, len(skipped))
	for why := range skipped {
		whys = append(whys, why)
	}
	sort.Strings(whys)
	for _, why := range whys {
		fmt.Fprintf(stderr, "podlint: not checked, %s: %s\n", why, visible(exampleList(skipped[why])))
	}
}
