package attest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/signing/digest"
)

// Types of the statement, predicate and DSSE payload.
const (
	StatementType = "https://in-toto.io/Statement/v1"
	PredicateType = "https://skillgate.dev/approval/v1"
	PayloadType   = "application/vnd.in-toto+json"
	SubjectPrefix = "skill:"
)

// MaxStatementSize bounds a payload: the file list of a 100,000-file skill
// fits with room to spare.
const MaxStatementSize = 32 << 20

// Statement is an in-toto Statement v1 carrying a skillgate approval.
type Statement struct {
	Type          string    `json:"_type"`
	Subject       []Subject `json:"subject"`
	PredicateType string    `json:"predicateType"`
	Predicate     Predicate `json:"predicate"`
}

// Subject is the approved skill: Name "skill:<name>", Digest {"sha256":
// hex of the skilltree-v1 digest}.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Predicate is what the reviewer approved.
type Predicate struct {
	// DigestAlgorithm is digest.Algorithm ("skilltree-v1").
	DigestAlgorithm string `json:"digestAlgorithm"`
	// Files is the approved tree, sorted by path.
	Files []File `json:"files"`
	// ScanReport is the digest of .skillsig/scan-report.json.
	ScanReport ScanReport `json:"scanReport"`
	// Verdict is the scan's verdict: pass, review or block.
	Verdict string `json:"verdict"`
	// AllowedVerdict records an explicit override (--allow-verdict
	// block); empty otherwise.
	AllowedVerdict string `json:"allowedVerdict,omitempty"`
	Scanner        Tool   `json:"scanner"`
	// Capabilities are those the reviewer saw and approved; the runner
	// enforces exactly these.
	Capabilities finding.Capabilities `json:"capabilities"`
	// Approver is who approved, as given with --approver (informational;
	// trust comes from the key).
	Approver   string     `json:"approver"`
	ApprovedAt time.Time  `json:"approvedAt"`
	ExpiresAt  *time.Time `json:"expiresAt,omitempty"`
	// PolicyDigest is the sha256 of the trust policy the approver had in
	// mind, when given.
	PolicyDigest string `json:"policyDigest,omitempty"`
}

// File is one approved file.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Exec   bool   `json:"exec"`
}

// ScanReport names the scan report the approval was based on.
type ScanReport struct {
	Path   string `json:"path"`
	Digest string `json:"digest"` // "sha256:<hex>"
}

// Tool is the scanner that produced the report.
type Tool struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	RulesVersion string `json:"rulesVersion"`
}

// Entries turns the file list into digest entries.
func (p *Predicate) Entries() []digest.Entry {
	es := make([]digest.Entry, len(p.Files))
	for i, f := range p.Files {
		es[i] = digest.Entry{Path: f.Path, Size: f.Size, SHA256: f.SHA256, Exec: f.Exec}
	}
	return es
}

// New builds the statement for skill name over entries; it fills the
// subject, the file list and the digest algorithm of p.
func New(name string, entries []digest.Entry, p Predicate) (*Statement, error) {
	if err := digest.Check(entries); err != nil {
		return nil, err
	}
	sum, err := digest.Sum(entries)
	if err != nil {
		return nil, err
	}
	p.DigestAlgorithm = digest.Algorithm
	p.Files = make([]File, len(entries))
	for i, e := range sortEntries(entries) {
		p.Files[i] = File{Path: e.Path, Size: e.Size, SHA256: e.SHA256, Exec: e.Exec}
	}
	return &Statement{
		Type:          StatementType,
		Subject:       []Subject{{Name: SubjectPrefix + name, Digest: map[string]string{"sha256": strings.TrimPrefix(sum, "sha256:")}}},
		PredicateType: PredicateType,
		Predicate:     p,
	}, nil
}

// Marshal renders the statement as the DSSE payload.
func (s *Statement) Marshal() ([]byte, error) { return json.Marshal(s) }

// SubjectName is the skill name of the single subject, without the prefix.
func (s *Statement) SubjectName() string {
	return strings.TrimPrefix(s.Subject[0].Name, SubjectPrefix)
}

// TreeDigest is the subject's skilltree-v1 digest as "sha256:<hex>".
func (s *Statement) TreeDigest() string { return "sha256:" + s.Subject[0].Digest["sha256"] }

// Parse decodes and checks a payload: statement and predicate types, one
// subject named skill:<name> with a sha256 digest, a predicate without
// unknown fields.
func Parse(data []byte) (*Statement, error) {
	if len(data) > MaxStatementSize {
		return nil, fmt.Errorf("statement: %d bytes is over the %d limit", len(data), MaxStatementSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Statement
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("statement: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("statement: trailing data after the JSON object")
	}
	switch {
	case s.Type != StatementType:
		return nil, fmt.Errorf("statement: type %q, want %q", s.Type, StatementType)
	case s.PredicateType != PredicateType:
		return nil, fmt.Errorf("statement: predicate type %q, want %q", s.PredicateType, PredicateType)
	case len(s.Subject) != 1:
		return nil, fmt.Errorf("statement: %d subjects, want 1", len(s.Subject))
	case !strings.HasPrefix(s.Subject[0].Name, SubjectPrefix) || len(s.Subject[0].Name) == len(SubjectPrefix):
		return nil, fmt.Errorf("statement: subject %q is not skill:<name>", s.Subject[0].Name)
	case len(s.Subject[0].Digest) != 1:
		return nil, errors.New("statement: subject must carry exactly one digest, sha256")
	case s.Predicate.DigestAlgorithm != digest.Algorithm:
		return nil, fmt.Errorf("statement: digest algorithm %q, want %q", s.Predicate.DigestAlgorithm, digest.Algorithm)
	case s.Predicate.ApprovedAt.IsZero():
		return nil, errors.New("statement: approvedAt missing")
	}
	if b, err := hex.DecodeString(s.Subject[0].Digest["sha256"]); err != nil || len(b) != 32 {
		return nil, errors.New("statement: subject sha256 digest is not 64 hex digits")
	}
	switch s.Predicate.Verdict {
	case "pass", "review", "block":
	default:
		return nil, fmt.Errorf("statement: verdict %q", s.Predicate.Verdict)
	}
	return &s, nil
}

func sortEntries(es []digest.Entry) []digest.Entry {
	out := slices.Clone(es)
	slices.SortFunc(out, func(a, b digest.Entry) int { return strings.Compare(a.Path, b.Path) })
	return out
}
