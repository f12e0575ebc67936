package scan

import (
	"skillgate.dev/skillgate/depcheck"
	"skillgate.dev/skillgate/finding"
)

// Verdict is the decision for one skill.
type Verdict string

// Verdicts, in increasing order of severity.
const (
	Pass   Verdict = "pass"
	Review Verdict = "review"
	Block  Verdict = "block"
)

// Rank orders verdicts: pass < review < block.
func (v Verdict) Rank() int {
	switch v {
	case Pass:
		return 0
	case Review:
		return 1
	}
	return 2
}

// Result is the outcome of a scan: the JSON report of DESIGN 4.2.
type Result struct {
	SchemaVersion string        `json:"schemaVersion"`
	Tool          Tool          `json:"tool"`
	Skills        []SkillResult `json:"skills"`
	// Removed lists skills that --changed-since found deleted.
	Removed []string `json:"removed,omitempty"`
	Summary Summary  `json:"summary"`
}

// Tool identifies the scanner and catalog versions.
type Tool struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	RulesVersion string `json:"rulesVersion"`
}

// SkillResult is one skill's part of the report.
type SkillResult struct {
	// Path is the skill folder relative to the current directory (or the
	// scan root), slash-separated.
	Path   string `json:"path"`
	Name   string `json:"name"`
	Digest string `json:"digest"`
	// Verdict counts unsuppressed findings only.
	Verdict      Verdict              `json:"verdict"`
	Capabilities finding.Capabilities `json:"capabilities"`
	// CapabilitySites are the call sites behind Capabilities, for the
	// HTML report and approval review.
	CapabilitySites []finding.Capability `json:"capabilitySites,omitempty"`
	// Incomplete names what could not be analysed (one line per problem);
	// a skill with entries here never passes.
	Incomplete []string `json:"incomplete"`
	// Dependencies are the dependencies extracted from manifests and
	// inline installs.
	Dependencies []Dependency      `json:"dependencies,omitempty"`
	Findings     []finding.Finding `json:"findings"`
	// Approval is the state of .skillsig approvals, when present.
	Approval *Approval `json:"approval,omitempty"`
}

// Dependency is one extracted dependency, as the report lists it.
type Dependency = depcheck.Dependency

// Approval is what scan says about a skill's signed approvals.
type Approval struct {
	// State is "approved" (bundles verify and match the bytes), "stale"
	// (signatures valid, content changed since), "invalid" (a bundle does
	// not verify) or "unverified" (no trust policy given: signatures and
	// digests checked against the keys in the bundles only).
	State     string   `json:"state"`
	Approvers []string `json:"approvers,omitempty"`
	Detail    string   `json:"detail,omitempty"`
}

// Summary counts skills by verdict.
type Summary struct {
	Skills int `json:"skills"`
	Pass   int `json:"pass"`
	Review int `json:"review"`
	Block  int `json:"block"`
	// Suppressed counts findings that a suppression kept out of verdicts.
	Suppressed int `json:"suppressed"`
}
