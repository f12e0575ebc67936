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
	var cmd *exec.Cmd
	files := []string{}
	for _, f := range workflows(t) {
		rel, _ := filepath.Rel(root, f)
		files = append(files, rel)
	}
	if bin, err := exec.LookPath("actionlint"); err == nil {
		cmd = exec.Command(bin, append([]string{"-no-color"}, files...)...)
	} else if gobin, err := exec.LookPath("go"); err == nil {
		// Only from the module cache: tests never download.
		cmd = exec.Command(gobin, append([]string{"run", actionlintModule, "-no-color"}, files...)...)
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	} else {
		t.Skip("neither actionlint nor the go command is on PATH")
	}
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if strings.Contains(out.String(), "GOPROXY=off") || strings.Contains(out.String(), "module lookup disabled") {
			t.Skipf("actionlint %s is not installed or cached (.ci/run installs it): %s", actionlintModule, strings.TrimSpace(out.String()))
		}
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
