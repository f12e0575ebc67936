package skill

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// expandArchives unpacks, in memory, every archive found by the walk and
// appends its members as files; members that are archives are unpacked
// in turn, up to MaxArchiveDepth.
func (l *loader) expandArchives() {
	queue := make([]*File, 0)
	depth := map[string]int{}
	for _, f := range l.s.Files {
		if f.Kind == Archive {
			queue = append(queue, f)
		}
	}
	for len(queue) > 0 {
		if l.ctx.Err() != nil {
			l.s.problem(ruleLimit, queue[0].Path, "the scan was cancelled before %s was unpacked", queue[0].Path)
			return
		}
		a := queue[0]
		queue = queue[1:]
		d := depth[a.Path]
		if d >= l.lim.MaxArchiveDepth {
			l.s.problem(ruleLimit, a.Path, "%s is nested %d archives deep, over the limit of %d; it was not unpacked", a.Path, d+1, l.lim.MaxArchiveDepth)
			continue
		}
		members := l.unpack(a)
		for _, m := range members {
			if m.Kind == Archive {
				depth[m.Path] = d + 1
				queue = append(queue, m)
			}
		}
	}
}

// unpack adds the members of one archive and returns them.
func (l *loader) unpack(a *File) []*File {
	budget := &budget{left: l.lim.MaxArchiveSize}
	var members []*File
	var err error
	switch a.Format {
	case "zip":
		members, err = l.unzip(a, budget)
	case "tar":
		members, err = l.untar(a, bytes.NewReader(a.Data), budget)
	case "gzip":
		members, err = l.gunzip(a, budget)
	case "bzip2":
		members, err = l.decompressed(a, "bz2", bzip2.NewReader(bytes.NewReader(a.Data)), budget)
	default:
		l.s.problem(ruleBadArchive, a.Path, "%s is a %s archive, which skillgate cannot unpack; its content was not analysed", a.Path, a.Format)
		return nil
	}
	what := a.Format
	if err != nil {
		var lim *limitError
		if errors.As(err, &lim) {
			l.s.problem(ruleLimit, a.Path, "%s: %v; the rest of the archive was not analysed", a.Path, err)
		} else {
			l.s.problem(ruleBadArchive, a.Path, "%s could not be unpacked completely: %v", a.Path, err)
		}
	}
	l.s.problem(ruleArchive, a.Path, "%s is a %s archive; its %d members were scanned", a.Path, what, len(members))
	return members
}

type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// budget is the uncompressed bytes an archive may still expand to.
type budget struct{ left int64 }

// readMember reads at most the per-file limit and the archive's remaining
// budget, never trusting sizes declared in headers.
func (l *loader) readMember(r io.Reader, name string, b *budget) ([]byte, error) {
	max := min(l.lim.MaxFileSize, b.left)
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		if max == l.lim.MaxFileSize {
			return nil, &limitError{fmt.Sprintf("member %s expands past the per-file limit of %d bytes", name, l.lim.MaxFileSize)}
		}
		return nil, &limitError{fmt.Sprintf("expands past the archive limit of %d bytes (a zip bomb?)", l.lim.MaxArchiveSize)}
	}
	b.left -= int64(len(data))
	return data, nil
}

// member validates an archive member's name and registers it.
func (l *loader) member(a *File, name string, mode fs.FileMode, data []byte) (*File, error) {
	clean := path.Clean(strings.ReplaceAll(name, "\\", "/"))
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(name, "\x00") {
		l.s.problem(rulePathTrick, a.Path, "%s holds a member named %q that points outside the archive", a.Path, name)
		clean = strings.TrimLeft(strings.ReplaceAll(clean, "../", ""), "/")
	}
	if clean == "" || clean == "." || clean == ".." {
		clean = "unnamed" // a member must name a file inside the archive
	}
	p := a.Path + "!" + clean
	l.checkName(p, path.Base(clean))
	if !l.admit(p, int64(len(data))) {
		return nil, &limitError{fmt.Sprintf("member %s is over a skill limit", p)}
	}
	f := &File{Path: safePath(p), Mode: mode.Perm(), Size: int64(len(data)), Data: data, Container: a.Path}
	l.add(f)
	return f, nil
}

