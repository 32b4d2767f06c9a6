package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/rules"
)

// The completion scripts are written from the commands and flags the app
// has, so a new flag is completed without a change here; only the words a
// flag or an argument takes are listed below. They are static scripts:
// urfave/cli's own bash completion runs the program on every key press
// and reads os.Args, which podlint reorders (hoistFlags), and its fish
// script refuses file names after every flag.

var shells = []string{"bash", "zsh", "fish"}

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError(fmt.Errorf("completion takes one shell: %s", strings.Join(shells, ", ")))
			}
			spec := completionSpec(c.App)
			switch shell := c.Args().First(); shell {
			case "bash":
				writeBash(c.App.Writer, spec)
			case "zsh":
				writeZsh(c.App.Writer, spec)
			case "fish":
				writeFish(c.App.Writer, spec)
			default:
				return usageError(fmt.Errorf("no completion for %q%s: podlint has %s", shell, rules.DidYouMean(shell, shells), strings.Join(shells, ", ")))
			}
			return nil
		},
	}
}

// compCommand is what the scripts know of a command.
type compCommand struct {
	name, usage string
	flags       []compFlag
	// words are what its arguments may be; nil: file names (none for a
	// command that takes no argument, which noArgs says).
	words  []string
	noArgs bool
}

type compFlag struct {
	names      []string // long first, as declared
	usage      string
	takesValue bool
	repeatable bool
	// list: a comma-separated list of words (--enable a,b).
	list  bool
	words []string // the values it takes; nil: a file name or free text
	// number: it takes a number, so file names are no help.
	number bool
}

// completionSpec reads the commands and flags of the app.
func completionSpec(app *cli.App) []compCommand {
	var out []compCommand
	for _, cmd := range app.Commands {
		if cmd.Hidden {
			continue
		}
		cc := compCommand{name: cmd.Name, usage: cmd.Usage}
		cc.words, cc.noArgs = argumentWords(app, cmd.Name)
		flags := cmd.Flags
		if !hasFlag(cmd, "help") {
			flags = append(append([]cli.Flag(nil), flags...), cli.HelpFlag)
		}
		for _, f := range flags {
			cf := compFlag{names: f.Names()}
			if d, ok := f.(cli.DocGenerationFlag); ok {
				cf.usage, cf.takesValue = strings.ReplaceAll(d.GetUsage(), "`", ""), d.TakesValue()
			}
			if s, ok := f.(cli.DocGenerationSliceFlag); ok {
				cf.repeatable = s.IsSliceFlag()
			}
			cf.words, cf.list = flagWords(cmd.Name, cf.names[0])
			switch f.(type) {
			case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Float64Flag:
				cf.number = true
			}
			cc.flags = append(cc.flags, cf)
		}
		out = append(out, cc)
	}
	return out
}

// argumentWords are the words a command's arguments take.
func argumentWords(app *cli.App, command string) (words []string, noArgs bool) {
	switch command {
	case "explain":
		return ruleNames(), false
	case "completion":
		return shells, false
	case "help":
		for _, cmd := range app.Commands {
			if !cmd.Hidden {
				words = append(words, cmd.Name)
			}
		}
		return words, false
	case "rules", "schema":
		return nil, true
	}
	return nil, false
}

// flagWords are the values a flag takes, when they are a fixed set.
func flagWords(command, flag string) (words []string, list bool) {
	switch flag {
	case "format":
		if command == "rules" {
			return []string{"text", "markdown"}, false
		}
		return formatNames(), false
	case "color":
		return []string{"auto", "always", "never"}, false
	case "cache-strategy":
		return []string{"stamp", "content"}, false
	case "enable", "disable":
		return rules.Names(), true
	case "to":
		words = make([]string, 0, len(targets))
		for t := range targets {
			words = append(words, t)
		}
		sort.Strings(words)
		return words, false
	}
	return nil, false
}

