package approval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"skillgate.dev/skillgate/signing/attest"
	"skillgate.dev/skillgate/signing/bundle"
	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/keys"
)

// Request is one approval to write.
type Request struct {
	SkillDir string
	// Name is the skill's name; the subject is "skill:<Name>".
	Name string
	// Entries are the approved files (digest.Tree of SkillDir, normally).
	Entries []digest.Entry
	// Report is the scan report (JSON) shown to the reviewer.
	Report []byte
	// Predicate carries verdict, override, scanner, capabilities,
	// approver and times; files, report digest and digest algorithm are
	// filled in.
	Predicate attest.Predicate
	Key       *keys.PrivateKey
}

// Result says what was written.
type Result struct {
	Bundle       string // path of the bundle file
	Report       string // path of the report file
	KeyID        string
	TreeDigest   string
	BundleDigest string // payload digest, as revocations name it
	Replaced     bool   // the key's own earlier approval was replaced
}

// Write signs and writes the approval.
func Write(ctx context.Context, req Request) (*Result, error) {
	if req.Key == nil {
		return nil, errors.New("approve: no key")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(req.Report)
	p := req.Predicate
	p.ScanReport = attest.ScanReport{Path: "scan-report.json", Digest: "sha256:" + hex.EncodeToString(sum[:])}
	st, err := attest.New(req.Name, req.Entries, p)
	if err != nil {
		return nil, fmt.Errorf("approve %s: %w", req.Name, err)
	}
	payload, err := st.Marshal()
	if err != nil {
		return nil, err
	}
	b, err := bundle.Sign(attest.PayloadType, payload, req.Key.Signer, req.Key.ID)
	if err != nil {
		return nil, err
	}
	data, err := bundle.Marshal(b)
	if err != nil {
		return nil, err
	}

	sigDir := filepath.Join(req.SkillDir, digest.SigDir)
	apprDir := filepath.Join(sigDir, "approvals")
	out := filepath.Join(apprDir, req.Key.ID+bundle.Suffix)
	res := &Result{Bundle: out, Report: filepath.Join(sigDir, "scan-report.json"), KeyID: req.Key.ID,
		TreeDigest: st.TreeDigest(), BundleDigest: bundle.PayloadDigest(b)}
	if err := checkOthers(apprDir, res, req.Report, req.Key.ID); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(apprDir, 0o755); err != nil {
		return nil, fmt.Errorf("approve: %w", err)
	}
	if err := writeAtomic(res.Report, req.Report); err != nil {
		return nil, err
	}
	if err := writeAtomic(out, append(data, '\n')); err != nil {
		return nil, err
	}
	return res, nil
}

// checkOthers refuses to overwrite a bundle file that holds another
// key's approval, and to replace a scan report that another approver's
// current approval depends on.
func checkOthers(apprDir string, res *Result, report []byte, keyID string) error {
	des, err := os.ReadDir(apprDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("approve: %w", err)
	}
	oldReport, rerr := os.ReadFile(res.Report)
	oldSum := sha256.Sum256(oldReport)
	oldDigest := "sha256:" + hex.EncodeToString(oldSum[:])
	newSum := sha256.Sum256(report)
	reportChanges := rerr != nil || oldSum != newSum
	for _, de := range des {
		file := filepath.Join(apprDir, de.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		b, err := bundle.Parse(data)
		if err != nil {
			if file == res.Bundle {
				return fmt.Errorf("approve: %s exists and is not a bundle; remove it yourself if it is garbage", file)
			}
			continue
		}
		hint := bundle.KeyHint(b)
		if hint != keyID {
			if file == res.Bundle {
				return fmt.Errorf("approve: %s holds an approval by key %s; it is not yours to replace", file, hint)
			}
			if !reportChanges {
				continue
			}
			st, err := attest.Parse(bundle.Envelope(b).Payload)
			if err == nil && st.TreeDigest() == res.TreeDigest && st.Predicate.ScanReport.Digest == oldDigest {
				return fmt.Errorf("approve: the new scan report differs from the one that key %s approved for these same files; "+
					"approving would invalidate that approval (re-scan with the same skillgate version and rules)", shortID(hint))
			}
			continue
		}
		if file == res.Bundle {
			res.Replaced = true
		}
	}
	return nil
}

func shortID(id string) string {
	if len(id) > 16 {
		return id[:16]
	}
	return id
}

func writeAtomic(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return fmt.Errorf("approve: %w", err)
	}
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Chmod(0o644), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("approve: write %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("approve: %w", err)
	}
	return nil
}
