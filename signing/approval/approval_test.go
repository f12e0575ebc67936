package approval_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"skillgate.dev/skillgate/signing/approval"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/internal/signtest"
)

func TestOneBundlePerKeyNeverAnothers(t *testing.T) {
	dir := signtest.NewSkill(t, t.TempDir(), "s", signtest.DefaultFiles)
	es, err := digest.Tree(dir)
	if err != nil {
		t.Fatal(err)
	}
	write := func(key, report string) (*approval.Result, error) {
		return approval.Write(context.Background(), approval.Request{SkillDir: dir, Name: "s", Entries: es,
			Report: []byte(report), Predicate: signtest.Predicate(key), Key: signtest.Key(t, key)})
	}
	a, err := write("alice", signtest.Report)
	if err != nil || a.Replaced {
		t.Fatalf("first approval: %v, replaced %v", err, a != nil && a.Replaced)
	}
	if filepath.Base(a.Bundle) != signtest.Key(t, "alice").ID+".sigstore.json" {
		t.Fatalf("bundle name %s", a.Bundle)
	}
	if a2, err := write("alice", signtest.Report); err != nil || !a2.Replaced {
		t.Fatalf("re-approval by the same key: %v", err)
	}
	// A different report for the same files would invalidate alice's
	// approval: refused.
	if _, err := write("bob", `{"other":"report"}`); err == nil || !strings.Contains(err.Error(), "invalidate") {
		t.Fatalf("conflicting report accepted: %v", err)
	}
	if _, err := write("bob", signtest.Report); err != nil {
		t.Fatalf("second approver: %v", err)
	}
	des, _ := os.ReadDir(filepath.Join(dir, ".skillsig/approvals"))
	if len(des) != 2 {
		t.Fatalf("%d bundles, want 2", len(des))
	}
	// A file named for carol's key that holds bob's approval is not
	// carol's to overwrite.
	bobData, _ := os.ReadFile(filepath.Join(dir, ".skillsig/approvals", signtest.Key(t, "bob").ID+".sigstore.json"))
	os.WriteFile(filepath.Join(dir, ".skillsig/approvals", signtest.Key(t, "carol").ID+".sigstore.json"), bobData, 0o644)
	if _, err := write("carol", signtest.Report); err == nil || !strings.Contains(err.Error(), "not yours") {
		t.Fatalf("overwrote another key's bundle: %v", err)
	}
}
