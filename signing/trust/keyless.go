package trust

import (
	"crypto"
	"fmt"

	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/verify"
	"github.com/sigstore/sigstore/pkg/signature"
)

// trustedRoot holds the sigstore-go verifier for keyless approvals.
type trustedRoot struct {
	verifier *verify.Verifier
}

// loadTrustedRoot reads an operator-given trusted_root.json. Nothing is
// fetched: no TUF, no network.
func loadTrustedRoot(file string, noSCT bool) (trustedRoot, error) {
	tr, err := root.NewTrustedRootFromPath(file)
	if err != nil {
		return trustedRoot{}, fmt.Errorf("trustedRoot %s: %w", file, err)
	}
	return newTrustedRoot(tr, noSCT)
}

// newTrustedRoot demands a transparency-log entry, an SCT and an observer
// timestamp (from the log or a TSA) for each keyless approval: the
// short-lived certificate is checked at that time, never at "now".
func newTrustedRoot(tm root.TrustedMaterial, noSCT bool) (trustedRoot, error) {
	opts := []verify.VerifierOption{verify.WithTransparencyLog(1), verify.WithObserverTimestamps(1), verify.WithoutStatementPredicate()}
	if !noSCT {
		opts = append(opts, verify.WithSignedCertificateTimestamps(1))
	}
	v, err := verify.NewVerifier(tm, opts...)
	if err != nil {
		return trustedRoot{}, fmt.Errorf("keyless verifier: %w", err)
	}
	return trustedRoot{verifier: v}, nil
}

// keyVerifier is the sigstore-go verifier for key-mode bundles: the hint
// picks one of the policy's keys; no log, no timestamp authority and so
// no network. Validity windows are checked by Verify against the
// approval's own dates.
func newKeyVerifier(keys map[string]*policyKey) (*verify.Verifier, error) {
	verifiers := make(map[string]*root.ExpiringKey, len(keys))
	for id, k := range keys {
		sv, err := signature.LoadVerifier(k.pub, crypto.SHA256)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", short(id), err)
		}
		verifiers[id] = root.NewExpiringKey(sv, timeZero, timeZero)
	}
	tm := root.NewTrustedPublicKeyMaterialFromMapping(verifiers)
	return verify.NewVerifier(tm, verify.WithNoObserverTimestamps(), verify.WithoutStatementPredicate())
}
