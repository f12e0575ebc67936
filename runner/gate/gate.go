package gate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"skillgate.dev/skillgate/signing/digest"
)

// Approval is what a verifier grants a staged skill: its identity and
// the capabilities the sandbox may give it.
type Approval struct {
	Name    string   `json:"name"`
	Digest  string   `json:"digest"`
	Network []string `json:"network,omitempty"` // "host:port"
	Env     []string `json:"env,omitempty"`     // variable names
}

// Verifier checks a staged skill against the trust policy. name is the
// skill's name (its source folder's name), dir the staged copy, and
// entries were hashed while staging it: an implementation must verify
// these entries, not re-read some other tree. A refusal is a gate
// [Error] (or a signing/trust error) carrying the stable code.
type Verifier interface {
	Verify(ctx context.Context, name, dir string, entries []digest.Entry) (*Approval, error)
}

// VerifierFunc adapts a function to [Verifier].
type VerifierFunc func(ctx context.Context, name, dir string, entries []digest.Entry) (*Approval, error)

// Verify calls f.
func (f VerifierFunc) Verify(ctx context.Context, name, dir string, entries []digest.Entry) (*Approval, error) {
	return f(ctx, name, dir, entries)
}

// Verified is a staged skill the verifier approved.
type Verified struct {
	Staged
	Approval Approval
}

// StageAndVerify stages src into a fresh folder under stageRoot and
// verifies the staged copy. On refusal the staged copy (ours) is removed;
// src is never touched.
func StageAndVerify(ctx context.Context, src, stageRoot string, v Verifier) (*Verified, error) {
	if v == nil {
		return nil, errors.New("gate: no verifier")
	}
	if err := ensureStageRoot(stageRoot); err != nil {
		return nil, &Error{Code: CodeIO, Err: err}
	}
	dst := filepath.Join(stageRoot, ".stage-"+randHex())
	st, err := Stage(ctx, src, dst, Limits{})
	if err != nil {
		return nil, err
	}
	ap, err := v.Verify(ctx, filepath.Base(filepath.Clean(src)), st.Dir, st.Entries)
	if err != nil {
		Remove(st.Dir)
		return nil, err
	}
	if ap == nil || ap.Digest != st.Digest {
		Remove(st.Dir)
		return nil, &Error{Code: "E_TREE_MISMATCH", Err: fmt.Errorf("approval digest %q differs from the staged tree %s", approvalDigest(ap), st.Digest)}
	}
	return &Verified{Staged: *st, Approval: *ap}, nil
}

func approvalDigest(a *Approval) string {
	if a == nil {
		return ""
	}
	return a.Digest
}

// ensureStageRoot creates the stage root 0700, refusing a symlink.
func ensureStageRoot(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("stage %s: not a folder", dir)
	}
	return os.Chmod(dir, 0o700)
}

func randHex() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// DirOptions configure [Dir].
type DirOptions struct {
	Skills   string // folder holding one sub-folder per skill
	Stage    string // stage root (created 0700)
	Verifier Verifier
	// Target maps a skill name to its mount point in the agent container;
	// nil: NanoClaw's /home/node/.claude/skills/<name>.
	Target func(name string) string
}

// Mount is one read-only bind mount of a verified, staged skill.
type Mount struct {
	Name     string   `json:"name"`
	Source   string   `json:"source"` // the staged copy
	Target   string   `json:"target"`
	Digest   string   `json:"digest"`
	Network  []string `json:"network,omitempty"`
	Env      []string `json:"env,omitempty"`
	ReadOnly bool     `json:"readOnly"`
}

// Refusal is a skill the gate refused; it is not mounted and not deleted.
type Refusal struct {
	Name    string `json:"name"`
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// DirReport is the result of gating a folder of skills.
type DirReport struct {
	Mounts  []Mount   `json:"mounts"`
	Refused []Refusal `json:"refused"`
}

// NanoClawTarget is where NanoClaw's agent containers read skills.
func NanoClawTarget(name string) string { return "/home/node/.claude/skills/" + name }

var skillName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Dir gates every skill folder in o.Skills. Each verified skill is staged
// at o.Stage/<name> (replacing an older stage of it) and gets a read-only
// mount; each refused one is listed with its code.
func Dir(ctx context.Context, o DirOptions) (*DirReport, error) {
	if o.Verifier == nil {
		return nil, errors.New("gate: no verifier")
	}
	target := o.Target
	if target == nil {
		target = NanoClawTarget
	}
	ents, err := os.ReadDir(o.Skills)
	if err != nil {
		return nil, err
	}
	if err := ensureStageRoot(o.Stage); err != nil {
		return nil, err
	}
	rep := &DirReport{Mounts: []Mount{}, Refused: []Refusal{}}
	for _, e := range ents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		src := filepath.Join(o.Skills, name)
		refuse := func(err error) {
			rep.Refused = append(rep.Refused, Refusal{Name: name, Path: src, Code: Code(err), Message: err.Error()})
		}
		if e.Type()&fs.ModeSymlink != 0 {
			refuse(&Error{Code: CodeTreeSymlink, Path: ".", Err: errors.New("skill folder is a symbolic link")})
			continue
		}
		if !e.IsDir() {
			continue
		}
		if !skillName.MatchString(name) || len(name) > 64 {
			refuse(&Error{Code: CodeTreePath, Path: ".", Err: fmt.Errorf("folder name %q is not a valid skill name", name)})
			continue
		}
		v, err := StageAndVerify(ctx, src, o.Stage, o.Verifier)
		if err != nil {
			refuse(err)
			continue
		}
		final := filepath.Join(o.Stage, name)
		if _, err := os.Lstat(final); err == nil {
			if err := Remove(final); err != nil {
				Remove(v.Dir)
				return nil, err
			}
		}
		if err := os.Rename(v.Dir, final); err != nil {
			Remove(v.Dir)
			return nil, err
		}
		rep.Mounts = append(rep.Mounts, Mount{Name: name, Source: final, Target: path.Clean(target(name)),
			Digest: v.Digest, Network: v.Approval.Network, Env: v.Approval.Env, ReadOnly: true})
	}
	slices.SortFunc(rep.Mounts, func(a, b Mount) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(rep.Refused, func(a, b Refusal) int { return strings.Compare(a.Name, b.Name) })
	return rep, nil
}

// DockerArgs renders the mounts as docker/podman -v arguments.
func (r *DirReport) DockerArgs() []string {
	var out []string
	for _, m := range r.Mounts {
		out = append(out, "-v", m.Source+":"+m.Target+":ro")
	}
	return out
}
