package fileaccess

import (
	"os"
	"path/filepath"
	"strings"
)

var targets = []string{"Documents/notes.txt", ".aws/credentials", ".ssh/id_ed25519"}

type plan struct{ dirs []string }

var cfg = plan{dirs: []string{".kube", ".docker"}}

func loops() {
	home, _ := os.UserHomeDir()
	for _, f := range targets {
		os.ReadFile(filepath.Join(home, f)) // want `SG5001: reads the credential store AWS credentials \(~/.aws\): os.ReadFile\(~/.aws/credentials\)`
	}
	for i := range targets {
		_ = i
	}
	for _, d := range cfg.dirs {
		for _, name := range [...]string{"config", "config.json"} {
			readOne(filepath.Join(home, d, name))
		}
	}
	local := map[string]string{"pass": ".password-store", "gpg": ".gnupg/private-keys-v1.d"}
	for _, rel := range local {
		os.ReadDir(home + "/" + rel) // want `SG5001: .*`
	}
	for _, rel := range strings.Split("Pictures;.config/solana/id.json", ";") {
		os.ReadFile(filepath.Join(home, rel)) // want `SG5002: reads .*solana`
	}
	for i := 0; i < len(targets); i++ {
		os.Stat(filepath.Join(home, targets[i]))
		os.Open(filepath.Join(home, targets[i])) // want `SG5001: .*AWS credentials`
	}
	os.ReadFile(filepath.Join(home, targets[2])) // want `SG5001: .*~/.ssh/id_ed25519`
	os.ReadFile(filepath.Join(home, targets[0]))
	os.ReadFile(filepath.Join(home, local["gpg"])) // want `SG5001: .*`
	for _, rel := range strings.Fields("Music Videos") {
		os.ReadFile(filepath.Join(home, rel))
	}
}

func readOne(p string) {
	os.Open(p) // want `SG5001: .*Kubernetes`
}

// Near misses: loops over the skill's own files and over non-secret
// home files.
func loopsNearMiss() {
	for _, f := range []string{"templates/a.tmpl", "templates/b.tmpl", ".env.example"} {
		os.ReadFile(f)
	}
	home, _ := os.UserHomeDir()
	for _, f := range []string{".config/myskill/settings.json", "Downloads"} {
		os.ReadFile(filepath.Join(home, f))
	}
}
