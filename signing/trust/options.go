package trust

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/sigstore/sigstore-go/pkg/root"
)

// PolicyOption configures LoadPolicy and ParsePolicy.
type PolicyOption func(*loadConfig)

type loadConfig struct {
	stateFile  string
	policyID   string
	noRollback bool
	now        func() time.Time
	trusted    root.TrustedMaterial
	trustedSet bool
	stateErr   error
	noSCT      bool
}

// WithStateFile names the file that remembers the highest policy version
// seen (default: $XDG_STATE_HOME/skillgate/policy-versions.json, else
// ~/.local/state/skillgate/policy-versions.json).
func WithStateFile(path string) PolicyOption {
	return func(c *loadConfig) { c.stateFile = path }
}

// WithPolicyID names the policy in the state file (default: the policy
// file's absolute path). Give it when the same policy is installed at
// several paths, or to rollback-check a policy parsed from bytes.
func WithPolicyID(id string) PolicyOption {
	return func(c *loadConfig) { c.policyID = id }
}

// WithoutRollbackCheckUnsafe skips the version check against the state
// file, so an old policy (with revocations missing) is accepted. Do not
// use it unless you know what you are doing.
func WithoutRollbackCheckUnsafe() PolicyOption {
	return func(c *loadConfig) { c.noRollback = true }
}

// WithPolicyClock sets the clock for the policy's expiry (tests).
func WithPolicyClock(now func() time.Time) PolicyOption {
	return func(c *loadConfig) { c.now = now }
}

// WithoutSCTUnsafe accepts keyless certificates without an embedded
// certificate-transparency timestamp (cosign's --insecure-ignore-sct),
// for private Fulcio deployments without a CT log. Do not use it unless
// you know what you are doing.
func WithoutSCTUnsafe() PolicyOption {
	return func(c *loadConfig) { c.noSCT = true }
}

// WithTrustedMaterial gives the trusted material (Fulcio CAs, Rekor
// logs, TSAs) for keyless keys directly, in place of the policy's
// trustedRoot file: for programs that hold it already, and tests.
func WithTrustedMaterial(tm root.TrustedMaterial) PolicyOption {
	return func(c *loadConfig) { c.trusted, c.trustedSet = tm, true }
}

func newLoadConfig(opts []PolicyOption) (loadConfig, error) {
	var c loadConfig
	for _, o := range opts {
		o(&c)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.noRollback && (c.stateFile != "" || c.policyID != "") {
		return c, errors.New("trust: WithoutRollbackCheckUnsafe contradicts WithStateFile/WithPolicyID")
	}
	if c.trustedSet && c.trusted == nil {
		return c, errors.New("trust: WithTrustedMaterial(nil)")
	}
	if !c.noRollback && c.stateFile == "" {
		c.stateFile, c.stateErr = defaultStateFile()
	}
	return c, nil
}

func defaultStateFile() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "skillgate", "policy-versions.json"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" || !filepath.IsAbs(home) {
		return "", errors.New("no state directory for the policy version record: set XDG_STATE_HOME or HOME, or give a state file")
	}
	return filepath.Join(home, ".local", "state", "skillgate", "policy-versions.json"), nil
}

// VerifyOption configures one Verify call.
type VerifyOption func(*verifyConfig)

type verifyConfig struct {
	name     string
	now      func() time.Time
	skew     time.Duration
	noReport bool
	signed   *[]Signed
}

// WithSigned verifies the given approvals instead of reading
// .skillsig/approvals/ (a gate that has parsed the bundles already, or
// keyless entities from elsewhere). The scan report is still read from
// the skill folder unless [WithoutScanReportUnsafe] is given.
func WithSigned(s []Signed) VerifyOption {
	return func(c *verifyConfig) { c.signed = &s }
}

// WithSkillName is the name the approval must be for ("skill:<name>"),
// and the name policy rules are matched against. The default is the
// base name of the skill folder; a gate that verifies a staged copy under
// another name must give it.
func WithSkillName(name string) VerifyOption {
	return func(c *verifyConfig) { c.name = name }
}

// WithClock sets the clock for expiry and age checks (tests).
func WithClock(now func() time.Time) VerifyOption {
	return func(c *verifyConfig) { c.now = now }
}

// WithClockSkew is how far in the future an approval may be dated
// (default 5 minutes).
func WithClockSkew(d time.Duration) VerifyOption {
	return func(c *verifyConfig) { c.skew = d }
}

// WithoutScanReportUnsafe skips the check that .skillsig/scan-report.json
// is the report the approvers saw, for a staged copy that does not carry
// it. Do not use it unless you know what you are doing.
func WithoutScanReportUnsafe() VerifyOption {
	return func(c *verifyConfig) { c.noReport = true }
}

func newVerifyConfig(opts []VerifyOption) (verifyConfig, error) {
	c := verifyConfig{skew: 5 * time.Minute}
	for _, o := range opts {
		o(&c)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.skew < 0 || c.skew > time.Hour {
		return c, errors.New("trust: clock skew must be between 0 and 1h")
	}
	return c, nil
}
