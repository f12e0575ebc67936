// Package signtest holds in-memory keys and skill fixtures for the
// signing tests: keys are plain ECDSA P-256 (no scrypt), made once per
// name per test binary.
package signtest

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sigstore/sigstore/pkg/signature"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/signing/approval"
	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/keys"
)

var (
	mu    sync.Mutex
	cache = map[string]*keys.PrivateKey{}
)

// Key returns the in-memory key called name (the same one for the whole
// test binary).
func Key(t testing.TB, name string) *keys.PrivateKey {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if k, ok := cache[name]; ok {
		return k
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	id, err := keys.ID(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	k := &keys.PrivateKey{Signer: sv, Public: priv.Public(), ID: id}
	cache[name] = k
	return k
}

// PublicPEM is k's public key as PEM.
func PublicPEM(t testing.TB, k *keys.PrivateKey) string {
	t.Helper()
	b, err := keys.MarshalPublic(k.Public)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// WritePublic writes k's public key to dir/name.pub and returns the path.
func WritePublic(t testing.TB, dir, name string, k *keys.PrivateKey) string {
	t.Helper()
	p := filepath.Join(dir, name+".pub")
	if err := os.WriteFile(p, []byte(PublicPEM(t, k)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// DefaultFiles is a small skill; paths ending in .sh are executable.
var DefaultFiles = map[string]string{
	"SKILL.md":            "---\nname: NAME\ndescription: test skill\n---\nRun scripts/run.sh.\n",
	"scripts/run.sh":      "#!/bin/sh\necho hello\n",
	"scripts/helper.py":   "print('helper')\n",
	"references/notes.md": "# Notes\n",
}

// NewSkill writes files into parent/name (NAME in contents is replaced by
// name) and returns the folder.
func NewSkill(t testing.TB, parent, name string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(parent, name)
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(p, ".sh") {
			mode = 0o755
		}
		if err := os.WriteFile(full, []byte(strings.ReplaceAll(c, "NAME", name)), mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(full, mode)
	}
	return dir
}

// Report is the scan report fixtures approve.
const Report = `{"schemaVersion":"1","skills":[]}`

// Now is the fixed clock of the fixtures' approvals.
var Now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// Predicate is a passing approval made at Now.
func Predicate(approver string) attest.Predicate {
	caps := finding.Capabilities{}
	for _, k := range finding.CapabilityKinds {
		caps[k] = []string{}
	}
	caps[finding.CapNetwork] = []string{"api.example.com:443"}
	caps[finding.CapEnv] = []string{"API_TOKEN"}
	caps[finding.CapExec] = []string{"git"}
	return attest.Predicate{
		Verdict:      "pass",
		Scanner:      attest.Tool{Name: "skillgate", Version: "0.1.0", RulesVersion: "2026.11.1"},
		Capabilities: caps,
		Approver:     approver,
		ApprovedAt:   Now,
	}
}

// Approve digests dir and writes an approval by k, after edit (if any)
// has changed the predicate.
func Approve(t testing.TB, dir, name string, k *keys.PrivateKey, edit func(*attest.Predicate)) *approval.Result {
	t.Helper()
	es, err := digest.Tree(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := Predicate(name + "-approver")
	if edit != nil {
		edit(&p)
	}
	res, err := approval.Write(context.Background(), approval.Request{
		SkillDir: dir, Name: name, Entries: es, Report: []byte(Report), Predicate: p, Key: k,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
