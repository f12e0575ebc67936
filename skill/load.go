package skill

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Limits bound what Load reads. Reaching one is a finding (SG8101), never a
// silent truncation.
type Limits struct {
	MaxFiles     int   // regular files and archive members in one skill
	MaxFileSize  int64 // bytes of one file or one archive member
	MaxTotalSize int64 // bytes of all files and members together
	MaxDepth     int   // folder nesting below the skill root
	// MaxArchiveDepth is how deep archives inside archives are unpacked.
	MaxArchiveDepth int
	// MaxArchiveSize is the uncompressed size one archive may expand to.
	MaxArchiveSize int64
}

// DefaultLimits are generous for real skills (a few MB of text) and small
// enough that a hostile skill cannot exhaust memory.
func DefaultLimits() Limits {
	return Limits{
		MaxFiles:        10_000,
		MaxFileSize:     64 << 20,
		MaxTotalSize:    512 << 20,
		MaxDepth:        64,
		MaxArchiveDepth: 3,
		MaxArchiveSize:  256 << 20,
	}
}

// Rule IDs that loading reports.
const (
	ruleBinary     = "SG8001"
	ruleDisguised  = "SG8002"
	ruleLink       = "SG8003"
	ruleSpecial    = "SG8004"
	rulePathTrick  = "SG8005"
	ruleActiveDoc  = "SG8006"
	ruleArchive    = "SG8007"
	ruleLimit      = "SG8101"
	ruleBadArchive = "SG8104"
	ruleUnparsedMD = "SG8102"
	ruleSigDir     = "SG8008"
)

// Load reads the skill in dir. relPath is what reports call the skill
// (its path relative to the scan root). Load fails only when dir itself
// cannot be opened; everything inside becomes Files or Problems.
func Load(ctx context.Context, dir, relPath string, lim Limits) (*Skill, error) {
	if lim == (Limits{}) {
		lim = DefaultLimits()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open skill %q: %w", dir, err)
	}
	defer root.Close()
	abs, _ := filepath.Abs(dir)
	s := &Skill{Dir: dir, Path: relPath, Name: filepath.Base(abs), Limits: lim}
	l := &loader{ctx: ctx, root: root, s: s, lim: lim, names: map[string]string{}}
	if err := l.walk(".", 0); err != nil {
		return nil, err
	}
	l.expandArchives()
	s.finish()
	if f := s.File(ManifestFile); f != nil && f.Data != nil {
		s.Manifest = ParseManifest(f.Data)
	}
	return s, nil
}

type loader struct {
	ctx        context.Context
	root       *os.Root
	s          *Skill
	lim        Limits
	files      int
	total      int64
	countLimit bool
	totalLimit bool
	// names maps a folded form (NFC + case fold) of each path to the first
	// path seen with it, to find collisions.
	names map[string]string
}

var folder = cases.Fold()