func ruleNames() []string {
	var out []string
	for _, r := range rules.All() {
		out = append(out, r.Name)
	}
	return out
}

// summary is a usage cut to its first clause, for the shells that show a
// description beside each word.
func summary(usage string) string {
	if i := strings.Index(usage, ";"); i > 0 {
		usage = usage[:i]
	}
	return strings.TrimSpace(usage)
}

func flagWordsOf(f compFlag) []string {
	var out []string
	for _, n := range f.names {
		out = append(out, dashed(n))
	}
	return out
}

func writeBash(w io.Writer, spec []compCommand) {
	var commands []string
	for _, c := range spec {
		commands = append(commands, c.name)
	}
	fmt.Fprintf(w, `# bash completion for podlint: source <(podlint completion bash)
_podlint() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            -*) ;;
            *) cmd="${COMP_WORDS[i]}"; break ;;
        esac
    done
    # __podlint_words WORDS: complete cur from WORDS; __podlint_list WORDS:
    # the same after the last comma of cur.
    __podlint_words() { COMPREPLY=($(compgen -W "$1" -- "$cur")); }
    __podlint_list() {
        local head=""
        [[ $cur == *,* ]] && head="${cur%%,*},"
        COMPREPLY=($(compgen -W "$1" -P "$head" -- "${cur##*,}"))
    }
    case "$cmd" in
    "")
        __podlint_words "%s --help -h --version -v"
        return ;;
`, strings.Join(commands, " "))
	for _, c := range spec {
		fmt.Fprintf(w, "    %s)\n        case \"$prev\" in\n", c.name)
		var all []string
		for _, f := range c.flags {
			names := flagWordsOf(f)
			all = append(all, names...)
			if !f.takesValue {
				continue
			}
			switch {
			case f.list:
				fmt.Fprintf(w, "        %s) __podlint_list %q; return ;;\n", strings.Join(names, "|"), strings.Join(f.words, " "))
			case f.words != nil:
				fmt.Fprintf(w, "        %s) __podlint_words %q; return ;;\n", strings.Join(names, "|"), strings.Join(f.words, " "))
			case f.number:
				fmt.Fprintf(w, "        %s) COMPREPLY=(); compopt +o default 2>/dev/null; return ;;\n", strings.Join(names, "|"))
			default:
				// A file name or free text: bash's own completion.
				fmt.Fprintf(w, "        %s) COMPREPLY=(); return ;;\n", strings.Join(names, "|"))
			}
		}
		fmt.Fprintf(w, "        esac\n")
		fmt.Fprintf(w, "        if [[ $cur == -* ]]; then __podlint_words %q; return; fi\n", strings.Join(all, " "))
		if c.words != nil {
			fmt.Fprintf(w, "        __podlint_words %q ;;\n", strings.Join(c.words, " "))
		} else {
			fmt.Fprintf(w, "        COMPREPLY=() ;;\n")
		}
	}
	fmt.Fprintf(w, `    esac
}
complete -o default -F _podlint podlint
`)
}

// zshQuote escapes text for the inside of a single-quoted _arguments spec:
// its brackets and colons are syntax there.
func zshQuote(s string) string {
	return strings.NewReplacer(`'`, `'\''`, `[`, `\[`, `]`, `\]`, `:`, `\:`).Replace(s)
}

