package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/podlint/podlint/convert"
	"github.com/podlint/podlint/rules"
	"github.com/podlint/podlint/schema"
)

// targets are the forms convert writes, with the extension of their files.
var targets = map[string]string{
	"json":     ".json",
	"md":       ".md",
	"chapters": ".chapters.json",
	"youtube":  ".youtube.txt",
}

func convertCommand() *cli.Command {
	return &cli.Command{
		Name:      "convert",
		Usage:     "write an episode in another form: json, md, chapters (Podcasting 2.0), youtube",
		ArgsUsage: "PATH... (files, directories, or - for standard input)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "to", Usage: "target `FORM`: json, md, chapters, youtube", Required: true},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this `PATH`: a file (one input) or a folder (several)"},
			&cli.BoolFlag{Name: "lossy", Usage: "convert even when the target form cannot hold everything (what is dropped is still listed)"},
			&cli.BoolFlag{Name: "force", Usage: "convert even an episode with error-level findings"},
			&cli.StringFlag{Name: "stdin-filename", Usage: "`NAME` standard input is read under (its extension picks the form)"},
			&cli.StringFlag{Name: "config", Usage: "use this config `FILE` for every file"},
			&cli.BoolFlag{Name: "no-config", Usage: "ignore every config file"},
		},
		Action: convertAction,
	}
}

func convertAction(c *cli.Context) error {
	target := c.String("to")
	ext, ok := targets[target]
	if !ok {
		return usageError(fmt.Errorf("unknown --to %q: use json, md, chapters or youtube", target))
	}
	if c.NArg() == 0 {
		return usageError(fmt.Errorf("no files given: pass files, directories, or - for standard input"))
	}
	res := newResolver(c.String("config"), c.Bool("no-config"), nil, nil, 0)
	opts := lintOptions{resolver: res, stdin: c.App.Reader, stdinFor: c.String("stdin-filename"), stderr: c.App.ErrWriter}
	rep := &report{}
	type converted struct {
		in  input
		out []byte
	}
	var outs []converted
	failed := false
	force, lossy := c.Bool("force"), c.Bool("lossy")
	err := eachInput(c.Args().Slice(), opts, rep, func(in input, src []byte, _ fileStamp, st *settings) func() {
		doc := schema.Read(in.path, src)
		if pr, broken := convert.Unreadable(doc); broken {
			// --force passes over findings, never over a file that did not read.
			pos := doc.Lines.Position(pr.Span.Start)
			return func() {
				rep.errors = append(rep.errors, inputError{path: in.path, pos: &pos, msg: "not converted: " + pr.Message})
			}
		}
		name := visible(in.path)
		var msgs strings.Builder
		ok := true
		if errs := errorFindings(doc, st.cfg); len(errs) > 0 && !force {
			fmt.Fprintf(&msgs, "podlint: %s: not converted: %s (see podlint check %s; --force converts anyway)\n",
				name, strings.Join(errs, ", "), name)
			ok = false
		}
		var out []byte
		if ok {
			var losses []convert.Loss
			var warnings []string
			out, losses, warnings = convertDoc(doc, target)
			for _, w := range warnings {
				fmt.Fprintf(&msgs, "podlint: %s: warning: %s\n", name, visible(w))
			}
			verb := "cannot hold"
			if lossy {
				verb = "drops (--lossy)"
			}
			// Losses come in source order; on a one-line JSON file the cursor
			// counts columns on from the previous loss, not from the line's start.
			cur := doc.Lines.Cursor()
			for _, l := range losses {
				pos := cur.Position(l.Span.Start)
				fmt.Fprintf(&msgs, "podlint: %s:%d:%d: %s %s %s\n", name, pos.Line, pos.Column, target, verb, visible(l.What))
			}
			ok = len(losses) == 0 || lossy
		}
		return func() {
			fmt.Fprint(c.App.ErrWriter, msgs.String())
			if !ok {
				failed = true
				return
			}
			outs = append(outs, converted{in: in, out: out})
		}
	})
	if err != nil {
		return err
	}
	// Every output is checked against every input before anything is
	// written: an output that is an input (by name, symbolic link or hard
	// link) or that another input also converts to is refused.
	dest, many := c.String("output"), len(outs)+len(rep.errors) > 1
	var inputs []os.FileInfo
	named, _ := collect(c.Args().Slice(), opts.stdinFor, res, nil)
	for _, in := range named {
		if info, err := os.Stat(in.path); err == nil && !in.stdin {
			inputs = append(inputs, info)
		}
	}
	paths := make([]string, len(outs))
	writer := map[string]string{} // an output's absolute path: the input converted to it
	for i, o := range outs {
		path, err := outputPath(o.in, dest, ext, many)
		if err == nil && path != "" {
			err = clobbers(path, inputs, writer, o.in.path)
		}
		if err != nil {
			rep.errors = append(rep.errors, inputError{path: o.in.path, msg: err.Error()})
			continue
		}
		paths[i] = path
		if path == "" {
			_, _ = c.App.Writer.Write(o.out)
		}
	}
	for i, o := range outs {
		if paths[i] == "" {
			continue
		}
		if err := writeConverted(paths[i], o.out); err != nil {
			rep.errors = append(rep.errors, inputError{path: o.in.path, msg: err.Error()})
		}
	}
	if err := rep.finish(c.App.ErrWriter); err != nil {
		return err
	}
	if failed {
		return exitErr(exitFindings)
	}
	return nil
}