func (l *loader) walk(dir string, depth int) error {
	if err := l.ctx.Err(); err != nil {
		return err
	}
	f, err := l.root.Open(dir)
	if err != nil {
		if dir == "." {
			return fmt.Errorf("read skill %q: %w", l.s.Dir, err)
		}
		l.s.problem(ruleLimit, dir, "folder %s could not be read: %v", dir, err)
		return nil
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		l.s.problem(ruleLimit, dir, "folder %s could not be read completely: %v", dir, err)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for _, e := range entries {
		if l.countLimit {
			// The skill is over the file count: the scan is incomplete and
			// says so; reading further only costs time (100,000 files).
			return nil
		}
		name := e.Name()
		rel := name
		if dir != "." {
			rel = dir + "/" + name
		}
		if dir == "." && name == SigDir {
			// Signatures live beside the content they sign and are not part
			// of it; anything else hidden there is reported, never skipped.
			l.checkSigDir()
			continue
		}
		l.checkName(rel, name)
		info, err := l.root.Lstat(rel)
		if err != nil {
			l.s.problem(ruleLimit, rel, "%s could not be examined: %v", rel, err)
			continue
		}
		mode := info.Mode()
		switch {
		case mode&fs.ModeSymlink != 0:
			target, _ := l.readlink(rel)
			l.s.problem(ruleLink, rel, "%s is a symbolic link to %q; links are never followed", rel, target)
		case mode.IsDir():
			if depth+1 > l.lim.MaxDepth {
				l.s.problem(ruleLimit, rel, "folder %s is nested deeper than the limit of %d folders; its content was not analysed", rel, l.lim.MaxDepth)
				continue
			}
			if mode&(fs.ModeSetuid|fs.ModeSetgid) != 0 {
				l.s.problem(ruleSpecial, rel, "folder %s has the setuid or setgid bit", rel)
			}
			if err := l.walk(rel, depth+1); err != nil {
				return err
			}
		case mode.IsRegular():
			l.regular(rel, info)
		default:
			l.s.problem(ruleSpecial, rel, "%s is %s, not a regular file; it was not read", rel, describeMode(mode))
		}
	}
	return nil
}

// SigDir holds approvals and the scan report; it is left out of the
// skill's content and its digest.
const SigDir = ".skillsig"

// checkSigDir reports every entry of .skillsig/ that is not an approval
// bundle (.skillsig/approvals/*.sigstore.json) or the scan report
// (.skillsig/scan-report.json), so that the folder cannot smuggle
// unscanned files into a skill.
func (l *loader) checkSigDir() {
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		f, err := l.root.Open(dir)
		if err != nil {
			l.s.problem(ruleSigDir, dir, "%s could not be read: %v", dir, err)
			return
		}
		entries, _ := f.ReadDir(-1)
		f.Close()
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
		for _, e := range entries {
			rel := dir + "/" + e.Name()
			info, err := l.root.Lstat(rel)
			switch {
			case err != nil:
				l.s.problem(ruleSigDir, safePath(rel), "%s could not be examined: %v", safePath(rel), err)
			case rel == SigDir+"/approvals" && info.IsDir() && depth == 0:
				walk(rel, depth+1)
			case info.Mode().IsRegular() && (rel == SigDir+"/scan-report.json" ||
				depth == 1 && strings.HasSuffix(e.Name(), ".sigstore.json") && !strings.ContainsAny(e.Name(), "/\\")):
			default:
				l.s.problem(ruleSigDir, safePath(rel), "%s is not an approval bundle or the scan report; %s/ holds only those, and this file is neither scanned nor signed", safePath(rel), SigDir)
			}
		}
	}
	walk(SigDir, 0)
}

func (l *loader) readlink(rel string) (string, error) {
	return os.Readlink(filepath.Join(l.s.Dir, filepath.FromSlash(rel)))
}

func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a Unix socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "a special file (" + m.String() + ")"
}

// checkName reports names that hide or collide: control characters,
// bidi and invisible format characters, invalid UTF-8, non-NFC forms, and
// two paths that are equal after NFC and case folding.
func (l *loader) checkName(rel, name string) {
	switch {
	case !utf8.ValidString(name):
		l.s.problem(rulePathTrick, safePath(rel), "file name %q is not valid UTF-8", name)
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) }):
		l.s.problem(rulePathTrick, safePath(rel), "file name %q contains control characters", name)
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Cf, r) }):
		l.s.problem(rulePathTrick, safePath(rel), "file name %q contains invisible or bidi formatting characters", name)
	case !norm.NFC.IsNormalString(name):
		l.s.problem(rulePathTrick, safePath(rel), "file name %q is not in Unicode NFC form; it can collide with or impersonate another name", name)
	}
	key := folder.String(norm.NFC.String(rel))
	if prev, ok := l.names[key]; ok {
		l.s.problem(rulePathTrick, safePath(rel), "%q and %q differ only by case or Unicode normalisation", prev, rel)
		return
	}
	l.names[key] = rel
}

