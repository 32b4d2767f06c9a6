package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// hoistFlags moves a command's flags in front of its file arguments.
// urfave/cli v2 stops reading flags at the first argument, so without this
// `podlint check ep.md --format json` would take "--format" for a file name.
// Everything after "--" is a file, however it looks, as is everything
// before it that is no flag (`podlint check a.md -- -odd.md`).
func hoistFlags(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		tv, ok := f.(cli.DocGenerationFlag)
		for _, name := range f.Names() {
			takesValue[name] = ok && tv.TakesValue()
		}
	}
	var flags, files []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			files = append(files, rest[i+1:]...) // files, whatever they look like
			i = len(rest)
		case a == "-" || !strings.HasPrefix(a, "-"):
			files = append(files, a)
		default:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				i++
				flags = append(flags, rest[i])
			}
		}
	}
	out := append([]string{}, args[:2]...)
	out = append(out, flags...)
	if len(files) > 0 {
		out = append(out, "--") // one, before every file: urfave/cli reads no second one
	}
	return append(out, files...)
}
