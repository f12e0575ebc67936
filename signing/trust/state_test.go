package trust_test

import (
	"context"
	"os"
	"testing"
	"time"

	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/trust"
)

func TestApprovalState(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	tree := func() []digest.Entry {
		es, err := digest.Tree(e.dir)
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	if s, _, _ := trust.ApprovalState(ctx, e.dir, tree(), e.name); s != "" {
		t.Fatalf("no approvals: state %q", s)
	}
	e.approve("alice", nil)
	pol, err := e.loadPolicy()
	if err != nil {
		t.Fatal(err)
	}
	withPol := trust.WithPolicy(pol, trust.WithClock(func() time.Time { return clock }))
	check := func(want string, opts ...trust.StateOption) {
		t.Helper()
		s, approvers, detail := trust.ApprovalState(ctx, e.dir, tree(), e.name, opts...)
		if s != want {
			t.Fatalf("state = %q (%s), want %q", s, detail, want)
		}
		if want == trust.StateApproved && (len(approvers) != 1 || approvers[0] != "alice") {
			t.Fatalf("approvers = %v", approvers)
		}
	}
	check(trust.StateUnverified)
	check(trust.StateApproved, withPol)
	e.write("SKILL.md", "changed\n")
	check(trust.StateStale)
	check(trust.StateStale, withPol)
	os.RemoveAll(e.path(".skillsig"))
	e.approve("dave", nil)
	check(trust.StateInvalid, withPol)
	e.write(".skillsig/approvals/x.sigstore.json", "{")
	check(trust.StateInvalid)
}
