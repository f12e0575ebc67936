package trust

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"skillgate.dev/skillgate/internal/lazyre"
	"strings"
	"time"

	"github.com/sigstore/sigstore-go/pkg/verify"
	"gopkg.in/yaml.v3"

	"skillgate.dev/skillgate/signing/pubkey"
)

// APIVersion and Kind identify a trust policy file.
const (
	APIVersion = "skillgate.dev/v1"
	Kind       = "TrustPolicy"
)

// MaxPolicySize bounds a policy file.
const MaxPolicySize = 4 << 20

// DefaultVerdicts are the verdicts a rule allows when it names none.
var DefaultVerdicts = []string{"pass", "review"}

// Policy is a loaded, validated trust policy. It is immutable once
// loaded; Verify may be called from many goroutines.
type Policy struct {
	APIVersion  string      `yaml:"apiVersion"`
	Kind        string      `yaml:"kind"`
	Version     int64       `yaml:"version"`
	Expires     *time.Time  `yaml:"expires,omitempty"`
	TrustedRoot string      `yaml:"trustedRoot,omitempty"`
	Principals  []Principal `yaml:"principals"`
	Rules       []Rule      `yaml:"rules"`
	Revocations Revocations `yaml:"revocations,omitempty"`

	// Digest is "sha256:<hex>" of the policy file's bytes.
	Digest string `yaml:"-"`
	// Path is the file the policy was read from ("" when parsed from bytes).
	Path string `yaml:"-"`

	keys    map[string]*policyKey // by key ID
	keyless []*policyKey
	revoked map[string]KeyRevocation // by key ID
	root    trustedRoot
	kv      *verify.Verifier
	cfg     loadConfig
}

// Principal is a person or team and the keys that act for them.
type Principal struct {
	ID   string `yaml:"id"`
	Keys []Key  `yaml:"keys"`
}

// Key is one of a principal's keys: a PEM file (path, relative to the
// policy file), an inline PEM (publicKey), or a keyless identity
// (Fulcio certificate, checked against the policy's trustedRoot).
type Key struct {
	Path      string     `yaml:"path,omitempty"`
	PublicKey string     `yaml:"publicKey,omitempty"`
	Keyless   *Keyless   `yaml:"keyless,omitempty"`
	NotBefore *time.Time `yaml:"notBefore,omitempty"`
	NotAfter  *time.Time `yaml:"notAfter,omitempty"`
}

// Keyless is a Fulcio certificate identity. Subject or SubjectRegExp is
// required, and so is Issuer.
type Keyless struct {
	Issuer        string `yaml:"issuer"`
	Subject       string `yaml:"subject,omitempty"`
	SubjectRegExp string `yaml:"subjectRegExp,omitempty"`
}

// Rule says who must approve the skills whose names match one of Skills
// (globs, path.Match syntax). The first matching rule applies.
type Rule struct {
	Skills            []string `yaml:"skills"`
	Approvers         []string `yaml:"approvers"`
	Threshold         int      `yaml:"threshold"`
	AllowedVerdicts   []string `yaml:"allowedVerdicts,omitempty"`
	MaxAge            Duration `yaml:"maxAge,omitempty"`
	MinScannerVersion string   `yaml:"minScannerVersion,omitempty"`
	MinRulesVersion   string   `yaml:"minRulesVersion,omitempty"`
}

// Revocations withdraw trust: from keys (every approval they made, whatever
// date it claims, since a key-mode approval dates itself), from tree
// digests, and from single approvals (by payload digest; see
// bundle.PayloadDigest).
type Revocations struct {
	Keys    []KeyRevocation    `yaml:"keys,omitempty"`
	Digests []DigestRevocation `yaml:"digests,omitempty"`
	Bundles []DigestRevocation `yaml:"bundles,omitempty"`
}

// KeyRevocation names a key by ID, PEM file or inline PEM.
type KeyRevocation struct {
	KeyID     string     `yaml:"keyID,omitempty"`
	Path      string     `yaml:"path,omitempty"`
	PublicKey string     `yaml:"publicKey,omitempty"`
	Reason    string     `yaml:"reason"`
	Time      *time.Time `yaml:"time,omitempty"`
}

