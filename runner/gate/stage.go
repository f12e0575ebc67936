package gate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/text/unicode/norm"

	"skillgate.dev/skillgate/signing/digest"
	"skillgate.dev/skillgate/signing/trust"
)

// Staging error codes (shared with signing/trust, DESIGN 4.3).
const (
	CodeTreeSymlink = "E_TREE_SYMLINK"
	CodeTreeSpecial = "E_TREE_SPECIAL"
	CodeTreePath    = "E_TREE_PATH"
	CodeTreeLimit   = "E_TREE_LIMIT"
	CodeIO          = "E_IO"
)

// Error is a gate refusal with a stable code.
type Error struct {
	Code string
	Path string // relative to the skill, when about one file
	Err  error
}

func (e *Error) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Path, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Code, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Code returns the stable code of err: a gate [Error]'s code, a
// signing/trust error's code, or E_IO.
func Code(err error) string {
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Code
	}
	if te, ok := trust.AsError(err); ok {
		return string(te.Code)
	}
	return CodeIO
}

// Limits bound a staged tree.
type Limits struct {
	MaxFiles int
	MaxBytes int64
	MaxDepth int
}

// DefaultLimits are generous for a skill and small for a disk.
var DefaultLimits = Limits{MaxFiles: 10000, MaxBytes: 256 << 20, MaxDepth: 32}

// Staged is a private, verified-to-be copy of a skill.
type Staged struct {
	Dir     string         // the staged copy; mount this, never the source
	Entries []digest.Entry // skilltree-v1 entries, hashed while copying
	Digest  string         // digest.Sum(Entries)
}

// Stage copies the skill at src into dst (which must not exist; its
// parent must). Every byte is hashed as it is copied, so Entries describe
// exactly what dst holds. dst is created 0700 while it is filled and set
// to 0555 at the end; files are 0444, or 0555 with an exec bit.
// .skillsig/ at the root is copied (the verifier reads it) but left out
// of Entries, as skilltree-v1 says.
func Stage(ctx context.Context, src, dst string, lim Limits) (*Staged, error) {
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	fi, err := os.Lstat(src)
	if err != nil {
		return nil, &Error{Code: CodeIO, Err: err}
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &Error{Code: CodeTreeSymlink, Path: ".", Err: errors.New("skill folder is a symbolic link")}
	}
	if !fi.IsDir() {
		return nil, &Error{Code: CodeTreeSpecial, Path: ".", Err: errors.New("skill is not a folder")}
	}
	sr, err := os.OpenRoot(src)
	if err != nil {
		return nil, &Error{Code: CodeIO, Err: err}
	}
	defer sr.Close()
	// The opened root must be the folder we Lstat'ed: a swap between the
	// two is refused.
	rfi, err := sr.Stat(".")
	if err != nil || !os.SameFile(fi, rfi) {
		return nil, &Error{Code: CodeTreeSymlink, Path: ".", Err: errors.New("skill folder changed while opening it")}
	}
	if err := os.Mkdir(dst, 0o700); err != nil {
		return nil, &Error{Code: CodeIO, Err: err}
	}
	dr, err := os.OpenRoot(dst)
	if err != nil {
		return nil, &Error{Code: CodeIO, Err: err}
	}
	defer dr.Close()
	s := &stager{ctx: ctx, src: sr, dst: dr, lim: lim, lower: map[string]string{}}
	if err := s.dir(".", 0); err != nil {
		os.RemoveAll(dst) // our own partial copy, never the source
		return nil, err
	}
	sum, err := digest.Sum(s.entries)
	if err != nil {
		os.RemoveAll(dst)
		return nil, &Error{Code: CodeTreePath, Err: err}
	}
	if err := s.seal(); err != nil {
		os.RemoveAll(dst)
		return nil, err
	}
	return &Staged{Dir: dst, Entries: s.entries, Digest: sum}, nil
}

type stager struct {
	ctx      context.Context
	src, dst *os.Root
	lim      Limits
	entries  []digest.Entry
	dirs     []string
	files    int
	bytes    int64
	lower    map[string]string // case-folded path → path
}

