package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

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
		switch r.Name {
		case "entity-type":
			fmt.Fprintf(&b, "  %s:\n    severity: %s\n    # The entity type vocabulary.\n    types: [%s]\n", r.Name, r.Severity, strings.Join(rules.EntityTypes, ", "))
		case "timestamp-format":
			fmt.Fprintf(&b, "  %s:\n    severity: %s\n    # auto: mm:ss below one hour, h:mm:ss from one hour on; hh:mm:ss: always hh:mm:ss.\n    style: auto\n", r.Name, r.Severity)
		case "duplicate-intro":
			fmt.Fprintf(&b, "  %s:\n    severity: %s\n    # How alike a repeat must be: the share of the summary's words, in order (0.5 to 1).\n    similarity: 0.9\n", r.Name, r.Severity)
		default:
			fmt.Fprintf(&b, "  %s: %s\n", r.Name, r.Severity)
		}
	}
	b.WriteString(`
# Run only these rules or categories (` + strings.Join(rules.CategoryNames, ", ") + `):
# select: [structure, timing]
# Do not run these:
# ignore: [title-format]

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