// DigestRevocation names a tree digest or an approval payload digest.
type DigestRevocation struct {
	Digest string     `yaml:"digest"`
	Reason string     `yaml:"reason"`
	Time   *time.Time `yaml:"time,omitempty"`
}

// Duration is a time.Duration written as "720h", or with a day suffix
// ("30d").
type Duration time.Duration

// UnmarshalYAML reads "90m", "720h" or "30d".
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

var dayRE = lazyre.New(`^([0-9]{1,5})d$`)

// ParseDuration is time.ParseDuration plus a "<n>d" form for days.
func ParseDuration(s string) (time.Duration, error) {
	if m := dayRE.R().FindStringSubmatch(s); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %q: want e.g. 720h or 30d", s)
	}
	return d, nil
}

type policyKey struct {
	principal string
	id        string // key ID, or "keyless:<issuer>:<subject>"
	pub       crypto.PublicKey
	keyless   *Keyless
	subjectRE *regexp.Regexp
	notBefore *time.Time
	notAfter  *time.Time
}

// LoadPolicy reads, validates and rollback-checks a policy file. Key
// paths are relative to the policy file's folder. Errors are *Error with
// E_POLICY_INVALID, E_POLICY_EXPIRED or E_POLICY_ROLLBACK, or plain I/O
// errors.
func LoadPolicy(file string, opts ...PolicyOption) (*Policy, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("read trust policy: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxPolicySize+1))
	if err != nil {
		return nil, fmt.Errorf("read trust policy %s: %w", file, err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	p, err := ParsePolicy(data, filepath.Dir(abs), opts...)
	if err != nil {
		return nil, err
	}
	p.Path = abs
	if err := p.checkRollback(); err != nil {
		return nil, err
	}
	return p, nil
}

// ParsePolicy validates policy bytes; key paths resolve against dir. It
// applies the expiry check but not the rollback check (which needs the
// policy's identity: use LoadPolicy, or WithPolicyID).
func ParsePolicy(data []byte, dir string, opts ...PolicyOption) (*Policy, error) {
	cfg, err := newLoadConfig(opts)
	if err != nil {
		return nil, err
	}
	invalid := func(format string, args ...any) error {
		return errorf(EPolicyInvalid, "fix the trust policy file; see DESIGN 4.3 for its format", format, args...)
	}
	if len(data) > MaxPolicySize {
		return nil, invalid("policy is larger than %d bytes", MaxPolicySize)
	}
	var p Policy
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, invalid("parse policy: %v", err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, invalid("policy holds more than one YAML document")
	}
	sum := sha256.Sum256(data)
	p.Digest = "sha256:" + hex.EncodeToString(sum[:])
	p.cfg = cfg
	if err := p.validate(dir); err != nil {
		if te, ok := AsError(err); ok {
			return nil, te
		}
		return nil, invalid("%v", err)
	}
	if cfg.policyID != "" {
		if err := p.checkRollback(); err != nil {
			return nil, err
		}
	}
	if p.Expires != nil && cfg.now().After(*p.Expires) {
		return nil, errorf(EPolicyExpired, "ask the policy's owner for a current version of the trust policy",
			"trust policy (version %d) expired at %s", p.Version, p.Expires.UTC().Format(time.RFC3339))
	}
	return &p, nil
}

// validPrincipal accepts 1–128 letters, digits and . _ @ + -, starting
// with a letter or digit. (As a regexp, the bounded repetition compiled
// into 128 states and cost every `run` about a millisecond.)
func validPrincipal(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || !strings.ContainsRune("._@+-", rune(c))) {
			return false
		}
	}
	return true
}

func (p *Policy) validate(dir string) error {
	switch {
	case p.APIVersion != APIVersion:
		return fmt.Errorf("apiVersion %q, want %q", p.APIVersion, APIVersion)
	case p.Kind != Kind:
		return fmt.Errorf("kind %q, want %q", p.Kind, Kind)
	case p.Version < 1:
		return fmt.Errorf("version %d: must be a positive integer", p.Version)
	case len(p.Principals) == 0:
		return errors.New("no principals")
	case len(p.Rules) == 0:
		return errors.New("no rules")
	}
	p.keys = map[string]*policyKey{}
	p.revoked = map[string]KeyRevocation{}
	ids := map[string]bool{}
	for i, pr := range p.Principals {
		if !validPrincipal(pr.ID) {
			return fmt.Errorf("principals[%d]: id %q: use letters, digits and . _ @ + -", i, pr.ID)
		}
		if ids[pr.ID] {
			return fmt.Errorf("principal %q: listed twice", pr.ID)
		}
		ids[pr.ID] = true
		if len(pr.Keys) == 0 {
			return fmt.Errorf("principal %q: no keys", pr.ID)
		}
		for j, k := range pr.Keys {
			pk, err := p.resolveKey(dir, pr.ID, k)
			if err != nil {
				return fmt.Errorf("principal %q: keys[%d]: %w", pr.ID, j, err)
			}
			if pk.keyless != nil {
				p.keyless = append(p.keyless, pk)
				continue
			}
			if other, ok := p.keys[pk.id]; ok {
				return fmt.Errorf("principal %q: key %s is also a key of %q", pr.ID, short(pk.id), other.principal)
			}
			p.keys[pk.id] = pk
		}
	}
	var err error
	if p.kv, err = newKeyVerifier(p.keys); err != nil {
		return err
	}
	switch {
	case len(p.keyless) == 0:
	case p.cfg.trustedSet:
		if p.root, err = newTrustedRoot(p.cfg.trusted, p.cfg.noSCT); err != nil {
			return err
		}
	case p.TrustedRoot == "":
		return errors.New("keyless keys need trustedRoot: a trusted_root.json file given by the operator")
	default:
		if p.root, err = loadTrustedRoot(resolve(dir, p.TrustedRoot), p.cfg.noSCT); err != nil {
			return err
		}
	}
	for i, r := range p.Rules {
		if len(r.Skills) == 0 {
			return fmt.Errorf("rules[%d]: no skills patterns", i)
		}
		for _, g := range r.Skills {
			if _, err := path.Match(g, ""); err != nil {
				return fmt.Errorf("rules[%d]: skills pattern %q: %w", i, g, err)
			}
		}
		if r.Threshold < 1 {
			return fmt.Errorf("rules[%d]: threshold %d: must be at least 1", i, r.Threshold)
		}
		if len(r.Approvers) == 0 {
			return fmt.Errorf("rules[%d]: no approvers", i)
		}
		seen := map[string]bool{}
		for _, a := range r.Approvers {
			if !ids[a] {
				return fmt.Errorf("rules[%d]: approver %q is not a principal", i, a)
			}
			if seen[a] {
				return fmt.Errorf("rules[%d]: approver %q listed twice", i, a)
			}
			seen[a] = true
		}
		if r.Threshold > len(r.Approvers) {
			return fmt.Errorf("rules[%d]: threshold %d is more than the %d approvers", i, r.Threshold, len(r.Approvers))
		}
		for _, v := range r.AllowedVerdicts {
			if v != "pass" && v != "review" && v != "block" {
				return fmt.Errorf("rules[%d]: allowed verdict %q: want pass, review or block", i, v)
			}
		}
		if r.MaxAge < 0 {
			return fmt.Errorf("rules[%d]: negative maxAge", i)
		}
		for _, v := range []string{r.MinScannerVersion, r.MinRulesVersion} {
			if v != "" && !versionRE.R().MatchString(v) {
				return fmt.Errorf("rules[%d]: version %q: want dotted numbers such as 0.1.0 or 2026.11.1", i, v)
			}
		}
	}
	for i, kr := range p.Revocations.Keys {
		n := 0
		for _, s := range []string{kr.KeyID, kr.Path, kr.PublicKey} {
			if s != "" {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("revocations.keys[%d]: give exactly one of keyID, path, publicKey", i)
		}
		if kr.Reason == "" {
			return fmt.Errorf("revocations.keys[%d]: reason missing", i)
		}
		id := strings.ToLower(kr.KeyID)
		if id == "" {
			pub, err := readPublic(dir, kr.Path, kr.PublicKey)
			if err != nil {
				return fmt.Errorf("revocations.keys[%d]: %w", i, err)
			}
			if id, err = pubkey.ID(pub); err != nil {
				return err
			}
		} else if !hexIDRE.R().MatchString(id) {
			return fmt.Errorf("revocations.keys[%d]: keyID %q is not 64 hex digits", i, kr.KeyID)
		}
		p.revoked[id] = kr
	}
	for _, list := range []struct {
		name string
		rs   []DigestRevocation
	}{{"digests", p.Revocations.Digests}, {"bundles", p.Revocations.Bundles}} {
		for i, r := range list.rs {
			if !digestRE.R().MatchString(r.Digest) {
				return fmt.Errorf("revocations.%s[%d]: digest %q: want sha256:<64 hex digits>", list.name, i, r.Digest)
			}
			if r.Reason == "" {
				return fmt.Errorf("revocations.%s[%d]: reason missing", list.name, i)
			}
		}
	}
	return nil
}

var (
	hexIDRE   = lazyre.New(`^[0-9a-f]{64}$`)
	digestRE  = lazyre.New(`^sha256:[0-9a-f]{64}$`)
	versionRE = lazyre.New(`^v?[0-9]+(\.[0-9]+)*$`)
)

func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

func readPublic(dir, file, inline string) (crypto.PublicKey, error) {
	data := []byte(inline)
	if file != "" {
		var err error
		if data, err = os.ReadFile(resolve(dir, file)); err != nil {
			return nil, fmt.Errorf("read key: %w", err)
		}
	}
	return pubkey.Parse(data)
}

func (p *Policy) resolveKey(dir, principal string, k Key) (*policyKey, error) {
	n := 0
	for _, set := range []bool{k.Path != "", k.PublicKey != "", k.Keyless != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, errors.New("give exactly one of path, publicKey, keyless")
	}
	if k.NotBefore != nil && k.NotAfter != nil && !k.NotBefore.Before(*k.NotAfter) {
		return nil, errors.New("notBefore is not before notAfter")
	}
	pk := &policyKey{principal: principal, notBefore: k.NotBefore, notAfter: k.NotAfter}
	if k.Keyless != nil {
		kl := k.Keyless
		if kl.Issuer == "" || (kl.Subject == "") == (kl.SubjectRegExp == "") {
			return nil, errors.New("keyless: give issuer and exactly one of subject, subjectRegExp")
		}
		if kl.SubjectRegExp != "" {
			re, err := regexp.Compile(kl.SubjectRegExp)
			if err != nil {
				return nil, fmt.Errorf("keyless: subjectRegExp: %w", err)
			}
			pk.subjectRE = re
		}
		pk.keyless = kl
		pk.id = "keyless:" + kl.Issuer + ":" + kl.Subject + kl.SubjectRegExp
		return pk, nil
	}
	pub, err := readPublic(dir, k.Path, k.PublicKey)
	if err != nil {
		return nil, err
	}
	if pk.id, err = pubkey.ID(pub); err != nil {
		return nil, err
	}
	pk.pub = pub
	return pk, nil
}

// rule returns the first rule whose patterns match name.
func (p *Policy) rule(name string) (*Rule, string) {
	for i := range p.Rules {
		for _, g := range p.Rules[i].Skills {
			if ok, _ := path.Match(g, name); ok {
				return &p.Rules[i], g
			}
		}
	}
	return nil, ""
}

func short(id string) string {
	if len(id) > 16 && hexIDRE.R().MatchString(id) {
		return id[:16]
	}
	return id
}