func (s *stager) dir(rel string, depth int) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if depth > s.lim.MaxDepth {
		return &Error{Code: CodeTreeLimit, Path: rel, Err: fmt.Errorf("deeper than %d levels", s.lim.MaxDepth)}
	}
	f, err := s.src.Open(rel)
	if err != nil {
		return &Error{Code: CodeIO, Path: rel, Err: err}
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return &Error{Code: CodeIO, Path: rel, Err: err}
	}
	s.dirs = append(s.dirs, rel)
	for _, name := range names {
		p := path.Join(rel, name)
		if err := s.entry(p, rel == "." && name == ".skillsig", depth); err != nil {
			return err
		}
	}
	return nil
}

func (s *stager) entry(p string, sig bool, depth int) error {
	if !norm.NFC.IsNormalString(p) || strings.ContainsAny(p, "\\\n\r") {
		return &Error{Code: CodeTreePath, Path: p, Err: errors.New("name is not NFC or holds a forbidden character")}
	}
	if !sig {
		low := strings.ToLower(p)
		if other, ok := s.lower[low]; ok {
			return &Error{Code: CodeTreePath, Path: p, Err: fmt.Errorf("collides with %q when case is ignored", other)}
		}
		s.lower[low] = p
	}
	fi, err := s.src.Lstat(p)
	if err != nil {
		return &Error{Code: CodeIO, Path: p, Err: err}
	}
	switch m := fi.Mode(); {
	case m&fs.ModeSymlink != 0:
		return &Error{Code: CodeTreeSymlink, Path: p, Err: errors.New("symbolic link")}
	case m.IsDir():
		if err := s.dst.Mkdir(p, 0o700); err != nil {
			return &Error{Code: CodeIO, Path: p, Err: err}
		}
		return s.dir(p, depth+1)
	case !m.IsRegular():
		return &Error{Code: CodeTreeSpecial, Path: p, Err: fmt.Errorf("special file (%v)", m.Type())}
	case m&(fs.ModeSetuid|fs.ModeSetgid) != 0:
		return &Error{Code: CodeTreeSpecial, Path: p, Err: errors.New("setuid/setgid file")}
	}
	return s.file(p, fi, sig)
}

func (s *stager) file(p string, lfi fs.FileInfo, sig bool) error {
	s.files++
	if s.files > s.lim.MaxFiles {
		return &Error{Code: CodeTreeLimit, Path: p, Err: fmt.Errorf("more than %d files", s.lim.MaxFiles)}
	}
	in, err := s.src.OpenFile(p, os.O_RDONLY|noFollow|nonBlock, 0)
	if err != nil {
		return &Error{Code: CodeIO, Path: p, Err: err}
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return &Error{Code: CodeIO, Path: p, Err: err}
	}
	if !fi.Mode().IsRegular() || !os.SameFile(fi, lfi) {
		return &Error{Code: CodeTreeSpecial, Path: p, Err: errors.New("file changed type while staging")}
	}
	if hardLinked(fi) {
		return &Error{Code: CodeTreeSpecial, Path: p, Err: errors.New("hard link (more than one name)")}
	}
	out, err := s.dst.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o600)
	if err != nil {
		return &Error{Code: CodeIO, Path: p, Err: err}
	}
	h := sha256.New()
	remain := s.lim.MaxBytes - s.bytes
	n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(in, remain+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &Error{Code: CodeIO, Path: p, Err: err}
	}
	s.bytes += n
	if s.bytes > s.lim.MaxBytes {
		return &Error{Code: CodeTreeLimit, Path: p, Err: fmt.Errorf("skill larger than %d bytes", s.lim.MaxBytes)}
	}
	exec := fi.Mode().Perm()&0o111 != 0
	mode := os.FileMode(0o444)
	if exec {
		mode = 0o555
	}
	if err := s.dst.Chmod(p, mode); err != nil {
		return &Error{Code: CodeIO, Path: p, Err: err}
	}
	if !sig && !strings.HasPrefix(p, ".skillsig/") {
		s.entries = append(s.entries, digest.Entry{Path: p, Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), Exec: exec})
	}
	return nil
}

// seal makes every staged folder 0555, deepest first.
func (s *stager) seal() error {
	for i := len(s.dirs) - 1; i >= 0; i-- {
		if err := s.dst.Chmod(s.dirs[i], 0o555); err != nil {
			return &Error{Code: CodeIO, Path: s.dirs[i], Err: err}
		}
	}
	return nil
}

// Remove deletes a stage created by [Stage] (its folders are read-only).
func Remove(dir string) error {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o700)
		}
		return nil
	})
	return os.RemoveAll(dir)
}
