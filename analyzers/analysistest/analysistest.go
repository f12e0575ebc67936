package analysistest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/txtar"

	"skillgate.dev/skillgate/analyzers/analysis"
	"skillgate.dev/skillgate/finding"
	"skillgate.dev/skillgate/rules"
	"skillgate.dev/skillgate/skill"
)

// Fixture is a txtar fixture written to disk as a skill folder.
type Fixture struct {
	// Dir is the skill folder.
	Dir string
	// Archive is the parsed txtar file.
	Archive *txtar.Archive
	// Wants are the expectations, keyed by "path:line".
	Wants map[string][]*Want
}

// Want is one expected finding.
type Want struct {
	Key     string
	Pattern *regexp.Regexp
	matched bool
}

var (
	commentWant = regexp.MustCompile(`(?:<!--|#|//)\s*want\s+((?:(?:"(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `)\s*)+)(?:-->)?\s*$`)
	quoted      = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|` + "`[^`]*`")
	headerWant  = regexp.MustCompile(`^want\s+(\S+):(\d+)\s+(.+)$`)
)

// Load writes the fixture at file into a temporary folder and parses its
// expectations.
func Load(t testing.TB, file string) *Fixture {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return LoadArchive(t, txtar.Parse(data))
}

// LoadArchive is Load for an archive already in memory.
func LoadArchive(t testing.TB, ar *txtar.Archive) *Fixture {
	t.Helper()
	fx := &Fixture{Archive: ar, Wants: map[string][]*Want{}}
	files := map[string][]byte{}
	var order []string
	for _, f := range ar.Files {
		files[f.Name] = slices.Clone(f.Data)
		order = append(order, f.Name)
	}
	name := ""
	type op struct {
		verb string
		args []string
	}
	var ops []op
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		line = strings.TrimSpace(line)
		if m := headerWant.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			fx.addWants(t, fmt.Sprintf("%s:%d", m[1], n), m[3])
			continue
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "skill":
			if len(f) == 2 {
				name = f[1]
			}
		case "chmod", "base64", "symlink", "hardlink", "mkfifo", "zip", "targz", "padlines", "padline", "fill":
			if len(f) >= 2 && (strings.Contains(f[1], "/") || strings.Contains(f[1], ".") || len(f) > 2) {
				ops = append(ops, op{f[0], f[1:]})
			}
		}
	}
	// Content transformations come before expectations are read.
	for _, o := range ops {
		switch o.verb {
		case "base64":
			dec, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(files[o.args[0]])), ""))
			if err != nil {
				t.Fatalf("base64 %s: %v", o.args[0], err)
			}
			files[o.args[0]] = dec
		case "padlines":
			n, _ := strconv.Atoi(o.args[1])
			files[o.args[0]] = append(bytes.Repeat([]byte("\n"), n), files[o.args[0]]...)
		case "padline":
			n, _ := strconv.Atoi(o.args[1])
			files[o.args[0]] = append(bytes.Repeat([]byte(" "), n), files[o.args[0]]...)
		}
	}
	// Expectations in comments, then blank the comments out.
	for _, p := range order {
		data := files[p]
		lines := strings.SplitAfter(string(data), "\n")
		changed := false
		for i, l := range lines {
			m := commentWant.FindStringSubmatchIndex(l)
			if m == nil {
				continue
			}
			fx.addWants(t, fmt.Sprintf("%s:%d", p, i+1), l[m[2]:m[3]])
			end := len(strings.TrimRight(l, "\r\n"))
			lines[i] = l[:m[0]] + strings.Repeat(" ", end-m[0]) + l[end:]
			lines[i] = strings.TrimRight(lines[i][:end], " ") + l[end:]
			changed = true
		}
		if changed {
			files[p] = []byte(strings.Join(lines, ""))
		}
	}
	if name == "" {
		if m := skill.ParseManifest(files[skill.ManifestFile]); m != nil {
			name = m.String("name")
		}
	}
	if name == "" {
		name = "fixture-skill"
	}
	fx.Dir = filepath.Join(t.TempDir(), name)
	packed := map[string]bool{}
	for _, o := range ops {
		switch o.verb {
		case "zip", "targz":
			prefix := strings.TrimSuffix(o.args[1], "/") + "/"
			var members []string
			for _, p := range order {
				if strings.HasPrefix(p, prefix) {
					members = append(members, p)
					packed[p] = true
				}
			}
			files[o.args[0]] = pack(t, o.verb, prefix, members, files)
			order = append(order, o.args[0])
			// Expectations move with the member into the archive.
			for key, ws := range fx.Wants {
				if strings.HasPrefix(key, prefix) {
					nk := o.args[0] + "!" + strings.TrimPrefix(key, prefix)
					for _, w := range ws {
						w.Key = nk
					}
					fx.Wants[nk] = append(fx.Wants[nk], ws...)
					delete(fx.Wants, key)
				}
			}
		case "fill":
			size := parseSize(t, o.args[1])
			files[o.args[0]] = bytes.Repeat([]byte("0123456789abcdef"), int(size/16)+1)[:size]
			order = append(order, o.args[0])
		}
	}
	for _, p := range order {
		if packed[p] {
			continue
		}
		full := filepath.Join(fx.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(fx.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, o := range ops {
		full := filepath.Join(fx.Dir, filepath.FromSlash(o.args[0]))
		var err error
		switch o.verb {
		case "chmod":
			mode, perr := strconv.ParseUint(o.args[0], 8, 32)
			if perr != nil || len(o.args) != 2 {
				t.Fatalf("chmod %v: want MODE PATH", o.args)
			}
			err = os.Chmod(filepath.Join(fx.Dir, filepath.FromSlash(o.args[1])), os.FileMode(mode)&os.ModePerm|setbits(mode))
		case "symlink":
			os.MkdirAll(filepath.Dir(full), 0o755)
			err = os.Symlink(o.args[1], full)
		case "hardlink":
			os.MkdirAll(filepath.Dir(full), 0o755)
			err = os.Link(filepath.Join(fx.Dir, filepath.FromSlash(o.args[1])), full)
		case "mkfifo":
			os.MkdirAll(filepath.Dir(full), 0o755)
			err = syscall.Mkfifo(full, 0o644)
		}
		if err != nil {
			t.Fatalf("%s %v: %v", o.verb, o.args, err)
		}
	}
	return fx
}

func setbits(mode uint64) os.FileMode {
	var m os.FileMode
	if mode&0o4000 != 0 {
		m |= os.ModeSetuid
	}
	if mode&0o2000 != 0 {
		m |= os.ModeSetgid
	}
	return m
}

func parseSize(t testing.TB, s string) int64 {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "MiB"):
		mult, s = 1<<20, strings.TrimSuffix(s, "MiB")
	case strings.HasSuffix(s, "KiB"):
		mult, s = 1<<10, strings.TrimSuffix(s, "KiB")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("fill size %q: %v", s, err)
	}
	return n * mult
}

