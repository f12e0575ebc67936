package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
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
		Cmds:      map[string]func(*testscript.TestScript, bool, []string){"fakeregistry": fakeRegistry},
	})
}

// fakeRegistry serves npm's document format in-process and points
// SKILLGATE_NPM_REGISTRY at it: `fakeregistry NAME=CREATED ...` (CREATED
// an RFC 3339 time); every other name is 404. Scripts never reach the
// real registries.
func fakeRegistry(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! fakeregistry")
	}
	known := map[string]string{}
	for _, a := range args {
		name, created, _ := strings.Cut(a, "=")
		known["/"+name] = created
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		created, ok := known[r.URL.EscapedPath()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `{"time":{"created":%q}}`, created)
	}))
	ts.Defer(srv.Close)
	ts.Setenv("SKILLGATE_NPM_REGISTRY", srv.URL)
	ts.Setenv("SKILLGATE_PYPI_REGISTRY", srv.URL)
}
