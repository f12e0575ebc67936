// Package vcs asks git which files changed, for `scan --changed-since`.
// It lives under runner/ because runner owns every process skillgate
// starts; it runs git with a fixed argument vector, never a shell, and
// never on a skill's own instructions.
package vcs

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Changes are the files that differ between a revision and the working
// tree (committed, staged, unstaged or untracked), as absolute paths, and
// the SKILL.md files that existed at the revision.
type Changes struct {
	Top         string
	Files       []string
	SkillsAtRev []string // absolute paths of folders that held SKILL.md at rev
}

// ChangedSince runs git in dir's checkout.
func ChangedSince(ctx context.Context, dir, rev string) (*Changes, error) {
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	if _, err := git(ctx, top, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("git does not know the revision %q", rev)
	}
	c := &Changes{Top: top}
	diff, err := git(ctx, top, "diff", "--name-only", "-z", "--no-renames", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git(ctx, top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(diff+untracked, "\x00") {
		if p != "" {
			c.Files = append(c.Files, filepath.Join(top, filepath.FromSlash(p)))
		}
	}
	tree, err := git(ctx, top, "ls-tree", "-r", "-z", "--name-only", rev)
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(tree, "\x00") {
		if p == "SKILL.md" || strings.HasSuffix(p, "/SKILL.md") {
			c.SkillsAtRev = append(c.SkillsAtRev, filepath.Join(top, filepath.FromSlash(filepath.Dir(p))))
		}
	}
	return c, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotepath=off"}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out.String(), nil
}
