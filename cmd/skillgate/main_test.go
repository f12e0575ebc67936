package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"skillgate": func() { os.Exit(run(os.Args[1:])) },
	})
}

// TestScript runs the CLI scripts in testdata/script: each is a txtar with
// commands, expected output and input files. `go test -run TestScript
// -update` rewrites expected output in place.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("CI", "true")
			env.Setenv("SKILLGATE_TEST", "1")
			script, err := filepath.Abs("../../scripts/action-scan.sh")
			if err != nil {
				return err
			}
			env.Setenv("ACTION_SCRIPT", script)
			return nil
		},
		Condition: condition,
	})
}