func pack(t testing.TB, kind, prefix string, members []string, files map[string][]byte) []byte {
	var buf bytes.Buffer
	switch kind {
	case "zip":
		zw := zip.NewWriter(&buf)
		for _, m := range members {
			w, err := zw.Create(strings.TrimPrefix(m, prefix))
			if err != nil {
				t.Fatal(err)
			}
			w.Write(files[m])
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	case "targz":
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		for _, m := range members {
			tw.WriteHeader(&tar.Header{Name: strings.TrimPrefix(m, prefix), Mode: 0o644, Size: int64(len(files[m])), Typeflag: tar.TypeReg})
			tw.Write(files[m])
		}
		tw.Close()
		gz.Close()
	}
	return buf.Bytes()
}

func (fx *Fixture) addWants(t testing.TB, key, list string) {
	for _, q := range quoted.FindAllString(list, -1) {
		var s string
		if q[0] == '`' {
			s = q[1 : len(q)-1]
		} else {
			var err error
			if s, err = strconv.Unquote(q); err != nil {
				t.Fatalf("%s: bad want string %s: %v", key, q, err)
			}
		}
		re, err := regexp.Compile(s)
		if err != nil {
			t.Fatalf("%s: bad want regexp %q: %v", key, s, err)
		}
		fx.Wants[key] = append(fx.Wants[key], &Want{Key: key, Pattern: re})
	}
}

// Skill loads the fixture's folder with default limits.
func (fx *Fixture) Skill(t testing.TB) *skill.Skill {
	t.Helper()
	s, err := skill.Load(context.Background(), fx.Dir, filepath.Base(fx.Dir), skill.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Check compares findings with the fixture's expectations. Only findings
// for which checked returns true take part (nil: all).
func (fx *Fixture) Check(t testing.TB, findings []finding.Finding, checked func(ruleID string) bool) {
	t.Helper()
	for _, ws := range fx.Wants {
		for _, w := range ws {
			w.matched = false
		}
	}
	for _, f := range findings {
		if checked != nil && !checked(f.RuleID) {
			continue
		}
		key := fmt.Sprintf("%s:%d", f.Location.Path, f.Location.StartLine)
		text := f.RuleID + ": " + f.Message
		ok := false
		for _, w := range fx.Wants[key] {
			if !w.matched && w.Pattern.MatchString(text) {
				w.matched, ok = true, true
				break
			}
		}
		if !ok {
			t.Errorf("%s: unexpected finding: %s%s", key, text, traceText(f))
		}
	}
	var keys []string
	for k := range fx.Wants {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, w := range fx.Wants[k] {
			if !w.matched {
				t.Errorf("%s: no finding matched %q", k, w.Pattern)
			}
		}
	}
}

func traceText(f finding.Finding) string {
	if len(f.Trace) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range f.Trace {
		fmt.Fprintf(&b, "\n\t\t%s: %s", s.Location, s.Note)
	}
	return b.String()
}

// WantedRules returns the rule IDs that the fixture's expectations name.
func (fx *Fixture) WantedRules() map[string]bool {
	out := map[string]bool{}
	id := regexp.MustCompile(`SG[0-9]{4}`)
	for _, ws := range fx.Wants {
		for _, w := range ws {
			for _, m := range id.FindAllString(w.Pattern.String(), -1) {
				out[m] = true
			}
		}
	}
	return out
}

// Run loads the fixture, runs the analyzers on it and checks every
// finding of the analyzers' rules and of loading problems whose rules
// they declare.
func Run(t *testing.T, file string, list ...*analysis.Analyzer) *analysis.Result {
	t.Helper()
	fx := Load(t, file)
	s := fx.Skill(t)
	res, err := analysis.Run(context.Background(), s, rules.MustLoad(), list)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, a := range list {
		for _, r := range a.Rules {
			declared[r] = true
		}
	}
	all := append(slices.Clone(s.Problems), res.Findings...)
	fx.Check(t, all, func(id string) bool { return declared[id] })
	return res
}

// RunDir runs Run on every *.txtar file in dir as a subtest.
func RunDir(t *testing.T, dir string, list ...*analysis.Analyzer) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if len(files) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(path.Base(filepath.ToSlash(f)), ".txtar"), func(t *testing.T) {
			Run(t, f, list...)
		})
	}
}
