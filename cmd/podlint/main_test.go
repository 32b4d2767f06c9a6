package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in the script files")

// scriptCommands are the commands the test binary runs under their names:
// in scripts, and where a test starts a process of its own.
var scriptCommands = map[string]func(){
	"podlint": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	// podlint-held stops each write before its last check (see
	// holdBeforeCheck): a test signals it there.
	"podlint-held": func() {
		testHookBeforeCheck = holdBeforeCheck
		os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
	},
}

func TestMain(m *testing.M) {
	testscript.Main(m, scriptCommands)
}

// TestScripts runs the CLI scripts in testdata/script: each is a txtar file
// holding the command lines, the input files and the expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *updateScripts,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// writebytes FILE "GO STRING": bytes a txtar file cannot hold
			// (invalid UTF-8, NUL).
			"writebytes": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: writebytes FILE \"GO STRING\"")
				}
				data, err := strconv.Unquote(`"` + args[1] + `"`)
				ts.Check(err)
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data), 0o644))
			},
			// isjson FILE: FILE (stdout, stderr) is one JSON value and
			// nothing else, as a JSON reader of a pipe needs.
			"isjson": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: isjson FILE")
				}
				err := oneJSONValue(ts.ReadFile(args[0]))
				switch {
				case err != nil && !neg:
					ts.Fatalf("%s is not one JSON value: %v", args[0], err)
				case err == nil && neg:
					ts.Fatalf("%s is one JSON value", args[0])
				}
			},
		},
	})
}

// oneJSONValue reads text as jq or json.load would read a pipe: one value,
// then only white space.
func oneJSONValue(text string) error {
	dec := json.NewDecoder(strings.NewReader(text))
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("more after the first value (at byte %d)", dec.InputOffset())
	}
	return nil
}
