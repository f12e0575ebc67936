package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Stable codes of the tree errors (DESIGN 4.3 gate errors).
const (
	CodeSymlink = "E_TREE_SYMLINK"
	CodeSpecial = "E_TREE_SPECIAL"
	CodePath    = "E_TREE_PATH"
)

// SigDir is the folder at the root of a skill that holds approvals; it is
// the only path the digest leaves out.
const SigDir = ".skillsig"

// TreeError says why a tree cannot be digested. Code is one of
// [CodeSymlink], [CodeSpecial] or [CodePath].
type TreeError struct {
	Code   string
	Path   string // slash-separated, relative to the tree
	Reason string
}

func (e *TreeError) Error() string {
	return fmt.Sprintf("%s: %q: %s", Algorithm, e.Path, e.Reason)
}

// Limits bound a walk so that a hostile tree cannot exhaust memory or time.
const (
	MaxFiles = 100_000
	MaxDepth = 64
)

// Tree walks dir through an [os.Root] without following links and returns
// one entry per regular file, sorted by path. Symlinks, hard links,
// devices, FIFOs, sockets and setuid/setgid files are rejected with a
// [*TreeError], and so are names that are not NFC, hold control
// characters or backslashes, or collide with another name when case is
// folded. Empty folders do not appear in the digest.
func Tree(dir string) ([]Entry, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: open tree: %w", Algorithm, err)
	}
	defer root.Close()
	w := walker{folded: map[string]string{}, buf: make([]byte, 64<<10)}
	if err := w.walk(root, ".", 0); err != nil {
		return nil, err
	}
	slices.SortFunc(w.entries, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	return w.entries, nil
}

type walker struct {
	entries []Entry
	folded  map[string]string // case-folded path -> path
	buf     []byte
}

// walk reads one folder through its own os.Root, so every call below
// names a single path component (one syscall, no link followed).
func (w *walker) walk(root *os.Root, dir string, depth int) error {
	if depth > MaxDepth {
		return &TreeError{Code: CodePath, Path: dir, Reason: fmt.Sprintf("nested deeper than %d folders", MaxDepth)}
	}
	f, err := root.Open(".")
	if err != nil {
		return fmt.Errorf("%s: open %q: %w", Algorithm, dir, err)
	}
	des, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: read folder %q: %w", Algorithm, dir, err)
	}
	slices.SortFunc(des, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for _, de := range des {
		name := de.Name()
		rel := name
		if dir != "." {
			rel = dir + "/" + name
		}
		if dir == "." && name == SigDir {
			continue
		}
		if err := checkName(rel, name); err != nil {
			return err
		}
		key := fold(rel)
		if other, ok := w.folded[key]; ok {
			return &TreeError{Code: CodePath, Path: rel, Reason: fmt.Sprintf("collides with %q when case is ignored", other)}
		}
		w.folded[key] = rel
		info, err := root.Lstat(name)
		if err != nil {
			return fmt.Errorf("%s: stat %q: %w", Algorithm, rel, err)
		}
		mode := info.Mode()
		switch {
		case mode&fs.ModeSymlink != 0:
			return &TreeError{Code: CodeSymlink, Path: rel, Reason: "symbolic link"}
		case mode.IsDir():
			sub, err := root.OpenRoot(name)
			if err != nil {
				return fmt.Errorf("%s: open %q: %w", Algorithm, rel, err)
			}
			err = w.walk(sub, rel, depth+1)
			sub.Close()
			if err != nil {
				return err
			}
			continue
		case !mode.IsRegular():
			return &TreeError{Code: CodeSpecial, Path: rel, Reason: "not a regular file (" + mode.Type().String() + ")"}
		case mode&(fs.ModeSetuid|fs.ModeSetgid) != 0:
			return &TreeError{Code: CodeSpecial, Path: rel, Reason: "setuid or setgid bit set"}
		}
		if n := linkCount(info); n > 1 {
			return &TreeError{Code: CodeSpecial, Path: rel, Reason: fmt.Sprintf("hard link (%d names)", n)}
		}
		if len(w.entries) >= MaxFiles {
			return &TreeError{Code: CodePath, Path: rel, Reason: fmt.Sprintf("more than %d files", MaxFiles)}
		}
		e, err := w.hash(root, name, rel, info)
		if err != nil {
			return err
		}
		w.entries = append(w.entries, e)
	}
	return nil
}

