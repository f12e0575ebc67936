package extract

import (
	"bytes"
	"context"
	"path"
	"sort"
	"strings"

	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/skill"
)

// Ecosystems, as OSV spells them.
const (
	PyPI = "PyPI"
	NPM  = "npm"
	Go   = "Go"
)

// Sources of a dependency.
const (
	SourceManifest = "manifest"
	SourceLockfile = "lockfile"
	SourceInline   = "inline"
	SourceOpenClaw = "openclaw-install"
)

// Dependency is one package a skill declares, locks or installs.
type Dependency struct {
	Ecosystem string
	Name      string
	// Version is the version or constraint as written ("" when none).
	Version string
	// Pinned is true when Version names exactly one release.
	Pinned   bool
	Location finding.Location
	Source   string
	// URL is set for a dependency fetched from a URL, a VCS or a local path
	// instead of the registry.
	URL string
	// Kind is "dev", "optional", "peer" or "build" for dependencies that are
	// not installed by default, else "".
	Kind string
}

// Hook is a command a package manager runs while installing the skill's
// package: package.json lifecycle scripts, a setup.py cmdclass override.
type Hook struct {
	Location finding.Location
	// Event is the lifecycle step ("postinstall", "cmdclass").
	Event string
	// Command is what the hook runs, as written.
	Command string
}

// Issue is a manifest construct worth a finding of its own.
type Issue struct {
	RuleID   string
	Location finding.Location
	Message  string
	Dep      *Dependency
}

// Output is what one extractor found in one file.
type Output struct {
	Deps   []Dependency
	Hooks  []Hook
	Issues []Issue
}

// Input is one file to extract from, with the skill for files that refer
// to others (requirements -r).
type Input struct {
	File  *skill.File
	Skill *skill.Skill
}

// Extractor reads one kind of manifest.
type Extractor interface {
	// Name identifies the extractor in errors.
	Name() string
	// Match reports whether the extractor reads this file.
	Match(f *skill.File) bool
	// Extract parses the file. An error means the file could not be
	// analysed; the caller reports it.
	Extract(ctx context.Context, in Input) (*Output, error)
}

// base returns the file name of a skill path (after any archive member).
func base(p string) string {
	if i := strings.LastIndexByte(p, '!'); i >= 0 {
		p = p[i+1:]
	}
	return path.Base(p)
}

// text indexes the lines of one file, so that locating a dependency costs
// a binary search, never a rescan of the file (a hostile manifest with many
// lines must not make extraction quadratic). Each extraction builds its own.
type text struct {
	f    *skill.File
	offs []int // start of each line
}

func newText(f *skill.File) *text {
	t := &text{f: f, offs: []int{0}}
	for i, c := range f.Data {
		if c == '\n' {
			t.offs = append(t.offs, i+1)
		}
	}
	return t
}

// lineOf returns the 1-based line of byte offset off.
func (t *text) lineOf(off int) int { return sort.SearchInts(t.offs, off+1) }

// line returns line n (1-based) without its newline.
func (t *text) line(n int) string {
	if n < 1 || n > len(t.offs) {
		return ""
	}
	end := len(t.f.Data)
	if n < len(t.offs) {
		end = t.offs[n] - 1
	}
	start := min(t.offs[n-1], end)
	return strings.TrimRight(string(t.f.Data[start:end]), "\r")
}

func (t *text) loc(line int) finding.Location {
	return finding.Location{Path: t.f.Path, StartLine: line, Snippet: finding.ShortSnippet(t.line(line), 200)}
}

// find returns the first line at or after from (1-based) that contains
// needle, else the first before it, else from; manifests parsed by a
// library that keeps no positions are located this way.
func (t *text) find(needle string, from int) int {
	if from < 1 || from > len(t.offs) {
		from = 1
	}
	if needle == "" {
		return from
	}
	start := t.offs[from-1]
	if i := bytes.Index(t.f.Data[start:], []byte(needle)); i >= 0 {
		return t.lineOf(start + i)
	}
	if i := bytes.Index(t.f.Data[:start], []byte(needle)); i >= 0 {
		return t.lineOf(i)
	}
	return from
}
