package fileaccess

import (
	"io/ioutil"
	"os"
	"os/user"
	"path/filepath"
)

func reads() {
	home, _ := os.UserHomeDir()
	os.ReadFile(filepath.Join(home, ".ssh", "id_rsa"))       // want `SG5001: reads the credential store SSH keys \(~/.ssh\): os.ReadFile\(~/.ssh/id_rsa\)`
	ioutil.ReadFile(os.Getenv("HOME") + "/.aws/credentials") // want `SG5001: .*~/.aws/credentials`
	u, _ := user.Current()
	os.Open(filepath.Join(u.HomeDir, kubeDir, "config"))                         // want `SG5001: .*Kubernetes`
	os.ReadFile(filepath.Join(home, ".config/google-chrome/Default/Login Data")) // want `SG5002: reads browser profile data`
	readAt(filepath.Join(home, ".docker", "config.json"))
}

func readAt(p string) {
	os.ReadFile(p) // want `SG5001: .*Docker credentials`
}

func writes() {
	home, _ := os.UserHomeDir()
	f, _ := os.OpenFile(filepath.Join(home, ".bashrc"), os.O_APPEND|os.O_WRONLY, 0o644) // want `SG4001: writes to a shell startup file`
	f.Close()
	os.WriteFile(filepath.Join(home, ".claude", "settings.json"), nil, 0o644) // want `SG4002: writes to Claude Code settings`
	os.Open("/var/run/docker.sock")                                           // want `SG2012: os.Open opens /var/run/docker.sock`
}

func nearMiss() {
	dir, _ := os.UserConfigDir()
	os.ReadFile(filepath.Join(dir, "weather-cli", "config.json")) // near miss: the tool's own config
	os.ReadFile(".env.example")                                   // near miss: a template
	os.WriteFile("out/report.txt", nil, 0o644)                    // near miss: ordinary output
	home, _ := os.UserHomeDir()
	os.ReadFile(filepath.Join(home, ".bashrc"))                // near miss: reading a startup file is not persistence
	os.ReadFile(".env")                                        // near miss: the skill's own settings (relative)
	os.ReadFile(filepath.Join(home, ".ssh", "known_hosts"))    // near miss: no secret in it
	os.ReadFile(filepath.Join(home, ".ssh", "id_ed25519.pub")) // near miss: a public key
}
