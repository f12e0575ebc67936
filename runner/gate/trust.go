package gate

import (
	"context"
	"net"
	"strings"

	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/trust"
)

// TrustVerifier verifies staged skills with a signing/trust policy.
type TrustVerifier struct {
	Policy *trust.Policy
	Opts   []trust.VerifyOption
}

// Verify implements [Verifier]: it verifies the staged copy's entries
// under the skill's own name and turns the decision's capabilities into
// the sandbox's allowlists. A network capability without a port means
// port 443.
func (v TrustVerifier) Verify(ctx context.Context, name, dir string, entries []digest.Entry) (*Approval, error) {
	opts := append([]trust.VerifyOption{trust.WithSkillName(name)}, v.Opts...)
	d, err := v.Policy.Verify(ctx, dir, entries, opts...)
	if err != nil {
		return nil, err
	}
	ap := &Approval{Name: d.Skill, Digest: d.Digest, Env: d.Env()}
	for _, h := range d.NetworkHosts() {
		ap.Network = append(ap.Network, NormalizeHostPort(h))
	}
	return ap, nil
}

// NormalizeHostPort turns an approved network capability ("host" or
// "host:port", maybe a URL) into "host:port" (default 443).
func NormalizeHostPort(h string) string {
	h = strings.TrimSpace(h)
	if i := strings.Index(h, "://"); i >= 0 {
		scheme := h[:i]
		h = h[i+3:]
		if j := strings.IndexAny(h, "/?#"); j >= 0 {
			h = h[:j]
		}
		if _, _, err := net.SplitHostPort(h); err != nil {
			if scheme == "http" {
				return net.JoinHostPort(h, "80")
			}
			return net.JoinHostPort(h, "443")
		}
		return h
	}
	if _, _, err := net.SplitHostPort(h); err == nil {
		return h
	}
	return net.JoinHostPort(h, "443")
}
