// Package approval writes a signed approval into a skill: the scan report
// to .skillsig/scan-report.json and one Sigstore bundle per key to
// .skillsig/approvals/<keyid>.sigstore.json. A key replaces only its own
// bundle; approvals by other keys are never rewritten, and a new scan
// report that would invalidate another approver's still-current approval
// is refused.
//
// It does not scan and does not ask for confirmation: `skillgate approve`
// does both before calling [Write].
package approval
