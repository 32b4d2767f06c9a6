package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/internal/lazyre"
	"github.com/podlint/podlint/rules"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented default .podlint.yaml in the current folder (or at PATH)",
		ArgsUsage: "[PATH]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file"},
		},
		Action: func(c *cli.Context) error {
			path := configNames[0]
			if c.NArg() > 0 {
				path = c.Args().First()
			}
			if _, err := os.Stat(path); err == nil && !c.Bool("force") {
				return usageError(fmt.Errorf("%s exists; use --force to overwrite it", path))
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return fmt.Errorf("%s: %s", filepath.Dir(path), describeFSError(err))
			}
			if err := os.WriteFile(path, []byte(defaultConfig()), 0o644); err != nil {
				return fmt.Errorf("%s: %s", path, describeFSError(err))
			}
			fmt.Fprintf(c.App.Writer, "wrote %s\n", path)
			return nil
		},
	}
}

// defaultConfig is a config that changes nothing, with every key explained.
func defaultConfig() string {
	var b strings.Builder
	b.WriteString(`# podlint configuration. podlint uses the nearest .podlint.yaml from each
# file's folder upward; --config FILE uses one for all, --no-config none.
# Every key is optional. Globs are relative to this file's folder.

# Severity per rule: off, warning or error; some rules take options.
rules:
`)
	for _, r := range rules.All() {
		if len(r.Options) == 0 {
			fmt.Fprintf(&b, "  %s: %s\n", r.Name, r.Severity)
			continue
		}
		fmt.Fprintf(&b, "  %s:\n    severity: %s\n%s", r.Name, r.Severity, optionLines(r, "    "))
	}
	b.WriteString(`
# Run only these rules or categories (` + strings.Join(rules.CategoryNames, ", ") + `):
# select: [structure, timing]
# Do not run these:
# ignore: [title-format]

# Files to check (default: every *.md and *.json), even when named on the command line.
# include: ["episodes/**/*.md", "episodes/**/*.json"]

# Files not to check, even when named on the command line (pre-commit names them all).
# exclude: ["drafts/**", "*.tmp.md"]

# Rules not to run on some files.
# per-file-ignores:
#   "archive/**": [quote-style, chapter-start]

# Larger files are not read (bytes, or KiB, MiB, GiB).
max-file-size: 10MiB

# A JSON Schema applied in addition to the built-in one, for site-specific front matter.
# schema: site.schema.json
`)
	return b.String()
}

// optionLines writes the options of r at their defaults, each under its
// doc as a comment, as lines of YAML indented by indent.
func optionLines(r *rules.Rule, indent string) string {
	var b strings.Builder
	for _, o := range r.Options {
		spec := o.Spec()
		fmt.Fprintf(&b, "%s# %s\n%s%s: %s\n", indent, spec.Doc, indent, spec.Name, flowYAML(spec.Default))
	}
	return b.String()
}

// flowYAML writes an option's value as YAML on one line, as a person
// would: plain words unquoted, lists in brackets.
func flowYAML(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var value any
	_ = json.Unmarshal(data, &value)
	return flowValue(value)
}

// plainWord is a string YAML reads back as the same string unquoted.
var plainWord = lazyre.New(`^[A-Za-z][A-Za-z0-9_.-]*( [A-Za-z0-9_.-]+)*$`)

func flowValue(v any) string {
	switch v := v.(type) {
	case string:
		switch strings.ToLower(v) {
		case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		default:
			if plainWord.Get().MatchString(v) {
				return v
			}
		}
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = flowValue(item)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	data, _ := json.Marshal(v) // numbers, quoted strings, objects: JSON is YAML
	return string(data)
}
