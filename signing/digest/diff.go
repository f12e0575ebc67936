package digest

import (
	"slices"
	"strings"
)

// ChangeKind says how a file differs from the approved tree.
type ChangeKind string

// Change kinds, as E_TREE_MISMATCH lists them.
const (
	Modified    ChangeKind = "modified"
	Added       ChangeKind = "added"
	Removed     ChangeKind = "removed"
	ModeChanged ChangeKind = "mode-changed"
)

// Change is one difference between two trees.
type Change struct {
	Path string     `json:"path"`
	Kind ChangeKind `json:"kind"`
}

func (c Change) String() string { return string(c.Kind) + ": " + c.Path }

// Diff lists how tree b differs from tree a (the approved one), sorted by
// path. A file whose bytes and exec bit both changed is Modified. A rename
// shows as a removal plus an addition.
func Diff(a, b []Entry) []Change {
	old := make(map[string]Entry, len(a))
	for _, e := range a {
		old[e.Path] = e
	}
	var out []Change
	seen := make(map[string]bool, len(b))
	for _, e := range b {
		seen[e.Path] = true
		o, ok := old[e.Path]
		switch {
		case !ok:
			out = append(out, Change{e.Path, Added})
		case o.SHA256 != e.SHA256 || o.Size != e.Size:
			out = append(out, Change{e.Path, Modified})
		case o.Exec != e.Exec:
			out = append(out, Change{e.Path, ModeChanged})
		}
	}
	for _, e := range a {
		if !seen[e.Path] {
			out = append(out, Change{e.Path, Removed})
		}
	}
	slices.SortFunc(out, func(x, y Change) int {
		if c := strings.Compare(x.Path, y.Path); c != 0 {
			return c
		}
		return strings.Compare(string(x.Kind), string(y.Kind))
	})
	return out
}
