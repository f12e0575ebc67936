package skill

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// ErrNoSkill is returned by Discover for a path that holds no SKILL.md.
var ErrNoSkill = errors.New("no SKILL.md found")

// skipDirs are never searched for skills (they are still part of a skill
// when they sit inside one). Only git's own database and signature
// folders: a skill placed under node_modules/ or vendor/ is still a skill,
// and skipping those would let one escape the scan.
var skipDirs = map[string]bool{".git": true, ".skillsig": true}

// Discover returns the skill folders at or below each path, sorted and
// without duplicates. A folder with SKILL.md is a skill; the search does
// not descend into it. Links are never followed. A path that does not
// exist is an error; so is a folder with no skill at or below it.
func Discover(ctx context.Context, paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Lstat(p)
		if err != nil {
			return nil, fmt.Errorf("scan %q: %w", p, err)
		}
		if !info.IsDir() {
			if filepath.Base(p) == ManifestFile && info.Mode().IsRegular() {
				out = append(out, filepath.Dir(p))
				continue
			}
			return nil, fmt.Errorf("scan %q: not a folder; give a skill folder or a folder of skills", p)
		}
		n := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				return nil // unreadable subfolders hold no skill we could load
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !d.IsDir() {
				return nil
			}
			if path != p && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			if st, err := os.Lstat(filepath.Join(path, ManifestFile)); err == nil && st.Mode().IsRegular() {
				out = append(out, path)
				return filepath.SkipDir
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("scan %q: %w", p, err)
		}
		if len(out) == n {
			return nil, fmt.Errorf("scan %q: %w at or below it", p, ErrNoSkill)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Owning returns the skill folders that contain the given files: for each
// file, the nearest enclosing folder with a SKILL.md, searched upwards no
// further than stop (the checkout root; "" for the filesystem root).
// Files outside any skill are ignored; deleted files are placed by their
// folder. Used by the pre-commit hook, which passes the touched files.
func Owning(files []string, stop string) []string {
	stopAbs, _ := filepath.Abs(stop)
	var out []string
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
			if st, err := os.Lstat(filepath.Join(dir, ManifestFile)); err == nil && st.Mode().IsRegular() {
				out = append(out, dir)
				break
			}
			if dir == stopAbs || dir == filepath.Dir(dir) {
				break
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
