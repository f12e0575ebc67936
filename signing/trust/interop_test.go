package trust_test

import (
	"context"
	"crypto"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sigstore/cosign/v2/pkg/cosign"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/testing/ca"
	"github.com/sigstore/sigstore-go/pkg/verify"
	"github.com/sigstore/sigstore/pkg/signature"

	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/internal/signtest"
	"skillgate.dev/skillgate/signing/trust"
)

// cosign's own bundle verification (what `cosign verify-blob-attestation
// --new-bundle-format --bundle B --key K.pub --insecure-ignore-tlog` runs)
// accepts a skillgate approval, binds it to the tree digest, and rejects
// it once edited.
func TestCosignVerifiesApproval(t *testing.T) {
	e := newEnv(t)
	res := signtest.Approve(t, e.dir, e.name, signtest.Key(t, "alice"), nil)
	data, err := os.ReadFile(res.Bundle)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadVerifier(signtest.Key(t, "alice").Public, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	co := &cosign.CheckOpts{SigVerifier: sv, IgnoreTlog: true, TrustedMaterial: root.TrustedMaterialCollection{}}
	tree, _ := hex.DecodeString(strings.TrimPrefix(res.TreeDigest, "sha256:"))
	check := func(data []byte, digestBytes []byte) error {
		b, err := bundle.Parse(data)
		if err != nil {
			return err
		}
		_, err = cosign.VerifyNewBundle(context.Background(), co, verify.WithArtifactDigest("sha256", digestBytes), b)
		return err
	}
	if err := check(data, tree); err != nil {
		t.Fatalf("cosign rejects a skillgate approval: %v", err)
	}
	other := append([]byte(nil), tree...)
	other[0] ^= 1
	if err := check(data, other); err == nil {
		t.Fatal("cosign accepted the approval for another tree digest")
	}
	edited := strings.Replace(string(data), `"payloadType":"application/vnd.in-toto+json"`, `"payloadType":"application/json"`, 1)
	if edited == string(data) {
		t.Fatal("payloadType not found in bundle JSON")
	}
	if err := check([]byte(edited), tree); err == nil {
		t.Fatal("cosign accepted an edited bundle")
	}
	bob, _ := signature.LoadVerifier(signtest.Key(t, "bob").Public, crypto.SHA256)
	co.SigVerifier = bob
	if err := check(data, tree); err == nil {
		t.Fatal("cosign accepted the approval with another key")
	}
}

// failDialer fails the test on any network use.
type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("network call during verification: %s %s", r.Method, r.URL)
	return nil, errors.New("network disabled in test")
}

// Key-mode verification makes no network call: HTTP and DNS are both
// rigged to fail the test.
func TestKeyModeIsOffline(t *testing.T) {
	oldT, oldR := http.DefaultTransport, net.DefaultResolver
	http.DefaultTransport = failTransport{t}
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		t.Errorf("DNS dial during verification: %s %s", network, address)
		return nil, errors.New("network disabled in test")
	}}
	t.Cleanup(func() { http.DefaultTransport, net.DefaultResolver = oldT, oldR })

	e := newEnv(t)
	e.approve("alice", nil)
	if _, err := e.verify(); err != nil {
		t.Fatal(err)
	}
	e.write("SKILL.md", "changed")
	if _, err := e.verify(); err == nil {
		t.Fatal("changed skill verified")
	}
}

// Keyless approvals (Fulcio certificate, Rekor entry, TSA timestamp) are
// verified against operator-given trusted material, here sigstore-go's
// in-memory VirtualSigstore; the identity must be a principal's.
// VirtualSigstore embeds no SCTs, so the test opts out of them; the
// default policy requires one.
func TestKeylessApproval(t *testing.T) {
	vs, err := ca.NewVirtualSigstore()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	e.policy = basePolicy + `  - id: ci
    keys:
      - keyless:
          issuer: https://token.actions.example
          subject: release@example.com
  - id: other
    keys:
      - keyless:
          issuer: https://token.actions.example
          subjectRegExp: ^.*@other\.example$
rules:
  - skills: ["*"]
    approvers: [ci, alice]
    threshold: 1
`
	e.popts = []trust.PolicyOption{trust.WithTrustedMaterial(vs)}
	if _, err := e.loadPolicy(); err != nil {
		t.Fatal(err)
	}
	strict, _ := e.loadPolicy()
	e.popts = append(e.popts, trust.WithoutSCTUnsafe())
	es, err := digest.Tree(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	p := signtest.Predicate("ci")
	p.ApprovedAt = time.Now().UTC().Add(-time.Minute)
	p.ScanReport.Digest = reportDigest()
	st, err := attest.New(e.name, es, p)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := st.Marshal()
	os.MkdirAll(e.path(".skillsig"), 0o755)
	e.write(".skillsig/scan-report.json", signtest.Report)

	pol, err := e.loadPolicy()
	if err != nil {
		t.Fatal(err)
	}
	run := func(identity string) (*trust.Decision, error) {
		ent, err := vs.Attest(identity, "https://token.actions.example", payload)
		if err != nil {
			t.Fatal(err)
		}
		return pol.Verify(context.Background(), e.dir, nil, trust.WithSigned([]trust.Signed{{Name: "keyless", Entity: ent}}))
	}
	ent, _ := vs.Attest("release@example.com", "https://token.actions.example", payload)
	_, err = strict.Verify(context.Background(), e.dir, nil, trust.WithSigned([]trust.Signed{{Name: "no-sct", Entity: ent}}))
	if te, ok := trust.AsError(err); !ok || te.Code != trust.ESigInvalid {
		t.Fatalf("certificate without SCT under the default policy: err = %v, want E_SIG_INVALID", err)
	}
	d, err := run("release@example.com")
	if err != nil {
		t.Fatalf("keyless approval rejected: %v", err)
	}
	if len(d.Approvers) != 1 || d.Approvers[0] != "ci" {
		t.Fatalf("approvers = %v", d.Approvers)
	}
	_, err = run("mallory@example.com")
	if te, ok := trust.AsError(err); !ok || te.Code != trust.EKeyUnknown {
		t.Fatalf("unknown identity: err = %v, want E_KEY_UNKNOWN", err)
	}
	_, err = run("dev@other.example")
	if te, ok := trust.AsError(err); !ok || te.Code != trust.EKeyUnknown {
		t.Fatalf("identity of a non-approver: err = %v, want E_KEY_UNKNOWN", err)
	}
	// An entity from another, untrusted Sigstore does not verify.
	vs2, _ := ca.NewVirtualSigstore()
	ent, _ = vs2.Attest("release@example.com", "https://token.actions.example", payload)
	_, err = pol.Verify(context.Background(), e.dir, nil, trust.WithSigned([]trust.Signed{{Name: "foreign", Entity: ent}}))
	if te, ok := trust.AsError(err); !ok || te.Code != trust.ESigInvalid {
		t.Fatalf("foreign sigstore: err = %v, want E_SIG_INVALID", err)
	}
}

// A trustedRoot file is read from disk, never fetched; a missing one is
// a policy error.
func TestTrustedRootFile(t *testing.T) {
	e := newEnv(t)
	e.policy = basePolicy + "  - id: ci\n    keys:\n      - keyless: {issuer: https://issuer.example, subject: ci@example.com}\ntrustedRoot: missing.json\n" + baseRules
	_, err := e.loadPolicy()
	if te, ok := trust.AsError(err); !ok || te.Code != trust.EPolicyInvalid {
		t.Fatalf("err = %v, want E_POLICY_INVALID", err)
	}
}