func writeZsh(w io.Writer, spec []compCommand) {
	fmt.Fprintf(w, "#compdef podlint\n# zsh completion for podlint: podlint completion zsh > \"${fpath[1]}/_podlint\"\n\n_podlint() {\n    local -a commands\n    commands=(\n")
	for _, c := range spec {
		fmt.Fprintf(w, "        '%s:%s'\n", c.name, zshQuote(summary(c.usage)))
	}
	fmt.Fprintf(w, `    )
    if (( CURRENT == 2 )); then
        _describe 'command' commands
        return
    fi
    local cmd=$words[2]
    shift 1 words
    (( CURRENT-- ))
    case $cmd in
`)
	for _, c := range spec {
		fmt.Fprintf(w, "    %s)\n        _arguments -s \\\n", c.name)
		for _, f := range c.flags {
			desc := zshQuote(summary(f.usage))
			star := ""
			if f.repeatable {
				star = "*"
			}
			for _, n := range flagWordsOf(f) {
				if !f.takesValue {
					fmt.Fprintf(w, "            '%s%s[%s]' \\\n", star, n, desc)
					continue
				}
				action := "_files"
				switch {
				case f.number:
					action = " "
				case f.list:
					action = "_sequence compadd - " + strings.Join(f.words, " ")
				case f.words != nil:
					action = "(" + strings.Join(f.words, " ") + ")"
				}
				sep := "="
				if len(n) == 2 {
					sep = "+" // -j 4 or -j4
				}
				fmt.Fprintf(w, "            '%s%s%s[%s]:%s:%s' \\\n", star, n, sep, desc, strings.TrimLeft(n, "-"), action)
			}
		}
		switch {
		case c.noArgs:
			fmt.Fprintf(w, "            ;;\n")
		case c.words != nil:
			fmt.Fprintf(w, "            '*:argument:(%s)' ;;\n", strings.Join(c.words, " "))
		default:
			fmt.Fprintf(w, "            '*:path:_files' ;;\n")
		}
	}
	fmt.Fprintf(w, `    esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _podlint "$@"
else
    compdef _podlint podlint
fi
`)
}

// fishQuote writes s as a single-quoted fish string.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func writeFish(w io.Writer, spec []compCommand) {
	fmt.Fprintf(w, "# fish completion for podlint: podlint completion fish > ~/.config/fish/completions/podlint.fish\n\n")
	lists := map[string]bool{}
	for _, c := range spec {
		for _, f := range c.flags {
			if f.list && !lists[f.names[0]] {
				// __fish_complete_list takes a command that prints the words.
				lists[f.names[0]] = true
				fmt.Fprintf(w, "function __podlint_%s\n    printf '%%s\\n' %s\nend\n", f.names[0], strings.Join(f.words, " "))
			}
		}
	}
	fmt.Fprintf(w, "complete -c podlint -n __fish_use_subcommand -f\n")
	fmt.Fprintf(w, "complete -c podlint -n __fish_use_subcommand -s h -l help -d 'show help'\n")
	fmt.Fprintf(w, "complete -c podlint -n __fish_use_subcommand -s v -l version -d 'print the version'\n")
	for _, c := range spec {
		fmt.Fprintf(w, "\ncomplete -c podlint -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(summary(c.usage)))
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		switch {
		case c.noArgs:
			fmt.Fprintf(w, "complete -c podlint -n %s -f\n", cond)
		case c.words != nil:
			fmt.Fprintf(w, "complete -c podlint -n %s -f -a %s\n", cond, fishQuote(strings.Join(c.words, " ")))
		}
		for _, f := range c.flags {
			var b strings.Builder
			fmt.Fprintf(&b, "complete -c podlint -n %s", cond)
			for _, n := range f.names {
				if len(n) == 1 {
					fmt.Fprintf(&b, " -s %s", n)
				} else {
					fmt.Fprintf(&b, " -l %s", n)
				}
			}
			switch {
			case !f.takesValue:
			case f.list:
				fmt.Fprintf(&b, " -x -a %s", fishQuote("(__fish_complete_list , __podlint_"+f.names[0]+")"))
			case f.words != nil:
				fmt.Fprintf(&b, " -x -a %s", fishQuote(strings.Join(f.words, " ")))
			case f.number:
				b.WriteString(" -x")
			default:
				b.WriteString(" -r -F")
			}
			fmt.Fprintf(&b, " -d %s\n", fishQuote(summary(f.usage)))
			fmt.Fprint(w, b.String())
		}
	}
}
