package skill

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"skillgate.dev/skillgate/finding"
)

// ManifestFile is the file that makes a folder a skill.
const ManifestFile = "SKILL.md"

// Skill is a loaded skill. It is not modified after Load returns.
type Skill struct {
	// Dir is the folder as the caller named it (used to read, never printed
	// in reports).
	Dir string
	// Path is the folder relative to the scan root, slash-separated; it is
	// what reports show.
	Path string
	// Name is the folder's base name.
	Name string
	// Manifest is the parsed SKILL.md; nil when the file is missing.
	Manifest *Manifest
	// Files are every regular file of the skill and every member of its
	// archives, sorted by path.
	Files []*File
	// Problems are what loading found: links, special files, name tricks,
	// limits reached, unreadable archives, binaries.
	Problems []finding.Finding
	// Limits are the limits the skill was loaded with.
	Limits Limits

	byPath map[string]*File
}

// File returns the file at the skill-relative path, or nil.
func (s *Skill) File(path string) *File {
	return s.byPath[path]
}

// Kind says what a file is, as far as its bytes tell.
type Kind string

// Kinds of file.
const (
	// Text is a text file (source, prose, configuration).
	Text Kind = "text"
	// Executable is native code: ELF, Mach-O, PE, WebAssembly.
	Executable Kind = "executable"
	// Bytecode is compiled code for an interpreter: .pyc, .class, .dex.
	Bytecode Kind = "bytecode"
	// Archive is a zip, tar, gzip or other container; its members follow
	// in Files.
	Archive Kind = "archive"
	// Document is an Office file or PDF: data that may carry active content.
	Document Kind = "document"
	// Data is a known data format: images, fonts, audio, video, databases.
	Data Kind = "data"
	// Unknown is binary content that matches no known format.
	Unknown Kind = "unknown-binary"
)

// File is one file of a skill.
type File struct {
	// Path is relative to the skill root, slash-separated. Archive members
	// are "archive.zip!member/path".
	Path string
	// Mode holds the permission bits of the file on disk (members: from
	// the archive header).
	Mode fs.FileMode
	// Size is the size in bytes.
	Size int64
	// Data is the whole content. It is nil when the file was not read
	// (over a limit); a Problems entry then says why.
	Data []byte
	// Kind is what the content is.
	Kind Kind
	// Format names the content format when it is not text ("ELF executable",
	// "Python bytecode", "zip", "PNG image").
	Format string
	// Lang is the language the file is written in, for text files:
	// "markdown", "shell", "python", "javascript", "typescript", "go",
	// "json", "yaml", "toml", "requirements", "html", "text". Binary
	// files have Lang "binary".
	Lang string
	// Container is the path of the archive holding this member, or "".
	Container string
}

// Executable reports whether any execute bit is set.
func (f *File) Executable() bool { return f.Mode&0o111 != 0 }

// IsText reports whether the file holds text that analyzers can read.
func (f *File) IsText() bool { return f.Kind == Text && f.Data != nil }

// Ext returns the lower-cased extension of the file's base name, with dot.
func (f *File) Ext() string { return ext(f.Path) }

func ext(p string) string {
	base := p[strings.LastIndexAny(p, "/!")+1:]
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	return strings.ToLower(base[i:])
}

func (s *Skill) finish() {
	slices.SortFunc(s.Files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	s.byPath = make(map[string]*File, len(s.Files))
	for _, f := range s.Files {
		s.byPath[f.Path] = f
	}
	s.Problems = finding.Sort(s.Problems)
}

func (s *Skill) problem(rule, path, msg string, args ...any) {
	s.Problems = append(s.Problems, finding.Finding{
		RuleID:   rule,
		Message:  fmt.Sprintf(msg, args...),
		Location: finding.Location{Path: path},
	})
}
