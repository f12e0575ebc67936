package gate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DefaultBlockedPatterns are NanoClaw's built-in blocked mount patterns:
// a path any of whose components contains one is never mounted.
var DefaultBlockedPatterns = []string{
	".ssh", ".gnupg", ".gpg", ".aws", ".azure", ".gcloud", ".kube", ".docker",
	"credentials", ".env", ".netrc", ".npmrc", ".pypirc", "id_rsa", "id_ed25519",
	"private_key", ".secret",
}

// MountAllowlist is the part of NanoClaw's
// ~/.config/nanoclaw/mount-allowlist.json that the gate applies.
type MountAllowlist struct {
	BlockedPatterns []string `json:"blockedPatterns"`
}

// maxAllowlist bounds the file we parse.
const maxAllowlist = 1 << 20

// LoadMountAllowlist reads NanoClaw's allowlist from path. A missing file
// gives the defaults; an unreadable or invalid one is an error (never
// silently ignored). The defaults always apply.
func LoadMountAllowlist(path string) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultBlockedPatterns, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseMountAllowlist(io.LimitReader(f, maxAllowlist+1))
}

// ParseMountAllowlist parses the allowlist JSON and returns the defaults
// plus its blocked patterns.
func ParseMountAllowlist(r io.Reader) ([]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) > maxAllowlist {
		return nil, fmt.Errorf("mount allowlist: larger than %d bytes", maxAllowlist)
	}
	var a MountAllowlist
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("mount allowlist: %w", err)
	}
	out := append([]string(nil), DefaultBlockedPatterns...)
	for _, p := range a.BlockedPatterns {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out, nil
}

// DefaultAllowlistPath is NanoClaw's allowlist location for this user.
func DefaultAllowlistPath() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config", "nanoclaw", "mount-allowlist.json")
}

// CheckExtraMount refuses a host path for an extra mount (e.g. --work)
// when it, or the path it resolves to, has a component containing a
// blocked pattern. It returns the resolved absolute path.
func CheckExtraMount(p string, blocked []string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	for _, cand := range []string{abs, real} {
		for _, comp := range strings.Split(filepath.ToSlash(cand), "/") {
			for _, pat := range blocked {
				if comp != "" && strings.Contains(comp, pat) {
					return "", &Error{Code: "E_MOUNT_BLOCKED", Err: fmt.Errorf("%s: component %q matches blocked pattern %q", p, comp, pat)}
				}
			}
		}
	}
	return real, nil
}