// convertDoc writes doc in the target form.
func convertDoc(doc *schema.Document, target string) ([]byte, []convert.Loss, []string) {
	switch target {
	case "json":
		out, losses := convert.ToJSON(doc)
		return out, losses, nil
	case "md":
		out, losses := convert.ToMarkdown(doc)
		return out, losses, nil
	case "chapters":
		out, losses := convert.ToChapters(doc)
		return out, losses, nil
	}
	out, warnings := convert.ToYouTube(doc)
	return out, nil, warnings
}

// errorFindings names the rules with error-level findings on doc.
func errorFindings(doc *schema.Document, cfg *rules.Config) []string {
	counts := map[string]int{}
	var names []string
	for _, d := range rules.Run(doc, cfg) {
		if d.Severity != rules.Error {
			continue
		}
		if counts[d.Rule] == 0 {
			names = append(names, d.Rule)
		}
		counts[d.Rule]++
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = plural(counts[n], n+" error")
	}
	return out
}

// outputPath is where one result goes: -o FILE, a file in -o DIR, or ""
// for stdout.
func outputPath(in input, dest, ext string, many bool) (string, error) {
	if dest == "" {
		if many {
			return "", fmt.Errorf("several inputs need -o FOLDER")
		}
		return "", nil
	}
	if info, err := os.Stat(dest); (err == nil && info.IsDir()) || many {
		base := strings.TrimSuffix(filepath.Base(in.path), filepath.Ext(in.path))
		return filepath.Join(dest, base+ext), nil
	}
	return dest, nil
}

// clobbers says why path may not be written: it is one of the inputs
// (after symbolic links, or another hard link of one), or from, another
// input, already writes to it. It records path as from's.
func clobbers(path string, inputs []os.FileInfo, writer map[string]string, from string) error {
	if out, err := os.Stat(path); err == nil {
		for _, in := range inputs {
			if os.SameFile(in, out) {
				return fmt.Errorf("refusing to write over the input %s; choose another -o", path)
			}
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("%s: %s", path, describeFSError(err))
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	if other, ok := writer[abs]; ok {
		return fmt.Errorf("converts to %s, as %s does; not written (choose another -o)", path, other)
	}
	writer[abs] = from
	return nil
}

// writeConverted writes one result to its file.
func writeConverted(path string, out []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("%s: %s", filepath.Dir(path), describeFSError(err))
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return fmt.Errorf("%s: %s", path, describeFSError(err))
	}
	return nil
}
