package scan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"skillgate.dev/skillgate/skill"
)

// Selection is the outcome of a changed-only scan: the skill folders to
// scan and the skills deleted since the base revision.
type Selection struct {
	Skills  []string
	Removed []string
}

// SelectChanged keeps the skills under paths that contain a changed file,
// and lists as removed the folders that held a SKILL.md at the base
// revision, had changes, and hold none now. changed and skillsAtRev are
// absolute paths (from runner/vcs); base is what report paths are
// relative to.
func SelectChanged(ctx context.Context, paths, changed, skillsAtRev []string, base string) (*Selection, error) {
	sel := &Selection{}
	var dirs []string
	for _, p := range paths {
		ds, err := skill.Discover(ctx, []string{p})
		if err != nil && !errors.Is(err, skill.ErrNoSkill) {
			return nil, err
		}
		dirs = append(dirs, ds...)
	}
	var roots []string
	for _, p := range paths {
		abs, _ := filepath.Abs(p)
		roots = append(roots, abs)
	}
	within := func(file, dir string) bool {
		return file == dir || strings.HasPrefix(file, dir+string(filepath.Separator))
	}
	for _, d := range dirs {
		abs, _ := filepath.Abs(d)
		if slices.ContainsFunc(changed, func(f string) bool { return within(f, abs) }) {
			sel.Skills = append(sel.Skills, d)
		}
	}
	for _, d := range skillsAtRev {
		if !slices.ContainsFunc(roots, func(r string) bool { return within(d, r) }) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(d, skill.ManifestFile)); err == nil {
			continue
		}
		if slices.ContainsFunc(changed, func(f string) bool { return within(f, d) }) {
			sel.Removed = append(sel.Removed, skill.Rel(base, d))
		}
	}
	slices.Sort(sel.Removed)
	sel.Removed = slices.Compact(sel.Removed)
	return sel, nil
}

// Empty is the result of a scan with nothing to scan.
func Empty() *Result {
	res := &Result{SchemaVersion: SchemaVersion, Tool: toolInfo(), Skills: []SkillResult{}}
	res.finish()
	return res
}
