package main

import (
	"flag"
	"os"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in the script files")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"podlint": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
		// podlint-held stops each write before its last check (see
		// holdBeforeCheck): a test signals it there.
		"podlint-held": func() {
			testHookBeforeCheck = holdBeforeCheck
			os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
		},
	})
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
		},
	})
}