// safePath makes a path printable: control characters and invalid UTF-8
// are escaped so that a report cannot be made to lie.
func safePath(p string) string {
	if utf8.ValidString(p) && !strings.ContainsFunc(p, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
		return p
	}
	q := fmt.Sprintf("%q", p)
	return q[1 : len(q)-1]
}

func (l *loader) regular(rel string, info fs.FileInfo) {
	mode := info.Mode()
	if mode&(fs.ModeSetuid|fs.ModeSetgid) != 0 {
		l.s.problem(ruleSpecial, rel, "%s has the setuid or setgid bit set", rel)
	}
	if n := linkCount(info); n > 1 {
		l.s.problem(ruleLink, rel, "%s is a hard link (%d names for one file); its content may be shared with a file outside the skill", rel, n)
	}
	if !l.admit(rel, info.Size()) {
		return
	}
	data, err := l.read(rel, info)
	if err != nil {
		l.s.problem(ruleLimit, rel, "%s could not be read: %v", rel, err)
		return
	}
	l.add(&File{Path: safePath(rel), Mode: mode.Perm() | mode&(fs.ModeSetuid|fs.ModeSetgid), Size: int64(len(data)), Data: data})
}

// admit applies the count, size and total limits before anything is read.
func (l *loader) admit(rel string, size int64) bool {
	if l.files >= l.lim.MaxFiles {
		if !l.countLimit {
			l.countLimit = true
			l.s.problem(ruleLimit, rel, "the skill has more than %d files; %s and the files after it were not analysed", l.lim.MaxFiles, rel)
		}
		return false
	}
	l.files++
	if size > l.lim.MaxFileSize {
		l.s.problem(ruleLimit, rel, "%s is %d bytes, over the per-file limit of %d bytes; it was not analysed", rel, size, l.lim.MaxFileSize)
		return false
	}
	if l.total+size > l.lim.MaxTotalSize {
		if !l.totalLimit {
			l.totalLimit = true
			l.s.problem(ruleLimit, rel, "the skill is larger than the limit of %d bytes; %s and the files after it were not analysed", l.lim.MaxTotalSize, rel)
		}
		return false
	}
	l.total += size
	return true
}

// read opens a file that Lstat said is regular and checks that what was
// opened is the same file (no swap for a link or FIFO in between).
func (l *loader) read(rel string, info fs.FileInfo) ([]byte, error) {
	f, err := l.root.OpenFile(rel, os.O_RDONLY|noFollow|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	got, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !got.Mode().IsRegular() || !os.SameFile(info, got) {
		return nil, errors.New("the file changed while it was being read")
	}
	data, err := io.ReadAll(io.LimitReader(f, l.lim.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > l.lim.MaxFileSize {
		return nil, fmt.Errorf("it grew past the per-file limit of %d bytes while being read", l.lim.MaxFileSize)
	}
	return data, nil
}

func (l *loader) add(f *File) {
	classify(f)
	l.s.Files = append(l.s.Files, f)
	switch f.Kind {
	case Executable, Bytecode:
		if what, disguised := disguise(f); disguised {
			l.s.problem(ruleDisguised, f.Path, "%s is %s but is named like %s", f.Path, f.Format, what)
		} else {
			l.s.problem(ruleBinary, f.Path, "%s is %s", f.Path, f.Format)
		}
	case Unknown:
		l.s.problem(ruleBinary, f.Path, "%s is binary data of no known format", f.Path)
	case Document:
		if what := activeContent(f); what != "" {
			l.s.problem(ruleActiveDoc, f.Path, "%s contains %s", f.Path, what)
		}
	}
}

// Rel returns the slash-separated path of p relative to base, or p
// cleaned when it is not below base.
func Rel(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return filepath.ToSlash(filepath.Clean(p))
	}
	return path.Clean(filepath.ToSlash(r))
}