func (l *loader) unzip(a *File, b *budget) ([]*File, error) {
	// zip.NewReader builds the whole central directory in memory; a small
	// zip can declare millions of entries. Count the directory records
	// first (an upper bound) and refuse more than the skill may hold.
	if n := bytes.Count(a.Data, []byte("PK\x01\x02")); n > l.lim.MaxFiles {
		return nil, &limitError{fmt.Sprintf("it declares %d members, more than the limit of %d files", n, l.lim.MaxFiles)}
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Data), int64(len(a.Data)))
	if err != nil {
		return nil, err
	}
	var out []*File
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		if zf.Flags&0x1 != 0 {
			l.s.problem(ruleBadArchive, a.Path, "%s is encrypted (password-protected) in %s; it cannot be analysed", zf.Name, a.Path)
			continue
		}
		if zf.Mode()&fs.ModeSymlink != 0 {
			l.s.problem(ruleLink, a.Path, "%s holds a symbolic link %q", a.Path, zf.Name)
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			l.s.problem(ruleBadArchive, a.Path, "member %s of %s cannot be read: %v", zf.Name, a.Path, err)
			continue
		}
		data, err := l.readMember(rc, zf.Name, b)
		rc.Close()
		if err != nil {
			var lim *limitError
			if errors.As(err, &lim) {
				return out, err
			}
			l.s.problem(ruleBadArchive, a.Path, "member %s of %s cannot be read: %v", zf.Name, a.Path, err)
			continue
		}
		f, err := l.member(a, zf.Name, zf.Mode(), data)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

func (l *loader) untar(a *File, r io.Reader, b *budget) ([]*File, error) {
	tr := tar.NewReader(r)
	var out []*File
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch h.Typeflag {
		case tar.TypeReg:
		case tar.TypeDir, tar.TypeXGlobalHeader:
			continue
		case tar.TypeSymlink, tar.TypeLink:
			l.s.problem(ruleLink, a.Path, "%s holds a link %q -> %q", a.Path, h.Name, h.Linkname)
			continue
		default:
			l.s.problem(ruleSpecial, a.Path, "%s holds a special file %q (type %q)", a.Path, h.Name, h.Typeflag)
			continue
		}
		mode := fs.FileMode(h.Mode).Perm()
		if h.Mode&0o6000 != 0 {
			l.s.problem(ruleSpecial, a.Path, "%s holds %q with the setuid or setgid bit", a.Path, h.Name)
		}
		data, err := l.readMember(tr, h.Name, b)
		if err != nil {
			return out, err
		}
		f, err := l.member(a, h.Name, mode, data)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
}

func (l *loader) gunzip(a *File, b *budget) ([]*File, error) {
	zr, err := gzip.NewReader(bytes.NewReader(a.Data))
	if err != nil {
		return nil, err
	}
	// Concatenated gzip members are one stream to gunzip, so they are to
	// the scanner too: a payload in a second member is not skipped.
	return l.decompressed(a, "gz", zr, b)
}

// decompressed handles a single compressed stream: a tarball, or one
// compressed file named after the archive without its suffix.
func (l *loader) decompressed(a *File, suffix string, r io.Reader, b *budget) ([]*File, error) {
	data, err := l.readMember(r, strings.TrimSuffix(a.Path, "."+suffix), b)
	if err != nil {
		return nil, err
	}
	if len(data) > 262 && string(data[257:262]) == "ustar" {
		return l.untar(a, bytes.NewReader(data), b)
	}
	name := path.Base(strings.TrimSuffix(strings.TrimSuffix(a.Path, ".tgz"), "."+suffix))
	if name == path.Base(a.Path) {
		name = "content"
	}
	f, err := l.member(a, name, 0o644, data)
	if err != nil {
		return nil, err
	}
	return []*File{f}, nil
}
