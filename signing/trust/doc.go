// Package trust loads the operator's trust policy and verifies a skill's
// approvals against it. It is the one place that decides whether a skill
// may run; the CLI's `verify`, the runtime gate and `scan`'s approval
// state all call it.
//
// # Usage (runtime gate)
//
//	pol, err := trust.LoadPolicy("/etc/skillgate/trust.yaml",
//		trust.WithStateFile("/var/lib/skillgate/policy-versions.json"))
//	if err != nil { ... }              // *trust.Error: E_POLICY_INVALID, E_POLICY_EXPIRED, E_POLICY_ROLLBACK
//	entries, err := digest.Tree(stagedDir) // or the entries you hashed while copying
//	d, err := pol.Verify(ctx, stagedDir, entries, trust.WithSkillName("pdf-extract"))
//	if te, ok := trust.AsError(err); ok {
//		// te.Code (E_TREE_MISMATCH, E_NO_APPROVAL, ...), te.Message, te.Hint,
//		// te.Files (per-file changes for E_TREE_MISMATCH)
//	}
//	d.NetworkHosts(), d.Env(), d.Exec() // what to allow in the sandbox
//	d.Approvers                          // principals that approved
//
// Verify reads the approvals from <skillDir>/.skillsig/approvals/ and the
// scan report from <skillDir>/.skillsig/scan-report.json through an
// [os.Root]; it hashes nothing itself when given entries, so the caller
// verifies exactly the bytes it will mount. The skill name defaults to
// the folder's base name: a gate verifying a staged copy must pass
// [WithSkillName].
//
// # Policy
//
// The policy is operator-owned YAML (DESIGN 4.3), never read from a
// skill. Principals own keys: a PEM file (path relative to the policy),
// an inline PEM, or a keyless Fulcio identity (issuer + subject) that is
// checked against the trustedRoot file the operator gives. Nothing is
// fetched at verification time; key-mode verification makes no network
// call at all. Rules apply by skill-name glob (first match wins) with a
// threshold counted per principal, allowed verdicts (default pass and
// review), a maximum approval age and minimum scanner/rules versions.
// Revocations name keys, tree digests and single approvals (the sha256 of
// the DSSE payload, printed by `skillgate verify`). The version may never
// go down: the highest seen per policy is kept in a state file and an
// older policy is refused (E_POLICY_ROLLBACK).
//
// # Error codes
//
// Beyond DESIGN 4.3's list, these choices were made where it is silent:
// a key outside its notBefore/notAfter window (at approval time or now)
// and a principal who is not an approver of the rule are E_KEY_UNKNOWN;
// a revoked single approval is E_DIGEST_REVOKED; an approval dated in the
// future, past its expiry or older than maxAge is E_APPROVAL_EXPIRED; an
// edited or missing scan report is E_TREE_MISMATCH listing
// .skillsig/scan-report.json; a payload that is not a skillgate approval
// (wrong payload or predicate type) is E_SIG_INVALID; a skill with no
// matching rule is E_NO_APPROVAL. When no approval counts, the most
// specific bundle error is returned; when some count but too few, and
// none failed, E_THRESHOLD.
//
// # Keyless
//
// A keyless approval (Fulcio certificate + Rekor entry) is verified by
// sigstore-go against the policy's trustedRoot file (or
// [WithTrustedMaterial]): log inclusion, an observer timestamp and an
// SCT are required, and the certificate identity (issuer + subject or
// subjectRegExp) must be a principal's. Its trusted time, not the date
// it declares, is the approval time. Bundles other than files in
// .skillsig/approvals can be passed with [WithSigned]. KMS keys are
// verified in key mode: put the exported public key in the policy.
//
// Weakening options are spelled Unsafe: [WithoutRollbackCheckUnsafe],
// [WithoutScanReportUnsafe], [WithoutSCTUnsafe].
package trust
