package trust

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// versionState is the state file: the highest version seen per policy.
type versionState struct {
	Policies map[string]int64 `json:"policies"`
}

// checkRollback refuses a policy whose version is below the highest seen
// for the same policy identity, and records a higher one.
func (p *Policy) checkRollback() error {
	c := p.cfg
	if c.noRollback {
		return nil
	}
	if c.stateErr != nil {
		return fmt.Errorf("trust policy rollback check: %w", c.stateErr)
	}
	id := c.policyID
	if id == "" {
		id = p.Path
	}
	if id == "" {
		return fmt.Errorf("trust policy rollback check: policy has no identity: use LoadPolicy or WithPolicyID")
	}
	st := versionState{Policies: map[string]int64{}}
	data, err := os.ReadFile(c.stateFile)
	switch {
	case err == nil:
		if err := json.Unmarshal(data, &st); err != nil {
			return fmt.Errorf("read policy version record %s: %w", c.stateFile, err)
		}
		if st.Policies == nil {
			st.Policies = map[string]int64{}
		}
	case !os.IsNotExist(err):
		return fmt.Errorf("read policy version record: %w", err)
	}
	seen := st.Policies[id]
	if p.Version < seen {
		return errorf(EPolicyRollback, "install the current trust policy (version "+fmt.Sprint(seen)+" or later); an older one may lack revocations",
			"trust policy %s has version %d, but version %d was seen before", id, p.Version, seen)
	}
	if p.Version == seen {
		return nil
	}
	st.Policies[id] = p.Version
	out, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.stateFile), 0o700); err != nil {
		return fmt.Errorf("record policy version: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.stateFile), ".policy-versions-*")
	if err != nil {
		return fmt.Errorf("record policy version: %w", err)
	}
	_, werr := tmp.Write(append(out, '\n'))
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("record policy version: %v %v", werr, cerr)
	}
	if err := os.Rename(tmp.Name(), c.stateFile); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("record policy version: %w", err)
	}
	return nil
}
