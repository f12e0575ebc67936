package ghaction

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const root = "../.."

func workflows(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, ".github/workflows/*.yml"))
	more, _ := filepath.Glob(filepath.Join(root, ".github/workflows/*.yaml"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no workflows")
	}
	return files
}

// actionlintModule is the pinned actionlint. It is built in its own
// module (go run pkg@version) because its YAML library version conflicts
// with the one osv-scanner needs in skillgate's module graph.
const actionlintModule = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

func TestActionlint(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH; it builds the pinned actionlint")
	}
	args := []string{"run", actionlintModule, "-no-color"}
	for _, f := range workflows(t) {
		rel, _ := filepath.Rel(root, f)
		args = append(args, rel)
	}
	cmd := exec.Command(gobin, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("actionlint failed: %v\n%s", err, out.String())
	}
}

var (
	pinned  = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	usesRE  = regexp.MustCompile(`(?m)^\s*-?\s*uses:\s*(\S+)(\s*#\s*(v\S+))?`)
	version = regexp.MustCompile(`^v\d+(\.\d+)*$`)
)

// TestHardening checks the supply-chain rules that actionlint does not.
func TestHardening(t *testing.T) {
	files := append(workflows(t), filepath.Join(root, "action.yml"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		for _, m := range usesRE.FindAllStringSubmatch(string(data), -1) {
			ref := m[1]
			if strings.HasPrefix(ref, "./") {
				continue
			}
			if !pinned.MatchString(ref) {
				t.Errorf("%s: %s is not pinned to a full commit SHA", name, ref)
			}
			if !version.MatchString(m[3]) {
				t.Errorf("%s: %s has no version comment (# vX.Y.Z)", name, ref)
			}
		}
		if name == "action.yml" {
			continue
		}
		var wf struct {
			Permissions any `yaml:"permissions"`
			Jobs        map[string]struct {
				Permissions any `yaml:"permissions"`
				Steps       []struct {
					Uses string         `yaml:"uses"`
					With map[string]any `yaml:"with"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p, ok := wf.Permissions.(map[string]any); !ok || len(p) != 0 {
			t.Errorf("%s: top-level permissions must be {} (got %v)", name, wf.Permissions)
		}
		for job, j := range wf.Jobs {
			if j.Permissions == nil {
				t.Errorf("%s: job %s grants no explicit permissions", name, job)
			}
			for _, s := range j.Steps {
				if strings.HasPrefix(s.Uses, "actions/checkout@") && s.With["persist-credentials"] != false {
					t.Errorf("%s: job %s checks out with persisted credentials", name, job)
				}
			}
		}
	}
}