// hash reads a file and checks that what was opened is what was stat'ed,
// so a file swapped for a link between the two calls is caught.
func (w *walker) hash(root *os.Root, name, rel string, info fs.FileInfo) (Entry, error) {
	f, err := root.Open(name)
	if err != nil {
		return Entry{}, fmt.Errorf("%s: open %q: %w", Algorithm, rel, err)
	}
	defer f.Close()
	got, err := f.Stat()
	if err != nil {
		return Entry{}, fmt.Errorf("%s: stat %q: %w", Algorithm, rel, err)
	}
	if !os.SameFile(info, got) || got.Mode() != info.Mode() {
		return Entry{}, &TreeError{Code: CodeSymlink, Path: rel, Reason: "file changed while it was read"}
	}
	h := sha256.New()
	n, err := io.CopyBuffer(h, struct{ io.Reader }{f}, w.buf)
	if err != nil {
		return Entry{}, fmt.Errorf("%s: read %q: %w", Algorithm, rel, err)
	}
	if n != info.Size() {
		return Entry{}, &TreeError{Code: CodeSpecial, Path: rel, Reason: "file changed while it was read"}
	}
	return Entry{Path: rel, Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), Exec: info.Mode()&0o111 != 0}, nil
}

func fold(p string) string { return strings.ToLower(norm.NFC.String(p)) }

func checkName(rel, name string) error {
	if !norm.NFC.IsNormalString(name) {
		return &TreeError{Code: CodePath, Path: rel, Reason: "name is not in Unicode NFC"}
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return &TreeError{Code: CodePath, Path: rel, Reason: fmt.Sprintf("name holds %q", r)}
		}
	}
	return nil
}

// ValidatePath checks a path taken from untrusted input (a predicate's
// file list): relative, slash-separated, clean, NFC, without control
// characters, backslashes or "." and ".." segments, and not under
// .skillsig/.
func ValidatePath(p string) error {
	bad := func(reason string) error { return &TreeError{Code: CodePath, Path: p, Reason: reason} }
	switch {
	case p == "":
		return bad("empty path")
	case strings.HasPrefix(p, "/"):
		return bad("absolute path")
	case path.Clean(p) != p:
		return bad("path is not clean")
	case p == SigDir || strings.HasPrefix(p, SigDir+"/"):
		return bad("path inside " + SigDir + "/")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." || seg == "" {
			return bad("path has a " + fmt.Sprintf("%q", seg) + " segment")
		}
		if err := checkName(p, seg); err != nil {
			return err
		}
	}
	return nil
}

// Check validates a list of entries computed elsewhere (the gate's staged
// copy, a predicate): every path valid, no duplicates, no case collisions,
// well-formed hashes.
func Check(entries []Entry) error {
	seen := make(map[string]string, len(entries))
	for _, e := range entries {
		if err := ValidatePath(e.Path); err != nil {
			return err
		}
		if other, ok := seen[fold(e.Path)]; ok {
			if other == e.Path {
				return &TreeError{Code: CodePath, Path: e.Path, Reason: "listed twice"}
			}
			return &TreeError{Code: CodePath, Path: e.Path, Reason: fmt.Sprintf("collides with %q when case is ignored", other)}
		}
		seen[fold(e.Path)] = e.Path
		if e.Size < 0 {
			return &TreeError{Code: CodePath, Path: e.Path, Reason: "negative size"}
		}
		if b, err := hex.DecodeString(e.SHA256); err != nil || len(b) != sha256.Size || strings.ToLower(e.SHA256) != e.SHA256 {
			return &TreeError{Code: CodePath, Path: e.Path, Reason: "sha256 is not 64 lowercase hex digits"}
		}
	}
	return nil
}

// AsTreeError returns err's [*TreeError], if any.
func AsTreeError(err error) (*TreeError, bool) {
	var te *TreeError
	ok := errors.As(err, &te)
	return te, ok
}
